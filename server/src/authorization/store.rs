//! Reading and loading what the server keeps about authorizations. The records themselves are
//! sync records (`records`, kind `authorization`), written only by push; the tables of
//! migration 0008 index them (by number, by household) and hold the texts, the published
//! keys and the hashes of the protected ID-card photos.

use domain::authorization::{AuthorizationRecord, AuthorizationText, PublishedKey};
use domain::ids::{AuthorizationId, HouseholdId, MemberId};
use domain::sync::RecordKind;
use sqlx::AnyConnection;

use crate::audit::{self, AuditEntry};
use crate::db::{Db, time};
use crate::sync::store::decode;

/// Every countersigning key the server has used, oldest first, with its period.
pub async fn published_keys(db: &Db) -> Result<Vec<PublishedKey>, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    published_keys_in(&mut conn).await
}

/// [`published_keys`] inside a transaction.
pub async fn published_keys_in(conn: &mut AnyConnection) -> Result<Vec<PublishedKey>, sqlx::Error> {
    let rows: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT key_id, public_key, valid_from, valid_until FROM authorization_keys \
         ORDER BY valid_from, key_id",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(key_id, public_key, from, until)| {
            Ok(PublishedKey {
                key_id,
                public_key,
                valid_from: db_time(&from)?,
                valid_until: until.as_deref().map(db_time).transpose()?,
            })
        })
        .collect()
}

fn db_time(s: &str) -> Result<chrono::DateTime<chrono::Utc>, sqlx::Error> {
    time::from_db(s).map_err(|e| sqlx::Error::Decode(e.into()))
}

/// The text of `version`, if loaded.
pub async fn text(db: &Db, version: &str) -> Result<Option<AuthorizationText>, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    text_in(&mut conn, version).await
}

/// [`text`] inside a transaction.
pub async fn text_in(
    conn: &mut AnyConnection,
    version: &str,
) -> Result<Option<AuthorizationText>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT body FROM authorization_texts WHERE version = $1")
            .bind(version)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(|(body,)| decode(&body)).transpose()
}

/// The text in force: the one loaded last (the built-in one until an administrator loads
/// another).
pub async fn text_in_force(db: &Db) -> Result<AuthorizationText, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT body FROM authorization_texts ORDER BY loaded_at DESC, version DESC LIMIT 1",
    )
    .fetch_optional(db.pool())
    .await?;
    match row {
        Some((body,)) => decode(&body),
        None => Ok(AuthorizationText::builtin()),
    }
}

/// Every loaded text version, oldest first: a package signed under any of them is accepted
/// (the phone learns them to check its packages offline).
pub async fn text_versions(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT version FROM authorization_texts ORDER BY loaded_at, version")
            .fetch_all(db.pool())
            .await?;
    Ok(rows.into_iter().map(|(v,)| v).collect())
}

/// Why a text was not loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadTextError {
    /// It breaks a rule of [`AuthorizationText::validate`] (the message is in Chinese).
    #[error("{0}")]
    Invalid(String),
    /// That version is loaded already with other content: a text, once signed under, never
    /// changes; load it as a new version.
    #[error("版本 {0} 已有不同的内容，请使用新的版本号")]
    VersionTaken(String),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Loads a text (an administrator, or `builtin` at start), audited. Answers whether it was
/// new (loading the same text again changes nothing).
pub async fn load_text(db: &Db, text: &AuthorizationText, by: &str) -> Result<bool, LoadTextError> {
    text.validate().map_err(LoadTextError::Invalid)?;
    let mut tx = db.begin_write().await?;
    if let Some(existing) = text_in(&mut tx, &text.version).await? {
        return if existing == *text {
            Ok(false)
        } else {
            Err(LoadTextError::VersionTaken(text.version.clone()))
        };
    }
    sqlx::query(
        "INSERT INTO authorization_texts (version, body, loaded_at, loaded_by) VALUES ($1, $2, $3, $4)",
    )
    .bind(&text.version)
    .bind(crate::sync::store::encode(text))
    .bind(time::now())
    .bind(by)
    .execute(&mut *tx)
    .await?;
    let entry = AuditEntry::by_user(by, "authorization.text_loaded")
        .with_detail(serde_json::json!({ "version": text.version, "sha256": text.sha256() }));
    audit::append(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(true)
}

/// The authorization with the printed `number` (as [`domain::authorization::normalize_number`]
/// gives it).
pub async fn find_by_number(
    db: &Db,
    number: &str,
) -> Result<Option<AuthorizationRecord>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("SELECT id FROM authorizations WHERE number = $1")
        .bind(number)
        .fetch_optional(db.pool())
        .await?;
    let Some((id,)) = row else {
        return Ok(None);
    };
    let mut conn = db.pool().acquire().await?;
    body_in(&mut conn, &id).await
}

/// The authorization `id` as kept (countersigned; without the ID-card photos).
pub async fn find(
    db: &Db,
    id: AuthorizationId,
) -> Result<Option<AuthorizationRecord>, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    body_in(&mut conn, &id.to_string()).await
}

async fn body_in(
    conn: &mut AnyConnection,
    id: &str,
) -> Result<Option<AuthorizationRecord>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT body FROM records WHERE kind = $1 AND id = $2")
            .bind(RecordKind::Authorization.code())
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(|(body,)| decode(&body)).transpose()
}

/// Every countersigned authorization of a household (any standing), oldest first.
pub async fn for_household(
    db: &Db,
    household: HouseholdId,
) -> Result<Vec<AuthorizationRecord>, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    let mut out = Vec::new();
    for id in ids_for_household(&mut conn, household).await? {
        if let Some(record) = body_in(&mut conn, &id).await? {
            out.push(record);
        }
    }
    Ok(out)
}

/// The ids of a household's countersigned authorizations, oldest first (inside a push, the
/// ones written earlier in the same transaction too).
pub async fn ids_for_household(
    conn: &mut AnyConnection,
    household: HouseholdId,
) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT id FROM authorizations WHERE household_id = $1 ORDER BY countersigned_at, id",
    )
    .bind(household.to_string())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The SHA-256 of the protected photo of `member` holding their ID card, kept when the
/// authorization was countersigned (in-person checks only).
pub async fn evidence(
    db: &Db,
    id: AuthorizationId,
    member: MemberId,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT sha256 FROM authorization_evidence WHERE authorization_id = $1 AND member_id = $2",
    )
    .bind(id.to_string())
    .bind(member.to_string())
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(sha,)| sha))
}

/// Indexes a countersigned authorization (by number and household), inside the transaction
/// that stores its record.
pub(crate) async fn index(
    conn: &mut AnyConnection,
    record: &AuthorizationRecord,
) -> Result<(), sqlx::Error> {
    let at = record
        .countersignature
        .as_ref()
        .map(|c| time::to_db(c.at))
        .ok_or_else(|| {
            sqlx::Error::Protocol("indexing an authorization not countersigned".into())
        })?;
    sqlx::query(
        "INSERT INTO authorizations (id, number, household_id, valid_from, valid_until, \
         countersigned_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, NULL)",
    )
    .bind(record.id.to_string())
    .bind(domain::authorization::number(record.id))
    .bind(record.household.to_string())
    .bind(record.valid_from.to_string())
    .bind(record.valid_until.to_string())
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
