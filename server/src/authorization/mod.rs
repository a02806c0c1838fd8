//! The server's side of the verification authorization (核对授权书, issue 18): its
//! countersigning key, and the store of texts, published keys, authorizations and the
//! protected evidence. The package itself arrives by sync push (`crate::sync`), the only
//! write path; the HTTP surfaces read through [`store`].

pub mod identity;
pub mod rotate;
pub mod store;

use std::path::Path;

use anyhow::Context;
use chrono::{DateTime, Utc};
use domain::authorization::{AuthorizationText, key_id};
use ed25519_dalek::SigningKey;

use crate::audit;
use crate::db::{Db, time};

/// The key the server countersigns authorizations with, and its published id.
#[derive(Clone)]
pub struct AuthorizationKeys {
    /// The Ed25519 signing key (never leaves the server).
    pub signing: SigningKey,
    /// [`domain::authorization::key_id`] of its public half.
    pub key_id: String,
}

impl std::fmt::Debug for AuthorizationKeys {
    // The secret half never goes into a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthorizationKeys")
            .field("key_id", &self.key_id)
            .finish_non_exhaustive()
    }
}

impl AuthorizationKeys {
    /// A key as it is.
    pub fn new(signing: SigningKey) -> AuthorizationKeys {
        let key_id = key_id(&signing.verifying_key());
        AuthorizationKeys { signing, key_id }
    }

    /// The key in `path` (created owner-only if missing), its public half registered as
    /// published from now if it is not yet.
    pub async fn load(db: &Db, path: &Path) -> anyhow::Result<AuthorizationKeys> {
        let signing = audit::load_or_create_key(path)
            .with_context(|| format!("authorization key {}", path.display()))?;
        let keys = AuthorizationKeys::new(signing);
        keys.register(db, Utc::now()).await?;
        Ok(keys)
    }

    /// Publishes the public half from `at`, unless it is published already. (Not audited:
    /// a start-up fact like the migrations; a rotation is audited by its command.)
    pub async fn register(&self, db: &Db, at: DateTime<Utc>) -> Result<bool, sqlx::Error> {
        // Whole seconds, as countersignatures carry their time: one made in the second the
        // key was registered is within its period.
        let at = DateTime::from_timestamp(at.timestamp(), 0).unwrap_or(at);
        let public = hex::encode(self.signing.verifying_key().to_bytes());
        let done = sqlx::query(
            "INSERT INTO authorization_keys (key_id, public_key, valid_from, valid_until) \
             VALUES ($1, $2, $3, NULL) ON CONFLICT (key_id) DO NOTHING",
        )
        .bind(&self.key_id)
        .bind(&public)
        .bind(time::to_db(at))
        .execute(db.pool())
        .await?;
        Ok(done.rows_affected() > 0)
    }
}

/// At start: the built-in text is loaded when no text is (not audited: it ships with the
/// program, like the migrations).
pub async fn ensure_text(db: &Db) -> Result<(), sqlx::Error> {
    let builtin = AuthorizationText::builtin();
    sqlx::query(
        "INSERT INTO authorization_texts (version, body, loaded_at, loaded_by) \
         SELECT $1, $2, $3, 'builtin' WHERE NOT EXISTS (SELECT 1 FROM authorization_texts)",
    )
    .bind(&builtin.version)
    .bind(crate::sync::store::encode(&builtin))
    .bind(time::now())
    .execute(db.pool())
    .await?;
    Ok(())
}
