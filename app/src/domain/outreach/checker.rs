//! The etiquette checker: what the guidelines warn against, found in a draft as it is
//! typed. Pure and deterministic, so the browser and the server give the same findings.
//!
//! Heuristic by nature, so it leans towards silence: a rule fires on clear wording, and a
//! message the template produced passes every rule. English only (see the module docs).

use serde::{Deserialize, Serialize};

use super::super::choice::choice;
use super::super::taxonomy::{TermKind, Vocabularies};
use super::super::volunteer::PublicProfile;
use super::channel::{ChannelLimits, Gauge, GaugeState, LimitKind};
use super::draft::{Draft, DraftField};
use super::phrases::{fold, has_affirmed, has_any, has_phrase, sentences, starts_with};

choice! {
    /// The checker's rules. Their slugs are stable: the studio keys its hints on them.
    pub enum Rule in "kebab-case" {
        /// Past the channel's hard limit: the channel will refuse or cut it.
        OverLimit,
        /// Past the advice on length (an email's words, a subject that inboxes cut).
        TooLong,
        NoPersonalHook,
        /// Asks for a job or an internship, or for a résumé review, or sends a résumé.
        AsksForJob,
        NoSpecificAsk,
        NoTimeBound,
        CasualGreeting,
        TooManyFollowUps,
    }
}

impl Rule {
    /// The anchor on the guidelines page this rule comes from.
    pub fn guideline(self) -> &'static str {
        match self {
            Self::OverLimit => "guidelines#channel-limits",
            Self::TooLong => "guidelines#keep-it-short",
            Self::NoPersonalHook => "guidelines#personal-hook",
            Self::AsksForJob => "guidelines#not-a-job-interview",
            Self::NoSpecificAsk => "guidelines#specific-ask",
            Self::NoTimeBound => "guidelines#time-bound",
            Self::CasualGreeting => "guidelines#greeting",
            Self::TooManyFollowUps => "guidelines#one-follow-up",
        }
    }
}

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// The message cannot be sent as it is.
    Error,
    /// Against the etiquette: likely to cost the person an answer.
    Warning,
    /// Worth a look; fine to keep.
    Advice,
}

/// One thing to fix, with why and how, and where the guideline says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    pub field: DraftField,
    pub why: String,
    pub how_to_fix: String,
    /// An anchor on the guidelines page, like "guidelines#personal-hook".
    pub guideline: String,
}

/// What the checker knows about the volunteer, to recognise a personal hook, and the
/// limits in force.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckContext {
    pub limits: ChannelLimits,
    pub volunteer_name: String,
    pub job_title: String,
    pub employer: String,
    pub role_labels: Vec<String>,
    pub setting_label: String,
    pub specialties: Vec<String>,
}

impl CheckContext {
    /// From a public profile and today's vocabularies.
    pub fn for_profile(
        profile: &PublicProfile,
        vocab: &Vocabularies,
        limits: ChannelLimits,
    ) -> Self {
        Self {
            limits,
            volunteer_name: profile.display_name.clone(),
            job_title: profile.job_title.clone(),
            employer: profile.employer.clone().unwrap_or_default(),
            role_labels: profile
                .roles
                .iter()
                .map(|r| vocab.label(TermKind::Role, r).to_owned())
                .collect(),
            setting_label: vocab.label(TermKind::Setting, &profile.setting).to_owned(),
            specialties: profile.specialties.clone(),
        }
    }
}

/// Every finding for `draft`, errors first, then in the order of the fields and rules.
/// A blank message has no findings beyond its counters: there is nothing to judge yet.
pub fn check(draft: &Draft, ctx: &CheckContext) -> Vec<Finding> {
    let mut out = Vec::new();
    let limits = &ctx.limits;

    if let Some(g) = limits.subject_gauge(draft.channel, &draft.subject) {
        length_finding(&mut out, DraftField::Subject, g);
    }
    let body = limits.body_gauge(draft.channel, draft.premium, &draft.body);
    length_finding(&mut out, DraftField::Body, body);
    if let Some(g) = limits
        .body_words_advice(draft.channel, &draft.body)
        // Email's body gauge already is this advice: report it once.
        .filter(|g| *g != body)
    {
        length_finding(&mut out, DraftField::Body, g);
    }

    if !draft.body.trim().is_empty() {
        let words = fold(&draft.body);
        greeting_finding(&mut out, &draft.body, ctx);
        if !has_personal_hook(&words, ctx) {
            out.push(finding(
                Rule::NoPersonalHook,
                Severity::Warning,
                DraftField::Body,
                "Nothing in the message is about this person: their name, their role, where they work or something of theirs you read or heard. A message that could go to anyone is easy to leave unanswered.",
                "Say why you are writing to them in particular: their role or setting, a post or talk of theirs, or who suggested them.",
            ));
        }
        match has_ask(&draft.body) {
            false => out.push(finding(
                Rule::NoSpecificAsk,
                Severity::Warning,
                DraftField::Body,
                "The message does not say what you are asking for, so the reader has to guess.",
                "Ask one clear question, such as whether they would be open to a short conversation about their work.",
            )),
            true if !has_time_bound(&words) => out.push(finding(
                Rule::NoTimeBound,
                Severity::Warning,
                DraftField::Body,
                "The ask has no length. People say yes more easily when they know how much time it takes.",
                "Name the time, such as \"a 30-minute conversation\" (the volunteer's own length), or at least call it brief.",
            )),
            true => {}
        }
    }

    for (field, text) in [
        (DraftField::Subject, &draft.subject),
        (DraftField::Body, &draft.body),
        (DraftField::ThankYou, &draft.thank_you),
        (DraftField::FollowUp, &draft.follow_up),
    ] {
        if let Some(f) = job_ask_finding(field, text) {
            out.push(f);
        }
    }

    for (field, text) in [
        (DraftField::Body, &draft.body),
        (DraftField::FollowUp, &draft.follow_up),
    ] {
        if plans_more_follow_ups(text) {
            out.push(finding(
                Rule::TooManyFollowUps,
                Severity::Warning,
                field,
                "This plans more than one follow-up. One polite reminder after a week or two is enough; more reads as pressure on someone who owes you nothing.",
                "Send a single follow-up, and if no answer comes, let it go and ask the committee about another volunteer.",
            ));
        }
    }

    out.sort_by_key(|f| f.severity);
    out
}

fn finding(rule: Rule, severity: Severity, field: DraftField, why: &str, how: &str) -> Finding {
    Finding {
        rule,
        severity,
        field,
        why: why.to_owned(),
        how_to_fix: how.to_owned(),
        guideline: rule.guideline().to_owned(),
    }
}

fn length_finding(out: &mut Vec<Finding>, field: DraftField, g: Gauge) {
    if g.state != GaugeState::Over {
        return;
    }
    let over = g.used - g.limit;
    let unit = g.unit.label();
    let (rule, severity, why, how) = match g.kind {
        LimitKind::Hard => (
            Rule::OverLimit,
            Severity::Error,
            format!(
                "{} is {over} {unit} over the channel's limit of {} ({}); it will not go through as it is.",
                field.label(),
                g.limit,
                g.describe()
            ),
            format!("Shorten it by at least {over} {unit}: keep the greeting, why them, the ask with its time, and thanks."),
        ),
        LimitKind::Advice => (
            Rule::TooLong,
            Severity::Advice,
            format!(
                "{} is longer than the advised {} {unit} ({}). Busy people read a short message through; a long one waits.",
                field.label(),
                g.limit,
                g.describe()
            ),
            "Cut what the reader does not need to answer you: keep who you are, why them, and the ask.".to_owned(),
        ),
    };
    out.push(Finding {
        rule,
        severity,
        field,
        why,
        how_to_fix: how,
        guideline: rule.guideline().to_owned(),
    });
}

/// Greetings that open a first message well enough.
#[rustfmt::skip]
const GREETINGS: &[&str] = &[
    "dear", "hello", "hi", "good morning", "good afternoon", "good evening", "good day",
    "greetings", "ms", "mr", "mrs", "mx", "dr", "prof", "professor",
];
/// Openings too familiar for a first contact with a stranger.
#[rustfmt::skip]
const CASUAL: &[&str] = &[
    "hey", "heya", "heyy", "hiya", "yo", "sup", "wassup", "whats up", "what s up", "howdy", "hi ya",
    "hellooo", "ello",
];

fn greeting_finding(out: &mut Vec<Finding>, body: &str, ctx: &CheckContext) {
    let first_line = body
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let words = fold(first_line);
    if CASUAL.iter().any(|c| starts_with(&words, c)) {
        out.push(finding(
            Rule::CasualGreeting,
            Severity::Warning,
            DraftField::Body,
            "The greeting is more casual than a first message to a professional you have not met.",
            "Open with \"Dear\" and their name, or \"Hello\" and their name if you prefer a lighter tone.",
        ));
        return;
    }
    let opens_with_name = name_words(&ctx.volunteer_name)
        .first()
        .is_some_and(|n| words.first() == Some(n));
    if !opens_with_name && !GREETINGS.iter().any(|g| starts_with(&words, g)) {
        out.push(finding(
            Rule::CasualGreeting,
            Severity::Warning,
            DraftField::Body,
            "The message starts without a greeting, which reads as abrupt in a first contact.",
            "Start with \"Dear\" and their name on its own line.",
        ));
    }
}

/// Honorifics and particles that say nothing about who the person is.
#[rustfmt::skip]
const NOT_A_NAME: &[&str] = &[
    "dr", "ms", "mr", "mrs", "mx", "prof", "de", "la", "le", "van", "von", "da", "di", "d", "o",
];

fn name_words(name: &str) -> Vec<String> {
    fold(name)
        .into_iter()
        .filter(|w| w.len() >= 2 && !NOT_A_NAME.contains(&w.as_str()))
        .collect()
}

/// Words of a job title too general to make a message personal on their own.
#[rustfmt::skip]
const GENERIC_TITLE_WORDS: &[&str] = &[
    "librarian", "library", "libraries", "and", "of", "the", "for", "in", "senior", "junior",
    "head", "assistant", "associate", "manager", "officer", "lead", "chief", "services", "service",
    "information", "specialist", "director", "coordinator", "i", "ii", "iii",
];

/// Things of theirs a writer can only mention by looking at this person.
#[rustfmt::skip]
const THEIR_WORK: &[&str] = &[
    "your post", "your posts", "your article", "your articles", "your talk", "your presentation",
    "your session", "your webinar", "your panel", "your blog", "your paper", "your book",
    "your research", "your project", "your projects", "your work on", "your work with",
    "your work as", "your work at", "your work in", "your role", "your team", "your department",
    "your branch", "your library", "your program", "your programs", "your comments",
    "your newsletter", "your podcast", "your career", "your path", "your experience with",
    "your experience in", "your experience as", "you wrote", "you spoke", "you presented",
    "you mentioned", "you shared", "you posted", "you described", "suggested i", "suggested that i",
];

fn has_personal_hook(words: &[String], ctx: &CheckContext) -> bool {
    let name = name_words(&ctx.volunteer_name)
        .iter()
        .any(|n| words.contains(n));
    let phrase = |p: &str| !p.trim().is_empty() && has_phrase(words, p);
    let title = phrase(&ctx.job_title)
        || fold(&ctx.job_title)
            .iter()
            .filter(|w| w.len() >= 4 && !GENERIC_TITLE_WORDS.contains(&w.as_str()))
            .any(|w| words.contains(w));
    name || title
        || phrase(&ctx.employer)
        || phrase(&ctx.setting_label)
        || ctx.role_labels.iter().any(|r| phrase(r))
        || ctx.specialties.iter().any(|s| phrase(s))
        || has_any(words, THEIR_WORK)
}

/// Ways of asking something of the reader.
#[rustfmt::skip]
const ASKING: &[&str] = &[
    "would you", "could you", "could we", "can we", "can you", "can i", "could i", "may i",
    "might you", "would it be possible", "are you available", "are you open", "would you be open",
    "do you have time", "i would like to", "i d like to", "i would love to", "i d love to",
    "i am hoping", "i m hoping", "i hope to", "i hope we", "if you could", "if you have",
    "if you are open", "if you re open", "if you would", "please let me know", "let me know if",
    "is there a time", "when would", "would a", "willing to", "open to", "i am writing to ask",
    "i m writing to ask", "i wanted to ask", "i want to ask",
];
/// What the ask is for: a conversation of some kind.
#[rustfmt::skip]
const MEETING: &[&str] = &[
    "talk", "chat", "call", "meet", "meeting", "conversation", "speak", "speaking", "interview",
    "coffee", "questions", "question", "ask you", "zoom", "video", "phone", "minutes", "hear about",
    "hear how", "learn from you", "learn about your", "learn more about your",
];

/// Whether one sentence both asks and names a conversation.
fn has_ask(body: &str) -> bool {
    sentences(body).any(|s| {
        let w = fold(s);
        has_any(&w, ASKING) && has_any(&w, MEETING)
    })
}

#[rustfmt::skip]
const NUMBER_WORDS: &[&str] = &[
    "five", "ten", "fifteen", "twenty", "thirty", "forty", "fortyfive", "sixty", "ninety",
];
#[rustfmt::skip]
const TIME_UNITS: &[&str] = &[
    "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs",
];
#[rustfmt::skip]
const TIME_PHRASES: &[&str] = &[
    "half an hour", "half hour", "an hour", "quarter of an hour", "quarter hour", "brief",
    "briefly", "few minutes", "couple of minutes", "quick chat", "quick call", "quick conversation",
    "quick question", "quick questions", "short chat", "short call", "short conversation",
    "short meeting", "short talk",
];

fn has_time_bound(words: &[String]) -> bool {
    let number_then_unit = words.windows(2).any(|w| {
        let n = &w[0];
        let numeric = !n.is_empty() && n.chars().all(|c| c.is_ascii_digit());
        (numeric || NUMBER_WORDS.contains(&n.as_str())) && TIME_UNITS.contains(&w[1].as_str())
    });
    // "20min", "30mins", "1hr" written as one word.
    let glued = words.iter().any(|w| {
        let digits = w.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && TIME_UNITS.contains(&&w[digits..])
    });
    number_then_unit || glued || has_any(words, TIME_PHRASES)
}

#[rustfmt::skip]
const RESUME: &[&str] = &[
    "resume", "resumes", "cv", "curriculum vitae", "cover letter",
];
#[rustfmt::skip]
const SENDING: &[&str] = &[
    "attached", "attach", "attaching", "attachment", "enclosed", "enclose", "enclosing",
    "please find", "i ve included", "i have included", "i ve sent", "send you my", "sent you my",
    "sending you my", "forward my", "forward you my", "share my", "here is my", "here s my",
];
#[rustfmt::skip]
const REVIEWING: &[&str] = &[
    "review my", "look over my", "look at my", "go over my", "read my", "check my", "critique my",
    "edit my", "proofread my", "feedback on my", "comments on my", "thoughts on my",
    "opinion of my", "opinion on my", "improve my", "glance at my",
];
/// "Could you give my CV a look?": one's own résumé in a request to the reader.
const MY_RESUME: &[&str] = &["my resume", "my cv", "my cover letter"];
#[rustfmt::skip]
const ASKING_YOU: &[&str] = &[
    "could you", "would you", "can you", "will you", "if you could", "please",
    "would it be possible",
];
/// Direct requests for work, whatever else the sentence says.
#[rustfmt::skip]
const JOB_DIRECT: &[&str] = &[
    "hire me", "are you hiring", "is your library hiring", "is your team hiring",
    "is your organization hiring", "keep me in mind", "refer me", "recommend me for",
    "put in a good word", "a job for me", "an internship for me", "a position for me",
    "give me a job", "give me an internship", "offer me a", "get me a job", "get me an internship",
    "any openings", "any vacancies", "any open positions", "any job openings", "any internships",
    "any internship openings", "any job opportunities",
];
#[rustfmt::skip]
const JOB_WORDS: &[&str] = &[
    "job", "jobs", "position", "positions", "opening", "openings", "vacancy", "vacancies",
    "internship", "internships", "placement", "placements", "employment", "hire", "hiring",
];
/// Asking for a job for oneself, when a job word is in the same sentence.
#[rustfmt::skip]
const FOR_ME: &[&str] = &[
    "for me", "for myself", "help me get", "help me find", "help me land", "help me secure",
    "get me", "give me", "offer me", "find me", "consider me", "considered for", "take me on",
    "can i apply", "could i apply", "may i apply", "how do i apply", "i would like to apply",
    "i d like to apply", "i want to apply", "apply to your", "apply at your", "apply with you",
    "let me know", "tell me if", "keep me posted",
];
/// "Is there … at your library?": an existence question about a place of theirs.
#[rustfmt::skip]
const THEIR_PLACE_QUESTION: &[&str] = &[
    "is there", "are there", "do you have", "do you offer", "does your", "will there be",
    "i would love", "i d love", "i would like", "i d like", "i want", "i m hoping for",
    "i am hoping for",
];
#[rustfmt::skip]
const THEIR_PLACE: &[&str] = &[
    "at your", "in your", "on your", "with your", "with you", "available", "open", "coming up",
];
/// Questions about how people get started: what the seeds encourage students to ask.
#[rustfmt::skip]
const INFORMATIONAL: &[&str] = &[
    "how did you", "how do you", "how does", "how do people", "how did people", "how people",
    "how someone", "how others", "how you", "how can someone", "how would someone",
    "how would you recommend", "what skills", "which skills", "skills matter", "skills that matter",
    "what experience", "gain experience", "get experience", "gaining experience",
    "getting experience", "build experience", "what advice", "any advice",
    "what would you recommend", "what should i", "how should i", "how can i gain",
    "how can i get experience", "what do you look for", "what did you", "what does it take",
];

/// Why `text` asks for work or a résumé review, if it does.
fn job_ask_finding(field: DraftField, text: &str) -> Option<Finding> {
    for sentence in sentences(text) {
        let w = fold(sentence);
        let sends_or_asks = has_any(&w, SENDING)
            || has_any(&w, REVIEWING)
            || (has_any(&w, MY_RESUME) && has_any(&w, ASKING_YOU));
        if has_any(&w, RESUME) && sends_or_asks {
            return Some(finding(
                Rule::AsksForJob,
                Severity::Warning,
                field,
                "This sends or asks for feedback on a résumé. An informational interview is about their work, not a review of your application, and the program does not offer one.",
                "Leave the résumé out. You can ask instead which skills or experience matter most in their setting.",
            ));
        }
        let direct = has_any(&w, JOB_DIRECT);
        let for_me = has_any(&w, JOB_WORDS)
            && (has_any(&w, FOR_ME)
                || (has_any(&w, THEIR_PLACE_QUESTION) && has_any(&w, THEIR_PLACE)))
            && !has_any(&w, INFORMATIONAL);
        if direct || for_me {
            return Some(finding(
                Rule::AsksForJob,
                Severity::Warning,
                field,
                "This asks the person for a job or an internship. An informational interview is for learning about their work; asking for a position puts them on the spot and usually ends the conversation.",
                "Ask to learn instead: how people in their role gained experience, or which skills matter in their setting.",
            ));
        }
    }
    None
}

#[rustfmt::skip]
const MORE_FOLLOW_UPS: &[&str] = &[
    "follow up again", "following up again", "another follow up", "another reminder",
    "remind you again", "keep following up", "keep checking in", "check in again",
    "reach out again", "email you again", "message you again", "write to you again", "write again",
    "nudge you again", "follow up every", "follow up weekly", "second follow up", "second reminder",
    "until i hear", "until you reply", "until you answer",
];

fn plans_more_follow_ups(text: &str) -> bool {
    let words = fold(text);
    MORE_FOLLOW_UPS.iter().any(|p| has_affirmed(&words, p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::outreach::channel::Channel;
    use crate::domain::outreach::questions;
    use crate::domain::outreach::template::{fill, Formality, HowFound, StudioMode, TemplateInput};

    fn ctx() -> CheckContext {
        CheckContext {
            limits: ChannelLimits::default(),
            volunteer_name: "José Ñúñez-D'Souza".into(),
            job_title: "Teen Services Librarian".into(),
            employer: "Harbor City Public Library".into(),
            role_labels: vec!["Youth Services Librarian".into()],
            setting_label: "Public library".into(),
            specialties: vec!["Graphic novels".into()],
        }
    }

    const GOOD: &str = "Dear José Ñúñez-D'Souza,\n\nI'm Zoë, a library school student. Your work as Teen Services Librarian is what I hope to learn about. Would you be open to a 30-minute phone call at a time that suits you?\n\nThank you,\nZoë";

    fn email(body: &str) -> Draft {
        Draft {
            channel: Channel::Email,
            subject: "A 30-minute conversation?".into(),
            body: body.into(),
            ..Draft::default()
        }
    }

    fn rules(d: &Draft) -> Vec<Rule> {
        check(d, &ctx()).iter().map(|f| f.rule).collect()
    }

    fn with_body(body: &str) -> Vec<Rule> {
        rules(&email(body))
    }

    /// `GOOD` with one sentence added before the thanks.
    fn good_plus(sentence: &str) -> String {
        GOOD.replace("\n\nThank you,", &format!(" {sentence}\n\nThank you,"))
    }

    #[test]
    fn a_good_message_has_no_findings() {
        assert_eq!(with_body(GOOD), []);
        assert_eq!(with_body(""), [], "nothing to judge yet");
    }

    #[test]
    fn every_filled_template_passes_every_rule() {
        for channel in Channel::ALL {
            for mode in StudioMode::ALL {
                for how in HowFound::ALL {
                    for formality in Formality::ALL {
                        let input = TemplateInput {
                            mode: *mode,
                            channel: *channel,
                            premium: false,
                            formality: *formality,
                            how_found: *how,
                            how_found_detail: String::new(),
                            requester_full_name: "Zoë O'Brien-Nguyễn 🙂".into(),
                            requester_first_name: String::new(),
                            learning_goal: "How do teen programs get planned? What skills matter most in your setting?".into(),
                            volunteer_name: ctx().volunteer_name,
                            job_title: ctx().job_title,
                            setting_label: ctx().setting_label,
                            minutes: 45,
                            modes: vec!["Video call".into()],
                            program_name: String::new(),
                        };
                        let f = fill(&input, &ctx().limits);
                        let d = Draft {
                            channel: *channel,
                            subject: f.subject.unwrap_or_default(),
                            body: f.body,
                            ..Draft::default()
                        };
                        assert_eq!(
                            rules(&d),
                            [],
                            "{channel:?} {mode:?} {how:?} {formality:?}: {}",
                            d.body
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn over_the_hard_limit_is_an_error_with_the_numbers() {
        let d = Draft {
            channel: Channel::ConnectionNote,
            body: format!("Dear José, {}", "🙂".repeat(195)),
            ..Draft::default()
        };
        let f = check(&d, &ctx());
        assert_eq!(f[0].rule, Rule::OverLimit);
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(f[0].guideline, "guidelines#channel-limits");
        assert!(f[0].why.contains("206 / 200 characters"), "{}", f[0].why);
        assert!(f[0].how_to_fix.contains("at least 6 characters"));
        // The same note fits a premium account.
        let premium = Draft { premium: true, ..d };
        assert!(!rules(&premium).contains(&Rule::OverLimit));

        let subject = Draft {
            channel: Channel::LinkedinMessage,
            subject: "é".repeat(201),
            body: GOOD.into(),
            ..Draft::default()
        };
        let f = check(&subject, &ctx());
        assert_eq!(
            (f[0].rule, f[0].field),
            (Rule::OverLimit, DraftField::Subject)
        );
    }

    #[test]
    fn too_long_is_advice_for_email_words_and_subjects() {
        let long = good_plus(&"I have read a great deal about teen services. ".repeat(20));
        let f = check(&email(&long), &ctx());
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (f[0].rule, f[0].severity),
            (Rule::TooLong, Severity::Advice)
        );
        assert!(f[0].why.contains("150 words"));
        // A LinkedIn message gets the same advice on words, under its hard limit.
        let msg = Draft {
            channel: Channel::LinkedinMessage,
            ..email(&long)
        };
        assert_eq!(rules(&msg), [Rule::TooLong]);
        // Just under the advice: nothing.
        let words = crate::domain::outreach::channel::count_words(GOOD);
        let fits = good_plus(&"word ".repeat(150 - words));
        assert_eq!(with_body(&fits), []);
        let mut d = email(GOOD);
        d.subject = "x".repeat(81);
        assert_eq!(rules(&d), [Rule::TooLong]);
    }

    #[test]
    fn no_personal_hook() {
        let generic = "Dear Sir or Madam,\n\nI am a student. Would you be open to a 20-minute call?\n\nThanks,\nZoë";
        assert_eq!(with_body(generic), [Rule::NoPersonalHook]);
        // Any one specific thing about them is a hook.
        for hook in [
            "Dear Mr. Ñunez,",
            "Dear Sir or Madam, I saw your talk on zines.",
            "Dear Sir or Madam, I admire Harbor City Public Library.",
            "Dear Sir or Madam, I hope to work in a public library.",
            "Dear Sir or Madam, I love graphic novels.",
            "Dear Sir or Madam, teen services interest me.",
            "Dear Sir or Madam, Ana Lima suggested I write.",
        ] {
            let body = generic.replace("Dear Sir or Madam,", hook);
            assert_eq!(with_body(&body), [], "{hook}");
        }
        // A generic word of the title is not a hook.
        let librarian = generic.replace("I am a student.", "I want to be a librarian.");
        assert_eq!(with_body(&librarian), [Rule::NoPersonalHook]);
    }

    #[test]
    fn asking_for_a_job_an_internship_or_a_resume_review_is_flagged() {
        for ask in [
            "Are you hiring?",
            "Could you let me know if there are any openings at your library?",
            "I would love an internship with your team.",
            "Is there a position open on your team?",
            "Do you have any internships available this summer?",
            "If a position comes up, please let me know.",
            "Could you help me get a job in your system?",
            "Please keep me in mind for future roles.",
            "Would you review my résumé?",
            "I'd be grateful for feedback on my CV.",
            "I have attached my resume for your reference.",
            "Please find my CV attached.",
            "Can I send you my cover letter?",
            "Could you give my CV a quick look?",
            "HIRE ME",
        ] {
            let rules = with_body(&good_plus(ask));
            assert_eq!(rules, [Rule::AsksForJob], "{ask}");
        }
        let f = check(&email(&good_plus("Would you review my résumé?")), &ctx());
        assert!(f[0].why.contains("résumé"));
        assert_eq!(f[0].guideline, "guidelines#not-a-job-interview");
        // In the subject, the thank-you note or the follow-up too.
        let mut d = email(GOOD);
        d.thank_you = "Thank you! I've attached my CV in case a job opens.".into();
        let f = check(&d, &ctx());
        assert_eq!(
            (f[0].rule, f[0].field),
            (Rule::AsksForJob, DraftField::ThankYou)
        );
    }

    #[test]
    fn asking_how_people_gain_experience_or_what_skills_matter_is_fine() {
        for question in [
            "How did you gain experience before your first library job?",
            "What skills matter most in your setting?",
            "How do people in your role usually find their first position?",
            "Could you tell me how people in your role found their first position?",
            "Does the library hire student assistants, and how does that process work?",
            "What do you look for when hiring for an entry-level position?",
            "Are there job boards you would recommend?",
            "I'd like a job like yours one day, so I want to understand your path.",
            "How did you decide what to put on your résumé when you changed careers?",
            "I updated my résumé last week.",
            "Before I resume my studies, I want to learn more.",
            "I'm looking for work in public libraries and want to learn how they run.",
        ] {
            assert_eq!(with_body(&good_plus(question)), [], "{question}");
        }
        // The bank's own questions pass, of course.
        for (_, qs) in questions::bank(&questions::Tailoring::default()) {
            for q in qs {
                assert_eq!(with_body(&good_plus(&q.text)), [], "{}", q.id);
            }
        }
    }

    #[test]
    fn no_specific_ask() {
        let body = "Dear José,\n\nI'm Zoë and I admire your work as Teen Services Librarian. I am a student interested in teen services.\n\nThank you,\nZoë";
        let f = check(&email(body), &ctx());
        assert_eq!(
            f.iter().map(|f| f.rule).collect::<Vec<_>>(),
            [Rule::NoSpecificAsk]
        );
        assert_eq!(f[0].guideline, "guidelines#specific-ask");
        // Thanking for their time is not an ask.
        let thanks = body.replace(
            "Thank you,",
            "I would like to thank you for your time.\n\nThank you,",
        );
        assert_eq!(with_body(&thanks), [Rule::NoSpecificAsk]);
        for ask in [
            "Could we talk for 20 minutes?",
            "May I ask you a few questions, briefly?",
            "I'd love to hear about your path in a 15-minute chat.",
        ] {
            let with_ask = body.replace("\n\nThank you,", &format!(" {ask}\n\nThank you,"));
            assert_eq!(with_body(&with_ask), [], "{ask}");
        }
    }

    #[test]
    fn no_time_bound() {
        let body = GOOD.replace("a 30-minute phone call", "a phone call");
        assert_eq!(with_body(&body), [Rule::NoTimeBound]);
        for bound in [
            "a 20-minute phone call",
            "a 20 minute phone call",
            "a 20min phone call",
            "a phone call of half an hour",
            "a brief phone call",
            "a phone call of twenty minutes",
            "a quick chat by phone",
            "a phone call of an hour at most",
        ] {
            let b = GOOD.replace("a 30-minute phone call", bound);
            assert_eq!(with_body(&b), [], "{bound}");
        }
    }

    #[test]
    fn casual_or_missing_greetings() {
        for casual in [
            "Hey José,",
            "hey,",
            "Yo José!",
            "Hiya José,",
            "HEY THERE",
            "What's up José",
        ] {
            let body = GOOD.replace("Dear José Ñúñez-D'Souza,", casual);
            let f = check(&email(&body), &ctx());
            assert_eq!(
                f.iter().map(|f| f.rule).collect::<Vec<_>>(),
                [Rule::CasualGreeting],
                "{casual}"
            );
        }
        let none = GOOD.replace("Dear José Ñúñez-D'Souza,\n\n", "");
        let f = check(&email(&none), &ctx());
        assert_eq!(f.len(), 1);
        assert!(f[0].why.contains("without a greeting"));
        for fine in [
            "Hello José,",
            "Hi José,",
            "Good morning,",
            "Dr. Ñúñez,",
            "José,",
            "  \n Dear José,",
        ] {
            let body = GOOD.replace("Dear José Ñúñez-D'Souza,", fine);
            assert_eq!(with_body(&body), [], "{fine}");
        }
        // A name that merely starts like a casual word is not one.
        let c = CheckContext {
            volunteer_name: "Heyward Yoon".into(),
            ..ctx()
        };
        let body = GOOD.replace("Dear José Ñúñez-D'Souza,", "Heyward,");
        assert_eq!(check(&email(&body), &c), []);
    }

    #[test]
    fn more_than_one_follow_up_planned() {
        let mut d = email(GOOD);
        d.follow_up = "Dear José, I'm writing once more about my message last week. If I don't hear back, I'll follow up again next week.".into();
        let f = check(&d, &ctx());
        assert_eq!(
            (f[0].rule, f[0].field),
            (Rule::TooManyFollowUps, DraftField::FollowUp)
        );
        assert_eq!(f[0].guideline, "guidelines#one-follow-up");
        d.follow_up = "Dear José, I'm writing once more about my message last week. I won't write again; thank you either way.".into();
        assert_eq!(rules(&d), []);
        // One follow-up announced in the first message is fine; a series is not.
        assert_eq!(
            with_body(&good_plus(
                "If I don't hear back, I will follow up in a week."
            )),
            []
        );
        assert_eq!(
            with_body(&good_plus("I will keep checking in until I hear from you.")),
            [Rule::TooManyFollowUps]
        );
    }

    #[test]
    fn the_context_and_the_tailoring_come_from_the_public_profile() {
        use crate::domain::outreach::questions::Tailoring;
        use crate::domain::taxonomy::{Slug, Term};
        use crate::domain::{MeetingMode, PoolFacts};
        let slug = |s: &str| Slug::parse(s).unwrap();
        let term = |s: &str, l: &str| Term {
            slug: slug(s),
            label: l.into(),
        };
        let vocab = Vocabularies {
            roles: vec![term("records-manager", "Records Manager")],
            settings: vec![term("law-library", "Law library")],
            regions: vec![term("south", "South")],
        };
        let profile = PublicProfile {
            id: "v1".into(),
            display_name: "Zoë O'Brien-Nguyễn 🙂".into(),
            job_title: "Records Officer".into(),
            roles: vec![slug("records-manager"), slug("removed-role")],
            setting: slug("law-library"),
            employer: Some("Harbor & Pike LLP".into()),
            region: slug("south"),
            bio: String::new(),
            specialties: vec!["Retention schedules".into()],
            modes: vec![MeetingMode::Video],
            minutes_per_interview: 45,
            availability: vec![],
            availability_note: String::new(),
            welcome_further_contact: false,
            pool: PoolFacts {
                listed: true,
                years_experience: 5,
                paused_until: None,
                max_contacts: 2,
                contacts_used: 0,
                last_matched: None,
            },
        };
        let c = CheckContext::for_profile(&profile, &vocab, ChannelLimits::default());
        assert_eq!(c.role_labels, ["Records Manager", "removed-role"]);
        assert_eq!(c.setting_label, "Law library");
        assert_eq!(c.employer, "Harbor & Pike LLP");
        let body = "Dear Zoë,\n\nWould you be open to a 45-minute video call?\n\nThank you,\nAna";
        let d = email(body);
        assert_eq!(check(&d, &c), [], "her name is a hook");
        let no_name = email(&body.replace("Dear Zoë,", "Dear Sir or Madam,"));
        assert_eq!(check(&no_name, &c).len(), 1);
        let retention = email(
            &no_name
                .body
                .replace("Would", "I read about retention schedules. Would"),
        );
        assert_eq!(check(&retention, &c), [], "a specialty is a hook");

        let t = Tailoring::for_profile(&profile, &vocab);
        let ids: Vec<String> = questions::suggest(&t, questions::MAX_CHOSEN)
            .into_iter()
            .map(|q| q.id.into_owned())
            .collect();
        assert!(ids.contains(&"challenge-law".to_owned()), "{ids:?}");
        assert!(ids.contains(&"skills-records".to_owned()), "{ids:?}");
    }

    #[test]
    fn errors_come_first() {
        let d = Draft {
            channel: Channel::ConnectionNote,
            body: format!("Hey, {}", "a ".repeat(150)),
            ..Draft::default()
        };
        let f = check(&d, &ctx());
        assert_eq!(f[0].severity, Severity::Error);
        assert!(f.windows(2).all(|w| w[0].severity <= w[1].severity));
    }

    #[test]
    fn rule_slugs_and_anchors_are_stable() {
        let slugs: Vec<&str> = Rule::ALL.iter().map(|r| r.slug()).collect();
        assert_eq!(
            slugs,
            [
                "over-limit",
                "too-long",
                "no-personal-hook",
                "asks-for-job",
                "no-specific-ask",
                "no-time-bound",
                "casual-greeting",
                "too-many-follow-ups"
            ]
        );
        for r in Rule::ALL {
            assert!(r.guideline().starts_with("guidelines#"));
        }
    }
}
