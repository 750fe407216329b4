//! The outreach drafting studio: after a match, opened by the request's private link, with
//! its draft kept on the server; in practice, from a listed volunteer's public profile,
//! with no contact details and the draft kept by the browser (or, without JavaScript, for
//! a short while under the browser's draft key).

use serde::{Deserialize, Serialize};

use super::{drafts, failed, intake, ServiceError};
use crate::domain::outreach::studio::{apply, merge_order, Intent, Refused, StudioPage};
use crate::domain::outreach::{Draft, StudioSetup};
use crate::domain::request::{self, RequestStatus};
use crate::domain::{Problem, ValidationError};
use crate::server::repo::{self, requests::Request};
use crate::server::AppState;

/// Largest stored draft, in bytes of JSON: every field is bounded by
/// [`Draft::validate`] well below this, so it only guards the store itself.
const STORED_MAX_BYTES: usize = 200_000;

/// A save without JavaScript that was refused: what was typed, and why.
#[derive(Serialize, Deserialize)]
struct Kept {
    /// The practice profile the draft is for (empty after a match).
    volunteer: String,
    draft: Draft,
    errors: Vec<ValidationError>,
}

/// The matched request's studio setup and its contact details, or why it is not open.
async fn matched_setup(
    state: &AppState,
    r: &Request,
) -> Result<(StudioSetup, crate::domain::ContactDetails), ServiceError> {
    let open = matches!(
        r.status,
        RequestStatus::Matched | RequestStatus::Completed | RequestStatus::NoShow
    ) && request::contact_shown(
        r.status,
        r.ended_at,
        chrono::Utc::now(),
        state.program.contact_retention_days,
    ) == request::ContactShown::Yes;
    let (Some(key), Some(contact), true) = (&r.volunteer, &r.shown_contact, open) else {
        return Err(Problem::StudioNotOpen.into());
    };
    let profile = repo::volunteers::load_public(&state.db, key)
        .await
        .map_err(failed("reading a matched volunteer"))?
        // They left the program since: nothing of theirs is shown.
        .ok_or(ServiceError::Refused(Problem::StudioNotOpen))?;
    let vocab = state.directory.read().vocabularies().clone();
    let limits = state.program.channel_limits;
    let setup = StudioSetup::for_profile(&profile, &vocab, limits, Some(contact));
    Ok((setup, contact.clone()))
}

/// The studio a private link opens: the stored draft (or a first one filled from the
/// request), unless a save without JavaScript was just refused: then what was typed.
pub async fn open(state: &AppState, token: &str) -> Result<StudioPage, ServiceError> {
    let r = intake::by_token(state, token).await?;
    let (setup, contact) = matched_setup(state, &r).await?;
    let kept: Option<Kept> = drafts::take(
        state,
        drafts::Owner::Browser { key: token },
        drafts::Form::Studio,
    )
    .await?;
    let stored = repo::studio::load(&state.db, &r.key)
        .await
        .map_err(failed("reading a studio draft"))?;
    let saved_at = stored.as_ref().map(|s| s.updated_at);
    let (draft, errors) = match (kept, stored) {
        (Some(k), _) => (k.draft, k.errors),
        (None, Some(s)) => match serde_json::from_str::<Draft>(&s.body) {
            Ok(d) => (setup.fit(d), Vec::new()),
            Err(e) => {
                tracing::warn!(error = %e, "unreadable studio draft; starting afresh");
                (setup.first_draft(&r.name, &r.learning_goal), Vec::new())
            }
        },
        (None, None) => (setup.first_draft(&r.name, &r.learning_goal), Vec::new()),
    };
    Ok(StudioPage {
        setup,
        draft,
        saved_at,
        errors,
        today: state.today(),
        contact: Some(contact),
    })
}

/// What became of a save.
#[derive(Debug)]
pub enum Saved {
    /// Stored (after the button's change, if any).
    Stored(chrono::DateTime<chrono::Utc>),
    /// Stored as typed; the button's change was refused (the page says why).
    ButtonRefused(Refused),
}

/// Applies `intent` to the draft posted through a private link and stores it. The
/// questions' order comes from `order` (what the form carried) when the form was posted
/// without JavaScript. A draft that breaks the bounds is refused whole: nothing stored.
pub async fn save(
    state: &AppState,
    token: &str,
    draft: Draft,
    order: Option<Vec<String>>,
    intent: &Intent,
) -> Result<Saved, ServiceError> {
    let r = intake::by_token(state, token).await?;
    if !state.limits.allow_studio_save(&r.key) {
        return Err(ServiceError::Limited);
    }
    let (setup, _) = matched_setup(state, &r).await?;
    let (draft, refused) = prepare(&setup, draft, order, intent, state.today());
    draft.validate().map_err(ServiceError::Invalid)?;
    let body = serde_json::to_string(&draft)
        .map_err(|_| ServiceError::Unexpected("a studio draft that cannot be written down"))?;
    if body.len() > STORED_MAX_BYTES {
        return Err(ServiceError::Unexpected(
            "a valid studio draft over the store's bound",
        ));
    }
    let now = state.clock.now();
    // The day they sent their first message, when they gave it: no reminder to write then.
    repo::studio::save(&state.db, &r.key, body, draft.sent_on, now)
        .await
        .map_err(failed("saving a studio draft"))?;
    Ok(match refused {
        Some(why) => Saved::ButtonRefused(why),
        None => Saved::Stored(now),
    })
}

/// The draft with the form's question order and the button applied; when the button is
/// refused, the draft as typed and why.
fn prepare(
    setup: &StudioSetup,
    mut draft: Draft,
    order: Option<Vec<String>>,
    intent: &Intent,
    today: chrono::NaiveDate,
) -> (Draft, Option<Refused>) {
    if let Some(previous) = order {
        draft.question_ids = merge_order(&previous, &draft.question_ids);
    }
    match apply(setup, draft.clone(), intent, today) {
        Ok(d) => (d, None),
        Err(why) => (setup.fit(draft), Some(why)),
    }
}

/// Keeps a refused save's draft (as typed, clipped to what can be stored) for the studio
/// page the browser is sent back to.
pub async fn keep_refused(
    state: &AppState,
    owner_key: &str,
    volunteer: &str,
    draft: Draft,
    errors: Vec<ValidationError>,
) -> Result<(), ServiceError> {
    let kept = Kept {
        volunteer: volunteer.to_owned(),
        draft: clipped(draft),
        errors,
    };
    let form = if volunteer.is_empty() {
        drafts::Form::Studio
    } else {
        drafts::Form::Practice
    };
    drafts::keep(
        state,
        drafts::Owner::Browser { key: owner_key },
        form,
        &kept,
    )
    .await
}

/// A refused draft cut to twice the field bound, so that a paste gone wrong is kept
/// (most of it) without storing something unbounded.
fn clipped(mut d: Draft) -> Draft {
    let max = crate::domain::outreach::draft::FIELD_MAX_CHARS * 2;
    for f in [
        &mut d.subject,
        &mut d.body,
        &mut d.thank_you,
        &mut d.follow_up,
        &mut d.how_found_detail,
        &mut d.sender_name,
        &mut d.learning_goal,
        &mut d.discussed,
    ] {
        if let Some((i, _)) = f.char_indices().nth(max) {
            f.truncate(i);
        }
    }
    d.question_ids
        .truncate(crate::domain::outreach::draft::MAX_QUESTIONS * 2);
    d
}

/// The practice studio for listed volunteer `id`: no contact details, every channel, and
/// the draft this browser kept without JavaScript (`browser_key`), if any.
pub async fn practice(
    state: &AppState,
    id: &str,
    browser_key: Option<&str>,
) -> Result<Option<StudioPage>, ServiceError> {
    let Some(setup) = practice_setup(state, id) else {
        return Ok(None);
    };
    let mut draft = setup.first_draft("", "");
    let mut errors = Vec::new();
    if let Some(key) = browser_key {
        let kept: Option<Kept> = drafts::read(
            state,
            drafts::Owner::Browser { key },
            drafts::Form::Practice,
        )
        .await?;
        if let Some(k) = kept.filter(|k| k.volunteer == setup.volunteer_id) {
            draft = setup.fit(k.draft);
            errors = k.errors;
        }
    }
    Ok(Some(StudioPage {
        setup,
        draft,
        saved_at: None,
        errors,
        today: state.today(),
        contact: None,
    }))
}

fn practice_setup(state: &AppState, id: &str) -> Option<StudioSetup> {
    let index = state.directory.read();
    let profile = index.get(id)?;
    if !profile.status(state.today()).has_public_profile() {
        return None;
    }
    Some(StudioSetup::for_profile(
        &profile,
        index.vocabularies(),
        state.program.channel_limits,
        None,
    ))
}

/// A practice save without JavaScript: the browser's draft key (for its cookie), and why
/// the button did nothing or the draft was refused, if so.
#[derive(Debug)]
pub struct PracticeSaved {
    pub key: String,
    pub refused: Option<Refused>,
    pub errors: Vec<ValidationError>,
}

/// A practice draft posted without JavaScript: the button applied and the draft kept for
/// a short while under the browser's draft key (`browser_key`, a new one when it has
/// none). A draft that breaks the bounds is kept as typed, with why.
pub async fn save_practice(
    state: &AppState,
    id: &str,
    browser_key: Option<String>,
    draft: Draft,
    order: Option<Vec<String>>,
    intent: &Intent,
) -> Result<PracticeSaved, ServiceError> {
    let setup = practice_setup(state, id).ok_or(Problem::VolunteerGone)?;
    let key = drafts::browser_key(browser_key)?;
    let (draft, refused) = prepare(&setup, draft, order, intent, state.today());
    let errors = draft.validate().err().unwrap_or_default();
    keep_refused(state, &key, &setup.volunteer_id, draft, errors.clone()).await?;
    Ok(PracticeSaved {
        key,
        refused,
        errors,
    })
}
