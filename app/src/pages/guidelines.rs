use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn GuidelinesPage() -> impl IntoView {
    view! {
        <Title text="Guidelines" />
        <div class="wrap prose">
            <h1>"Guidelines"</h1>
            <p class="lead">
                "Please read these before you ask for a conversation. They keep the program "
                "worthwhile for you and fair to the people who volunteer their time."
            </p>

            <h2>"What the service is"</h2>
            <ul>
                <li>
                    "You ask for an informational interview: a short conversation with an experienced "
                    "library or information professional about their work and career path."
                </li>
                <li>
                    <strong>"Within two weeks"</strong>
                    " of your request, a committee member emails you the contact details of the "
                    "volunteer who best matches what you want to learn."
                </li>
                <li>
                    "Volunteers have said in advance what they do, where they work, when they are "
                    "available, how they can meet (in person, by phone, by video or by email) and how "
                    "long they can talk: "<strong>"30 minutes to an hour"</strong>"."
                </li>
                <li>
                    "After that, it is up to you to contact the volunteer and arrange the conversation."
                </li>
            </ul>

            <h2>"A one-time conversation"</h2>
            <p>
                "The interview is a single conversation. Whether you stay in touch afterwards is "
                "entirely the volunteer's choice; some say on their profile that they welcome it. "
                "If they do not, please respect that they gave their time for one conversation."
            </p>

            <h2>"Writing to your volunteer"</h2>
            <p>
                "Your first message is how the volunteer meets you, and they owe you nothing. A few "
                "careful lines make it easy for them to say yes. Whether you write on LinkedIn or by "
                "email, check your draft against the points below before you send it."
            </p>

            <h3 id="channel-limits">"Stay within the channel's limits"</h3>
            <p>
                "LinkedIn refuses or cuts a note or message that is too long, so its figures are hard "
                "limits. For email there is no such limit; the figures are our advice, because long "
                "subjects are cut off in the inbox and long messages wait to be read."
            </p>
            <div class="table-wrap">
                <table class="data">
                    <caption class="visually-hidden">"Length limits by channel"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Channel"</th>
                            <th scope="col">"Subject"</th>
                            <th scope="col">"Message"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <tr>
                            <th scope="row">"LinkedIn connection note"</th>
                            <td>"None"</td>
                            <td>"200 characters with a free account, 300 with Premium"</td>
                        </tr>
                        <tr>
                            <th scope="row">"LinkedIn message or InMail"</th>
                            <td>"200 characters"</td>
                            <td>"1,900 characters"</td>
                        </tr>
                        <tr>
                            <th scope="row">"Email"</th>
                            <td>"Short: about 80 characters (advice)"</td>
                            <td>"Under about 150 words (advice)"</td>
                        </tr>
                    </tbody>
                </table>
            </div>

            <h3 id="keep-it-short">"Keep it short"</h3>
            <p>
                "Well under the limit is better. Say who you are, why you are writing to this person, "
                "what you are asking for and how long it takes, then thank them. Anything else can "
                "wait for the conversation."
            </p>

            <h3 id="personal-hook">"Say why you are writing to them"</h3>
            <p>
                "Show that the message is for this volunteer and not for anyone: mention their role, "
                "the kind of library or organization they work in, something of theirs you read or "
                "heard, or who suggested you contact them. Their profile here is a good place to start."
            </p>

            <h3 id="specific-ask">"Ask for one thing"</h3>
            <p>
                "Make one clear request, such as whether they would be open to a conversation about "
                "their work and career path. Ask to learn, not for a job: see "
                <a href="#not-a-job-interview">"it is not a job interview"</a>"."
            </p>

            <h3 id="time-bound">"Say how much of their time you ask for"</h3>
            <p>
                "People agree more easily when they know what they are agreeing to. Name the length, "
                "for example “a 30-minute conversation”, and keep to what the volunteer offers on "
                "their profile."
            </p>

            <h3 id="greeting">"Open with a proper greeting"</h3>
            <p>
                "This is a first contact with a professional you have not met. Start with “Dear” and "
                "their name on a line of its own, for example “Dear Ms. Rivera,”. Leave “Hey” and "
                "“Hi there” for people you know."
            </p>

            <h3 id="one-follow-up">"Follow up once, at most"</h3>
            <p>
                "If no answer comes, wait a week or two and send one short, polite reminder. If that "
                "goes unanswered too, let it go and ask the committee about another volunteer; more "
                "reminders feel like pressure to someone who is giving their time freely."
            </p>

            <h2>"How to conduct yourself"</h2>
            <ul>
                <li>"Treat it like a business appointment: be on time and be professional."</li>
                <li>
                    "If you need to reschedule, "<strong>"give the volunteer proper notice"</strong>"."
                </li>
                <li id="not-a-job-interview">
                    <strong>"It is not a job interview"</strong>
                    ", and there should be no expectation of a job. It is there to help you make "
                    "better-informed career choices and search for work more effectively. So do not "
                    "ask the volunteer for a job or an internship, in your message or in the "
                    "conversation. Asking how people in their field gained their experience, or which "
                    "skills matter most, is welcome: that is what the conversation is for."
                </li>
                <li>
                    <strong>"Do not bring or send your résumé for review"</strong>
                    "; that is outside what this service offers. Leave it out of your first message too."
                </li>
                <li>
                    <strong>"Come prepared with questions"</strong>
                    ": about their career path, a typical day, the challenges their organization "
                    "faces, the skills that matter, and who else you might talk to."
                </li>
            </ul>

            <h2>"Afterwards"</h2>
            <p>
                "Thank the volunteer with a short note, "<strong>"best sent within 24 hours"</strong>
                ". Mention something you learned from them."
            </p>
            <p>
                "We will ask you for brief feedback about how it went. It takes under a minute and "
                "helps us improve the program. Volunteers can tell us too."
            </p>

            <h2>"Who can use it, and what it costs"</h2>
            <ul>
                <li>
                    "Anyone, of any background or experience level, member of the association or not. "
                    "All you need is a valid email address."
                </li>
                <li>"There is no fee. The service is run by volunteers."</li>
                <li>
                    "Volunteers are members or affiliates of the association with at least three "
                    "years of experience in the information field."
                </li>
            </ul>

            <p class="actions">
                <a class="button" href="/volunteers">"Browse volunteers"</a>
            </p>
        </div>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::domain::outreach::Rule;

    fn render() -> String {
        let owner = Owner::new();
        owner.set();
        leptos_meta::provide_meta_context();
        view! { <GuidelinesPage /> }.to_html()
    }

    /// Every `id="…"` on the rendered page, in order.
    fn ids(html: &str) -> Vec<&str> {
        html.split(" id=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect()
    }

    /// The drafting studio's checker links each finding to an anchor here: each one must
    /// land on exactly one element.
    #[test]
    fn every_checker_rule_has_its_anchor_once() {
        let html = render();
        let ids = ids(&html);
        for rule in Rule::ALL {
            let anchor = rule
                .guideline()
                .strip_prefix("guidelines#")
                .expect("a guidelines anchor");
            let n = ids.iter().filter(|id| **id == anchor).count();
            assert_eq!(
                n,
                1,
                "rule {}: id=\"{anchor}\" is on the guidelines page {n} times",
                rule.slug()
            );
        }
    }

    #[test]
    fn ids_are_unique() {
        let html = render();
        let mut ids = ids(&html);
        assert!(!ids.is_empty(), "{html}");
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "a repeated id: {html}");
    }
}
