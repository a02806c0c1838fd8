//! The reads these routes need: the published keys, the text in force, and an authorization
//! with where it lies (its record scope) and its row in `authorizations`.
//!
//! Keys, texts and evidence come from the shared store ([`crate::authorization::store`]);
//! what the pages add is the record's scope (for the access rule), its number and the
//! revocation time from the look-up table, in one query.

use chrono::{DateTime, Utc};
use domain::authorization::{AuthorizationRecord, AuthorizationText, PublishedKey};
use domain::jurisdiction::RecordScope;
use uuid::Uuid;

use crate::authorization::store;
use crate::db::{Db, time};
use domain::ids::{AuthorizationId, MemberId};

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
    store::published_keys(db).await
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

/// The text a new authorization is signed under.
pub async fn text_in_force(db: &Db) -> Result<AuthorizationText, sqlx::Error> {
    store::text_in_force(db).await
}

/// The text of `version`, for a form signed under it.
pub async fn text(db: &Db, version: &str) -> Result<Option<AuthorizationText>, sqlx::Error> {
    store::text(db, version).await
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
    let Some(sha256) = store::evidence(db, AuthorizationId(id), MemberId(member)).await? else {
        return Ok(None);
    };
    let row: Option<(String,)> =
        sqlx::query_as("SELECT media_type FROM attachments WHERE sha256 = $1")
            .bind(&sha256)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(media_type,)| (sha256, media_type)))
}
