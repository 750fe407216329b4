use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text="" />
        <div class="wrap prose">
            <section class="hero" aria-labelledby="hero-title">
                <h1 id="hero-title">"Talk with someone who does the work"</h1>
                <p class="lead">
                    "Curious about a career in libraries, archives or information work? "
                    "Career Connects puts you in touch with an experienced library or information "
                    "professional for one short, friendly conversation: an informational interview."
                </p>
                <p class="actions">
                    <a class="button" href="/request">"Ask for a conversation"</a>
                    <a class="button secondary" href="/volunteers">"Browse volunteers"</a>
                    <a class="button secondary" href="/guidelines">"Read the guidelines"</a>
                </p>
            </section>

            <section aria-labelledby="how-title">
                <h2 id="how-title">"How it works"</h2>
                <ol class="steps">
                    <li>
                        <h3>"Tell us what you want to learn"</h3>
                        <p>
                            "Students, job seekers and career changers are all welcome, members of "
                            "the association or not. Say what you hope to find out, which kinds of "
                            "work interest you, and how you would like to meet."
                        </p>
                    </li>
                    <li>
                        <h3>"We find the best match within two weeks"</h3>
                        <p>
                            "A committee member reads your request and sends you the contact details "
                            "of the volunteer who best fits it: someone with at least three years in "
                            "the field who has offered their time."
                        </p>
                    </li>
                    <li>
                        <h3>"You reach out and have the conversation"</h3>
                        <p>
                            "You make the first contact and agree on a time: 30 minutes to an hour, "
                            "in person, by phone, by video or by email. Come with questions; it is a "
                            "conversation about the work, not a job interview."
                        </p>
                    </li>
                    <li>
                        <h3>"Tell us how it went"</h3>
                        <p>"A short feedback form afterwards helps us keep the program useful for everyone."</p>
                    </li>
                </ol>
            </section>

            <section aria-labelledby="who-title">
                <h2 id="who-title">"Who you can talk to"</h2>
                <p>
                    "Academic, public, school and special librarians, records managers, library "
                    "technicians and managers, youth services and media librarians, information "
                    "specialists in companies and government, and more. Every volunteer has chosen "
                    "how often they can be contacted, so nobody is overwhelmed."
                </p>
                <p><a href="/volunteers">"See who is taking requests now"</a></p>
            </section>
        </div>
    }
}
