//! The requester's feedback through their private link: the form's page, saving an answer
//! (which ends a request still matched), and the summary a volunteer may see.

use serde::{Deserialize, Serialize};

use super::{drafts, failed, intake, ServiceError};
use crate::domain::feedback::{Feedback, FeedbackForm, FeedbackSummary};
use crate::domain::request::first_name;
use crate::domain::requester::{FeedbackGiven, FeedbackPage};
use crate::domain::{Problem, ValidationError};
use crate::server::repo::{self, requests::Request, Refusal};
use crate::server::AppState;

/// A feedback form refused without JavaScript: what was typed, why, and for which request.
#[derive(Serialize, Deserialize)]
struct Kept {
    request: String,
    form: FeedbackForm,
    errors: Vec<ValidationError>,
}

/// Until when an answer first given at `created_at` can be changed, if it still can.
fn editable_until(
    state: &AppState,
    created_at: chrono::DateTime<chrono::Utc>,
) -> Option<chrono::DateTime<chrono::Utc>> {
    let lifecycle = state.program.lifecycle;
    lifecycle
        .feedback_editable(created_at, state.clock.now())
        .then(|| lifecycle.feedback_editable_until(created_at))
}

/// The answer given for request `r`, as its status page recalls it.
pub async fn given(state: &AppState, r: &Request) -> Result<Option<FeedbackGiven>, ServiceError> {
    let stored = repo::feedback::get(&state.db, &r.key)
        .await
        .map_err(failed("reading feedback"))?;
    Ok(stored.map(|s| FeedbackGiven {
        happened: s.feedback.happened,
        rating: s.feedback.rating,
        editable_until: editable_until(state, s.created_at),
    }))
}

/// The feedback page of the request a private link opens: the answer given (to change),
/// or what this browser typed into a form refused without JavaScript (its draft key
/// `held`), or a blank form.
pub async fn page(
    state: &AppState,
    token: &str,
    held: Option<&str>,
) -> Result<FeedbackPage, ServiceError> {
    let r = intake::by_token(state, token).await?;
    let offers = intake::offers(state, &r);
    let stored = repo::feedback::get(&state.db, &r.key)
        .await
        .map_err(failed("reading feedback"))?;
    let mut form = stored
        .as_ref()
        .map(|s| FeedbackForm::of(&s.feedback))
        .unwrap_or_default();
    let mut errors = Vec::new();
    if let Some(key) = held {
        let owner = drafts::Owner::Browser { key };
        let kept: Option<Kept> = drafts::take(state, owner, drafts::Form::Feedback).await?;
        if let Some(k) = kept.filter(|k| k.request == r.key) {
            form = k.form;
            errors = k.errors;
        }
    }
    let volunteer_name = match &r.volunteer {
        Some(key) => repo::volunteers::load_public(&state.db, key)
            .await
            .map_err(failed("reading a matched volunteer"))?
            .map(|p| p.display_name),
        None => None,
    };
    let opens_on = match (offers.feedback, r.matched_at) {
        (false, Some(at)) if r.status == crate::domain::request::RequestStatus::Matched => Some(
            state
                .program
                .lifecycle
                .feedback_opens(at, r.meeting_on)
                .date_naive(),
        ),
        _ => None,
    };
    Ok(FeedbackPage {
        first_name: first_name(&r.name).to_owned(),
        volunteer_name,
        open: offers.feedback,
        opens_on,
        form,
        errors,
        given: stored.is_some(),
        editable_until: stored.and_then(|s| editable_until(state, s.created_at)),
    })
}

/// What saving an answer did.
#[derive(Debug)]
pub struct Saved {
    /// The request it was about (for a requester who asked for another conversation).
    pub request: Request,
    pub feedback: Feedback,
}

/// Stores (or changes) the answer for the request a private link opens. Refused before
/// the form opens, once the answer's time to change it is over, or when the form breaks
/// its rules.
pub async fn save(
    state: &AppState,
    token: &str,
    form: &FeedbackForm,
) -> Result<Saved, ServiceError> {
    let r = intake::by_token(state, token).await?;
    if !intake::offers(state, &r).feedback {
        return Err(Problem::FeedbackNotOpen.into());
    }
    let feedback = form.validate().map_err(ServiceError::Invalid)?;
    let now = state.clock.now();
    let editable_since = state.program.lifecycle.feedback_editable_since(now);
    repo::feedback::save(&state.db, &r.key, &feedback, now, editable_since)
        .await
        .map_err(failed("saving feedback"))?
        .map_err(|refusal| match refusal {
            Refusal::Final => Problem::FeedbackFinal,
            _ => Problem::FeedbackNotOpen,
        })?;
    tracing::info!(request = %r.key, happened = feedback.happened, "feedback saved");
    Ok(Saved {
        request: r,
        feedback,
    })
}

/// Keeps what was typed into a feedback form refused without JavaScript (and why) for the
/// page the browser is sent back to, under the draft key it `held` or a new one. Returns
/// the key, for the browser's draft cookie.
pub async fn keep_refused(
    state: &AppState,
    held: Option<String>,
    token: &str,
    form: &FeedbackForm,
    errors: Vec<ValidationError>,
) -> Result<String, ServiceError> {
    let r = intake::by_token(state, token).await?;
    let key = drafts::browser_key(held)?;
    let kept = Kept {
        request: r.key,
        form: form.clone().clipped(),
        errors,
    };
    let owner = drafts::Owner::Browser { key: &key };
    drafts::keep(state, owner, drafts::Form::Feedback, &kept).await?;
    Ok(key)
}

/// The summary of the feedback about volunteer `volunteer_key`, once enough people have
/// answered that no single one can be picked out.
pub async fn summary_for(
    state: &AppState,
    volunteer_key: &str,
) -> Result<Option<FeedbackSummary>, ServiceError> {
    let facts = repo::feedback::facts_about(&state.db, volunteer_key)
        .await
        .map_err(failed("reading feedback"))?;
    Ok(FeedbackSummary::of(&facts))
}
