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

            <h2>"How to conduct yourself"</h2>
            <ul>
                <li>"Treat it like a business appointment: be on time and be professional."</li>
                <li>
                    "If you need to reschedule, "<strong>"give the volunteer proper notice"</strong>"."
                </li>
                <li>
                    <strong>"It is not a job interview"</strong>
                    ", and there should be no expectation of a job. It is there to help you make "
                    "better-informed career choices and search for work more effectively."
                </li>
                <li>
                    <strong>"Do not bring your résumé for review"</strong>
                    "; that is outside what this service offers."
                </li>
                <li>
                    <strong>"Come prepared with questions"</strong>
                    ": about their career path, a typical day, the challenges their organization "
                    "faces, the skills that matter, and who else you might talk to."
                </li>
            </ul>

            <h2>"Afterwards"</h2>
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
