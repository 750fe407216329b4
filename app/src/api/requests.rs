//! The requester's side: the request form, and the private status page its email links to.
//! No account: the form is public (with a honeypot and rate limits), and a request is
//! opened only by its unguessable token, which the database keeps as a hash.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::request::{self, RequestForm};
use crate::domain::{ContactDetails, ValidationError, Vocabularies, WeeklyWindow};
use crate::error::ApiError;

/// The volunteer a requester picked while browsing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreferredVolunteer {
    pub id: String,
    pub name: String,
    pub job_title: String,
    /// False when they are away or full (the form says so).
    pub available: bool,
    pub status_text: String,
}

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

#[cfg(feature = "ssr")]
fn preferred_of(state: &crate::server::AppState, id: &str) -> Option<PreferredVolunteer> {
    let index = state.directory.read();
    let p = index.get(id)?;
    let status = p.status(state.today());
    if matches!(
        status,
        crate::domain::PoolStatus::NotListed | crate::domain::PoolStatus::TooLittleExperience
    ) {
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
        .and_then(|id| preferred_of(&state, id));
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
        .filter(|t| token_shape_ok(t))
}

/// Stores a request and emails its private link. Public: a honeypot, rate limits per IP
/// address and per email address, and a cap on open requests per address guard it.
///
/// Without JavaScript the browser is sent to [`SENT_PAGE`], or back to the form with what
/// was typed and why it was refused.
#[server(endpoint = "requests/submit")]
pub async fn submit_request(form: RequestForm) -> Result<(), ApiError> {
    use crate::domain::request::{deadline, first_name, label};
    use crate::server::auth::{hash_token, random_token};
    use crate::server::repo::requests;
    use crate::server::service::drafts;
    use crate::server::{
        app_state, client_ip, internal, plain_form_post, respond_with, set_cookie,
    };
    let plain = plain_form_post();
    let state = app_state().map_err(respond_with)?;

    // Every post counts against its address's limit first, before anything is read or
    // stored (a refused form writes a draft).
    if !state.limits.allow_post(&client_ip()) {
        tracing::warn!(ip = %client_ip(), "request form: too many posts from one address");
        return Err(crate::server::refuse(
            plain,
            FORM_PAGE,
            ApiError::RateLimited,
        ));
    }

    // Refuses the form: without JavaScript, keeps what was typed for the page the browser
    // is sent back to, under the browser's existing draft key when it has one.
    let refuse = |form: RequestForm,
                  errors: Vec<ValidationError>,
                  problem: Option<String>,
                  err: ApiError| {
        let state = state.clone();
        async move {
            if plain {
                let key =
                    drafts::browser_key(draft_token(&state)).map_err(|e| respond_with(e.into()))?;
                let draft = Draft {
                    form: form.clipped(),
                    errors,
                    problem,
                };
                let owner = drafts::Owner::Browser { key: &key };
                drafts::keep(&state, owner, drafts::Form::Request, &draft)
                    .await
                    .map_err(|e| respond_with(e.into()))?;
                set_cookie(&state.auth.draft_cookie(&key));
                leptos_axum::redirect("/request#form-errors");
                // The redirect's status stands; the error is for the draft's page.
                return Err::<(), ApiError>(err);
            }
            Err::<(), ApiError>(respond_with(err))
        }
    };

    // A robot filled in the field people never see: answer as if it worked, store nothing.
    if !form.website.trim().is_empty() {
        tracing::info!(ip = %client_ip(), "request form honeypot filled; ignored");
        leptos_axum::redirect(SENT_PAGE);
        return Ok(());
    }

    let vocab = state.directory.read().vocabularies().clone();
    let input = match form.validate(&vocab) {
        Ok(input) => input,
        Err(errors) => {
            let err = ApiError::Invalid(errors.clone());
            return refuse(form, errors, None, err).await;
        }
    };
    if let Some(id) = &input.needs.preferred {
        let why = match preferred_of(&state, id) {
            Some(p) if p.available => None,
            Some(p) => Some(format!(
                "{} is not taking requests right now; remove them to let the committee choose, or pick someone else",
                p.name
            )),
            None => Some("that volunteer is no longer listed; remove them to let the committee choose".into()),
        };
        if let Some(reason) = why {
            let errors = vec![ValidationError::Invalid {
                field: label::PREFERRED.into(),
                reason,
            }];
            let err = ApiError::Invalid(errors.clone());
            return refuse(form, errors, None, err).await;
        }
    }
    if !state.limits.allow_request_for(input.email.as_str()) {
        let problem = ApiError::RateLimited.to_string();
        return refuse(form, Vec::new(), Some(problem), ApiError::RateLimited).await;
    }

    let token = random_token().map_err(|e| {
        tracing::error!(error = %e, "no randomness for a request token");
        respond_with(ApiError::Internal)
    })?;
    let now = chrono::Utc::now();
    let due = deadline(now, state.program.deadline_days);
    let status_url = format!("{}/r/{token}", state.auth.base_url());
    let mail = crate::domain::email::request_received(
        input.email.as_str(),
        first_name(&input.name),
        &status_url,
        due,
    );
    let max_open = state.program.max_open_requests_per_email;
    match requests::create(
        &state.db,
        &input,
        &hash_token(&token),
        now,
        due,
        max_open,
        &mail,
    )
    .await
    .map_err(internal("storing a request"))
    .map_err(respond_with)?
    {
        Ok(key) => {
            tracing::info!(request = %key, "request stored");
            state.mailer.wake();
            // With or without JavaScript, the browser goes on to the confirmation page.
            leptos_axum::redirect(SENT_PAGE);
            Ok(())
        }
        Err(_) => {
            let errors = vec![ValidationError::Invalid {
                field: label::EMAIL.into(),
                reason: format!(
                    "this address already has {max_open} requests waiting or matched; withdraw one \
                     (from the link in its email) or wait until it is done"
                ),
            }];
            let err = ApiError::Invalid(errors.clone());
            refuse(form, errors, None, err).await
        }
    }
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
    let base = state.auth.base_url().to_owned();
    tokio::spawn(async move {
        if let Err(e) = send_new_links(&state, &address, &base).await {
            tracing::error!(error = %e, "sending new request links failed");
        }
    });
    if plain {
        leptos_axum::redirect(&format!("{LINK_PAGE}?sent=1"));
    }
    Ok(())
}

/// Gives every request of `address` still waiting or matched a new private link and mails
/// them, in one transaction; returns how many.
#[cfg(feature = "ssr")]
async fn send_new_links(
    state: &crate::server::AppState,
    address: &str,
    base: &str,
) -> Result<usize, String> {
    use crate::domain::email::links_again;
    use crate::domain::request::first_name;
    use crate::domain::text::excerpt;
    use crate::server::auth::{hash_token, random_token};
    use crate::server::repo::requests;
    let live = requests::live_for_email(&state.db, address)
        .await
        .map_err(|e| e.to_string())?;
    let Some(first) = live.first() else {
        return Ok(0);
    };
    let mut tokens = Vec::with_capacity(live.len());
    let mut links = Vec::with_capacity(live.len());
    for r in &live {
        let token = random_token().map_err(|e| e.to_string())?;
        tokens.push((r.key.clone(), hash_token(&token)));
        links.push((format!("{base}/r/{token}"), excerpt(&r.learning_goal, 80)));
    }
    let mail = links_again(address, first_name(&first.name), &links);
    requests::replace_tokens(&state.db, &tokens, &mail)
        .await
        .map_err(|e| e.to_string())?
        .map_err(|r| format!("refused: {r:?}"))?;
    state.mailer.wake();
    tracing::info!(requests = live.len(), "new request links sent");
    Ok(live.len())
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

/// The token's shape: 64 hexadecimal characters.
pub fn token_shape_ok(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(feature = "ssr")]
async fn request_by_token(
    state: &crate::server::AppState,
    token: &str,
) -> Result<crate::server::repo::requests::Request, ApiError> {
    use crate::server::auth::hash_token;
    use crate::server::internal;
    use crate::server::repo::requests;
    let not_found = || ApiError::Refused(crate::domain::Problem::UnknownLink);
    if !token_shape_ok(token) {
        return Err(not_found());
    }
    requests::by_token(&state.db, &hash_token(token))
        .await
        .map_err(internal("reading a request"))?
        .ok_or_else(not_found)
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
    let r = request_by_token(&state, &token)
        .await
        .map_err(respond_with)?;
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
    use crate::server::repo::requests;
    use crate::server::{app_state, internal, plain_form_post, refuse, respond_with};
    // Authorization: the unguessable token is the credential.
    let plain = plain_form_post();
    let state = app_state().map_err(respond_with)?;
    if !state.limits.allow_post(&crate::server::client_ip()) {
        let back = if token_shape_ok(&token) {
            format!("/r/{token}")
        } else {
            "/".into()
        };
        return Err(refuse(plain, &back, ApiError::RateLimited));
    }
    // Whether the volunteer is told depends on the status read here; the transaction
    // refuses when it changed meanwhile (a match just made), and everything is read again.
    let mut tries = 0;
    let outcome = loop {
        tries += 1;
        let r = request_by_token(&state, &token)
            .await
            .map_err(respond_with)?;
        let mut mail = None;
        if let (request::RequestStatus::Matched, Some(v)) = (r.status, &r.volunteer) {
            let own = crate::server::repo::volunteers::load_own(&state.db, v)
                .await
                .map_err(internal("reading a volunteer"))
                .map_err(respond_with)?;
            if let Some((name, Some(contact))) = own.map(|o| (o.profile.display_name, o.contact)) {
                mail = Some(crate::domain::email::request_withdrawn(
                    &contact.email,
                    &name,
                    crate::domain::request::first_name(&r.name),
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
        .map_err(internal("withdrawing a request"))
        .map_err(respond_with)?;
        match outcome {
            Err(requests::Refusal::Changed) if tries < 5 => continue,
            other => break other,
        }
    };
    match outcome {
        Ok(()) => {
            state.mailer.wake();
            // With or without JavaScript, the page is shown again, saying so.
            leptos_axum::redirect(&format!("/r/{token}?withdrawn=1"));
            Ok(())
        }
        Err(_) => {
            let err = crate::domain::Problem::CannotWithdraw.into();
            Err(refuse(plain, &format!("/r/{token}"), err))
        }
    }
}
