use leptos::prelude::*;

use crate::domain::{MeetingMode, VolunteerCard};

/// Meeting modes as a readable list: "Video call, Phone".
pub fn modes_text(modes: &[MeetingMode]) -> String {
    modes
        .iter()
        .map(|m| m.label())
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
pub fn VolunteerCardView(card: VolunteerCard) -> impl IntoView {
    let href = format!("/volunteers/{}", card.id);
    let room = match card.contacts_left {
        1 => "Room for 1 more conversation".to_owned(),
        n => format!("Room for {n} more conversations"),
    };
    view! {
        <li class="card">
            <article>
                <h3 class="card-title"><a href=href>{card.display_name}</a></h3>
                <p class="card-job">{card.job_title}</p>
                <dl class="facts">
                    <div><dt>"Role"</dt><dd>{card.roles.join(", ")}</dd></div>
                    <div><dt>"Setting"</dt><dd>{card.setting}</dd></div>
                    <div><dt>"Region"</dt><dd>{card.region}</dd></div>
                    <div><dt>"Meets by"</dt><dd>{modes_text(&card.modes)}</dd></div>
                    <div><dt>"Time offered"</dt><dd>{format!("{} minutes", card.minutes_per_interview)}</dd></div>
                </dl>
                <p class="card-bio">{card.bio_excerpt}</p>
                {(!card.specialties.is_empty()).then(|| view! {
                    <ul class="tags" aria-label="Specialties">
                        {card.specialties.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                    </ul>
                })}
                <p class="room">{room}</p>
            </article>
        </li>
    }
}
