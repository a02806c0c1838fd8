//! Signing the chain's head by itself at an interval (issue 22 point 15), not only when an
//! operator exports it: each signature is kept twice — as an `audit.head_signed` entry in the
//! chain (whose next entries then depend on it) and as a line in a file outside the database
//! (`ONEDOOR_AUDIT_HEADS_FILE`), so a rewrite of the whole database no longer matches the
//! signed heads kept elsewhere. The key's file (`ONEDOOR_AUDIT_KEY_FILE`) may lie outside the
//! data directory, on a mount the database's backups do not include.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use ed25519_dalek::SigningKey;

use super::{AuditEntry, SignedHead, append_standalone, sign_head};
use crate::db::Db;

/// The action of a signed head's entry in the chain.
pub const HEAD_SIGNED: &str = "audit.head_signed";

/// Where and how often heads are signed.
#[derive(Debug, Clone)]
pub struct AutoSign {
    /// The signing key's file.
    pub key_file: PathBuf,
    /// The file each signed head is appended to, one JSON object a line.
    pub heads_file: PathBuf,
    /// Time between two signatures; `None`: only on demand (`onedoor audit export-head`).
    pub every: Option<std::time::Duration>,
}

/// Signs the head unless nothing was recorded since the last signature (so an idle server
/// does not fill its chain with signatures of itself). Answers the signed head, if any.
pub async fn sign_if_changed(
    db: &Db,
    key: &SigningKey,
    heads_file: &Path,
) -> anyhow::Result<Option<SignedHead>> {
    let (seq, action): (i64, Option<String>) = sqlx::query_as(
        "SELECT h.seq, (SELECT l.action FROM audit_log l WHERE l.seq = h.seq) \
         FROM audit_head h WHERE h.id = 1",
    )
    .fetch_one(db.pool())
    .await?;
    if seq == 0 || action.as_deref() == Some(HEAD_SIGNED) {
        return Ok(None);
    }
    let head = sign_head(db, key).await?;
    keep_outside(heads_file, &head)?;
    let entry = AuditEntry::by_operator(HEAD_SIGNED).with_detail(serde_json::to_value(&head)?);
    append_standalone(db, &entry).await?;
    Ok(Some(head))
}

/// Appends `head` to `file` as one JSON line, creating it owner-only.
fn keep_outside(file: &Path, head: &SignedHead) -> anyhow::Result<()> {
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut out = options
        .open(file)
        .with_context(|| format!("opening {}", file.display()))?;
    writeln!(out, "{}", serde_json::to_string(head)?)
        .with_context(|| format!("writing {}", file.display()))?;
    Ok(())
}

/// Signs the head every `settings.every` while the server serves.
pub fn spawn(db: Db, settings: AutoSign) -> anyhow::Result<()> {
    let Some(every) = settings.every else {
        return Ok(());
    };
    let key = super::load_or_create_key(&settings.key_file)?;
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        loop {
            ticks.tick().await;
            match sign_if_changed(&db, &key, &settings.heads_file).await {
                Ok(Some(head)) => tracing::info!(seq = head.seq, "audit head signed"),
                Ok(None) => {}
                Err(e) => tracing::error!(error = %e, "signing the audit head failed"),
            }
        }
    });
    Ok(())
}
