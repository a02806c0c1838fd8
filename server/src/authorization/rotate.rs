//! Rotating the countersigning key (`onedoor authorization rotate-key`): the current key is
//! retired (its published period ends, its file is moved aside), a new one is made and
//! published. Every key stays published, so authorizations countersigned before keep
//! verifying. Run it with the server stopped: a running server signs with the key it loaded
//! until it restarts.

use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::{DateTime, TimeDelta, Utc};

use super::AuthorizationKeys;
use crate::audit::{self, AuditEntry};
use crate::db::{Db, time};

/// What a rotation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotated {
    /// The retired key's id and where its file went (none when there was no key yet).
    pub retired: Option<(String, PathBuf)>,
    /// The new key's id.
    pub key_id: String,
}

/// Retires the key in `path` at `now` and makes and publishes a new one there; audited.
pub async fn rotate_key(db: &Db, path: &Path, now: DateTime<Utc>) -> anyhow::Result<Rotated> {
    let now = DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
    let retired = if path.exists() {
        let old = AuthorizationKeys::new(audit::load_or_create_key(path)?);
        // Its period ends after the current second, so a countersignature made in it (whole
        // seconds) still falls inside.
        let until = time::to_db(now + TimeDelta::seconds(1));
        sqlx::query(
            "UPDATE authorization_keys SET valid_until = $1 WHERE key_id = $2 AND valid_until IS NULL",
        )
        .bind(&until)
        .bind(&old.key_id)
        .execute(db.pool())
        .await?;
        let aside = PathBuf::from(format!(
            "{}.retired-{}",
            path.display(),
            now.format("%Y%m%dT%H%M%SZ")
        ));
        std::fs::rename(path, &aside)
            .with_context(|| format!("moving {} aside", path.display()))?;
        Some((old.key_id, aside))
    } else {
        None
    };
    let new = AuthorizationKeys::new(audit::load_or_create_key(path)?);
    new.register(db, now).await?;
    let entry =
        AuditEntry::by_operator("authorization.key_rotated").with_detail(serde_json::json!({
            "retired": retired.as_ref().map(|(id, _)| id),
            "key_id": new.key_id,
        }));
    audit::append_standalone(db, &entry).await?;
    Ok(Rotated {
        retired,
        key_id: new.key_id,
    })
}
