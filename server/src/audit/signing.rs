//! The chain's head, signed with the installation's Ed25519 key, for keeping outside the
//! database (printed, mailed to the county): a later rewrite of the whole chain no longer
//! matches what was signed.

use std::path::Path;

use anyhow::{Context, bail};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::db::{Db, time};

/// A signed statement of the chain's head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedHead {
    /// Entries in the chain.
    pub seq: i64,
    /// The last entry's hash.
    pub hash: String,
    /// When it was signed.
    pub at: String,
    /// Always `ed25519`.
    pub algorithm: String,
    /// The verifying key, hex.
    pub public_key: String,
    /// The signature over [`message`], hex.
    pub signature: String,
}

fn message(seq: i64, hash: &str, at: &str) -> String {
    format!("onedoor-audit-head\n{seq}\n{hash}\n{at}")
}

/// The signing key in `path` (64 hex characters), created with owner-only access if missing
/// (the audit key, and the authorization countersigning key).
pub fn load_or_create_key(path: &Path) -> anyhow::Result<SigningKey> {
    let bytes = crate::security::secret_file::load_or_create(path)?;
    Ok(SigningKey::from_bytes(&bytes))
}

/// Signs the current head.
pub async fn sign_head(db: &Db, key: &SigningKey) -> Result<SignedHead, sqlx::Error> {
    let (seq, hash): (i64, String) =
        sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(db.pool())
            .await?;
    let at = time::now();
    let signature = key.sign(message(seq, &hash, &at).as_bytes());
    Ok(SignedHead {
        seq,
        hash,
        at,
        algorithm: "ed25519".to_owned(),
        public_key: hex::encode(key.verifying_key().to_bytes()),
        signature: hex::encode(signature.to_bytes()),
    })
}

/// Checks an export: its signature, and that the log still holds that entry with that hash.
pub async fn verify_export(db: &Db, head: &SignedHead) -> anyhow::Result<()> {
    let key: [u8; 32] = hex::decode(&head.public_key)
        .ok()
        .and_then(|b| b.try_into().ok())
        .context("bad public key")?;
    let signature: [u8; 64] = hex::decode(&head.signature)
        .ok()
        .and_then(|b| b.try_into().ok())
        .context("bad signature")?;
    VerifyingKey::from_bytes(&key)?
        .verify(
            message(head.seq, &head.hash, &head.at).as_bytes(),
            &Signature::from_bytes(&signature),
        )
        .context("the signature does not match the export")?;
    if head.seq == 0 {
        return Ok(());
    }
    let row: Option<(String,)> = sqlx::query_as("SELECT hash FROM audit_log WHERE seq = $1")
        .bind(head.seq)
        .fetch_optional(db.pool())
        .await?;
    match row {
        Some((h,)) if h == head.hash => Ok(()),
        Some(_) => bail!("entry {} no longer has the signed hash", head.seq),
        None => bail!("entry {} is missing", head.seq),
    }
}
