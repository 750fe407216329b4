//! A volunteer's own profile: their home page and editor, saving it (creating it the first
//! time), their referrals, and leaving the program.

use super::{drafts, failed, ServiceError};
use crate::domain::email;
use crate::domain::request::first_name;
use crate::domain::volunteer_home::{MyReferrals, ReferralView, VolunteerHome};
use crate::domain::{ContactDetails, Problem, ProfileForm, ProfileInput, ValidationError};
use crate::server::auth::CurrentSession;
use crate::server::repo::volunteers::{self, ProfileWrite};
use crate::server::repo::{accounts, referrals, requests, Refusal};
use crate::server::secrets::random_token;
use crate::server::AppState;

/// How often leaving is tried again when the volunteer's referrals changed meanwhile.
const TRIES: u32 = 5;

/// The volunteer home of the signed-in `session`: their stored profile in the editor (or a
/// blank one to create), and where they stand. With `editing`, what they typed into a form
/// refused without JavaScript replaces the stored profile, with why it was refused.
pub async fn home(
    state: &AppState,
    session: &CurrentSession,
    editing: bool,
) -> Result<VolunteerHome, ServiceError> {
    let account = &session.account;
    let today = state.today();
    let vocab = state.directory.read().vocabularies().clone();
    let own = match &account.volunteer {
        Some(key) => volunteers::load_own(&state.db, key)
            .await
            .map_err(failed("loading own profile"))?,
        None => None,
    };
    let (mut form, status, used, max) = match &own {
        Some(own) => {
            let contact = own.contact.clone().unwrap_or(ContactDetails {
                email: account.email.clone().unwrap_or_default(),
                phone: None,
                linkedin_url: None,
            });
            (
                ProfileForm::from_profile(
                    &own.profile,
                    own.employer.as_deref(),
                    own.employer_hidden,
                    &contact,
                ),
                Some(own.profile.status(today)),
                own.profile.pool.contacts_used,
                own.profile.pool.max_contacts,
            )
        }
        None => (
            ProfileForm::new_for(&account.name, account.email.as_deref()),
            None,
            0,
            0,
        ),
    };
    let mut errors = Vec::new();
    if editing {
        if let Some((typed, why)) = take_refused(state, session).await? {
            form = typed.with_blank_rows();
            errors = why;
        }
    }
    Ok(VolunteerHome {
        viewer: super::accounts::viewer_of(account),
        profile_id: own.map(|o| o.profile.id),
        form,
        errors,
        status,
        contacts_used: used,
        max_contacts: max,
        vocab,
        today,
    })
}

/// Keeps what was typed into a profile editor refused without JavaScript, with why, for the
/// editor the browser is sent back to.
pub async fn keep_refused(
    state: &AppState,
    session: &CurrentSession,
    form: &ProfileForm,
    errors: &[ValidationError],
) -> Result<(), ServiceError> {
    let owner = drafts::Owner::Session {
        token_hash: &session.token_hash,
    };
    drafts::keep(state, owner, drafts::Form::Profile, &(form, errors)).await
}

async fn take_refused(
    state: &AppState,
    session: &CurrentSession,
) -> Result<Option<(ProfileForm, Vec<ValidationError>)>, ServiceError> {
    let owner = drafts::Owner::Session {
        token_hash: &session.token_hash,
    };
    drafts::take(state, owner, drafts::Form::Profile).await
}

/// Volunteer `volunteer_key`'s referrals, newest first, with their contacts used.
pub async fn referrals(state: &AppState, volunteer_key: &str) -> Result<MyReferrals, ServiceError> {
    let list = referrals::referrals_of(&state.db, volunteer_key)
        .await
        .map_err(failed("reading referrals"))?;
    let (used, max) = referrals::contact_count(&state.db, volunteer_key)
        .await
        .map_err(failed("reading contact counts"))?
        .unwrap_or((0, 0));
    let now = state.clock.now();
    let lifecycle = state.program.lifecycle;
    Ok(MyReferrals {
        has_profile: true,
        referrals: list
            .into_iter()
            .map(|r| ReferralView {
                first_name: first_name(&r.requester_name).to_owned(),
                key: r.request_key,
                learning_goal: r.learning_goal,
                matched_on: r.matched_at.date_naive(),
                status: r.status,
                mark: r.mark,
                note: r.note,
                can_mark: lifecycle.can_mark(r.status, r.marked_at, now),
                changeable_until: r
                    .marked_at
                    .map(|at| lifecycle.mark_changeable_until(at))
                    .filter(|until| *until > now),
            })
            .collect(),
        contacts_used: used,
        max_contacts: max,
        feedback: super::feedback::summary_for(state, volunteer_key).await?,
    })
}

/// Saves `input` as the profile of account `account_key`: updates `existing` (the
/// volunteer key the account has), or creates a profile under a new random key. Returns the
/// volunteer's key; the directory is up to date when it returns.
pub async fn save_profile(
    state: &AppState,
    account_key: &str,
    existing: Option<&str>,
    input: &ProfileInput,
) -> Result<String, ServiceError> {
    let key = match existing {
        Some(key) => {
            let written = volunteers::update_own(&state.db, key, input)
                .await
                .map_err(failed("updating a profile"))?;
            if written != ProfileWrite::Done {
                return Err(Problem::ProfileDeleted.into());
            }
            key.to_owned()
        }
        None => {
            let suffix =
                random_token().map_err(|_| ServiceError::Unexpected("no randomness for a key"))?;
            // A random key, nothing from the person: it stays on requests and referrals
            // after they leave, and then must name nobody.
            let key = format!("v{}", &suffix[..16]);
            let written = volunteers::create_for_account(&state.db, account_key, &key, input)
                .await
                .map_err(failed("creating a profile"))?;
            match written {
                ProfileWrite::Done => key,
                ProfileWrite::AlreadyHasProfile | ProfileWrite::Gone => {
                    return Err(Problem::ProfileCreatedElsewhere.into())
                }
            }
        }
    };
    state
        .directory
        .refresh(&state.db, &key)
        .await
        .map_err(failed("refreshing the directory"))?;
    tracing::info!(volunteer = %key, "profile saved");
    Ok(key)
}

/// Volunteer `volunteer_key` (of account `account_key`) leaves the program: their profile
/// and contact details are deleted (anonymous counts stay), and their account too unless
/// `keep_account`. Requests still matched with them go back to the queue, and their
/// requesters and the committee are told. The emails are written from what is read first;
/// if a match is made or ends meanwhile, the transaction refuses and everything is read
/// again.
pub async fn leave_program(
    state: &AppState,
    account_key: &str,
    volunteer_key: &str,
    keep_account: bool,
) -> Result<(), ServiceError> {
    let base = state.public_url().to_owned();
    let mut tries = 0;
    loop {
        tries += 1;
        let active = requests::matched_with(&state.db, volunteer_key)
            .await
            .map_err(failed("reading a leaving volunteer's referrals"))?;
        let today = state.today();
        let mails: Vec<email::Email> = active
            .iter()
            .map(|r| {
                email::volunteer_left(
                    &r.email,
                    first_name(&r.name),
                    (r.due_on >= today).then_some(r.due_on),
                    &format!("{base}/request/link"),
                )
            })
            .collect();
        let reopen: Vec<requests::Reopen<'_>> = active
            .iter()
            .zip(&mails)
            .map(|(r, mail)| requests::Reopen {
                request_key: &r.key,
                mail,
            })
            .collect();
        let committee: Vec<email::Email> = if active.is_empty() {
            Vec::new()
        } else {
            accounts::committee_emails(&state.db)
                .await
                .map_err(failed("reading the committee"))?
                .iter()
                .map(|to| {
                    email::referrals_reopened(
                        to,
                        active.len(),
                        &format!("{base}/committee/requests"),
                    )
                })
                .collect()
        };
        let outcome = requests::leave_program(
            &state.db,
            account_key,
            volunteer_key,
            !keep_account,
            &reopen,
            &committee,
        )
        .await
        .map_err(failed("leaving the program"))?;
        match outcome {
            Ok(()) => {
                if !active.is_empty() {
                    state.mailer.wake();
                }
                break;
            }
            Err(Refusal::Changed) if tries < TRIES => continue,
            Err(r) => {
                tracing::error!(refusal = ?r, "leaving the program was refused");
                return Err(Problem::ReferralsChangedWhileLeaving.into());
            }
        }
    }
    state.directory.forget(volunteer_key);
    tracing::info!(volunteer = %volunteer_key, "volunteer left the program");
    Ok(())
}
