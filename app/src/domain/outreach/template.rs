//! The structured first message: its parts in order, filled from the request and the
//! volunteer's profile, and assembled for a channel.
//!
//! Every part is returned on its own so the studio can show the parts beside the editor and
//! re-insert one the person deleted; the person then edits the assembled text freely.

use serde::{Deserialize, Serialize};

use super::super::choice::choice;
use super::super::text;
use super::channel::{count_characters, truncate_characters, Channel, ChannelLimits};

choice! {
    /// Where the studio was opened from.
    pub enum StudioMode in "kebab-case" {
        /// From the requester's private link after a match: the program introduced them.
        Matched,
        /// From a public profile before any match, to practise; the committee makes the
        /// introduction, so the person found the volunteer some other way.
        Practice,
    }
}

choice! {
    /// How formal the greeting and the signature are.
    #[derive(Default)]
    pub enum Formality in "kebab-case" {
        /// The default for a first contact with someone the person has never met.
        #[default]
        Formal,
        Informal,
    }
}

choice! {
    /// How the requester came to write to this volunteer.
    pub enum HowFound in "kebab-case" {
        /// The association's program matched them (the only choice after a match).
        Program,
        Search,
        PostOrArticle,
        Talk,
        DiscussionGroup,
        /// A person both know; their name goes in `how_found_detail`.
        MutualContact,
    }
}

impl HowFound {
    pub fn label(self) -> &'static str {
        match self {
            Self::Program => "The program introduced us",
            Self::Search => "A search",
            Self::PostOrArticle => "A post or article of theirs",
            Self::Talk => "A talk they gave",
            Self::DiscussionGroup => "A discussion group",
            Self::MutualContact => "A mutual contact",
        }
    }

    /// The choices offered in a mode.
    pub fn choices(mode: StudioMode) -> &'static [HowFound] {
        match mode {
            StudioMode::Matched => &[Self::Program],
            StudioMode::Practice => &[
                Self::Search,
                Self::PostOrArticle,
                Self::Talk,
                Self::DiscussionGroup,
                Self::MutualContact,
            ],
        }
    }

    /// The choice actually used: after a match it is always the program; in practice the
    /// program has not introduced anyone yet, so it reads as a search.
    pub fn effective(self, mode: StudioMode) -> HowFound {
        match (mode, self) {
            (StudioMode::Matched, _) => Self::Program,
            (StudioMode::Practice, Self::Program) => Self::Search,
            (StudioMode::Practice, other) => other,
        }
    }
}

choice! {
    /// The parts of a first message, in the order they are assembled.
    pub enum PartKind in "kebab-case" {
        Greeting,
        HowFound,
        WhyYou,
        Ask,
        Flexibility,
        Thanks,
        Signature,
    }
}

impl PartKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Greeting => "Greeting",
            Self::HowFound => "How I found you",
            Self::WhyYou => "Why you",
            Self::Ask => "The ask, with a time",
            Self::Flexibility => "Your schedule first",
            Self::Thanks => "Thanks",
            Self::Signature => "Signature",
        }
    }
}

/// One filled part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub kind: PartKind,
    pub text: String,
}

/// What the template is filled from: the request, the profile and the person's choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateInput {
    pub mode: StudioMode,
    pub channel: Channel,
    /// A premium LinkedIn account (a longer connection note), as the requester says.
    pub premium: bool,
    pub formality: Formality,
    pub how_found: HowFound,
    /// The post's or talk's title, the group's name or the mutual contact's name; may be empty.
    pub how_found_detail: String,
    pub requester_full_name: String,
    /// May be empty: then the first word of the full name.
    pub requester_first_name: String,
    pub learning_goal: String,
    pub volunteer_name: String,
    pub job_title: String,
    /// The label of the volunteer's setting ("Public library"); may be empty.
    pub setting_label: String,
    /// The volunteer's minutes per interview; 0 when unknown.
    pub minutes: u16,
    /// Labels of the volunteer's meeting modes ("Phone", "Video call").
    pub modes: Vec<String>,
    /// The program's name as written in a sentence; empty for the default wording.
    pub program_name: String,
}

/// The filled template: the parts, the subject (channels with one) and the assembled body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filled {
    pub parts: Vec<Part>,
    pub subject: Option<String>,
    pub body: String,
}

impl Filled {
    /// The text of one part, to re-insert it.
    pub fn part(&self, kind: PartKind) -> Option<&str> {
        self.parts
            .iter()
            .find(|p| p.kind == kind)
            .map(|p| p.text.as_str())
    }
}

const DEFAULT_PROGRAM: &str = "the association's informational interview program";
/// Longest mutual-contact name or title quoted in a connection note.
const NOTE_DETAIL_MAX: usize = 40;

/// Fills the template for `input.channel`. A connection note gets the short form, fitted to
/// the note's limit for the account (shortening the learning goal first, then leaving out
/// the least needed parts), so the filled note never starts over the limit.
pub fn fill(input: &TemplateInput, limits: &ChannelLimits) -> Filled {
    let names = Names::of(input);
    match input.channel {
        Channel::ConnectionNote => {
            let limit = limits.note_limit(input.premium);
            let parts = fit_note(input, &names, limit);
            let body = assemble(Channel::ConnectionNote, &parts);
            Filled {
                parts,
                subject: None,
                body,
            }
        }
        channel => {
            let parts = long_parts(input, &names);
            let body = assemble(channel, &parts);
            let subject_max = match channel {
                Channel::Email => limits.email_subject_advice,
                _ => limits.message_subject,
            };
            Filled {
                parts,
                subject: Some(subject(input, subject_max)),
                body,
            }
        }
    }
}

/// Joins parts as the channel reads: a connection note is one paragraph with the signature
/// on its own line; longer messages put each part in its own paragraph, except that "how I
/// found you" runs on into "why you" and the ask into the flexibility about time.
pub fn assemble(channel: Channel, parts: &[Part]) -> String {
    let mut out = String::new();
    let mut previous: Option<PartKind> = None;
    for part in parts.iter().filter(|p| !p.text.trim().is_empty()) {
        if let Some(prev) = previous {
            let run_on = matches!(
                (prev, part.kind),
                (PartKind::HowFound, PartKind::WhyYou) | (PartKind::Ask, PartKind::Flexibility)
            );
            let sep = match channel {
                Channel::ConnectionNote if part.kind == PartKind::Signature => "\n",
                Channel::ConnectionNote => " ",
                _ if run_on => " ",
                _ => "\n\n",
            };
            out.push_str(sep);
        }
        out.push_str(part.text.trim());
        previous = Some(part.kind);
    }
    out
}

/// The names as they are used: trimmed, with first names taken from the full ones when
/// needed. Names are used exactly as typed (accents, apostrophes, hyphens, emoji), never
/// "corrected".
struct Names {
    me_full: String,
    me_first: String,
    them_full: String,
    them_first: String,
}

impl Names {
    fn of(input: &TemplateInput) -> Self {
        let me_full = collapse(&input.requester_full_name);
        let me_first = match collapse(&input.requester_first_name) {
            f if f.is_empty() => first_word(&me_full),
            f => f,
        };
        let them_full = collapse(&input.volunteer_name);
        let them_first = first_word(&them_full);
        Self {
            me_full,
            me_first,
            them_full,
            them_first,
        }
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn first_word(s: &str) -> String {
    s.split_whitespace().next().unwrap_or_default().to_owned()
}

fn greeting(input: &TemplateInput, names: &Names) -> String {
    match (input.formality, names.them_full.is_empty()) {
        (Formality::Formal, false) => format!("Dear {},", names.them_full),
        (Formality::Informal, false) => format!("Hello {},", names.them_first),
        (Formality::Formal, true) => "Good day,".to_owned(),
        (Formality::Informal, true) => "Hello,".to_owned(),
    }
}

/// "I'm Zoë O'Brien-Nguyễn." or "" when no name was given.
fn introduction(name: &str) -> String {
    if name.is_empty() {
        String::new()
    } else {
        format!("I'm {name}. ")
    }
}

/// `text` ending with sentence punctuation, so it can be followed by another sentence.
fn as_sentence(text: &str) -> String {
    let t = collapse(text);
    match t.chars().last() {
        None => t,
        Some(c) if ".?!…".contains(c) => t,
        Some(_) => format!("{t}."),
    }
}

/// "in person, phone or video call"
fn modes_phrase(modes: &[String]) -> String {
    let modes: Vec<String> = modes
        .iter()
        .map(|m| collapse(m).to_lowercase())
        .filter(|m| !m.is_empty())
        .collect();
    match modes.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

fn long_parts(input: &TemplateInput, n: &Names) -> Vec<Part> {
    let program = match collapse(&input.program_name) {
        p if p.is_empty() => DEFAULT_PROGRAM.to_owned(),
        p => p,
    };
    let detail = collapse(&input.how_found_detail);
    let title = collapse(&input.job_title);
    let intro = introduction(&n.me_full);
    let how_found = match input.how_found.effective(input.mode) {
        HowFound::Program => format!("{intro}We were put in touch by {program}."),
        HowFound::Search => match title.as_str() {
            "" => format!("{intro}I came across your profile while looking for people in the information field."),
            t => format!("{intro}I came across your profile while looking for people who work as {t}."),
        },
        HowFound::PostOrArticle => match detail.as_str() {
            "" => format!("{intro}I read one of your recent posts and wanted to reach out."),
            d => format!("{intro}I read your piece \u{201c}{d}\u{201d} and wanted to reach out."),
        },
        HowFound::Talk => match detail.as_str() {
            "" => format!("{intro}I heard one of your talks and wanted to follow it up."),
            d => format!("{intro}I heard you speak at {d} and wanted to follow it up."),
        },
        HowFound::DiscussionGroup => match detail.as_str() {
            "" => format!("{intro}I have been reading your contributions to a discussion group we both follow."),
            d => format!("{intro}I have been reading your contributions to the {d} discussion group."),
        },
        HowFound::MutualContact => match detail.as_str() {
            "" => format!("{intro}Someone we both know suggested I get in touch with you."),
            d => format!("{intro}{d} suggested I get in touch with you."),
        },
    };
    let setting = collapse(&input.setting_label);
    let work = match (title.as_str(), setting.as_str()) {
        ("", "") => "Your experience".to_owned(),
        ("", s) => format!("Your experience ({s})"),
        (t, "") => format!("Your work as {t}"),
        (t, s) => format!("Your work as {t} ({s})"),
    };
    let goal = as_sentence(&input.learning_goal);
    let why_you = if goal.is_empty() {
        format!("{work} is close to what I am trying to understand.")
    } else {
        format!("{work} is close to what I am trying to understand. What I hope to learn: {goal}")
    };
    let modes = modes_phrase(&input.modes);
    let length = match input.minutes {
        0 => "brief".to_owned(),
        m => format!("{m}-minute"),
    };
    let ask = match modes.as_str() {
        "" => format!("Would you be open to a {length} conversation? I would come with a few prepared questions and keep to the time."),
        m => format!("Would you be open to a {length} conversation ({m})? I would come with a few prepared questions and keep to the time."),
    };
    let flexibility =
        "I am glad to fit around your schedule, at whatever time suits you over the coming weeks."
            .to_owned();
    let thanks = "Thank you for considering it.".to_owned();
    let signature = match input.formality {
        Formality::Formal => format!("Kind regards,\n{}", n.me_full),
        Formality::Informal => format!("Thanks again,\n{}", n.me_first),
    };
    vec![
        part(PartKind::Greeting, greeting(input, n)),
        part(PartKind::HowFound, how_found),
        part(PartKind::WhyYou, why_you),
        part(PartKind::Ask, ask),
        part(PartKind::Flexibility, flexibility),
        part(PartKind::Thanks, thanks),
        part(PartKind::Signature, signature.trim().to_owned()),
    ]
}

fn part(kind: PartKind, text: String) -> Part {
    Part { kind, text }
}

/// The connection note's short parts. `goal_max` bounds the learning goal (characters);
/// `None` leaves the goal out; `with_modes` keeps the meeting modes in the ask.
fn note_parts(
    input: &TemplateInput,
    n: &Names,
    goal_max: Option<usize>,
    with_modes: bool,
) -> Vec<Part> {
    let detail =
        truncate_characters(&collapse(&input.how_found_detail), NOTE_DETAIL_MAX).to_owned();
    let me = match n.me_first.as_str() {
        "" => "I".to_owned(),
        f => format!("I'm {f} and"),
    };
    let how_found = match input.how_found.effective(input.mode) {
        HowFound::Program => match n.me_first.as_str() {
            "" => "Our association's program matched us.".to_owned(),
            f => format!("I'm {f}; our association's program matched us."),
        },
        HowFound::Search => format!("{me} found your profile in a search."),
        HowFound::PostOrArticle => format!("{me} read your post."),
        HowFound::Talk => format!("{me} heard your talk."),
        HowFound::DiscussionGroup => format!("{me} saw your posts in a group we share."),
        HowFound::MutualContact => match detail.as_str() {
            "" => format!("{me} was pointed to you by someone we both know."),
            d => format!("{me} was pointed to you by {d}."),
        },
    };
    let goal = collapse(&input.learning_goal);
    let why_you = match goal_max {
        Some(max) if !goal.is_empty() => {
            let short = if goal.chars().count() > max {
                // `excerpt` adds "…" after at most `max - 1` characters.
                text::excerpt(&goal, max.saturating_sub(1))
            } else {
                goal
            };
            let short = short.trim_end_matches(['.', '!', '?']);
            format!("I hope to learn: {short}.")
        }
        _ => String::new(),
    };
    let modes = if with_modes {
        modes_phrase(&input.modes)
    } else {
        String::new()
    };
    let ask = match (input.minutes, modes.as_str()) {
        (0, "") => "Could we have a brief talk?".to_owned(),
        (0, m) => format!("Could we have a brief talk ({m})?"),
        (mins, "") => format!("Could we talk for {mins} minutes?"),
        (mins, m) => format!("Could we talk for {mins} minutes ({m})?"),
    };
    let greeting = match input.formality {
        // A long full name would eat the note; the first name keeps it readable.
        Formality::Formal if count_characters(&n.them_full) > 40 => {
            format!("Dear {},", n.them_first)
        }
        _ => greeting(input, n),
    };
    vec![
        part(PartKind::Greeting, greeting),
        part(PartKind::HowFound, how_found),
        part(PartKind::WhyYou, why_you),
        part(PartKind::Ask, ask),
        part(PartKind::Flexibility, "Whenever suits you.".to_owned()),
        part(PartKind::Thanks, "Thank you!".to_owned()),
        part(PartKind::Signature, n.me_first.clone()),
    ]
}

fn fit_note(input: &TemplateInput, n: &Names, limit: usize) -> Vec<Part> {
    let fits =
        |parts: &[Part]| count_characters(&assemble(Channel::ConnectionNote, parts)) <= limit;
    let full = note_parts(input, n, Some(usize::MAX), true);
    if fits(&full) {
        return full;
    }
    // Shorten the goal to what is left once everything else is in.
    let without_goal = note_parts(input, n, None, true);
    let rest = count_characters(&assemble(Channel::ConnectionNote, &without_goal));
    // " I hope to learn: ." around the goal takes 19 characters.
    let budget = limit.saturating_sub(rest + 19);
    if budget >= 20 {
        let shortened = note_parts(input, n, Some(budget), true);
        if fits(&shortened) {
            return shortened;
        }
    }
    // Then leave out, in turn, what the note can do without.
    let mut parts = without_goal;
    for step in 0..3 {
        if fits(&parts) {
            return parts;
        }
        match step {
            0 => parts = note_parts(input, n, None, false),
            1 => parts.retain(|p| p.kind != PartKind::Flexibility),
            _ => parts.retain(|p| p.kind != PartKind::HowFound),
        }
    }
    if !fits(&parts) {
        // Only absurdly long names get here: cut every part to an equal share.
        let share = limit / parts.len().max(1);
        for p in &mut parts {
            p.text = truncate_characters(&p.text, share.saturating_sub(1)).to_owned();
        }
    }
    parts
}

fn subject(input: &TemplateInput, max: usize) -> String {
    let title = collapse(&input.job_title);
    let length = match input.minutes {
        0 => "a brief".to_owned(),
        m => format!("a {m}-minute"),
    };
    let full = match title.as_str() {
        "" => format!("Request for {length} informational interview"),
        t => format!("Request for {length} conversation about your work as {t}"),
    };
    if count_characters(&full) <= max {
        full
    } else {
        format!("Request for {length} informational interview")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::outreach::channel::count_characters;

    fn input(channel: Channel) -> TemplateInput {
        TemplateInput {
            mode: StudioMode::Matched,
            channel,
            premium: false,
            formality: Formality::Formal,
            how_found: HowFound::Program,
            how_found_detail: String::new(),
            requester_full_name: "Zoë O'Brien-Nguyễn 🙂".into(),
            requester_first_name: String::new(),
            learning_goal: "how a university library's branches share their reference work".into(),
            volunteer_name: "José Ñúñez-D'Souza".into(),
            job_title: "Research and Instruction Librarian".into(),
            setting_label: "Academic library".into(),
            minutes: 30,
            modes: vec!["Phone".into(), "Video call".into()],
            program_name: String::new(),
        }
    }

    #[test]
    fn the_long_form_has_every_part_in_order_with_the_names_as_typed() {
        let f = fill(&input(Channel::Email), &ChannelLimits::default());
        let kinds: Vec<PartKind> = f.parts.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, PartKind::ALL);
        assert_eq!(f.part(PartKind::Greeting), Some("Dear José Ñúñez-D'Souza,"));
        assert!(f
            .part(PartKind::HowFound)
            .unwrap()
            .starts_with("I'm Zoë O'Brien-Nguyễn 🙂."));
        assert!(f
            .part(PartKind::HowFound)
            .unwrap()
            .contains(DEFAULT_PROGRAM));
        let why = f.part(PartKind::WhyYou).unwrap();
        assert!(why.contains("Research and Instruction Librarian (Academic library)"));
        assert!(why.ends_with("share their reference work."));
        let ask = f.part(PartKind::Ask).unwrap();
        assert!(
            ask.contains("30-minute conversation (phone or video call)"),
            "{ask}"
        );
        assert!(f
            .part(PartKind::Signature)
            .unwrap()
            .ends_with("\nZoë O'Brien-Nguyễn 🙂"));
        assert!(f.body.starts_with("Dear José Ñúñez-D'Souza,\n\nI'm Zoë"));
        assert!(f.body.contains("keep to the time. I am glad to fit around"));
        let subject = f.subject.unwrap();
        assert!(subject.contains("30-minute"));
        assert!(count_characters(&subject) <= ChannelLimits::default().email_subject_advice);
    }

    #[test]
    fn informal_uses_first_names() {
        let mut i = input(Channel::LinkedinMessage);
        i.formality = Formality::Informal;
        i.requester_first_name = " Zoë ".into();
        let f = fill(&i, &ChannelLimits::default());
        assert_eq!(f.part(PartKind::Greeting), Some("Hello José,"));
        assert_eq!(f.part(PartKind::Signature), Some("Thanks again,\nZoë"));
    }

    #[test]
    fn practice_mode_says_how_the_person_found_the_volunteer() {
        let mut i = input(Channel::Email);
        i.mode = StudioMode::Practice;
        i.how_found = HowFound::MutualContact;
        i.how_found_detail = "Siobhán Ó Briain".into();
        let f = fill(&i, &ChannelLimits::default());
        let hf = f.part(PartKind::HowFound).unwrap();
        assert!(
            hf.contains("Siobhán Ó Briain suggested I get in touch"),
            "{hf}"
        );
        assert!(!hf.contains("program"));
        // The program cannot have introduced anyone in practice mode …
        i.how_found = HowFound::Program;
        let f = fill(&i, &ChannelLimits::default());
        assert!(f
            .part(PartKind::HowFound)
            .unwrap()
            .contains("looking for people who work as"));
        // … and after a match it always has.
        i.mode = StudioMode::Matched;
        i.how_found = HowFound::Talk;
        let f = fill(&i, &ChannelLimits::default());
        assert!(f.part(PartKind::HowFound).unwrap().contains("put in touch"));
        assert_eq!(HowFound::choices(StudioMode::Matched), &[HowFound::Program]);
        assert!(!HowFound::choices(StudioMode::Practice).contains(&HowFound::Program));
    }

    #[test]
    fn the_connection_note_fits_the_account_limit() {
        let limits = ChannelLimits::default();
        let mut i = input(Channel::ConnectionNote);
        let f = fill(&i, &limits);
        assert!(count_characters(&f.body) <= 200, "{}", f.body);
        assert!(f.subject.is_none());
        assert!(f.body.contains("30 minutes"), "{}", f.body);
        assert!(f.body.ends_with("\nZoë"), "{}", f.body);

        // A goal far too long for the note is shortened, not dropped, when it can be.
        i.learning_goal = "🙂é ".repeat(200);
        i.premium = true;
        let f = fill(&i, &limits);
        let n = count_characters(&f.body);
        assert!(n <= 300 && n > 200, "{n}: {}", f.body);
        assert!(f.part(PartKind::WhyYou).unwrap().contains('…'));

        // Absurd names still give a note within the limit, cut at whole characters.
        i.premium = false;
        i.volunteer_name = "👩‍👩‍👧‍👦".repeat(150);
        i.requester_full_name = "Nguye\u{302}\u{303}n".repeat(80);
        i.mode = StudioMode::Practice;
        i.how_found = HowFound::MutualContact;
        i.how_found_detail = "x".repeat(500);
        let f = fill(&i, &limits);
        assert!(
            count_characters(&f.body) <= 200,
            "{}",
            count_characters(&f.body)
        );
    }

    #[test]
    fn every_how_found_choice_fits_a_free_note() {
        let limits = ChannelLimits::default();
        for mode in StudioMode::ALL {
            for how in HowFound::ALL {
                let mut i = input(Channel::ConnectionNote);
                i.mode = *mode;
                i.how_found = *how;
                i.how_found_detail = "Rhiannon Llewelyn-Ap Gruffydd".into();
                let f = fill(&i, &limits);
                assert!(
                    count_characters(&f.body) <= 200,
                    "{mode:?} {how:?}: {}",
                    f.body
                );
                assert!(f.part(PartKind::Ask).is_some());
            }
        }
    }

    proptest::proptest! {
        /// Whatever the names, goal and detail, a filled note fits the account's limit and
        /// filling never panics (slicing is always at a character boundary).
        #[test]
        fn any_filled_note_fits(
            me in "\\PC{0,120}",
            them in "\\PC{0,120}",
            goal in "\\PC{0,600}",
            detail in "\\PC{0,120}",
            premium in proptest::bool::ANY,
            minutes in 0u16..=90,
        ) {
            let mut i = input(Channel::ConnectionNote);
            i.mode = StudioMode::Practice;
            i.how_found = HowFound::MutualContact;
            i.requester_full_name = me;
            i.volunteer_name = them;
            i.learning_goal = goal;
            i.how_found_detail = detail;
            i.premium = premium;
            i.minutes = minutes;
            let limits = ChannelLimits::default();
            let f = fill(&i, &limits);
            proptest::prop_assert!(count_characters(&f.body) <= limits.note_limit(premium));
        }
    }

    #[test]
    fn blanks_leave_no_dangling_words() {
        let mut i = input(Channel::Email);
        i.job_title.clear();
        i.setting_label.clear();
        i.learning_goal.clear();
        i.modes.clear();
        i.minutes = 0;
        let f = fill(&i, &ChannelLimits::default());
        assert_eq!(
            f.part(PartKind::WhyYou),
            Some("Your experience is close to what I am trying to understand.")
        );
        assert!(f
            .part(PartKind::Ask)
            .unwrap()
            .starts_with("Would you be open to a brief conversation?"));
        assert!(!f.body.contains("()"));
        assert!(!f.body.contains("  "));
    }

    #[test]
    fn assemble_skips_parts_the_person_emptied() {
        let parts = vec![
            part(PartKind::Greeting, "Dear Ana,".into()),
            part(PartKind::HowFound, "  ".into()),
            part(PartKind::Thanks, "Thank you.".into()),
        ];
        assert_eq!(assemble(Channel::Email, &parts), "Dear Ana,\n\nThank you.");
        assert_eq!(
            assemble(Channel::ConnectionNote, &parts),
            "Dear Ana, Thank you."
        );
    }
}
