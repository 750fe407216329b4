//! A volunteer's own profile: saving it (creating it the first time) and leaving the
//! program.

use super::{failed, ServiceError};
use crate::domain::email;
use crate::domain::request::first_name;
use crate::domain::{Problem, ProfileInput};
use crate::server::repo::volunteers::{self, ProfileWrite};
use crate::server::repo::{accounts, requests, Refusal};
use crate::server::secrets::random_token;
use crate::server::AppState;

/// How often leaving is tried again when the volunteer's referrals changed meanwhile.
const TRIES: u32 = 5;

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
    let base = state.auth.base_url().to_owned();
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
