//! The committee's CSV export of a range: its requests, their matches, or the feedback on
//! them, written a page of requests at a time (the file streams out; a large range never
//! sits in memory). Spreadsheet-safe cells (`domain::csv`).

use chrono::{DateTime, NaiveDate, Utc};

use super::{failed, ServiceError};
use crate::domain::csv::{line, BOM};
use crate::server::repo::export::{self, Cursor};
use crate::server::repo::{key_of, midnight_utc};
use crate::server::AppState;

/// Requests read per page.
const PAGE: i64 = 500;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Requests,
    Matches,
    Feedback,
}

impl Kind {
    /// The kind a file name asks for: `requests.csv`, `matches.csv`, `feedback.csv`.
    pub fn from_file(name: &str) -> Option<Self> {
        match name {
            "requests.csv" => Some(Self::Requests),
            "matches.csv" => Some(Self::Matches),
            "feedback.csv" => Some(Self::Feedback),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Requests => "requests",
            Self::Matches => "matches",
            Self::Feedback => "feedback",
        }
    }

    fn header(self) -> &'static [&'static str] {
        match self {
            Self::Requests => &[
                "request",
                "made_on",
                "status",
                "membership",
                "background",
                "learning_goal",
                "roles",
                "settings",
                "modes",
                "region",
                "due_on",
                "matched_on",
                "ended_on",
            ],
            Self::Matches => &[
                "request",
                "volunteer",
                "matched_on",
                "state",
                "ended_on",
                "volunteer_comment",
            ],
            Self::Feedback => &[
                "request",
                "given_on",
                "took_place",
                "mode",
                "rating",
                "most_useful",
                "comment",
            ],
        }
    }
}

fn day(at: DateTime<Utc>) -> String {
    at.date_naive().to_string()
}

fn opt_day(at: Option<DateTime<Utc>>) -> String {
    at.map(day).unwrap_or_default()
}

/// Writes one file a chunk at a time.
pub struct Exporter {
    kind: Kind,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    cursor: Option<Cursor>,
    started: bool,
    done: bool,
}

impl Exporter {
    /// The export of `kind` for the requests made `from..=to`.
    pub fn new(kind: Kind, from: NaiveDate, to: NaiveDate) -> Self {
        Self {
            kind,
            from: midnight_utc(from),
            until: midnight_utc(to.succ_opt().unwrap_or(to)),
            cursor: None,
            started: false,
            done: false,
        }
    }

    /// The next piece of the file (the byte-order mark and the header first), or None at
    /// its end.
    pub async fn next_chunk(&mut self, state: &AppState) -> Result<Option<String>, ServiceError> {
        if !self.started {
            self.started = true;
            return Ok(Some(format!("{BOM}{}", line(self.kind.header()))));
        }
        if self.done {
            return Ok(None);
        }
        let page =
            export::requests_page(&state.db, self.from, self.until, self.cursor.as_ref(), PAGE)
                .await
                .map_err(failed("reading requests to export"))?;
        if page.len() < usize::try_from(PAGE).unwrap_or(usize::MAX) {
            self.done = true;
        }
        let Some(last) = page.last() else {
            return Ok(None);
        };
        self.cursor = Some(Cursor {
            created_at: last.created_at,
            id: last.id.clone(),
        });
        let mut out = String::new();
        match self.kind {
            Kind::Requests => {
                for r in &page {
                    out.push_str(&line(&[
                        r.key(),
                        day(r.created_at),
                        r.status.clone(),
                        r.membership.clone(),
                        r.background.clone(),
                        r.learning_goal.clone(),
                        r.roles.join(" "),
                        r.settings.join(" "),
                        r.modes.join(" "),
                        r.region.clone().unwrap_or_default(),
                        day(r.due_on),
                        opt_day(r.matched_at),
                        opt_day(r.ended_at),
                    ]));
                }
            }
            Kind::Matches => {
                let ids: Vec<_> = page.iter().map(|r| r.id.clone()).collect();
                let matches = export::matches_of(&state.db, &ids)
                    .await
                    .map_err(failed("reading matches to export"))?;
                for m in matches {
                    out.push_str(&line(&[
                        key_of(&m.request),
                        m.volunteer_name
                            .unwrap_or_else(|| "(left the program)".into()),
                        day(m.matched_at),
                        m.state,
                        opt_day(m.ended_at),
                        m.note.unwrap_or_default(),
                    ]));
                }
            }
            Kind::Feedback => {
                let keys: Vec<String> = page.iter().map(export::RequestRow::key).collect();
                let answers = export::feedback_of(&state.db, &keys)
                    .await
                    .map_err(failed("reading feedback to export"))?;
                for f in answers {
                    out.push_str(&line(&[
                        key_of(&f.request),
                        day(f.created_at),
                        if f.happened { "yes" } else { "no" }.to_owned(),
                        f.mode.unwrap_or_default(),
                        f.rating.map(|r| r.to_string()).unwrap_or_default(),
                        f.useful.unwrap_or_default(),
                        f.comment,
                    ]));
                }
            }
        }
        Ok(Some(out))
    }
}
