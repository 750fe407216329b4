//! The requester's side: the request form, and the private status page its email links to.
//! No account: the form is public (with a honeypot and rate limits), and a request is
//! opened only by its unguessable token, which the database keeps as a hash.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::request::{self, RequestForm};
use crate::domain::{ContactDetails, ValidationError, Vocabularies, WeeklyWindow};
use crate::error::ApiError;

pub use crate::domain::request::PreferredVolunteer;

/// What the request form needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestFormPage {
    /// The form: blank, or what was typed and refused (without JavaScript).
    pub form: RequestForm,
    pub errors: Vec<ValidationError>,
    /// A refusal that is not about one field (too many attempts).
    pub problem: Option<String>,
    pub vocab: Vocabularies,
    pub preferred: Option<PreferredVolunteer>,
    pub deadline_days: u32,
}

#[cfg(feature = "ssr")]
#[derive(Serialize, Deserialize)]
struct Draft {
    form: RequestForm,
    errors: Vec<ValidationError>,
    problem: Option<String>,
}

/// The request form, with `volunteer` as the preferred volunteer when given. Public.
#[server(endpoint = "requests/form")]
pub async fn new_request_form(volunteer: Option<String>) -> Result<RequestFormPage, ApiError> {
    use crate::server::service::drafts;
    use crate::server::{app_state, respond_with};
    // Public: no sign-in needed.
    let state = app_state().map_err(respond_with)?;
    let mut form = RequestForm::new_for(volunteer.as_deref().filter(|v| v.len() <= 64));
    let mut errors = Vec::new();
    let mut problem = None;
    if let Some(key) = draft_token(&state) {
        let owner = drafts::Owner::Browser { key: &key };
        let draft: Option<Draft> = drafts::take(&state, owner, drafts::Form::Request)
            .await
            .map_err(|e| respond_with(e.into()))?;
        if let Some(d) = draft {
            form = d.form;
            errors = d.errors;
            problem = d.problem;
        }
    }
    let preferred = Some(form.preferred_volunteer.trim())
        .filter(|id| !id.is_empty())
        .and_then(|id| crate::server::service::intake::preferred(&state, id));
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

/// Where a browser without JavaScript goes after a request was stored.
pub const SENT_PAGE: &str = "/request/sent";
/// The request form.
pub const FORM_PAGE: &str = "/request";

/// The draft key this browser already holds (its `cc_draft` cookie), when well formed.
#[cfg(feature = "ssr")]
fn draft_token(state: &crate::server::AppState) -> Option<String> {
    use crate::server::auth::DRAFT_COOKIE;
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| state.auth.read_cookie(&p.headers, DRAFT_COOKIE))
        .filter(|t| crate::server::secrets::token_shape_ok(t))
}

/// Stores a request and emails its private link. Public: a honeypot, rate limits per IP
/// address and per email address, and a cap on open requests per address guard it.
///
/// Without JavaScript the browser is sent to [`SENT_PAGE`], or back to the form with what
/// was typed and why it was refused.
#[server(endpoint = "requests/submit")]
pub async fn submit_request(form: RequestForm) -> Result<(), ApiError> {
    use crate::server::service::{drafts, intake, ServiceError};
    use crate::server::{app_state, client_ip, plain_form_post, refuse, respond_with, set_cookie};
    let plain = plain_form_post();
    let state = app_state().map_err(respond_with)?;
    // Every post counts against its address's limit first, before anything is read or
    // stored (a refused form writes a draft).
    if !state.limits.allow_post(&client_ip()) {
        tracing::warn!(ip = %client_ip(), "request form: too many posts from one address");
        return Err(refuse(plain, FORM_PAGE, ApiError::RateLimited));
    }
    let (errors, problem) = match intake::submit(&state, &form).await {
        Ok(submitted) => {
            if submitted == intake::Submitted::Ignored {
                tracing::info!(ip = %client_ip(), "request form honeypot filled; ignored");
            }
            // With or without JavaScript, the browser goes on to the confirmation page.
            leptos_axum::redirect(SENT_PAGE);
            return Ok(());
        }
        Err(ServiceError::Invalid(errors)) => (errors, None),
        Err(ServiceError::Limited) => (Vec::new(), Some(ApiError::RateLimited)),
        Err(e) => return Err(refuse(plain, FORM_PAGE, e.into())),
    };
    let err = problem
        .clone()
        .unwrap_or_else(|| ApiError::Invalid(errors.clone()));
    if !plain {
        return Err(respond_with(err));
    }
    // Without JavaScript, what was typed is kept for the page the browser is sent back to,
    // under the browser's existing draft key when it has one.
    let key = drafts::browser_key(draft_token(&state)).map_err(|e| respond_with(e.into()))?;
    let draft = Draft {
        form: form.clipped(),
        errors,
        problem: problem.map(|p| p.to_string()),
    };
    drafts::keep(
        &state,
        drafts::Owner::Browser { key: &key },
        drafts::Form::Request,
        &draft,
    )
    .await
    .map_err(|e| respond_with(e.into()))?;
    set_cookie(&state.auth.draft_cookie(&key));
    leptos_axum::redirect("/request#form-errors");
    // The redirect's status stands; the error is for the draft's page.
    Err(err)
}

/// Where a browser without JavaScript goes after asking for its links again.
pub const LINK_PAGE: &str = "/request/link";

/// Emails a requester new private links to their requests still waiting or matched (the
/// old links stop working), for someone who lost the first email. Public: the answer is
/// the same whether or not the address has requests, and the request form's rate limits
/// apply.
#[server(endpoint = "requests/link")]
pub async fn resend_links(#[server(default)] email: String) -> Result<(), ApiError> {
    use crate::domain::EmailAddress;
    use crate::server::{app_state, client_ip, plain_form_post, respond_with};
    let plain = plain_form_post();
    let state = app_state().map_err(respond_with)?;
    let refuse = |err: ApiError| {
        // The address typed comes back to the form (capped: it travels in the URL).
        let mut q = form_urlencoded::Serializer::new(String::new());
        if email.len() <= EmailAddress::MAX_LEN {
            q.append_pair("email", &email);
        }
        crate::server::refuse(plain, &format!("{LINK_PAGE}?{}", q.finish()), err)
    };
    // Counted first, before the address is even read.
    if !state.limits.allow_post(&client_ip()) {
        return Err(refuse(ApiError::RateLimited));
    }
    let address = match EmailAddress::parse(request::label::EMAIL, &email) {
        Ok(a) => a,
        Err(e) => {
            tracing::debug!(error = %e, "new links: not a whole email address");
            return Err(refuse(crate::domain::Problem::EmailIncomplete.into()));
        }
    };
    let address = address.as_str().to_lowercase();
    if !state.limits.allow_links_for(&address) {
        return Err(refuse(ApiError::RateLimited));
    }
    // The work happens after the answer, so that the answer (and its timing) is the same
    // whether or not the address has requests; failures are logged.
    tokio::spawn(async move {
        if let Err(e) = crate::server::service::intake::send_new_links(&state, &address).await {
            // Logged once, in the conversion.
            let _ = ApiError::from(e);
        }
    });
    if plain {
        leptos_axum::redirect(&format!("{LINK_PAGE}?sent=1"));
    }
    Ok(())
}

/// The matched volunteer, as their requester sees them: contact details included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchedVolunteer {
    pub id: String,
    pub name: String,
    pub job_title: String,
    pub minutes_per_interview: u16,
    pub modes: Vec<String>,
    pub availability: Vec<WeeklyWindow>,
    pub availability_note: String,
    pub welcome_further_contact: bool,
    pub contact: ContactDetails,
}

/// A request as its requester sees it on the private status page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestStatusView {
    pub first_name: String,
    pub status: request::RequestStatus,
    pub created_on: NaiveDate,
    pub due_on: NaiveDate,
    pub today: NaiveDate,
    pub learning_goal: String,
    pub matched_on: Option<NaiveDate>,
    /// Only once matched, and for a set time after the conversation.
    pub volunteer: Option<MatchedVolunteer>,
    /// The conversation ended long enough ago that the volunteer's details are no longer
    /// shown.
    pub contact_ended: bool,
    pub can_withdraw: bool,
}

/// The request opened by a private link. Only the token's holder sees it; the volunteer's
/// contact details are in it once the request is matched.
#[server(endpoint = "requests/status")]
pub async fn request_status_page(token: String) -> Result<RequestStatusView, ApiError> {
    use crate::domain::request::first_name;
    use crate::server::repo::volunteers;
    use crate::server::{app_state, internal, respond_with};
    // Authorization: the unguessable token is the credential.
    let state = app_state().map_err(respond_with)?;
    let r = crate::server::service::intake::by_token(&state, &token)
        .await
        .map_err(|e| respond_with(e.into()))?;
    // Contact details as given at the match, while the request is matched and for a set
    // time after the conversation; never the volunteer's current ones (L5).
    let shown = request::contact_shown(
        r.status,
        r.ended_at,
        chrono::Utc::now(),
        state.program.contact_retention_days,
    );
    let volunteer = match (&r.volunteer, &r.shown_contact, shown) {
        (Some(key), Some(contact), request::ContactShown::Yes) => {
            let profile = volunteers::load_public(&state.db, key)
                .await
                .map_err(internal("reading a matched volunteer"))
                .map_err(respond_with)?;
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
    let contact_ended = shown == request::ContactShown::NoLonger;
    Ok(RequestStatusView {
        first_name: first_name(&r.name).to_owned(),
        status: r.status,
        created_on: r.created_at.date_naive(),
        due_on: r.due_on,
        today: state.today(),
        learning_goal: r.learning_goal,
        matched_on: r.matched_at.map(|d| d.date_naive()),
        volunteer,
        contact_ended,
        can_withdraw: r.status.can_withdraw(),
    })
}

/// The requester withdraws their request (from its private link). A matched volunteer is
/// told; the match still counts as one of their contacts (their details were handed over).
#[server(endpoint = "requests/withdraw")]
pub async fn withdraw_request(token: String) -> Result<(), ApiError> {
    use crate::server::service::intake;
    use crate::server::{app_state, client_ip, plain_form_post, refuse, respond_with};
    // Authorization: the unguessable token is the credential.
    let plain = plain_form_post();
    let state = app_state().map_err(respond_with)?;
    if !state.limits.allow_post(&client_ip()) {
        let back = if crate::server::secrets::token_shape_ok(&token) {
            format!("/r/{token}")
        } else {
            "/".into()
        };
        return Err(refuse(plain, &back, ApiError::RateLimited));
    }
    match intake::withdraw(&state, &token).await {
        Ok(()) => {
            // With or without JavaScript, the page is shown again, saying so.
            leptos_axum::redirect(&format!("/r/{token}?withdrawn=1"));
            Ok(())
        }
        Err(e) => Err(refuse(plain, &format!("/r/{token}"), e.into())),
    }
}
