//! A request's life after the match (PRODUCT.md rule 6): when it ends on its own, when its
//! requester is offered the feedback form and may no longer withdraw, how long a feedback
//! answer and a volunteer's mark can still be changed, and which requests count toward the
//! open-request cap. Pure: the server and the pages ask the same questions of it.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::RequestStatus;

/// How a request's life after the match runs (`[program.lifecycle]` in the configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Lifecycle {
    /// A matched request that nobody marked ends on its own ("ended without news") this
    /// many days after the match; until then it counts toward its requester's cap.
    pub end_after_days: u32,
    /// The feedback form is offered this many days after the match, or from the day of the
    /// conversation when the requester gave it, whichever comes first.
    pub feedback_after_days: u32,
    /// A feedback answer can be changed for this many days after it was first given.
    pub feedback_editable_days: u32,
    /// A volunteer's mark ("took place", "did not show up", …) can be changed for this many
    /// hours after it was first made.
    pub mark_changeable_hours: u32,
}

impl Default for Lifecycle {
    fn default() -> Self {
        Self {
            end_after_days: 30,
            feedback_after_days: 7,
            feedback_editable_days: 7,
            mark_changeable_hours: 24,
        }
    }
}

/// The reminders the scheduler sends through the outbox (`[program.reminders]`), each
/// once; each can be switched off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Reminders {
    /// Email the requester the feedback form's link when it opens (see
    /// [`Lifecycle::feedback_opens`]), unless they already answered.
    pub feedback_request: bool,
    /// Remind a requester who has not said they wrote to their volunteer (in the studio,
    /// or by noting the day of the conversation) this many days after the match; 0: never.
    pub write_after_days: u32,
    /// Ask a volunteer whose referral is still matched and unmarked this many days after
    /// the match whether they are still available; 0: never.
    pub nudge_volunteer_after_days: u32,
    /// Once a day, from this hour (UTC), email the committee the requests waiting for a
    /// match that are due within `digest_days_before_deadline` days or overdue.
    pub committee_digest: bool,
    pub digest_hour_utc: u32,
    pub digest_days_before_deadline: u32,
}

impl Default for Reminders {
    fn default() -> Self {
        Self {
            feedback_request: true,
            write_after_days: 5,
            nudge_volunteer_after_days: 10,
            committee_digest: true,
            digest_hour_utc: 7,
            digest_days_before_deadline: 3,
        }
    }
}

impl Reminders {
    /// Whether the committee digest of day `now` is due (from its hour on).
    pub fn digest_due(&self, now: DateTime<Utc>) -> bool {
        use chrono::Timelike;
        self.committee_digest && now.hour() >= self.digest_hour_utc
    }

    /// The digest lists the requests due on or before this day.
    pub fn digest_due_by(&self, today: NaiveDate) -> NaiveDate {
        today + TimeDelta::days(i64::from(self.digest_days_before_deadline))
    }
}

/// What a request's private page may offer, from where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offers {
    /// The requester may withdraw it: it is waiting, or matched and the conversation's time
    /// has not come.
    pub withdraw: bool,
    /// The feedback form is open: the conversation's time has come (or it ended).
    pub feedback: bool,
    /// The requester may give or change the date agreed for the conversation.
    pub meeting_date: bool,
}

/// The facts about a request the rules look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AfterMatch {
    pub status: RequestStatus,
    pub matched_at: Option<DateTime<Utc>>,
    /// The day the requester said the conversation is (or was).
    pub meeting_on: Option<NaiveDate>,
}

impl Lifecycle {
    fn days(n: u32) -> TimeDelta {
        TimeDelta::days(i64::from(n))
    }

    /// Requests matched before this moment have ended (or will, at the scheduler's next
    /// run): they no longer count toward the cap.
    pub fn ends_matched_before(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - Self::days(self.end_after_days)
    }

    /// Whether a request counts toward its requester's open-request cap: still waiting, or
    /// matched within the last `end_after_days`.
    pub fn counts_toward_cap(
        &self,
        status: RequestStatus,
        matched_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> bool {
        match status {
            RequestStatus::Open => true,
            RequestStatus::Matched => {
                matched_at.is_none_or(|at| at > self.ends_matched_before(now))
            }
            _ => false,
        }
    }

    /// When the feedback form opens for a request matched at `matched_at`: the day of the
    /// conversation when given, else `feedback_after_days` after the match, whichever is
    /// first.
    pub fn feedback_opens(
        &self,
        matched_at: DateTime<Utc>,
        meeting_on: Option<NaiveDate>,
    ) -> DateTime<Utc> {
        let after = matched_at + Self::days(self.feedback_after_days);
        match meeting_on.and_then(|d| d.and_hms_opt(0, 0, 0)) {
            Some(day) => after.min(day.and_utc()),
            None => after,
        }
    }

    /// What the private page offers for a request, at `now`.
    pub fn offers(&self, r: AfterMatch, now: DateTime<Utc>) -> Offers {
        let feedback = match (r.status, r.matched_at) {
            (RequestStatus::Matched, Some(at)) => self.feedback_opens(at, r.meeting_on) <= now,
            (s, Some(_)) => s.is_ended(),
            _ => false,
        };
        Offers {
            withdraw: r.status == RequestStatus::Open
                || (r.status == RequestStatus::Matched && !feedback),
            feedback,
            meeting_date: r.status == RequestStatus::Matched,
        }
    }

    /// Whether a feedback answer first given at `given_at` can still be changed.
    pub fn feedback_editable(&self, given_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now < self.feedback_editable_until(given_at)
    }

    /// Until when an answer first given at `given_at` can be changed.
    pub fn feedback_editable_until(&self, given_at: DateTime<Utc>) -> DateTime<Utc> {
        given_at + Self::days(self.feedback_editable_days)
    }

    /// Answers first given before this moment are final.
    pub fn feedback_editable_since(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - Self::days(self.feedback_editable_days)
    }

    /// Marks first made before this moment are final.
    pub fn mark_changeable_since(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - TimeDelta::hours(i64::from(self.mark_changeable_hours))
    }

    /// Whether a volunteer may mark how a referral went now (or change their mark): after
    /// the match (not once withdrawn or closed), and once marked, for
    /// `mark_changeable_hours`.
    pub fn can_mark(
        &self,
        status: RequestStatus,
        marked_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> bool {
        let after_match = status == RequestStatus::Matched || status.is_ended();
        after_match && marked_at.is_none_or(|at| now < self.mark_changeable_until(at))
    }

    /// Until when a volunteer's mark first made at `marked_at` can be changed.
    pub fn mark_changeable_until(&self, marked_at: DateTime<Utc>) -> DateTime<Utc> {
        marked_at + TimeDelta::hours(i64::from(self.mark_changeable_hours))
    }
}

/// The latest date a requester may give for their conversation, and the earliest: from the
/// match, a year ahead at most (a typo in the year is caught).
pub fn meeting_date_ok(day: NaiveDate, matched_on: NaiveDate) -> bool {
    day >= matched_on && day <= matched_on + TimeDelta::days(366)
}

#[cfg(test)]
mod tests {
    use super::*;
    use RequestStatus::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .map(|t| t.and_utc())
            .expect("valid date")
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn only_waiting_and_recent_matches_count_toward_the_cap() {
        let l = Lifecycle::default();
        let now = at(2026, 12, 31, 12);
        assert!(l.counts_toward_cap(Open, None, now));
        assert!(l.counts_toward_cap(Matched, Some(at(2026, 12, 2, 12)), now));
        // Exactly 30 days ago: it has ended (or is about to).
        assert!(!l.counts_toward_cap(Matched, Some(at(2026, 12, 1, 12)), now));
        for s in [Completed, NoShow, NotHeld, Lapsed, Withdrawn, Closed] {
            assert!(
                !l.counts_toward_cap(s, Some(at(2026, 12, 30, 0)), now),
                "{s:?}"
            );
        }
    }

    #[test]
    fn feedback_opens_after_the_conversation_or_a_week_after_the_match() {
        let l = Lifecycle::default();
        let matched = at(2026, 12, 1, 15);
        assert_eq!(l.feedback_opens(matched, None), at(2026, 12, 8, 15));
        // A conversation on the 4th: the form is there from that morning.
        assert_eq!(
            l.feedback_opens(matched, Some(day(2026, 12, 4))),
            at(2026, 12, 4, 0)
        );
        // A conversation later than a week: the week wins.
        assert_eq!(
            l.feedback_opens(matched, Some(day(2026, 12, 20))),
            at(2026, 12, 8, 15)
        );
    }

    #[test]
    fn withdrawing_gives_way_to_feedback_once_the_conversation_is_due() {
        let l = Lifecycle::default();
        let matched = Some(at(2026, 12, 1, 15));
        let r = |status, meeting_on| AfterMatch {
            status,
            matched_at: matched,
            meeting_on,
        };
        let before = l.offers(r(Matched, None), at(2026, 12, 3, 0));
        assert_eq!(
            before,
            Offers {
                withdraw: true,
                feedback: false,
                meeting_date: true
            }
        );
        let after = l.offers(r(Matched, Some(day(2026, 12, 3))), at(2026, 12, 3, 0));
        assert!(after.feedback && !after.withdraw && after.meeting_date);
        let ended = l.offers(r(Lapsed, None), at(2027, 1, 5, 0));
        assert!(ended.feedback && !ended.withdraw && !ended.meeting_date);
        let waiting = l.offers(
            AfterMatch {
                status: Open,
                matched_at: None,
                meeting_on: None,
            },
            at(2026, 12, 3, 0),
        );
        assert!(waiting.withdraw && !waiting.feedback && !waiting.meeting_date);
        for s in [Withdrawn, Closed] {
            let o = l.offers(r(s, None), at(2027, 1, 5, 0));
            assert!(!o.withdraw && !o.feedback && !o.meeting_date, "{s:?}");
        }
    }

    #[test]
    fn answers_and_marks_can_be_changed_for_a_while() {
        let l = Lifecycle::default();
        let given = at(2026, 12, 1, 15);
        assert!(l.feedback_editable(given, at(2026, 12, 8, 14)));
        assert!(!l.feedback_editable(given, at(2026, 12, 8, 15)));
        assert_eq!(l.mark_changeable_until(given), at(2026, 12, 2, 15));
        assert!(l.can_mark(Matched, None, at(2027, 1, 1, 0)));
        assert!(l.can_mark(Lapsed, None, at(2027, 1, 1, 0)));
        assert!(l.can_mark(NoShow, Some(given), at(2026, 12, 2, 14)));
        assert!(!l.can_mark(NoShow, Some(given), at(2026, 12, 2, 15)));
        for s in [Open, Withdrawn, Closed] {
            assert!(!l.can_mark(s, None, at(2026, 12, 2, 0)), "{s:?}");
        }
    }

    #[test]
    fn the_digest_goes_from_its_hour_and_looks_a_few_days_ahead() {
        let r = Reminders::default();
        assert!(!r.digest_due(at(2026, 12, 2, 6)));
        assert!(r.digest_due(at(2026, 12, 2, 7)));
        assert_eq!(r.digest_due_by(day(2026, 12, 30)), day(2027, 1, 2));
        let off = Reminders {
            committee_digest: false,
            ..r
        };
        assert!(!off.digest_due(at(2026, 12, 2, 12)));
    }

    #[test]
    fn meeting_dates_are_from_the_match_to_a_year_ahead() {
        let matched = day(2026, 12, 1);
        assert!(meeting_date_ok(day(2026, 12, 1), matched));
        assert!(meeting_date_ok(day(2027, 6, 1), matched));
        assert!(!meeting_date_ok(day(2026, 11, 30), matched));
        assert!(!meeting_date_ok(day(2028, 12, 1), matched));
    }
}
