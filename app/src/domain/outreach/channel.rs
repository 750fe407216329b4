//! Where a message goes and how much fits there: the live counter's arithmetic.

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use super::super::choice::choice;

choice! {
    /// The three ways a requester can write to a volunteer.
    pub enum Channel in "kebab-case" {
        /// The short note sent with a LinkedIn invitation to connect.
        ConnectionNote,
        /// A LinkedIn message or InMail: a subject and a body.
        LinkedinMessage,
        Email,
    }
}

impl Channel {
    pub fn label(self) -> &'static str {
        match self {
            Self::ConnectionNote => "LinkedIn connection note",
            Self::LinkedinMessage => "LinkedIn message or InMail",
            Self::Email => "Email",
        }
    }

    /// Whether messages on this channel have a subject line.
    pub fn has_subject(self) -> bool {
        !matches!(self, Self::ConnectionNote)
    }
}

/// What a limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// Grapheme clusters: what a person sees as one character ("é", "🙂", "👩‍👩‍👧").
    Characters,
    Words,
}

impl Unit {
    pub fn label(self) -> &'static str {
        match self {
            Self::Characters => "characters",
            Self::Words => "words",
        }
    }
}

/// Whether going past a limit makes the message unsendable or is only advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LimitKind {
    /// The channel cuts or refuses a longer text.
    Hard,
    /// A guide for a message that gets read, not a rule of the channel.
    Advice,
}

/// The channels' limits. `Default` holds the published figures; the server may load other
/// values from its configuration and send them to the browser, hence serde.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChannelLimits {
    /// Connection note, free LinkedIn account (characters).
    pub note_free: usize,
    /// Connection note, premium LinkedIn account (characters).
    pub note_premium: usize,
    /// LinkedIn message / InMail subject (characters).
    pub message_subject: usize,
    /// LinkedIn message / InMail body (characters). Published figures vary between 1,900
    /// and 2,000; the stricter one is the default so a draft that fits here fits everywhere.
    pub message_body: usize,
    /// Email subject: advice (characters), long subjects are cut off in inboxes.
    pub email_subject_advice: usize,
    /// Email body: advice (words).
    pub email_body_words_advice: usize,
    /// A LinkedIn message is read like an email: the same advice on its length (words).
    pub message_body_words_advice: usize,
    /// The counter warns from this share of a limit on (percent).
    pub warn_percent: u8,
}

impl Default for ChannelLimits {
    fn default() -> Self {
        Self {
            note_free: 200,
            note_premium: 300,
            message_subject: 200,
            message_body: 1_900,
            email_subject_advice: 80,
            email_body_words_advice: 150,
            message_body_words_advice: 150,
            warn_percent: 90,
        }
    }
}

impl ChannelLimits {
    /// The connection note's limit for this kind of account.
    pub fn note_limit(&self, premium: bool) -> usize {
        if premium {
            self.note_premium
        } else {
            self.note_free
        }
    }

    /// The counter under the body: characters against the channel's hard limit, except for
    /// email, which has none and is measured in words against the advice.
    pub fn body_gauge(&self, channel: Channel, premium: bool, body: &str) -> Gauge {
        match channel {
            Channel::ConnectionNote => self.gauge(
                count_characters(body),
                self.note_limit(premium),
                Unit::Characters,
                LimitKind::Hard,
            ),
            Channel::LinkedinMessage => self.gauge(
                count_characters(body),
                self.message_body,
                Unit::Characters,
                LimitKind::Hard,
            ),
            Channel::Email => self.gauge(
                count_words(body),
                self.email_body_words_advice,
                Unit::Words,
                LimitKind::Advice,
            ),
        }
    }

    /// The advice on the body's length in words, where the channel has one (the hard limit
    /// of a LinkedIn message is far above what people read through).
    pub fn body_words_advice(&self, channel: Channel, body: &str) -> Option<Gauge> {
        let advice = match channel {
            Channel::ConnectionNote => return None,
            Channel::LinkedinMessage => self.message_body_words_advice,
            Channel::Email => self.email_body_words_advice,
        };
        Some(self.gauge(count_words(body), advice, Unit::Words, LimitKind::Advice))
    }

    /// The counter under the subject; `None` for a channel without one.
    pub fn subject_gauge(&self, channel: Channel, subject: &str) -> Option<Gauge> {
        let used = count_characters(subject);
        match channel {
            Channel::ConnectionNote => None,
            Channel::LinkedinMessage => Some(self.gauge(
                used,
                self.message_subject,
                Unit::Characters,
                LimitKind::Hard,
            )),
            Channel::Email => Some(self.gauge(
                used,
                self.email_subject_advice,
                Unit::Characters,
                LimitKind::Advice,
            )),
        }
    }

    fn gauge(&self, used: usize, limit: usize, unit: Unit, kind: LimitKind) -> Gauge {
        Gauge::measure(used, limit, unit, kind, self.warn_percent)
    }
}

/// Where a counter stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GaugeState {
    Ok,
    /// Close to the limit (from `warn_percent` of it on), still within it.
    Warn,
    /// Past the limit.
    Over,
}

/// A live counter: how much is used of what limit, and whether to warn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gauge {
    pub used: usize,
    pub limit: usize,
    pub unit: Unit,
    pub kind: LimitKind,
    pub state: GaugeState,
}

impl Gauge {
    pub fn measure(
        used: usize,
        limit: usize,
        unit: Unit,
        kind: LimitKind,
        warn_percent: u8,
    ) -> Self {
        // Integer arithmetic: the browser and the server must agree to the character.
        let state = if used > limit {
            GaugeState::Over
        } else if used * 100 >= limit * usize::from(warn_percent.min(100)) && used > 0 {
            GaugeState::Warn
        } else {
            GaugeState::Ok
        };
        Self {
            used,
            limit,
            unit,
            kind,
            state,
        }
    }

    /// How many units are left (0 when over).
    pub fn remaining(&self) -> usize {
        self.limit.saturating_sub(self.used)
    }

    /// "184 / 200 characters", for the counter and its screen-reader text.
    pub fn describe(&self) -> String {
        format!("{} / {} {}", self.used, self.limit, self.unit.label())
    }
}

/// Characters as a person sees them: extended grapheme clusters, so "é" written as `e` plus
/// a combining accent, a flag or a family emoji joined with zero-width joiners count as one,
/// and so does a `\r\n` line break.
pub fn count_characters(text: &str) -> usize {
    text.graphemes(true).count()
}

/// Words as a reader would count them: runs separated by white space that hold at least
/// one letter or digit ("20-minute" is one word, a lone "—" or "🙂" is none).
pub fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The longest start of `text` with at most `max` grapheme clusters; never cuts one apart.
pub fn truncate_characters(text: &str, max: usize) -> &str {
    match text.grapheme_indices(true).nth(max) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_accented_letter_or_an_emoji_counts_as_one_character() {
        assert_eq!(count_characters("é"), 1, "precomposed");
        assert_eq!(count_characters("e\u{301}"), 1, "e + combining acute");
        assert_eq!(
            count_characters("Nguye\u{302}\u{303}n"),
            6,
            "two combining marks"
        );
        assert_eq!(count_characters("🙂"), 1);
        assert_eq!(count_characters("👩‍👩‍👧‍👦"), 1, "ZWJ family");
        assert_eq!(count_characters("🇨🇦"), 1, "flag");
        assert_eq!(count_characters("👍🏽"), 1, "skin tone modifier");
        assert_eq!(count_characters("a\r\nb"), 3, "CRLF is one");
        assert_eq!(count_characters("Zoë O'Brien-Nguyễn 🙂"), 20);
        assert_eq!(count_characters(""), 0);
        // Bytes and code points would both say more.
        assert!("👩‍👩‍👧‍👦".chars().count() > 1);
    }

    #[test]
    fn words_are_whitespace_runs_with_a_letter_or_digit() {
        assert_eq!(count_words("Could we talk for 20-minute?"), 5);
        assert_eq!(count_words("  Zoë O'Brien-Nguyễn 🙂 — thanks "), 3);
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("one\ntwo\tthree"), 3);
    }

    #[test]
    fn truncation_never_splits_a_cluster() {
        assert_eq!(truncate_characters("ae\u{301}b", 2), "ae\u{301}");
        assert_eq!(truncate_characters("👩‍👩‍👧‍👦x", 1), "👩‍👩‍👧‍👦");
        assert_eq!(truncate_characters("abc", 10), "abc");
        assert_eq!(truncate_characters("abc", 0), "");
    }

    #[test]
    fn the_note_limit_depends_on_the_account() {
        let l = ChannelLimits::default();
        let body = "x".repeat(250);
        let free = l.body_gauge(Channel::ConnectionNote, false, &body);
        let premium = l.body_gauge(Channel::ConnectionNote, true, &body);
        assert_eq!((free.limit, free.state), (200, GaugeState::Over));
        assert_eq!((premium.limit, premium.state), (300, GaugeState::Ok));
        assert_eq!(free.kind, LimitKind::Hard);
        assert_eq!(free.remaining(), 0);
        assert_eq!(premium.remaining(), 50);
    }

    #[test]
    fn the_gauge_warns_near_the_limit_and_errs_past_it() {
        let l = ChannelLimits::default();
        let g = |n: usize| {
            l.body_gauge(Channel::ConnectionNote, false, &"é".repeat(n))
                .state
        };
        assert_eq!(g(0), GaugeState::Ok);
        assert_eq!(g(179), GaugeState::Ok);
        assert_eq!(g(180), GaugeState::Warn);
        assert_eq!(g(200), GaugeState::Warn);
        assert_eq!(g(201), GaugeState::Over);
        // 200 emoji are 200 characters, not 800 bytes.
        let emoji = l.body_gauge(Channel::ConnectionNote, false, &"🙂".repeat(200));
        assert_eq!((emoji.used, emoji.state), (200, GaugeState::Warn));
        assert_eq!(emoji.describe(), "200 / 200 characters");
    }

    #[test]
    fn message_limits_are_the_stricter_published_figures() {
        let l = ChannelLimits::default();
        let body = l.body_gauge(Channel::LinkedinMessage, false, &"a".repeat(1_901));
        assert_eq!((body.limit, body.state), (1_900, GaugeState::Over));
        let subject = l.subject_gauge(Channel::LinkedinMessage, &"a".repeat(200));
        assert_eq!(subject.map(|g| g.state), Some(GaugeState::Warn));
        assert_eq!(l.subject_gauge(Channel::ConnectionNote, "x"), None);
        assert!(!Channel::ConnectionNote.has_subject());
    }

    #[test]
    fn email_is_measured_in_words_as_advice() {
        let l = ChannelLimits::default();
        let g = l.body_gauge(Channel::Email, false, &"word ".repeat(151));
        assert_eq!(
            (g.used, g.limit, g.unit, g.kind, g.state),
            (151, 150, Unit::Words, LimitKind::Advice, GaugeState::Over)
        );
        assert_eq!(l.body_words_advice(Channel::ConnectionNote, "x"), None);
    }

    #[test]
    fn channel_slugs_are_stable() {
        let slugs: Vec<&str> = Channel::ALL.iter().map(|c| c.slug()).collect();
        assert_eq!(slugs, ["connection-note", "linkedin-message", "email"]);
        assert_eq!(Channel::from_slug("email"), Some(Channel::Email));
    }
}
