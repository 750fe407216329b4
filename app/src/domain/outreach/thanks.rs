//! After the conversation: the thank-you note, and the one polite follow-up for a first
//! message that got no answer.

use serde::{Deserialize, Serialize};

use super::template::Formality;

/// The advice on when to send the thank-you note.
pub const THANK_YOU_WITHIN_HOURS: u32 = 24;
/// Days to wait for an answer before the follow-up (about a week or two).
pub const FOLLOW_UP_AFTER_DAYS: u32 = 7;

/// What the notes are written from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThankYouInput {
    pub formality: Formality,
    pub volunteer_name: String,
    pub requester_full_name: String,
    pub learning_goal: String,
    /// A line about what was discussed, in the person's words ("how the teen advisory group
    /// chooses its programs"); may be empty.
    pub discussed: String,
    pub job_title: String,
    /// The volunteer's minutes per interview; 0 when unknown.
    pub minutes: u16,
}

/// Why a follow-up is not offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum FollowUpRefused {
    #[error("You have already sent a follow-up. One is enough: if no answer comes, let it go and ask the committee about another volunteer.")]
    AlreadySent,
    #[error("Give them time: a follow-up is for when no answer comes after a week or two (it has been {days} days).")]
    TooSoon { days: u32 },
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn greeting(formality: Formality, name: &str) -> String {
    let name = collapse(name);
    match formality {
        _ if name.is_empty() => "Hello,".to_owned(),
        Formality::Formal => format!("Dear {name},"),
        Formality::Informal => format!(
            "Hello {},",
            name.split_whitespace().next().unwrap_or_default()
        ),
    }
}

fn signature(formality: Formality, name: &str) -> String {
    let name = collapse(name);
    let close = match formality {
        Formality::Formal => "Kind regards,",
        Formality::Informal => "Thanks again,",
    };
    if name.is_empty() {
        close.to_owned()
    } else {
        format!("{close}\n{name}")
    }
}

/// The thank-you note, to send within [`THANK_YOU_WITHIN_HOURS`] of the conversation.
pub fn thank_you(input: &ThankYouInput) -> String {
    let goal = collapse(&input.learning_goal);
    let goal = goal.trim_end_matches(['.', '!', '?']);
    let discussed = collapse(&input.discussed);
    let discussed = discussed.trim_end_matches(['.', '!', '?']);
    let mut middle = vec!["Thank you for taking the time to talk with me.".to_owned()];
    if !discussed.is_empty() {
        middle.push(format!(
            "What you told me about {discussed} was especially useful."
        ));
    }
    if !goal.is_empty() {
        middle.push(format!(
            "I came wanting to learn this: {goal}. I now have a much clearer picture."
        ));
    }
    middle.push("I will keep your advice in mind as I decide on my next steps.".to_owned());
    format!(
        "{}\n\n{}\n\n{}",
        greeting(input.formality, &input.volunteer_name),
        middle.join(" "),
        signature(input.formality, &input.requester_full_name)
    )
}

/// The one follow-up: refused when one was already sent, or before
/// [`FOLLOW_UP_AFTER_DAYS`] have passed since the first message.
pub fn follow_up(
    input: &ThankYouInput,
    follow_ups_sent: u32,
    days_since_first_message: u32,
) -> Result<String, FollowUpRefused> {
    if follow_ups_sent > 0 {
        return Err(FollowUpRefused::AlreadySent);
    }
    if days_since_first_message < FOLLOW_UP_AFTER_DAYS {
        return Err(FollowUpRefused::TooSoon {
            days: days_since_first_message,
        });
    }
    let title = collapse(&input.job_title);
    let about = if title.is_empty() {
        "your work".to_owned()
    } else {
        format!("your work as {title}")
    };
    let length = match input.minutes {
        0 => "brief".to_owned(),
        m => format!("{m}-minute"),
    };
    let greeting = greeting(input.formality, &input.volunteer_name);
    let signature = signature(input.formality, &input.requester_full_name);
    Ok(format!(
        "{greeting}\n\n\
         I am writing once more about my earlier message asking for a {length} conversation about {about}. \
         I know your time is in demand; if this is not a good moment, there is no need to reply, and this will be my last note about it. \
         If you are open to it, I would be glad to fit around your schedule.\n\n\
         {signature}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::outreach::channel::Channel;
    use crate::domain::outreach::checker::{check, CheckContext};
    use crate::domain::outreach::draft::Draft;

    fn input() -> ThankYouInput {
        ThankYouInput {
            formality: Formality::Formal,
            volunteer_name: "José Ñúñez-D'Souza".into(),
            requester_full_name: "Zoë O'Brien-Nguyễn 🙂".into(),
            learning_goal: "how teen programs are planned.".into(),
            discussed: "the teen advisory group".into(),
            job_title: "Teen Services Librarian".into(),
            minutes: 30,
        }
    }

    #[test]
    fn the_thank_you_reuses_the_goal_and_what_was_discussed() {
        let t = thank_you(&input());
        assert!(t.starts_with("Dear José Ñúñez-D'Souza,\n\n"));
        assert!(t.contains("What you told me about the teen advisory group was especially useful."));
        assert!(
            t.contains("learn this: how teen programs are planned. I now"),
            "{t}"
        );
        assert!(t.ends_with("Kind regards,\nZoë O'Brien-Nguyễn 🙂"));
        let mut bare = input();
        bare.discussed.clear();
        bare.learning_goal.clear();
        bare.formality = Formality::Informal;
        let t = thank_you(&bare);
        assert!(t.starts_with("Hello José,"));
        assert!(!t.contains("about  ") && !t.contains(": ."), "{t}");
    }

    #[test]
    fn only_one_follow_up_and_not_too_soon() {
        let f = follow_up(&input(), 0, 10).unwrap();
        assert!(f.contains("30-minute conversation about your work as Teen Services Librarian"));
        assert!(
            f.starts_with("Dear José Ñúñez-D'Souza,\n\nI am writing once more"),
            "{f}"
        );
        assert!(
            f.ends_with("your schedule.\n\nKind regards,\nZoë O'Brien-Nguyễn 🙂"),
            "{f}"
        );
        assert_eq!(
            follow_up(&input(), 1, 20),
            Err(FollowUpRefused::AlreadySent)
        );
        assert_eq!(
            follow_up(&input(), 0, 3),
            Err(FollowUpRefused::TooSoon { days: 3 })
        );
        assert!(follow_up(&input(), 0, FOLLOW_UP_AFTER_DAYS).is_ok());
    }

    #[test]
    fn the_drafted_notes_pass_the_checker() {
        let d = Draft {
            channel: Channel::Email,
            thank_you: thank_you(&input()),
            follow_up: follow_up(&input(), 0, 14).unwrap_or_default(),
            ..Draft::default()
        };
        assert_eq!(check(&d, &CheckContext::default()), []);
    }
}
