//! The reads these routes need: the published keys, the text in force, and an authorization
//! with where it lies (its record scope) and its row in `authorizations`.
//!
//! Kept to this one file so that the shared store (`crate::authorization::store`, written
//! with the sync side) can take its place without touching the handlers.

use chrono::{DateTime, Utc};
use domain::authorization::{AuthorizationRecord, AuthorizationText, PublishedKey};
use domain::jurisdiction::RecordScope;
use uuid::Uuid;

use crate::db::{Db, time};

/// An authorization as the server keeps it.
#[derive(Debug, Clone)]
pub struct Kept {
    /// Its id.
    pub id: Uuid,
    /// The printed number.
    pub number: String,
    /// Who may see it (the household's place).
    pub scope: RecordScope,
    /// The record, or `None` when the stored body no longer reads as one (changed behind the
    /// server's back: it then verifies as altered, never as a server fault).
    pub record: Option<AuthorizationRecord>,
    /// When it was revoked, by the lookup table.
    pub revoked_at: Option<DateTime<Utc>>,
}

type Row = (String, String, String, String, Option<String>);

const SELECT: &str = "SELECT a.id, a.number, r.scope, r.body, a.revoked_at FROM authorizations a \
     JOIN records r ON r.kind = 'authorization' AND r.id = a.id";

fn kept(row: Option<Row>) -> Option<Kept> {
    let (id, number, scope, body, revoked_at) = row?;
    Some(Kept {
        id: Uuid::parse_str(&id).ok()?,
        number,
        scope: serde_json::from_str(&scope).ok()?,
        record: serde_json::from_str(&body).ok(),
        revoked_at: revoked_at.and_then(|t| time::from_db(&t).ok()),
    })
}

/// Every key the server ever countersigned with, oldest first.
pub async fn published_keys(db: &Db) -> Result<Vec<PublishedKey>, sqlx::Error> {
    let rows: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT key_id, public_key, valid_from, valid_until FROM authorization_keys \
         ORDER BY valid_from, key_id",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(key_id, public_key, from, until)| {
            Some(PublishedKey {
                key_id,
                public_key,
                valid_from: time::from_db(&from).ok()?,
                valid_until: until.and_then(|u| time::from_db(&u).ok()),
            })
        })
        .collect())
}

/// The authorization `id`, if countersigned and kept.
pub async fn find(db: &Db, id: Uuid) -> Result<Option<Kept>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE a.id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.pool())
        .await?;
    Ok(kept(row))
}

/// The authorization with the printed `number` (in its normalized form).
pub async fn find_by_number(db: &Db, number: &str) -> Result<Option<Kept>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE a.number = $1"))
        .bind(number)
        .fetch_optional(db.pool())
        .await?;
    Ok(kept(row))
}

/// The text a new authorization is signed under: the one loaded last, or the built-in one.
pub async fn text_in_force(db: &Db) -> Result<AuthorizationText, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT body FROM authorization_texts ORDER BY loaded_at DESC, version DESC LIMIT 1",
    )
    .fetch_optional(db.pool())
    .await?;
    Ok(row
        .and_then(|(body,)| serde_json::from_str(&body).ok())
        .unwrap_or_else(AuthorizationText::builtin))
}

/// The text of `version`, for a form signed under it.
pub async fn text(db: &Db, version: &str) -> Result<Option<AuthorizationText>, sqlx::Error> {
    if version == AuthorizationText::builtin().version {
        return Ok(Some(AuthorizationText::builtin()));
    }
    let row: Option<(String,)> =
        sqlx::query_as("SELECT body FROM authorization_texts WHERE version = $1")
            .bind(version)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.and_then(|(body,)| serde_json::from_str(&body).ok()))
}

/// The household's address, for the printed form (`None` if unknown).
pub async fn household_address(db: &Db, household: Uuid) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT body FROM records WHERE kind = 'household' AND id = $1")
            .bind(household.to_string())
            .fetch_optional(db.pool())
            .await?;
    Ok(row.and_then(|(body,)| {
        serde_json::from_str::<serde_json::Value>(&body)
            .ok()?
            .get("address")?
            .as_str()
            .map(str::to_owned)
    }))
}

/// The ID-card photo kept for `member`'s signature on `id`, with its media type.
pub async fn evidence(
    db: &Db,
    id: Uuid,
    member: Uuid,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.sha256, a.media_type FROM authorization_evidence e \
         JOIN attachments a ON a.sha256 = e.sha256 \
         WHERE e.authorization_id = $1 AND e.member_id = $2",
    )
    .bind(id.to_string())
    .bind(member.to_string())
    .fetch_optional(db.pool())
    .await
}
