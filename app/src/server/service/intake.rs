//! The requester's side: taking in a request from the public form, emailing new private
//! links, finding a request by its link, and withdrawing it. Requesters have no account:
//! the unguessable token in their link is the credential, kept only as a hash.

use serde::{Deserialize, Serialize};

use super::{drafts, failed, feedback, ServiceError};
use crate::domain::email;
use crate::domain::request::{self, deadline, first_name, label, PreferredVolunteer, RequestForm};
use crate::domain::requester::{MatchedVolunteer, RequestFormPage, RequestStatusView};
use crate::domain::text::excerpt;
use crate::domain::{EmailAddress, Problem, ValidationError};
use crate::server::repo::requests::{self, Request};
use crate::server::repo::{volunteers, Refusal};
use crate::server::secrets::{hash_token, random_token, token_shape_ok};
use crate::server::AppState;

/// How often a withdrawal is tried again when the request changed before its transaction.
const TRIES: u32 = 5;

/// The volunteer a requester picked while browsing, as the form shows them; `None` when
/// they are not listed (or cannot be: too little experience).
pub fn preferred(state: &AppState, id: &str) -> Option<PreferredVolunteer> {
    let index = state.directory.read();
    let p = index.get(id)?;
    let status = p.status(state.today());
    if !status.has_public_profile() {
        return None;
    }
    Some(PreferredVolunteer {
        id: p.id.clone(),
        name: p.display_name.clone(),
        job_title: p.job_title.clone(),
        available: status.is_available(),
        status_text: crate::domain::status_text(status),
    })
}

/// What became of a request form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submitted {
    /// Stored under this key; its private link is on its way.
    Stored(String),
    /// A robot filled in the field people never see: answered as if it worked, nothing
    /// stored.
    Ignored,
}

/// Takes in a request: the form's rules, the preferred volunteer still taking requests,
/// the per-address limit, then one transaction that enforces the cap on open requests per
/// address, stores the request and queues its email.
pub async fn submit(state: &AppState, form: &RequestForm) -> Result<Submitted, ServiceError> {
    if !form.website.trim().is_empty() {
        return Ok(Submitted::Ignored);
    }
    let vocab = state.directory.read().vocabularies().clone();
    let input = form.validate(&vocab).map_err(ServiceError::Invalid)?;
    if let Some(id) = &input.needs.preferred {
        let why = match preferred(state, id) {
            Some(p) if p.available => None,
            Some(p) => Some(format!(
                "{} is not taking requests right now; remove them to let the committee choose, or pick someone else",
                p.name
            )),
            None => Some(
                "that volunteer is no longer listed; remove them to let the committee choose"
                    .into(),
            ),
        };
        if let Some(reason) = why {
            return Err(ServiceError::Invalid(vec![ValidationError::Invalid {
                field: label::PREFERRED.into(),
                reason,
            }]));
        }
    }
    if !state.limits.allow_request_for(input.email.as_str()) {
        return Err(ServiceError::Limited);
    }
    let token = random_token()
        .map_err(|_| ServiceError::Unexpected("no randomness for a request token"))?;
    let now = state.clock.now();
    let due = deadline(now, state.program.deadline_days);
    let status_url = format!("{}/r/{token}", state.public_url());
    let mail = email::request_received(
        input.email.as_str(),
        first_name(&input.name),
        &status_url,
        due,
    );
    let max_open = state.program.max_open_requests_per_email;
    let cap = requests::Cap {
        max_open,
        matched_since: state.program.lifecycle.ends_matched_before(now),
    };
    let created = requests::create(&state.db, &input, &hash_token(&token), now, due, cap, &mail)
        .await
        .map_err(failed("storing a request"))?;
    match created {
        Ok(key) => {
            tracing::info!(request = %key, "request stored");
            state.mailer.wake();
            Ok(Submitted::Stored(key))
        }
        Err(_) => Err(ServiceError::Invalid(vec![ValidationError::Invalid {
            field: label::EMAIL.into(),
            reason: format!(
                "this address already has {max_open} requests waiting or recently matched; \
                 withdraw one (from the link in its email) or wait until it is done"
            ),
        }])),
    }
}

/// Gives every request of `address` still waiting or matched one more private link and
/// mails them, in one transaction (the links sent before keep working); returns how many.
pub async fn send_new_links(state: &AppState, address: &str) -> Result<usize, ServiceError> {
    let base = state.public_url();
    let live = requests::live_for_email(&state.db, address)
        .await
        .map_err(failed("reading an address's requests"))?;
    let Some(first) = live.first() else {
        return Ok(0);
    };
    let mut tokens = Vec::with_capacity(live.len());
    let mut links = Vec::with_capacity(live.len());
    for r in &live {
        let token = random_token()
            .map_err(|_| ServiceError::Unexpected("no randomness for a request token"))?;
        tokens.push((r.key.clone(), hash_token(&token)));
        links.push((format!("{base}/r/{token}"), excerpt(&r.learning_goal, 80)));
    }
    let mail = email::links_again(address, first_name(&first.name), &links);
    requests::add_links(&state.db, &tokens, &mail)
        .await
        .map_err(failed("adding request links"))?
        .map_err(|_| ServiceError::Unexpected("new links refused"))?;
    state.mailer.wake();
    tracing::info!(requests = live.len(), "new request links sent");
    Ok(live.len())
}

/// Someone lost their first email and typed their address (`typed`) to get new private
/// links. The answer is the same whether or not the address has requests, so the work
/// happens after it, in the background; its failures are logged.
pub fn ask_for_new_links(state: &AppState, typed: &str) -> Result<(), ServiceError> {
    let address = match EmailAddress::parse(label::EMAIL, typed) {
        Ok(a) => a.as_str().to_lowercase(),
        Err(e) => {
            tracing::debug!(error = %e, "new links: not a whole email address");
            return Err(Problem::EmailIncomplete.into());
        }
    };
    if !state.limits.allow_links_for(&address) {
        return Err(ServiceError::Limited);
    }
    let state = state.clone();
    tokio::spawn(async move {
        if let Err(e) = send_new_links(&state, &address).await {
            // Logged once, in the conversion.
            let _ = crate::error::ApiError::from(e);
        }
    });
    Ok(())
}

/// The request a private link opens.
pub async fn by_token(state: &AppState, token: &str) -> Result<Request, ServiceError> {
    if !token_shape_ok(token) {
        return Err(Problem::UnknownLink.into());
    }
    requests::by_token(&state.db, &hash_token(token))
        .await
        .map_err(failed("reading a request"))?
        .ok_or(Problem::UnknownLink.into())
}

/// The requester withdraws the request their link opens. A matched volunteer is told;
/// the match still counts as one of their contacts (their details were handed over).
pub async fn withdraw(state: &AppState, token: &str) -> Result<(), ServiceError> {
    // Whether the volunteer is told depends on the status read here; the transaction
    // refuses when it changed meanwhile (a match just made), and everything is read again.
    let mut tries = 0;
    let outcome = loop {
        tries += 1;
        let r = by_token(state, token).await?;
        // Only before the conversation: once its time has come, the page offers feedback.
        if !offers(state, &r).withdraw {
            return Err(Problem::CannotWithdraw.into());
        }
        let mut mail = None;
        if let (request::RequestStatus::Matched, Some(v)) = (r.status, &r.volunteer) {
            let own = volunteers::load_own(&state.db, v)
                .await
                .map_err(failed("reading a volunteer"))?;
            if let Some((name, Some(contact))) = own.map(|o| (o.profile.display_name, o.contact)) {
                mail = Some(email::request_withdrawn(
                    &contact.email,
                    &name,
                    first_name(&r.name),
                ));
            }
        }
        let outcome = requests::withdraw(
            &state.db,
            &r.key,
            (r.status, r.volunteer.as_deref()),
            mail.as_ref(),
        )
        .await
        .map_err(failed("withdrawing a request"))?;
        match outcome {
            Err(Refusal::Changed) if tries < TRIES => continue,
            other => break other,
        }
    };
    outcome.map_err(|_| Problem::CannotWithdraw)?;
    state.mailer.wake();
    Ok(())
}

/// A request form refused without JavaScript, kept for the page the browser is sent back to.
#[derive(Serialize, Deserialize)]
struct Draft {
    form: RequestForm,
    errors: Vec<ValidationError>,
    problem: Option<String>,
}

/// The request form: what this browser typed into a form refused without JavaScript (its
/// draft key `draft_key`), or a blank form with `volunteer` as the preferred volunteer when
/// given. A preferred volunteer who is not listed is dropped.
pub async fn form_page(
    state: &AppState,
    volunteer: Option<&str>,
    draft_key: Option<&str>,
) -> Result<RequestFormPage, ServiceError> {
    let mut form = RequestForm::new_for(volunteer.filter(|v| crate::domain::ids::is_key_shaped(v)));
    let mut errors = Vec::new();
    let mut problem = None;
    if let Some(key) = draft_key {
        let owner = drafts::Owner::Browser { key };
        let draft: Option<Draft> = drafts::take(state, owner, drafts::Form::Request).await?;
        if let Some(d) = draft {
            form = d.form;
            errors = d.errors;
            problem = d.problem;
        }
    }
    let preferred = Some(form.preferred_volunteer.trim())
        .filter(|id| !id.is_empty())
        .and_then(|id| preferred(state, id));
    if preferred.is_none() {
        form.preferred_volunteer.clear();
    }
    let vocab = state.directory.read().vocabularies().clone();
    Ok(RequestFormPage {
        form,
        errors,
        problem,
        vocab,
        preferred,
        deadline_days: state.program.deadline_days,
    })
}

/// Keeps what was typed into a refused request form (with why: field `errors`, or a
/// `problem` about the whole form) for the page the browser is sent back to, under the
/// draft key it `held` or a new one. Returns the key, for the browser's draft cookie.
pub async fn keep_refused(
    state: &AppState,
    held: Option<String>,
    form: &RequestForm,
    errors: Vec<ValidationError>,
    problem: Option<String>,
) -> Result<String, ServiceError> {
    let key = drafts::browser_key(held)?;
    let draft = Draft {
        form: form.clone().clipped(),
        errors,
        problem,
    };
    let owner = drafts::Owner::Browser { key: &key };
    drafts::keep(state, owner, drafts::Form::Request, &draft).await?;
    Ok(key)
}

/// The request a private link opens, as its requester sees it. The volunteer's contact
/// details are in it while the request is matched and for a set time after the
/// conversation: as given at the match, never the volunteer's current ones.
pub async fn status_view(state: &AppState, token: &str) -> Result<RequestStatusView, ServiceError> {
    let r = by_token(state, token).await?;
    let shown = request::contact_shown(
        r.status,
        r.ended_at,
        state.clock.now(),
        state.program.contact_retention_days,
    );
    let volunteer = match (&r.volunteer, &r.shown_contact, shown) {
        (Some(key), Some(contact), request::ContactShown::Yes) => {
            let profile = volunteers::load_public(&state.db, key)
                .await
                .map_err(failed("reading a matched volunteer"))?;
            // The volunteer has left the program since: nothing of theirs is shown.
            profile.map(|p| MatchedVolunteer {
                id: p.id,
                name: p.display_name,
                job_title: p.job_title,
                minutes_per_interview: p.minutes_per_interview,
                modes: p.modes.iter().map(|m| m.label().to_owned()).collect(),
                availability: p.availability,
                availability_note: p.availability_note,
                welcome_further_contact: p.welcome_further_contact,
                contact: contact.clone(),
            })
        }
        _ => None,
    };
    let offers = offers(state, &r);
    let feedback = feedback::given(state, &r).await?;
    Ok(RequestStatusView {
        first_name: first_name(&r.name).to_owned(),
        status: r.status,
        created_on: r.created_at.date_naive(),
        due_on: r.due_on,
        today: state.today(),
        learning_goal: r.learning_goal,
        matched_on: r.matched_at.map(|d| d.date_naive()),
        volunteer,
        contact_ended: shown == request::ContactShown::NoLonger,
        offers,
        meeting_on: r.meeting_on,
        feedback,
    })
}

/// What a request's private page offers now (withdrawing, feedback, the meeting date).
pub fn offers(state: &AppState, r: &Request) -> request::Offers {
    state.program.lifecycle.offers(
        request::AfterMatch {
            status: r.status,
            matched_at: r.matched_at,
            meeting_on: r.meeting_on,
        },
        state.clock.now(),
    )
}

/// The requester gives the day agreed for their conversation (`raw`, `YYYY-MM-DD`; empty
/// clears it), while the request is matched.
pub async fn set_meeting_on(state: &AppState, token: &str, raw: &str) -> Result<(), ServiceError> {
    let r = by_token(state, token).await?;
    let day = match raw.trim() {
        "" => None,
        raw => Some(
            chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                .map_err(|_| Problem::MeetingDayInvalid)?,
        ),
    };
    let matched_on = r.matched_at.map(|at| at.date_naive());
    if let (Some(day), Some(matched_on)) = (day, matched_on) {
        if !request::meeting_date_ok(day, matched_on) {
            return Err(Problem::MeetingDayInvalid.into());
        }
    }
    requests::set_meeting_on(&state.db, &r.key, day)
        .await
        .map_err(failed("saving a meeting date"))?
        .map_err(|_| Problem::RequestNotMatched)?;
    Ok(())
}

/// Keeps, for this browser (its draft key `held`, or a new one), a request form filled
/// from request `r`, for a requester who asked for another conversation: the next visit to
/// the request form shows it. Returns the key, for the browser's draft cookie.
pub async fn prefill_another(
    state: &AppState,
    held: Option<String>,
    r: &Request,
) -> Result<String, ServiceError> {
    let key = drafts::browser_key(held)?;
    let email = EmailAddress::parse(label::EMAIL, &r.email)
        .map_err(|_| ServiceError::Unexpected("a stored request's address does not parse"))?;
    let previous = request::RequestInput {
        name: r.name.clone(),
        email,
        membership: r.membership,
        background: r.background,
        learning_goal: r.learning_goal.clone(),
        needs: r.needs.clone(),
        availability: r.availability.clone(),
    };
    let draft = Draft {
        form: RequestForm::again(&previous),
        errors: Vec::new(),
        problem: None,
    };
    let owner = drafts::Owner::Browser { key: &key };
    drafts::keep(state, owner, drafts::Form::Request, &draft).await?;
    Ok(key)
}
