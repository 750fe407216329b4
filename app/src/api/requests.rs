//! The requester's side: the request form, and the private status page its email links to.
//! No account: the form is public (with a honeypot and rate limits), and a request is
//! opened only by its unguessable token, which the database keeps as a hash.

use leptos::prelude::*;

use crate::domain::request::RequestForm;
use crate::error::ApiError;

pub use crate::domain::request::PreferredVolunteer;
pub use crate::domain::requester::*;

/// The request form, with `volunteer` as the preferred volunteer when given. Public.
#[server(endpoint = "requests/form")]
pub async fn new_request_form(volunteer: Option<String>) -> Result<RequestFormPage, ApiError> {
    use crate::server::service::intake;
    use crate::server::{answer, app_state};
    // Public: no sign-in needed.
    answer(async {
        let state = app_state()?;
        let held = crate::server::browser_draft_key(&state);
        Ok(intake::form_page(&state, volunteer.as_deref(), held.as_deref()).await?)
    })
    .await
}

/// Where a browser without JavaScript goes after a request was stored.
pub const SENT_PAGE: &str = "/request/sent";
/// The request form.
pub const FORM_PAGE: &str = "/request";

/// Stores a request and emails its private link. Public: a honeypot, rate limits per IP
/// address and per email address, and a cap on open requests per address guard it.
///
/// Without JavaScript the browser is sent to [`SENT_PAGE`], or back to the form with what
/// was typed and why it was refused.
#[server(endpoint = "requests/submit")]
pub async fn submit_request(form: RequestForm) -> Result<(), ApiError> {
    use crate::server::service::{intake, ServiceError};
    use crate::server::{answer, app_state, client_ip, plain_form_post, refuse, set_cookie};
    answer(async {
        let plain = plain_form_post();
        let state = app_state()?;
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
        if plain {
            // Without JavaScript, what was typed is kept for the page the browser is sent
            // back to, under the browser's existing draft key when it has one.
            let problem = problem.map(|p| p.to_string());
            let key = intake::keep_refused(
                &state,
                crate::server::browser_draft_key(&state),
                &form,
                errors,
                problem,
            )
            .await?;
            set_cookie(&state.auth.draft_cookie(&key));
            leptos_axum::redirect("/request#form-errors");
        }
        // Without JavaScript the redirect's status stands; the error is for the draft's page.
        Err(err)
    })
    .await
}

/// Where a browser without JavaScript goes after asking for its links again.
pub const LINK_PAGE: &str = "/request/link";

/// Emails a requester one more private link to each of their requests still waiting or
/// matched (the links sent before keep working), for someone who lost the first email. Public: the answer is
/// the same whether or not the address has requests, and the request form's rate limits
/// apply.
#[server(endpoint = "requests/link")]
pub async fn resend_links(#[server(default)] email: String) -> Result<(), ApiError> {
    use crate::domain::EmailAddress;
    use crate::server::service::intake;
    use crate::server::{answer, app_state, client_ip, done, plain_form_post, refuse};
    answer(async {
        let plain = plain_form_post();
        let state = app_state()?;
        let send_back = |err: ApiError| {
            // The address typed comes back to the form (capped: it travels in the URL).
            let mut q = form_urlencoded::Serializer::new(String::new());
            if email.len() <= EmailAddress::MAX_LEN {
                q.append_pair("email", &email);
            }
            refuse(plain, &format!("{LINK_PAGE}?{}", q.finish()), err)
        };
        // Counted first, before the address is even read.
        if !state.limits.allow_post(&client_ip()) {
            return Err(send_back(ApiError::RateLimited));
        }
        intake::ask_for_new_links(&state, &email).map_err(|e| send_back(e.into()))?;
        done(plain, &format!("{LINK_PAGE}?sent=1"));
        Ok(())
    })
    .await
}

/// The request opened by a private link. Only the token's holder sees it; the volunteer's
/// contact details are in it once the request is matched.
#[server(endpoint = "requests/status")]
pub async fn request_status_page(token: String) -> Result<RequestStatusView, ApiError> {
    use crate::server::service::intake;
    use crate::server::{answer, app_state};
    // Authorization: the unguessable token is the credential.
    answer(async {
        let state = app_state()?;
        Ok(intake::status_view(&state, &token).await?)
    })
    .await
}

/// The requester withdraws their request (from its private link). A matched volunteer is
/// told; the match still counts as one of their contacts (their details were handed over).
#[server(endpoint = "requests/withdraw")]
pub async fn withdraw_request(token: String) -> Result<(), ApiError> {
    use crate::server::service::intake;
    use crate::server::{answer, app_state, client_ip, plain_form_post, refuse};
    // Authorization: the unguessable token is the credential.
    answer(async {
        let plain = plain_form_post();
        let state = app_state()?;
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
    })
    .await
}

/// The private status page of `token`.
#[cfg(feature = "ssr")]
fn status_page(token: &str) -> String {
    if crate::server::secrets::token_shape_ok(token) {
        format!("/r/{token}")
    } else {
        "/".into()
    }
}

/// The requester gives (or clears, with an empty `day`) the day agreed for their
/// conversation: the feedback form opens from it. While matched.
#[server(endpoint = "requests/meeting")]
pub async fn set_meeting_day(
    token: String,
    #[server(default)] day: String,
) -> Result<(), ApiError> {
    use crate::server::service::intake;
    use crate::server::{answer, app_state, client_ip, done, plain_form_post, refuse};
    // Authorization: the unguessable token is the credential.
    answer(async {
        let plain = plain_form_post();
        let state = app_state()?;
        let back = status_page(&token);
        if !state.limits.allow_post(&client_ip()) {
            return Err(refuse(plain, &back, ApiError::RateLimited));
        }
        intake::set_meeting_on(&state, &token, &day)
            .await
            .map_err(|e| refuse(plain, &format!("{back}#meeting"), e.into()))?;
        done(plain, &format!("{back}?meeting=1#meeting"));
        Ok(())
    })
    .await
}

/// The feedback form of the request `token` opens. Only the link's holder sees it.
#[server(endpoint = "requests/feedback")]
pub async fn open_feedback(token: String) -> Result<FeedbackPage, ApiError> {
    use crate::server::service::feedback;
    use crate::server::{answer, app_state, browser_draft_key};
    // Authorization: the unguessable token is the credential.
    answer(async {
        let state = app_state()?;
        let held = browser_draft_key(&state);
        Ok(feedback::page(&state, &token, held.as_deref()).await?)
    })
    .await
}

/// Stores the requester's feedback (or their change to it). Then the status page thanks
/// them, or, when they asked for another conversation, the request form opens filled from
/// this request. Without JavaScript a refused form comes back with what was typed.
#[server(endpoint = "requests/feedback/save")]
pub async fn save_feedback(
    token: String,
    form: crate::domain::feedback::FeedbackForm,
) -> Result<(), ApiError> {
    use crate::server::service::{feedback, intake, ServiceError};
    use crate::server::{
        answer, app_state, browser_draft_key, client_ip, plain_form_post, refuse, set_cookie,
    };
    // Authorization: the unguessable token is the credential.
    answer(async {
        let plain = plain_form_post();
        let state = app_state()?;
        let page = format!("{}/feedback", status_page(&token));
        if !state.limits.allow_post(&client_ip()) {
            return Err(refuse(plain, &page, ApiError::RateLimited));
        }
        match feedback::save(&state, &token, &form).await {
            Ok(saved) => {
                if saved.feedback.another {
                    let key =
                        intake::prefill_another(&state, browser_draft_key(&state), &saved.request)
                            .await?;
                    set_cookie(&state.auth.draft_cookie(&key));
                    leptos_axum::redirect(&format!("{FORM_PAGE}?again=1"));
                } else {
                    leptos_axum::redirect(&format!("{}?thanks=1", status_page(&token)));
                }
                Ok(())
            }
            Err(ServiceError::Invalid(errors)) => {
                if plain {
                    let key = feedback::keep_refused(
                        &state,
                        browser_draft_key(&state),
                        &token,
                        &form,
                        errors.clone(),
                    )
                    .await?;
                    set_cookie(&state.auth.draft_cookie(&key));
                    leptos_axum::redirect(&format!("{page}#form-errors"));
                }
                Err(ApiError::Invalid(errors))
            }
            Err(e) => Err(refuse(plain, &page, e.into())),
        }
    })
    .await
}
