//! The program's emails, written as plain text and HTML from the facts of the moment.
//! Pure: the server stores the result in its outbox in the same transaction as the change
//! that causes it, and a worker delivers it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{long_date, ContactDetails};

/// An email ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    /// What caused it (`request-received`, `match-requester`, …), for the outbox's records.
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One part of a message: a paragraph, or a link with its text.
enum Part<'a> {
    P(String),
    Link(&'a str, String),
    List(Vec<String>),
}

fn render(kind: &str, to: &str, subject: String, parts: &[Part<'_>]) -> Email {
    let mut text = String::new();
    let mut html = String::from(
        "<!DOCTYPE html><html lang=\"en\"><body style=\"font-family:sans-serif;line-height:1.5;color:#1f2933\">",
    );
    for part in parts {
        match part {
            Part::P(p) => {
                text.push_str(p);
                text.push_str("\n\n");
                html.push_str(&format!("<p>{}</p>", escape(p)));
            }
            Part::Link(url, label) => {
                text.push_str(&format!("{label}:\n{url}\n\n"));
                html.push_str(&format!(
                    "<p><a href=\"{}\">{}</a></p>",
                    escape(url),
                    escape(label)
                ));
            }
            Part::List(items) => {
                html.push_str("<ul>");
                for i in items {
                    text.push_str(&format!("- {i}\n"));
                    html.push_str(&format!("<li>{}</li>", escape(i)));
                }
                text.push('\n');
                html.push_str("</ul>");
            }
        }
    }
    text.push_str("— Career Connects, the informational-interview program\n");
    html.push_str("<p>— Career Connects, the informational-interview program</p></body></html>");
    Email {
        kind: kind.to_owned(),
        to: to.to_owned(),
        subject,
        text,
        html,
    }
}

/// To the requester, when their request is stored: the private link to it.
pub fn request_received(
    to: &str,
    first_name: &str,
    status_url: &str,
    deadline: NaiveDate,
) -> Email {
    render(
        "request-received",
        to,
        "Your informational-interview request".into(),
        &[
            Part::P(format!("Hello {first_name},")),
            Part::P(format!(
                "Thank you for your request. The committee will match you with a volunteer by {}, \
                 and we will email you their contact details.",
                long_date(deadline)
            )),
            Part::P(
                "This private link shows where your request stands; you can also withdraw it there. \
                 Keep it to yourself: anyone with the link can see your request."
                    .into(),
            ),
            Part::Link(status_url, "Your request".into()),
        ],
    )
}

/// What the requester learns of their volunteer.
pub struct MatchFacts<'a> {
    pub requester_email: &'a str,
    pub requester_first_name: &'a str,
    pub learning_goal: &'a str,
    pub volunteer_email: &'a str,
    pub volunteer_name: &'a str,
    pub volunteer_title: &'a str,
    pub contact: &'a ContactDetails,
    pub minutes: u16,
    pub modes: &'a str,
    /// A private link to the request's page (a new one, added with the match).
    pub status_url: &'a str,
    /// The same link's drafting studio.
    pub studio_url: &'a str,
    pub guidelines_url: &'a str,
    pub referrals_url: &'a str,
    /// Where a requester who lost their private link gets a new one.
    pub new_link_url: &'a str,
}

/// To the requester, when matched: who, how to reach them, and the program's conduct.
pub fn match_to_requester(f: &MatchFacts<'_>) -> Email {
    let mut contact = vec![format!("Email: {}", f.contact.email)];
    if let Some(phone) = &f.contact.phone {
        contact.push(format!("Phone: {phone}"));
    }
    if let Some(url) = &f.contact.linkedin_url {
        contact.push(format!("LinkedIn: {url}"));
    }
    render(
        "match-requester",
        f.requester_email,
        format!("You are matched with {}", f.volunteer_name),
        &[
            Part::P(format!("Hello {},", f.requester_first_name)),
            Part::P(format!(
                "Good news: {}, {}, has agreed to a conversation of up to {} minutes ({}).",
                f.volunteer_name, f.volunteer_title, f.minutes, f.modes
            )),
            Part::List(contact),
            Part::P(
                "Please reach out within a week with a short, specific message: who you are, why them, \
                 and the time you ask for. This is not a job interview and not a résumé review; \
                 come with your questions, and give notice if you must reschedule."
                    .into(),
            ),
            Part::P(
                "Our drafting studio helps you write that message for LinkedIn or email, with \
                 questions to prepare and, afterwards, a thank-you note."
                    .into(),
            ),
            Part::Link(f.studio_url, "Write your message in the drafting studio".into()),
            Part::Link(f.status_url, "Your request, with these details".into()),
            Part::Link(f.new_link_url, "Lost your private link? Get a new one".into()),
            Part::Link(f.guidelines_url, "The program's guidelines".into()),
        ],
    )
}

/// To the volunteer, when matched: a heads-up.
pub fn match_to_volunteer(f: &MatchFacts<'_>) -> Email {
    render(
        "match-volunteer",
        f.volunteer_email,
        format!("{} will be in touch", f.requester_first_name),
        &[
            Part::P(format!("Hello {},", f.volunteer_name)),
            Part::P(format!(
                "The committee has passed your contact details to {}, who would like to find out:",
                f.requester_first_name
            )),
            Part::P(f.learning_goal.to_owned()),
            Part::P(
                "Expect a message from them soon. After the conversation, please mark it as done \
                 (or not held) on your page."
                    .into(),
            ),
            Part::Link(f.referrals_url, "Your referrals".into()),
        ],
    )
}

/// To the requester, when the volunteer could not take the request after all: the
/// request waits for a new match, by `deadline` when that is still ahead (else soon).
pub fn match_undone(
    to: &str,
    first_name: &str,
    volunteer_name: &str,
    deadline: Option<NaiveDate>,
    new_link_url: &str,
) -> Email {
    back_in_the_queue(
        ("match-undone", "Your match could not go ahead"),
        to,
        first_name,
        &format!(
            "{volunteer_name} is not able to take your request after all. Please do not \
             contact them about it;"
        ),
        deadline,
        new_link_url,
    )
}

/// To the requester, when their matched volunteer left the program before the
/// conversation: the request waits for a new match.
pub fn volunteer_left(
    to: &str,
    first_name: &str,
    deadline: Option<NaiveDate>,
    new_link_url: &str,
) -> Email {
    back_in_the_queue(
        ("volunteer-left", "Your volunteer has left the program"),
        to,
        first_name,
        "The volunteer you were matched with has left the program, and their contact \
         details have been deleted. Please do not contact them about your request;",
        deadline,
        new_link_url,
    )
}

/// A matched request that is waiting for a new match again: `why` (ending in ";"), then
/// when the committee will find someone else.
fn back_in_the_queue(
    (kind, subject): (&str, &str),
    to: &str,
    first_name: &str,
    why: &str,
    deadline: Option<NaiveDate>,
    new_link_url: &str,
) -> Email {
    let when = match deadline {
        Some(d) => format!("by {}", long_date(d)),
        None => "as soon as we can".into(),
    };
    render(
        kind,
        to,
        subject.into(),
        &[
            Part::P(format!("Hello {first_name},")),
            Part::P(format!(
                "{why} the committee is finding you someone else {when} and will email you \
                 their details."
            )),
            Part::P("Your request's private page shows where it stands.".into()),
            Part::Link(new_link_url, "Lost your private link? Get a new one".into()),
        ],
    )
}

/// To a committee member, when a volunteer with active referrals left the program: those
/// requests are back in the queue (`queue_url`).
pub fn referrals_reopened(to: &str, requests: usize, queue_url: &str) -> Email {
    let what = if requests == 1 {
        "1 request is".to_owned()
    } else {
        format!("{requests} requests are")
    };
    render(
        "referrals-reopened",
        to,
        format!("A volunteer left: {what} back in the queue"),
        &[
            Part::P("Hello,".into()),
            Part::P(format!(
                "A volunteer with matches still in progress has left the program. {what} back \
                 in the queue, waiting for a new match; their requesters have been told."
            )),
            Part::Link(queue_url, "Open the queue".into()),
        ],
    )
}

/// To a requester who asked for their links again: a new private link for each request
/// still waiting or matched (`(link, the request's goal, shortened)`).
pub fn links_again(to: &str, first_name: &str, links: &[(String, String)]) -> Email {
    let mut parts = vec![
        Part::P(format!("Hello {first_name},")),
        Part::P(
            "Here is a new private link for each of your requests. The links we sent before \
             still work; keep all of them to yourself."
                .into(),
        ),
    ];
    parts.extend(
        links
            .iter()
            .map(|(url, goal)| Part::Link(url, format!("Your request: \"{goal}\""))),
    );
    parts.push(Part::P(
        "If you did not ask for this, you can ignore this email: only the new links open your \
         requests."
            .into(),
    ));
    render(
        "links-again",
        to,
        "Your private links to your requests".into(),
        &parts,
    )
}

/// To the requester, when the committee closes their request without a match. None for
/// a reason that tells them nothing (spam).
pub fn request_closed(
    to: &str,
    first_name: &str,
    reason: super::request::CloseReason,
    directory_url: &str,
) -> Option<Email> {
    use super::request::CloseReason;
    let why = match reason {
        CloseReason::NoVolunteer => {
            "We are sorry: the committee could not find a volunteer who fits your request this \
             time, so we have closed it. You are welcome to ask again later — new volunteers \
             join often, and a request open to more roles, regions or meeting by video is \
             easier to match."
        }
        CloseReason::Duplicate => {
            "You have another request with us for the same conversation, so we have closed this \
             one; the other stays in the queue and its private link still works."
        }
        CloseReason::Spam => return None,
    };
    Some(render(
        "request-closed",
        to,
        "Your informational-interview request was closed".into(),
        &[
            Part::P(format!("Hello {first_name},")),
            Part::P(why.into()),
            Part::Link(directory_url, "Browse the volunteers".into()),
        ],
    ))
}

/// To the volunteer, when their matched requester withdraws the request.
pub fn request_withdrawn(to: &str, volunteer_name: &str, requester_first_name: &str) -> Email {
    render(
        "request-withdrawn",
        to,
        format!("{requester_first_name} withdrew their request"),
        &[
            Part::P(format!("Hello {volunteer_name},")),
            Part::P(format!(
                "{requester_first_name} has withdrawn their request: there is no need to wait \
                 for their message. Thank you for being ready to help."
            )),
            Part::P(
                "The match still counts as one of your contacts, since your details were passed \
                 on. To take another request instead, raise your maximum on your profile."
                    .into(),
            ),
        ],
    )
}

/// To the volunteer, when their last contact has been used.
pub fn capacity_reached(to: &str, name: &str, max: u32, profile_url: &str) -> Email {
    render(
        "capacity-reached",
        to,
        "You have reached your maximum number of contacts".into(),
        &[
            Part::P(format!("Hello {name},")),
            Part::P(format!(
                "You have now been matched {max} times, the maximum you set. Your profile has left \
                 the pool, so nobody else will be referred to you. Thank you!"
            )),
            Part::P("If you would like to take more requests, raise your maximum:".into()),
            Part::Link(profile_url, "Edit your profile".into()),
        ],
    )
}

/// To the requester, when the feedback form opens: how did it go? (`feedback_url` is a
/// private link of its own to the form.)
pub fn feedback_request(
    to: &str,
    first_name: &str,
    volunteer_name: &str,
    feedback_url: &str,
) -> Email {
    render(
        "feedback-request",
        to,
        format!("How did your conversation with {volunteer_name} go?"),
        &[
            Part::P(format!("Hello {first_name},")),
            Part::P(format!(
                "We hope your conversation with {volunteer_name} went well. Five quick questions, \
                 under a minute, tell us how it went: your answers help the committee and the \
                 people who ask after you. Your volunteer never sees your answer on its own."
            )),
            Part::Link(feedback_url, "Tell us how it went".into()),
            Part::P(
                "If the conversation has not happened yet, the same link works later too.".into(),
            ),
        ],
    )
}

/// To a requester who has not said they wrote to their volunteer a few days after the
/// match (`studio_url`: the drafting studio, on a private link of its own).
pub fn write_reminder(to: &str, first_name: &str, volunteer_name: &str, studio_url: &str) -> Email {
    render(
        "write-reminder",
        to,
        format!("Have you written to {volunteer_name} yet?"),
        &[
            Part::P(format!("Hello {first_name},")),
            Part::P(format!(
                "A few days ago we put you in touch with {volunteer_name}. The first message is \
                 yours to send: say who you are, why them, and ask for a short conversation at a \
                 time that suits them. The drafting studio helps you write it."
            )),
            Part::Link(studio_url, "Write your message".into()),
            Part::P(
                "Already written? Note the day you sent it in the studio, or the day of your \
                 conversation on your request's page, and we will not remind you again. No longer \
                 need the conversation? Withdraw from the same page, so their time goes to \
                 someone else."
                    .into(),
            ),
        ],
    )
}

/// To a volunteer whose referral is still unmarked some days after the match: are they
/// still available?
pub fn volunteer_nudge(
    to: &str,
    name: &str,
    requester_first_name: &str,
    referrals_url: &str,
) -> Email {
    render(
        "volunteer-nudge",
        to,
        format!("Are you still available to talk with {requester_first_name}?"),
        &[
            Part::P(format!("Hello {name},")),
            Part::P(format!(
                "The committee referred {requester_first_name} to you a while ago. Has \
                 {requester_first_name} written to you? Once you have talked, or if they never \
                 wrote, mark it on your referrals page; if you cannot talk after all, you can give \
                 the request back there, and the committee will find someone else."
            )),
            Part::Link(referrals_url, "Your referrals".into()),
        ],
    )
}

/// One request in the committee's digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestItem {
    pub requester_name: String,
    pub due_on: NaiveDate,
    pub url: String,
}

/// To a committee member, once a day: the requests waiting for a match that are due
/// within a few days or overdue, oldest deadline first (`overdue` of them past it).
pub fn committee_digest(
    to: &str,
    items: &[DigestItem],
    today: NaiveDate,
    queue_url: &str,
) -> Email {
    let overdue = items.iter().filter(|i| i.due_on < today).count();
    let n = items.len();
    let plural = if n == 1 { "request" } else { "requests" };
    let subject = match overdue {
        0 => format!("{n} {plural} due soon"),
        o => format!("{n} {plural} due soon, {o} overdue"),
    };
    let lines = items
        .iter()
        .map(|i| {
            let when = match crate::domain::request::days_left(i.due_on, today) {
                d if d < 0 => format!("overdue since {}", long_date(i.due_on)),
                0 => "due today".to_owned(),
                _ => format!("due {}", long_date(i.due_on)),
            };
            format!("{}, {when}: {}", i.requester_name, i.url)
        })
        .collect();
    render(
        "committee-digest",
        to,
        subject,
        &[
            Part::P("Hello,".into()),
            Part::P(
                "These requests are still waiting for a match and their two weeks are nearly \
                 up, or over:"
                    .into(),
            ),
            Part::List(lines),
            Part::Link(queue_url, "The request queue".into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminders_carry_their_links_and_the_digest_counts_the_overdue() {
        let f = feedback_request(
            "sam@example.org",
            "Sam",
            "Ada Byron",
            "https://cc.example/r/x/feedback",
        );
        assert!(f.subject.contains("Ada Byron"));
        assert!(f.text.contains("https://cc.example/r/x/feedback"));
        let w = write_reminder(
            "sam@example.org",
            "Sam",
            "Ada",
            "https://cc.example/r/x/studio",
        );
        assert!(w.text.contains("https://cc.example/r/x/studio"));
        let n = volunteer_nudge(
            "ada@example.org",
            "Ada",
            "Sam",
            "https://cc.example/me/referrals",
        );
        assert!(n.text.contains("Has Sam written to you?"), "{}", n.text);
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let items = [
            DigestItem {
                requester_name: "Kim <Lee>".into(),
                due_on: day(1),
                url: "https://cc.example/committee/requests/a".into(),
            },
            DigestItem {
                requester_name: "Bo".into(),
                due_on: day(4),
                url: "https://cc.example/committee/requests/b".into(),
            },
        ];
        let d = committee_digest("chair@example.org", &items, day(3), "https://cc.example/q");
        assert_eq!(d.subject, "2 requests due soon, 1 overdue");
        assert!(
            d.text.contains("Kim <Lee>, overdue since 1 December 2026"),
            "{}",
            d.text
        );
        assert!(d.html.contains("Kim &lt;Lee&gt;"));
        assert!(d.text.contains("Bo, due 4 December 2026"));
    }

    #[test]
    fn html_is_escaped_and_text_is_not() {
        let e = request_received(
            "sam@example.org",
            "<Sam>",
            "https://cc.example/r/abc?x=1&y=2",
            NaiveDate::from_ymd_opt(2026, 12, 8).unwrap(),
        );
        assert!(e.text.contains("Hello <Sam>,"));
        assert!(e.html.contains("Hello &lt;Sam&gt;,"));
        assert!(e
            .html
            .contains("href=\"https://cc.example/r/abc?x=1&amp;y=2\""));
        assert!(e.text.contains("https://cc.example/r/abc?x=1&y=2"));
        assert!(e.text.contains("8 December 2026"), "{}", e.text);
        assert_eq!(e.kind, "request-received");
    }

    #[test]
    fn the_match_email_carries_every_contact_detail_and_the_conduct() {
        let contact = ContactDetails {
            email: "ada@library.example".into(),
            phone: Some("+1 555 010 2030".into()),
            linkedin_url: None,
        };
        let f = MatchFacts {
            requester_email: "sam@example.org",
            requester_first_name: "Sam",
            learning_goal: "What does a records manager do all day?",
            volunteer_email: "ada@library.example",
            volunteer_name: "Ada Byron",
            volunteer_title: "Records Manager",
            contact: &contact,
            minutes: 45,
            modes: "video call, phone",
            status_url: "https://cc.example/r/abc",
            studio_url: "https://cc.example/r/abc/studio",
            guidelines_url: "https://cc.example/guidelines",
            referrals_url: "https://cc.example/me",
            new_link_url: "https://cc.example/request/link",
        };
        let e = match_to_requester(&f);
        assert_eq!(e.to, "sam@example.org");
        assert!(e.text.contains("ada@library.example"));
        assert!(e.text.contains("+1 555 010 2030"));
        assert!(!e.text.contains("LinkedIn:"));
        assert!(e.text.contains("not a job interview"));
        assert!(e.text.contains("https://cc.example/request/link"));
        assert!(
            e.text.contains("https://cc.example/r/abc"),
            "the private link"
        );
        let v = match_to_volunteer(&f);
        assert!(
            !v.text.contains("https://cc.example/r/abc"),
            "the volunteer never gets the requester's link"
        );
        assert_eq!(v.to, "ada@library.example");
        assert!(v.text.contains("What does a records manager do all day?"));
        assert!(
            !v.text.contains("sam@example.org"),
            "the volunteer gets no requester address"
        );
    }

    #[test]
    fn new_links_list_each_request() {
        let e = links_again(
            "sam@example.org",
            "Sam",
            &[
                ("https://cc.example/r/aa".into(), "Records <work>".into()),
                ("https://cc.example/r/bb".into(), "Archives".into()),
            ],
        );
        assert_eq!(e.kind, "links-again");
        assert!(e.text.contains("https://cc.example/r/aa"));
        assert!(e.text.contains("https://cc.example/r/bb"));
        assert!(
            e.text.contains("still work"),
            "the earlier links are not ended"
        );
        assert!(e.html.contains("Records &lt;work&gt;"));
    }

    #[test]
    fn closing_tells_the_requester_unless_it_is_spam() {
        use crate::domain::request::CloseReason;
        let e = request_closed(
            "sam@example.org",
            "Sam",
            CloseReason::NoVolunteer,
            "https://cc.example/volunteers",
        )
        .expect("an email");
        assert!(e.text.contains("could not find a volunteer"));
        assert!(e.text.contains("https://cc.example/volunteers"));
        let d = request_closed("sam@example.org", "Sam", CloseReason::Duplicate, "u")
            .expect("an email");
        assert!(d.text.contains("another request"));
        assert_eq!(
            request_closed("bot@example.org", "Bot", CloseReason::Spam, "u"),
            None
        );
        for &r in CloseReason::ALL {
            assert_eq!(CloseReason::from_slug(r.slug()), Some(r));
        }
        assert_eq!(CloseReason::from_slug("because"), None);
    }

    #[test]
    fn an_undone_match_and_a_withdrawal_tell_the_other_side() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let e = match_undone(
            "sam@example.org",
            "Sam",
            "Ada <Byron>",
            Some(d),
            "https://cc.example/request/link",
        );
        assert_eq!(e.to, "sam@example.org");
        assert!(e.text.contains("Ada <Byron> is not able"));
        assert!(
            e.text.contains("someone else by 7 December 2026 and will"),
            "{}",
            e.text
        );
        assert!(!e.text.contains("  "), "no runs of spaces: {}", e.text);
        assert!(e.text.contains("https://cc.example/request/link"));
        let late = match_undone("sam@example.org", "Sam", "Ada", None, "u");
        assert!(
            late.text.contains("someone else as soon as we can"),
            "{}",
            late.text
        );
        assert!(
            e.html.contains("Ada &lt;Byron&gt;"),
            "names are escaped in HTML"
        );
        let w = request_withdrawn("ada@library.example", "Ada", "Sam");
        assert_eq!(w.to, "ada@library.example");
        assert_eq!(w.subject, "Sam withdrew their request");
        assert!(w.text.contains("no need to wait for their message"));
        assert!(!w.text.contains("  "), "no runs of spaces: {}", w.text);
    }
}
