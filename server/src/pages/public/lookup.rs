//! Finding a case for the tracking page, with its limits. A look-up needs the case number and
//! the last six characters of the applicant's ID number. A wrong tail and an unknown number
//! are one and the same answer, counted alike:
//!
//! - five wrong tails from one client address within 15 minutes, and that address is refused
//!   every look-up (a right tail too) until the oldest of them is 15 minutes old;
//! - ten wrong tails for one case number within an hour, from anywhere, and that number is
//!   looked up at most once every 30 seconds: guessing from many addresses slows to a crawl,
//!   while the applicant, who knows the tail, waits half a minute at worst and is never locked
//!   out by someone else's guesses.
//!
//! Counted in the sign-in lockout's table ([`crate::auth::limits`]), so restarts and several
//! server processes share the counts. Every look-up is audited, never with the tail.

use chrono::{DateTime, Duration, Utc};
use domain::household::{Household, Relation};
use domain::jurisdiction::RecordScope;
use domain::sync::CaseRecord;
use uuid::Uuid;

use crate::audit::{self, AuditEntry};
use crate::auth::limits::{self, Limit};
use crate::db::time;
use crate::error::ApiError;
use crate::state::AppState;

/// Wrong tails allowed from one address within [`address_window`].
pub const MAX_ADDRESS_FAILURES: i64 = 5;
/// Wrong tails for one case number within [`case_window`] before its look-ups are paced.
pub const CASE_FAILURES_BEFORE_PACING: i64 = 10;
/// Seconds between two look-ups of a paced case number.
pub const PACE_SECONDS: i64 = 30;

/// The address lockout's window.
pub fn address_window() -> Duration {
    Duration::minutes(15)
}

/// The window of a case number's wrong tails.
pub fn case_window() -> Duration {
    Duration::hours(1)
}

/// A case found with its right tail.
pub struct Found {
    /// The case's id.
    pub id: Uuid,
    /// Where it lies.
    pub scope: RecordScope,
    /// The case with its events.
    pub record: CaseRecord,
    /// Its household (for the applicant's masked name).
    pub household: Household,
}

/// What a look-up came to.
pub enum Outcome {
    /// The case.
    Found(Box<Found>),
    /// No case with this number and tail (an unknown number or a wrong tail alike).
    NotFound,
    /// This address is locked out for so many seconds.
    Locked(i64),
    /// This case number is paced: try again in so many seconds.
    Paced(i64),
}

/// Looks up case `number` (normalized) with ID tail `tail` (six characters, upper case) for a
/// client at `address`.
pub async fn look_up(
    state: &AppState,
    address: &str,
    number: &str,
    tail: &str,
    now: DateTime<Utc>,
) -> Result<Outcome, ApiError> {
    let address_key = format!("track-address:{address}");
    let case_key = format!("track-case:{number}");
    let admitted = match limits::admit(
        &state.db,
        &[Limit::new(
            &address_key,
            MAX_ADDRESS_FAILURES,
            address_window(),
        )],
        now,
    )
    .await?
    {
        Ok(a) => a,
        Err(wait) => {
            audit_lookup(state, number, "locked", None).await?;
            return Ok(Outcome::Locked(wait));
        }
    };
    if let Some(wait) = paced(state, &case_key, now).await? {
        // Not a wrong tail: the address's count is given back.
        limits::forgive(&state.db, admitted).await?;
        audit_lookup(state, number, "paced", None).await?;
        return Ok(Outcome::Paced(wait));
    }
    let found = find(state, number, tail).await?;
    match found {
        Some(found) => {
            limits::forgive(&state.db, admitted).await?;
            audit_lookup(state, number, "found", Some((&found.id, &found.scope))).await?;
            Ok(Outcome::Found(Box::new(found)))
        }
        None => {
            // Counted under the number whether or not a case has it, so that the answer's
            // timing and pacing say nothing about which numbers exist.
            let counted = limits::admit(
                &state.db,
                &[Limit::new(&case_key, i64::MAX, case_window())],
                now,
            )
            .await?;
            drop(counted);
            audit_lookup(state, number, "not_found", None).await?;
            Ok(Outcome::NotFound)
        }
    }
}

/// The seconds until case key `key` may be looked up again, when it is paced.
async fn paced(state: &AppState, key: &str, now: DateTime<Utc>) -> Result<Option<i64>, ApiError> {
    let (n, last): (i64, Option<String>) =
        sqlx::query_as("SELECT COUNT(*), MAX(at) FROM auth_failures WHERE key = $1 AND at > $2")
            .bind(key)
            .bind(time::to_db(now - case_window()))
            .fetch_one(state.db.pool())
            .await?;
    if n < CASE_FAILURES_BEFORE_PACING {
        return Ok(None);
    }
    let Some(last) = last.and_then(|l| time::from_db(&l).ok()) else {
        return Ok(None);
    };
    let wait = (last + Duration::seconds(PACE_SECONDS) - now).num_seconds();
    Ok((wait > 0).then_some(wait))
}

/// The case with printed number `number` whose applicant's ID number ends in `tail`.
async fn find(state: &AppState, number: &str, tail: &str) -> Result<Option<Found>, ApiError> {
    let id_tail = domain::ids::id_tail_of_number(number).unwrap_or_default();
    let row: Option<(String, String, String)> = sqlx::query_as(
        "SELECT id, scope, body FROM records WHERE kind = 'case' AND substr(id, 15) = $1",
    )
    .bind(&id_tail)
    .fetch_optional(state.db.pool())
    .await?;
    // An unknown number reads a household too (the nil one, never stored), so that both
    // answers cost the same work.
    let (case, household_id) = match &row {
        Some((_, _, body)) => {
            let record: CaseRecord = decode(body)?;
            let household = record.household.0;
            (Some(record), household)
        }
        None => (None, Uuid::nil()),
    };
    let household: Option<(String,)> =
        sqlx::query_as("SELECT body FROM records WHERE kind = 'household' AND id = $1")
            .bind(household_id.to_string())
            .fetch_optional(state.db.pool())
            .await?;
    let (Some((id, scope, _)), Some(record), Some((household,))) = (row, case, household) else {
        return Ok(None);
    };
    let household: Household = decode(&household)?;
    let applicant_tail = household
        .members
        .iter()
        .find(|m| m.relation == Relation::Applicant)
        .map(|m| id_number_tail(m.id_number.expose()));
    if applicant_tail.as_deref() != Some(tail) {
        return Ok(None);
    }
    Ok(Some(Found {
        id: Uuid::parse_str(&id).map_err(|e| ApiError::Internal(e.into()))?,
        scope: decode(&scope)?,
        record,
        household,
    }))
}

/// The last six characters of an ID number, upper case.
pub fn id_number_tail(id_number: &str) -> String {
    let chars: Vec<char> = id_number.trim().chars().collect();
    let start = chars.len().saturating_sub(6);
    chars[start..]
        .iter()
        .collect::<String>()
        .to_ascii_uppercase()
}

async fn audit_lookup(
    state: &AppState,
    number: &str,
    result: &str,
    case: Option<(&Uuid, &RecordScope)>,
) -> Result<(), ApiError> {
    let mut entry = AuditEntry {
        action: "case.track".to_owned(),
        ..AuditEntry::default()
    }
    .with_detail(serde_json::json!({ "number": number, "result": result }));
    if let Some((id, scope)) = case {
        entry = entry.on("case", id, Some(scope.place.as_str()));
    }
    audit::append_standalone(&state.db, &entry).await?;
    Ok(())
}

fn decode<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, ApiError> {
    serde_json::from_str(json).map_err(|e| ApiError::Internal(e.into()))
}
