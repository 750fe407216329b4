//! A studio draft as it is stored (server, or the browser's local storage in practice mode)
//! and the bounds it must keep. Validation only reports: it never trims, cuts or rewrites
//! what the person typed, so a refused draft is still all there to fix.

use serde::{Deserialize, Serialize};

use super::super::choice::choice;
use super::super::validation::ValidationError;
use super::channel::Channel;
use super::questions;
use super::template::{Formality, HowFound};

/// Far above any channel's limit: a field this long is a paste gone wrong, not a message.
pub const FIELD_MAX_CHARS: usize = 10_000;
/// The most questions a preparation sheet holds.
pub const MAX_QUESTIONS: usize = questions::MAX_CHOSEN;

/// Everything the studio keeps for one request (or one practice profile). Also the
/// studio's form as posted (`draft[body]`, `draft[question_ids][]`, …): a checkbox left
/// unticked is simply absent, so every field has a default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub channel: Channel,
    /// A premium LinkedIn account: the longer connection note.
    pub premium: bool,
    pub formality: Formality,
    /// How the person came to write (after a match: always the program).
    pub how_found: HowFound,
    /// The post's or talk's title, the group or the mutual contact's name.
    pub how_found_detail: String,
    /// The name the person signs with (prefilled from the request).
    pub sender_name: String,
    /// What they want to find out (prefilled from the request).
    pub learning_goal: String,
    /// Empty for a connection note, which has no subject.
    pub subject: String,
    pub body: String,
    /// Chosen questions, in the person's order (ids from the question bank, [`questions::is_known`]).
    pub question_ids: Vec<String>,
    /// A line about what the conversation covered, for the thank-you note.
    pub discussed: String,
    pub thank_you: String,
    /// When the first message went out, to time the one follow-up.
    #[serde(with = "optional_date")]
    pub sent_on: Option<chrono::NaiveDate>,
    /// The one follow-up has been sent: no second one is drafted.
    pub follow_up_sent: bool,
    /// The one follow-up, for when no answer comes; empty until written.
    pub follow_up: String,
}

impl Default for Draft {
    fn default() -> Self {
        Self {
            channel: Channel::Email,
            premium: false,
            formality: Formality::Formal,
            how_found: HowFound::Program,
            how_found_detail: String::new(),
            sender_name: String::new(),
            learning_goal: String::new(),
            subject: String::new(),
            body: String::new(),
            question_ids: Vec::new(),
            discussed: String::new(),
            thank_you: String::new(),
            sent_on: None,
            follow_up_sent: false,
            follow_up: String::new(),
        }
    }
}

/// A date as a form's date field sends it: `YYYY-MM-DD`, or empty for none.
mod optional_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&d.format("%Y-%m-%d").to_string()),
            None => s.serialize_str(""),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let s = String::deserialize(d)?;
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(serde::de::Error::custom)
    }
}

choice! {
    /// The fields of a draft, for findings and errors.
    pub enum DraftField in "kebab-case" {
        Subject,
        Body,
        Questions,
        ThankYou,
        FollowUp,
        HowFoundDetail,
        SenderName,
        LearningGoal,
        Discussed,
    }
}

impl DraftField {
    /// The field's name as the person sees it (and as [`ValidationError`] names it).
    pub fn label(self) -> &'static str {
        match self {
            Self::Subject => "Subject",
            Self::Body => "Message",
            Self::Questions => "Questions",
            Self::ThankYou => "Thank-you note",
            Self::FollowUp => "Follow-up",
            Self::HowFoundDetail => "Where you found them",
            Self::SenderName => "Your name",
            Self::LearningGoal => "What you want to find out",
            Self::Discussed => "What you talked about",
        }
    }
}

impl Draft {
    /// Every reason this draft cannot be stored as it is; empty when it can. The text
    /// fields are checked for size, markup and control characters; the questions must be
    /// known ids, at most [`MAX_QUESTIONS`], without repeats.
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut errors = Vec::new();
        for (field, value) in [
            (DraftField::Subject, &self.subject),
            (DraftField::Body, &self.body),
            (DraftField::ThankYou, &self.thank_you),
            (DraftField::FollowUp, &self.follow_up),
            (DraftField::HowFoundDetail, &self.how_found_detail),
            (DraftField::SenderName, &self.sender_name),
            (DraftField::LearningGoal, &self.learning_goal),
            (DraftField::Discussed, &self.discussed),
        ] {
            if let Err(e) = check_text(field.label(), value) {
                errors.push(e);
            }
        }
        if let Err(e) =
            questions::validate_choice(DraftField::Questions.label(), &self.question_ids)
        {
            errors.push(e);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// One text field's bounds: at most [`FIELD_MAX_CHARS`] characters, no markup, no control
/// characters but line breaks and tabs.
pub fn check_text(field: &str, value: &str) -> Result<(), ValidationError> {
    // Code points, not grapheme clusters: this is a storage bound, and a cheap one.
    let actual = value.chars().count();
    if actual > FIELD_MAX_CHARS {
        return Err(ValidationError::TooLong {
            field: field.to_owned(),
            max: FIELD_MAX_CHARS,
            actual,
        });
    }
    if has_markup(value) {
        return Err(ValidationError::Invalid {
            field: field.to_owned(),
            reason: "remove the tags (text between < and >); messages are plain text".into(),
        });
    }
    if let Some(c) = value.chars().find(|c| is_refused_control(*c)) {
        return Err(ValidationError::Invalid {
            field: field.to_owned(),
            reason: format!(
                "remove the invisible control character (U+{:04X}); line breaks and tabs are fine",
                u32::from(c)
            ),
        });
    }
    Ok(())
}

/// A `<` that opens a tag, a closing tag, a comment or a declaration ("<b>", "</p>",
/// "<!--"); "< 5 minutes" and "<3" are text.
fn has_markup(value: &str) -> bool {
    value
        .split('<')
        .skip(1)
        .any(|after| after.starts_with(|c: char| c.is_ascii_alphabetic() || "/!?".contains(c)))
}

/// Control characters other than line breaks (`\n`, and `\r` which forms send before it)
/// and tabs, and the bidirectional overrides that can make text read differently from
/// what it holds. The zero-width joiner stays allowed: emoji sequences are built with it.
fn is_refused_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Draft {
        Draft {
            channel: Channel::Email,
            premium: false,
            subject: "A 30-minute conversation?".into(),
            body: "Dear Zoë O'Brien-Nguyễn 🙂,\r\n\tI'd be glad of < 30 minutes <3 👩‍👩‍👧‍👦".into(),
            question_ids: vec!["path-first-role".into(), "day-typical".into()],
            ..Draft::default()
        }
    }

    #[test]
    fn an_ordinary_draft_is_valid() {
        assert_eq!(draft().validate(), Ok(()));
        assert_eq!(Draft::default().validate(), Ok(()));
    }

    #[test]
    fn a_field_far_over_any_limit_is_refused_and_kept() {
        let mut d = draft();
        d.body = "é".repeat(FIELD_MAX_CHARS + 1);
        let before = d.clone();
        let errors = d.validate().unwrap_err();
        assert_eq!(
            errors,
            vec![ValidationError::TooLong {
                field: "Message".into(),
                max: FIELD_MAX_CHARS,
                actual: FIELD_MAX_CHARS + 1
            }]
        );
        assert_eq!(d, before, "validation never changes the draft");
        d.body = "é".repeat(FIELD_MAX_CHARS);
        assert_eq!(d.validate(), Ok(()));
    }

    #[test]
    fn markup_is_refused_but_angle_brackets_in_text_are_not() {
        for bad in ["<b>hi</b>", "x </p>", "<!-- c -->", "<script>", "<?xml"] {
            let mut d = draft();
            d.thank_you = bad.into();
            let e = d.validate().unwrap_err();
            assert_eq!(e.len(), 1, "{bad}");
            assert_eq!(e[0].field(), "Thank-you note");
        }
        for fine in ["< 5 minutes", "a <3 b", "x<", "1 < 2 > 0"] {
            assert_eq!(check_text("F", fine), Ok(()), "{fine}");
        }
    }

    #[test]
    fn control_characters_are_refused_except_line_breaks_and_tabs() {
        for bad in ["a\u{0}b", "a\u{7}", "\u{1b}[31m", "a\u{202E}b", "\u{2066}x"] {
            assert!(check_text("F", bad).is_err(), "{bad:?}");
        }
        assert_eq!(check_text("F", "a\nb\r\nc\td \u{200D}"), Ok(()));
    }

    #[test]
    fn every_bad_field_is_reported() {
        let mut d = draft();
        d.subject = "<i>x</i>".into();
        d.follow_up = "\u{0}".into();
        d.question_ids = vec!["no-such-question".into()];
        let fields: Vec<String> = d
            .validate()
            .unwrap_err()
            .iter()
            .map(|e| e.field().to_owned())
            .collect();
        assert_eq!(fields, ["Subject", "Follow-up", "Questions"]);
    }
}
