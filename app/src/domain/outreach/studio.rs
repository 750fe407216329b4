//! The studio as one page: what it knows of the volunteer ([`StudioSetup`]), the person's
//! [`Draft`], and what its buttons do ([`Intent`]). The browser applies an intent at once;
//! without JavaScript the button posts the form and the server applies the same intent
//! with the same function, so both give the same draft.

use serde::{Deserialize, Serialize};

use super::super::taxonomy::{TermKind, Vocabularies};
use super::super::validation::ValidationError;
use super::super::volunteer::{ContactDetails, PublicProfile};
use super::channel::{Channel, ChannelLimits};
use super::checker::CheckContext;
use super::draft::{Draft, DraftField, MAX_QUESTIONS};
use super::questions::{self, Tailoring};
use super::template::{self, Filled, PartKind, StudioMode, TemplateInput};
use super::thanks::{self, FollowUpRefused, ThankYouInput};

/// Questions a fresh draft starts with.
pub const SUGGESTED_QUESTIONS: usize = 8;

/// What the studio knows of the volunteer, from the match (with the channels they gave)
/// or, in practice, from their public profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudioSetup {
    pub mode: StudioMode,
    /// The volunteer's public id (their profile's address).
    pub volunteer_id: String,
    pub volunteer_name: String,
    pub job_title: String,
    pub setting_label: String,
    /// Minutes per interview; 0 when unknown.
    pub minutes: u16,
    /// Labels of their meeting modes.
    pub modes: Vec<String>,
    /// The channels the person can use: after a match, the ones the volunteer gave
    /// (email always, LinkedIn when they gave a profile); in practice, every channel.
    pub channels: Vec<Channel>,
    /// The volunteer's words for the checker's personal hook, and the limits in force.
    pub check: CheckContext,
    pub tailoring: Tailoring,
}

impl StudioSetup {
    /// The studio for a volunteer's public profile: after a match (`contact` given: its
    /// channels) or in practice (every channel).
    pub fn for_profile(
        profile: &PublicProfile,
        vocab: &Vocabularies,
        limits: ChannelLimits,
        contact: Option<&ContactDetails>,
    ) -> Self {
        let (mode, channels) = match contact {
            Some(c) => (StudioMode::Matched, channels_given(c)),
            None => (StudioMode::Practice, Channel::ALL.to_vec()),
        };
        Self {
            mode,
            volunteer_id: profile.id.clone(),
            volunteer_name: profile.display_name.clone(),
            job_title: profile.job_title.clone(),
            setting_label: vocab.label(TermKind::Setting, &profile.setting).to_owned(),
            minutes: profile.minutes_per_interview,
            modes: profile.modes.iter().map(|m| m.label().to_owned()).collect(),
            channels,
            check: CheckContext::for_profile(profile, vocab, limits),
            tailoring: Tailoring::for_profile(profile, vocab),
        }
    }

    /// The template's input for `draft`.
    pub fn template_input(&self, draft: &Draft) -> TemplateInput {
        TemplateInput {
            mode: self.mode,
            channel: draft.channel,
            premium: draft.premium,
            formality: draft.formality,
            how_found: draft.how_found.effective(self.mode),
            how_found_detail: draft.how_found_detail.clone(),
            requester_full_name: draft.sender_name.clone(),
            requester_first_name: String::new(),
            learning_goal: draft.learning_goal.clone(),
            volunteer_name: self.volunteer_name.clone(),
            job_title: self.job_title.clone(),
            setting_label: self.setting_label.clone(),
            minutes: self.minutes,
            modes: self.modes.clone(),
            program_name: String::new(),
        }
    }

    /// The template filled for `draft` as it stands (its parts to re-insert).
    pub fn filled(&self, draft: &Draft) -> Filled {
        template::fill(&self.template_input(draft), &self.check.limits)
    }

    fn thank_you_input(&self, draft: &Draft) -> ThankYouInput {
        ThankYouInput {
            formality: draft.formality,
            volunteer_name: self.volunteer_name.clone(),
            requester_full_name: draft.sender_name.clone(),
            learning_goal: draft.learning_goal.clone(),
            discussed: draft.discussed.clone(),
            job_title: self.job_title.clone(),
            minutes: self.minutes,
        }
    }

    /// The draft a person starts with: their name and learning goal, the template filled
    /// for the first channel offered, and suggested questions.
    pub fn first_draft(&self, sender_name: &str, learning_goal: &str) -> Draft {
        let mut d = self.fit(Draft {
            sender_name: sender_name.trim().to_owned(),
            learning_goal: learning_goal.trim().to_owned(),
            ..Draft::default()
        });
        let filled = self.filled(&d);
        d.subject = filled.subject.unwrap_or_default();
        d.body = filled.body;
        d.question_ids = questions::suggest(&self.tailoring, SUGGESTED_QUESTIONS)
            .into_iter()
            .map(|q| q.id.into_owned())
            .collect();
        d
    }

    /// `draft` with the choices this studio offers: a channel the volunteer did not give
    /// becomes the first one offered, and "how I found you" one of the mode's choices.
    pub fn fit(&self, mut draft: Draft) -> Draft {
        if !self.channels.contains(&draft.channel) {
            if let Some(first) = self.channels.first() {
                draft.channel = *first;
            }
        }
        draft.how_found = draft.how_found.effective(self.mode);
        draft
    }
}

/// The channels a matched volunteer can be reached on: email always, LinkedIn when they
/// gave their profile's address.
pub fn channels_given(contact: &ContactDetails) -> Vec<Channel> {
    let mut out = vec![Channel::Email];
    if contact.linkedin_url.is_some() {
        out.extend([Channel::LinkedinMessage, Channel::ConnectionNote]);
    }
    out
}

/// The studio page: the volunteer, the draft (as stored, or as typed into a refused save
/// with `errors`), and, after a match, where to send the message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudioPage {
    pub setup: StudioSetup,
    pub draft: Draft,
    /// When the draft was last saved; `None` for a fresh draft (or in practice).
    pub saved_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Why the last save without JavaScript was refused; the draft is as it was typed.
    pub errors: Vec<ValidationError>,
    pub today: chrono::NaiveDate,
    /// The matched volunteer's contact details (never in practice).
    pub contact: Option<ContactDetails>,
}

/// What a studio button asks for. Its form value is [`Intent::value`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    /// Keep the draft as typed.
    Save,
    /// Start the message from the template (only into a blank message).
    Template,
    /// Add one part of the template at the end of the message.
    Insert(PartKind),
    /// Add the questions suggested for this volunteer that are not chosen yet.
    Suggest,
    Up(String),
    Down(String),
    Remove(String),
    /// Draft the thank-you note (only into a blank one).
    ThankYou,
    /// Draft the one follow-up (only into a blank one).
    FollowUp,
}

impl Intent {
    /// Reads a button's value; anything else is a plain save.
    pub fn parse(value: &str) -> Self {
        let (verb, arg) = value.split_once(':').unwrap_or((value, ""));
        match verb {
            "template" => Self::Template,
            "insert" => PartKind::from_slug(arg).map_or(Self::Save, Self::Insert),
            "suggest" => Self::Suggest,
            "up" => Self::Up(arg.to_owned()),
            "down" => Self::Down(arg.to_owned()),
            "remove" => Self::Remove(arg.to_owned()),
            "thank-you" => Self::ThankYou,
            "follow-up" => Self::FollowUp,
            _ => Self::Save,
        }
    }

    /// The value its button posts.
    pub fn value(&self) -> String {
        match self {
            Self::Save => "save".into(),
            Self::Template => "template".into(),
            Self::Insert(k) => format!("insert:{}", k.slug()),
            Self::Suggest => "suggest".into(),
            Self::Up(id) => format!("up:{id}"),
            Self::Down(id) => format!("down:{id}"),
            Self::Remove(id) => format!("remove:{id}"),
            Self::ThankYou => "thank-you".into(),
            Self::FollowUp => "follow-up".into(),
        }
    }
}

/// Why a button did nothing; the draft stays as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum Refused {
    #[error("{} already has text, so nothing was written over it. Clear it first to start again, or insert single parts.", .0.label())]
    NotBlank(DraftField),
    #[error("Say when you sent your first message, so the follow-up waits long enough.")]
    NotSentYet,
    #[error("{0}")]
    FollowUp(FollowUpRefused),
}

/// The chosen questions after a form post without JavaScript: the ticked boxes come in
/// the bank's order, so the order the person set (`previous`, as the form carried it)
/// is kept for those still ticked, and newly ticked ones follow.
pub fn merge_order(previous: &[String], ticked: &[String]) -> Vec<String> {
    let mut out: Vec<String> = previous
        .iter()
        .filter(|id| ticked.contains(id))
        .cloned()
        .collect();
    for id in ticked {
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
}

/// Applies a button to `draft`. `today` times the follow-up.
pub fn apply(
    setup: &StudioSetup,
    draft: Draft,
    intent: &Intent,
    today: chrono::NaiveDate,
) -> Result<Draft, Refused> {
    let mut d = setup.fit(draft);
    match intent {
        Intent::Save => {}
        Intent::Template => {
            if !d.body.trim().is_empty() {
                return Err(Refused::NotBlank(DraftField::Body));
            }
            let filled = setup.filled(&d);
            if d.subject.trim().is_empty() {
                d.subject = filled.subject.unwrap_or_default();
            }
            d.body = filled.body;
        }
        Intent::Insert(kind) => {
            let filled = setup.filled(&d);
            if let Some(text) = filled.part(*kind) {
                let body = d.body.trim_end();
                let sep = match (body.is_empty(), d.channel) {
                    (true, _) => "",
                    (false, Channel::ConnectionNote) => " ",
                    (false, _) => "\n\n",
                };
                d.body = format!("{body}{sep}{text}");
            }
        }
        Intent::Suggest => {
            for q in questions::suggest(&setup.tailoring, MAX_QUESTIONS) {
                if d.question_ids.len() >= MAX_QUESTIONS {
                    break;
                }
                if !d.question_ids.iter().any(|id| *id == q.id) {
                    d.question_ids.push(q.id.into_owned());
                }
            }
        }
        Intent::Up(id) | Intent::Down(id) => {
            if let Some(i) = d.question_ids.iter().position(|x| x == id) {
                let to = match intent {
                    Intent::Up(_) => i.saturating_sub(1),
                    _ => i + 1,
                };
                d.question_ids = questions::reorder(&d.question_ids, i, to);
            }
        }
        Intent::Remove(id) => d.question_ids.retain(|x| x != id),
        Intent::ThankYou => {
            if !d.thank_you.trim().is_empty() {
                return Err(Refused::NotBlank(DraftField::ThankYou));
            }
            d.thank_you = thanks::thank_you(&setup.thank_you_input(&d));
        }
        Intent::FollowUp => {
            if !d.follow_up.trim().is_empty() {
                return Err(Refused::NotBlank(DraftField::FollowUp));
            }
            let sent = d.sent_on.ok_or(Refused::NotSentYet)?;
            let days = u32::try_from((today - sent).num_days()).unwrap_or(0);
            d.follow_up = thanks::follow_up(
                &setup.thank_you_input(&d),
                u32::from(d.follow_up_sent),
                days,
            )
            .map_err(Refused::FollowUp)?;
        }
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::outreach::checker::{check, Rule};
    use crate::domain::outreach::HowFound;
    use chrono::NaiveDate;

    fn setup(mode: StudioMode, channels: Vec<Channel>) -> StudioSetup {
        StudioSetup {
            mode,
            volunteer_id: "v1".into(),
            volunteer_name: "Zoë O'Brien-Nguyễn".into(),
            job_title: "Teen Services Librarian".into(),
            setting_label: "Public library".into(),
            minutes: 45,
            modes: vec!["Phone".into(), "Video call".into()],
            channels,
            check: CheckContext {
                limits: ChannelLimits::default(),
                volunteer_name: "Zoë O'Brien-Nguyễn".into(),
                job_title: "Teen Services Librarian".into(),
                setting_label: "Public library".into(),
                ..CheckContext::default()
            },
            tailoring: Tailoring::default(),
        }
    }

    fn matched() -> StudioSetup {
        setup(StudioMode::Matched, vec![Channel::Email])
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn a_first_draft_is_filled_from_the_request_and_passes_the_checker() {
        let s = matched();
        let d = s.first_draft("  José Ñúñez 🙂 ", "how teen programs are chosen");
        assert_eq!(d.sender_name, "José Ñúñez 🙂");
        assert_eq!(d.channel, Channel::Email);
        assert_eq!(d.how_found, HowFound::Program);
        assert!(d.body.contains("Zoë O'Brien-Nguyễn"), "{}", d.body);
        assert!(
            d.body.contains("how teen programs are chosen"),
            "{}",
            d.body
        );
        assert!(d.body.contains("45"), "{}", d.body);
        assert!(!d.subject.is_empty());
        assert!(!d.question_ids.is_empty() && d.question_ids.len() <= SUGGESTED_QUESTIONS);
        assert_eq!(check(&d, &s.check), vec![]);
        assert_eq!(d.validate(), Ok(()));
    }

    #[test]
    fn a_channel_the_volunteer_did_not_give_is_not_kept() {
        let s = matched();
        let d = s.fit(Draft {
            channel: Channel::LinkedinMessage,
            how_found: HowFound::Talk,
            ..Draft::default()
        });
        assert_eq!(d.channel, Channel::Email);
        assert_eq!(d.how_found, HowFound::Program);
        let practice = setup(StudioMode::Practice, Channel::ALL.to_vec());
        let d = practice.fit(Draft {
            channel: Channel::ConnectionNote,
            how_found: HowFound::Program,
            ..Draft::default()
        });
        assert_eq!(d.channel, Channel::ConnectionNote);
        assert_eq!(
            d.how_found,
            HowFound::Search,
            "the program has introduced no one yet"
        );
    }

    #[test]
    fn intents_read_back_from_their_values() {
        let all = [
            Intent::Save,
            Intent::Template,
            Intent::Insert(PartKind::WhyYou),
            Intent::Suggest,
            Intent::Up("day-typical".into()),
            Intent::Down("day-typical".into()),
            Intent::Remove("day-typical".into()),
            Intent::ThankYou,
            Intent::FollowUp,
        ];
        for i in all {
            assert_eq!(Intent::parse(&i.value()), i);
        }
        assert_eq!(Intent::parse("insert:nonsense"), Intent::Save);
        assert_eq!(Intent::parse(""), Intent::Save);
    }

    #[test]
    fn the_template_only_goes_into_a_blank_message() {
        let s = matched();
        let typed = Draft {
            body: "Dear Zoë, my own words".into(),
            ..Draft::default()
        };
        assert_eq!(
            apply(&s, typed.clone(), &Intent::Template, day(1)),
            Err(Refused::NotBlank(DraftField::Body))
        );
        let blank = Draft {
            sender_name: "Ana".into(),
            ..Draft::default()
        };
        let d = apply(&s, blank, &Intent::Template, day(1)).unwrap();
        assert!(d.body.starts_with("Dear Zoë O'Brien-Nguyễn,"), "{}", d.body);
        assert!(d.body.ends_with("Ana"), "{}", d.body);
    }

    #[test]
    fn a_part_is_added_at_the_end_of_the_message() {
        let s = matched();
        let d = Draft {
            body: "Dear Zoë,\n\nMy words.\n\n".into(),
            ..Draft::default()
        };
        let d = apply(&s, d, &Intent::Insert(PartKind::Ask), day(1)).unwrap();
        let ask = s.filled(&d).part(PartKind::Ask).unwrap().to_owned();
        assert_eq!(d.body, format!("Dear Zoë,\n\nMy words.\n\n{ask}"));
        assert!(check(&d, &s.check)
            .iter()
            .all(|f| f.rule != Rule::NoTimeBound));
    }

    #[test]
    fn questions_keep_the_persons_order_through_a_plain_post() {
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // They had c, a; now a, b, c are ticked (the bank's order): c, a stay first.
        assert_eq!(
            merge_order(&ids(&["c", "a"]), &ids(&["a", "b", "c"])),
            ids(&["c", "a", "b"])
        );
        assert_eq!(merge_order(&ids(&["c", "a"]), &ids(&["a"])), ids(&["a"]));
        let s = matched();
        let d = Draft {
            question_ids: ids(&["path-first-role", "day-typical", "advice-start"]),
            ..Draft::default()
        };
        let up = apply(&s, d.clone(), &Intent::Up("day-typical".into()), day(1)).unwrap();
        assert_eq!(
            up.question_ids,
            ids(&["day-typical", "path-first-role", "advice-start"])
        );
        let down = apply(&s, d.clone(), &Intent::Down("advice-start".into()), day(1)).unwrap();
        assert_eq!(down.question_ids, d.question_ids, "the last stays last");
        let gone = apply(&s, d, &Intent::Remove("path-first-role".into()), day(1)).unwrap();
        assert_eq!(gone.question_ids, ids(&["day-typical", "advice-start"]));
    }

    #[test]
    fn suggestions_fill_up_to_the_sheets_limit_without_repeats() {
        let s = matched();
        let d = apply(&s, Draft::default(), &Intent::Suggest, day(1)).unwrap();
        assert!(!d.question_ids.is_empty());
        let again = apply(&s, d.clone(), &Intent::Suggest, day(1)).unwrap();
        assert_eq!(again.question_ids, d.question_ids);
        assert!(again.question_ids.len() <= MAX_QUESTIONS);
        assert_eq!(again.validate(), Ok(()));
    }

    #[test]
    fn the_thank_you_note_uses_the_goal_and_what_was_discussed() {
        let s = matched();
        let d = Draft {
            sender_name: "Ana-Lucía D'Arcy".into(),
            learning_goal: "how archives hire".into(),
            discussed: "the teen advisory group".into(),
            ..Draft::default()
        };
        let d = apply(&s, d, &Intent::ThankYou, day(1)).unwrap();
        assert!(
            d.thank_you.contains("the teen advisory group"),
            "{}",
            d.thank_you
        );
        assert!(d.thank_you.contains("how archives hire"));
        assert_eq!(
            apply(&s, d, &Intent::ThankYou, day(1)),
            Err(Refused::NotBlank(DraftField::ThankYou))
        );
    }

    #[test]
    fn one_follow_up_after_a_week_and_never_a_second() {
        let s = matched();
        let d = Draft::default();
        assert_eq!(
            apply(&s, d.clone(), &Intent::FollowUp, day(10)),
            Err(Refused::NotSentYet)
        );
        let sent = Draft {
            sent_on: Some(day(5)),
            ..d
        };
        assert_eq!(
            apply(&s, sent.clone(), &Intent::FollowUp, day(10)),
            Err(Refused::FollowUp(FollowUpRefused::TooSoon { days: 5 }))
        );
        let ok = apply(&s, sent.clone(), &Intent::FollowUp, day(12)).unwrap();
        assert!(!ok.follow_up.is_empty());
        assert_eq!(
            check(&ok, &s.check)
                .iter()
                .filter(|f| f.rule == Rule::TooManyFollowUps)
                .count(),
            0
        );
        let twice = Draft {
            follow_up_sent: true,
            ..sent
        };
        assert_eq!(
            apply(&s, twice, &Intent::FollowUp, day(20)),
            Err(Refused::FollowUp(FollowUpRefused::AlreadySent))
        );
    }
}
