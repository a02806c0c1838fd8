//! Which cases are a signed-in resident's, and what they last saw of each.
//!
//! A resident's cases are those they applied for (the case's `owner`, who may act on it) and
//! those of every household in which a member is registered with their account's phone
//! number (they may read these: a spouse follows the application the other made). The phone
//! is the link between accounts and members that naming an applicant and withdrawing an
//! authorization already use; accounts hold no ID number to match instead.

use chrono::{DateTime, Utc};
use domain::household::{Household, Member, Relation};
use domain::ids::UserId;
use domain::jurisdiction::RecordScope;
use domain::sync::CaseRecord;
use uuid::Uuid;

use crate::db::time;
use crate::error::ApiError;
use crate::pages::public::Found;
use crate::state::AppState;

/// One of the resident's cases.
pub struct Mine {
    /// The case with its household, as the tracking page's timeline takes it.
    pub found: Found,
    /// Whether the resident applied for it (and so may rate it and object).
    pub own: bool,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// The stored record's version (what a sync operation's `base_version` names; every
    /// change raises it).
    pub version: i64,
    /// The version the resident last saw, if they looked before.
    pub seen: Option<i64>,
}

impl Mine {
    /// Whether it changed since the resident last looked (a case never seen is new).
    pub fn changed(&self) -> bool {
        self.seen.is_none_or(|seen| seen < self.version)
    }
}

/// A case's row: id, scope, body, updated_at, version.
type Row = (String, String, String, String, i64);

/// Every case of `user`, most recently changed first.
pub async fn cases_of(state: &AppState, user: UserId) -> Result<Vec<Mine>, ApiError> {
    let pool = state.db.pool();
    let Some(households) = households_by_phone(state, user).await? else {
        return Ok(Vec::new());
    };
    let mut rows: Vec<Row> = sqlx::query_as(
        "SELECT id, scope, body, updated_at, version FROM records WHERE kind = 'case' AND scope LIKE $1",
    )
    .bind(format!("%{user}%"))
    .fetch_all(pool)
    .await?;
    for (id, _) in &households {
        let more: Vec<Row> = sqlx::query_as(
            "SELECT id, scope, body, updated_at, version FROM records WHERE kind = 'case' AND body LIKE $1",
        )
        .bind(format!("%{id}%"))
        .fetch_all(pool)
        .await?;
        rows.extend(more);
    }
    let seen: Vec<(String, i64)> =
        sqlx::query_as("SELECT case_id, version FROM resident_case_seen WHERE user_id = $1")
            .bind(user.to_string())
            .fetch_all(pool)
            .await?;
    let mut out: Vec<Mine> = Vec::new();
    for (id, scope, body, updated_at, version) in rows {
        let id = parse(&id)?;
        if out.iter().any(|m| m.found.id == id) {
            continue;
        }
        let scope: RecordScope = decode(&scope)?;
        let record: CaseRecord = decode(&body)?;
        let own = scope.owner == Some(user);
        let member_of = households
            .iter()
            .find(|(h, _)| *h == record.household.0)
            .map(|(_, h)| h.clone());
        let household = match member_of {
            Some(h) => h,
            None if own => match household_of(state, record.household.0).await? {
                Some(h) => h,
                None => continue,
            },
            None => continue,
        };
        let seen = seen
            .iter()
            .find(|(c, _)| *c == id.to_string())
            .map(|(_, v)| *v);
        out.push(Mine {
            found: Found {
                id,
                scope,
                record,
                household,
            },
            own,
            updated_at: time::from_db(&updated_at).unwrap_or_else(|_| Utc::now()),
            version,
            seen,
        });
    }
    out.sort_by_key(|m| std::cmp::Reverse(m.updated_at));
    Ok(out)
}

/// The households with a member registered with `user`'s phone, and that member; `None`
/// when `user` is no resident.
async fn households_by_phone(
    state: &AppState,
    user: UserId,
) -> Result<Option<Vec<(Uuid, Household)>>, ApiError> {
    let pool = state.db.pool();
    let phone: Option<(Option<String>,)> =
        sqlx::query_as("SELECT phone FROM users WHERE id = $1 AND role = 'resident'")
            .bind(user.to_string())
            .fetch_optional(pool)
            .await?;
    let Some((phone,)) = phone else {
        return Ok(None);
    };
    // Households with a member registered with this phone: the LIKE narrows the scan, the
    // decoded members decide.
    let mut households: Vec<(Uuid, Household)> = Vec::new();
    if let Some(phone) = phone.filter(|p| !p.is_empty()) {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT id, body FROM records WHERE kind = 'household' AND body LIKE $1 ORDER BY id",
        )
        .bind(format!("%{phone}%"))
        .fetch_all(pool)
        .await?;
        for (id, body) in rows {
            let household: Household = decode(&body)?;
            if member_with(&household, &phone).is_some() {
                households.push((parse(&id)?, household));
            }
        }
    }
    Ok(Some(households))
}

fn member_with<'a>(household: &'a Household, phone: &str) -> Option<&'a Member> {
    household
        .members
        .iter()
        .find(|m| m.phone.as_ref().is_some_and(|p| p.expose() == phone))
}

/// The resident's own household (the first listing their phone) and themselves in it.
pub async fn own_household(
    state: &AppState,
    user: UserId,
) -> Result<Option<(Household, Member)>, ApiError> {
    let Some(households) = households_by_phone(state, user).await? else {
        return Ok(None);
    };
    let phone: Option<(Option<String>,)> = sqlx::query_as("SELECT phone FROM users WHERE id = $1")
        .bind(user.to_string())
        .fetch_optional(state.db.pool())
        .await?;
    let phone = phone.and_then(|(p,)| p).unwrap_or_default();
    let by_phone = households.into_iter().find_map(|(_, h)| {
        let member = member_with(&h, &phone)?.clone();
        Some((h, member))
    });
    if by_phone.is_some() {
        return Ok(by_phone);
    }
    // No member lists the phone: the household of a case they applied for, where they are
    // the applicant (本人).
    Ok(cases_of(state, user)
        .await?
        .into_iter()
        .filter(|m| m.own)
        .find_map(|m| {
            let member = m
                .found
                .household
                .members
                .iter()
                .find(|x| x.relation == Relation::Applicant)?
                .clone();
            Some((m.found.household, member))
        }))
}

/// One case of `user`, or `None` when it is not theirs (or does not exist).
pub async fn case_of(state: &AppState, user: UserId, id: Uuid) -> Result<Option<Mine>, ApiError> {
    Ok(cases_of(state, user)
        .await?
        .into_iter()
        .find(|m| m.found.id == id))
}

/// Notes that `user` saw `case` at `version` (a later look never lowers it).
pub async fn mark_seen(
    state: &AppState,
    user: UserId,
    case: Uuid,
    version: i64,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO resident_case_seen (user_id, case_id, version, seen_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, case_id) DO UPDATE SET version = excluded.version, \
         seen_at = excluded.seen_at WHERE resident_case_seen.version < excluded.version",
    )
    .bind(user.to_string())
    .bind(case.to_string())
    .bind(version)
    .bind(time::to_db(Utc::now()))
    .execute(state.db.pool())
    .await?;
    Ok(())
}

async fn household_of(state: &AppState, id: Uuid) -> Result<Option<Household>, ApiError> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT body FROM records WHERE kind = 'household' AND id = $1")
            .bind(id.to_string())
            .fetch_optional(state.db.pool())
            .await?;
    row.map(|(body,)| decode(&body)).transpose()
}

fn parse(id: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(id).map_err(|e| ApiError::Internal(e.into()))
}

fn decode<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, ApiError> {
    serde_json::from_str(json).map_err(|e| ApiError::Internal(e.into()))
}
