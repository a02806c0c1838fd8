//! Housekeeping that runs by itself at an interval (issue 22, points 10 and 11): applied
//! operations' stored answers are pruned after the retention period (their ids and digests
//! stay, so a late replay is still recognised), and unfinished uploads are deleted with their
//! partial files once they expire; and the yearly certification's reminders are queued
//! (issue 20 point 8, `crate::certify::reminders`); and late clocks are told to the township
//! leader and the county (issue 19 point 8, `crate::escalate`); and residents' online
//! applications left untouched for months are deleted with their photos (issue 20 point 4,
//! `crate::pages::resident::apply::draft::expire`).

use chrono::{DateTime, Duration, Utc};

use crate::attachments::{self, AttachmentFiles, UploadQuota};
use crate::db::Db;
use crate::state::AppState;

/// The offline allowance, retention and quota settings (see `Config`).
#[derive(Debug, Clone)]
pub struct Settings {
    /// How far in the past an operation's time may lie.
    pub offline_allowance: Duration,
    /// How long an applied operation's answer is kept.
    pub op_retention: Duration,
    /// Unfinished uploads per account.
    pub upload_quota: UploadQuota,
    /// Age at which an unfinished upload is deleted.
    pub upload_expiry: Duration,
    /// Time between two rounds.
    pub every: std::time::Duration,
}

impl Default for Settings {
    fn default() -> Self {
        crate::config::Config::for_tests("sqlite::memory:").housekeeping()
    }
}

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    /// Operations whose stored answer was dropped.
    pub ops_pruned: u64,
    /// Unfinished uploads deleted.
    pub uploads_expired: u64,
    /// Certification reminders queued (`crate::certify::reminders`).
    pub reminders_queued: u64,
    /// Residents' application drafts deleted, untouched too long.
    pub drafts_expired: u64,
}

/// One round, as of `now`.
pub async fn run_once(
    db: &Db,
    files: &AttachmentFiles,
    settings: &Settings,
    now: DateTime<Utc>,
) -> anyhow::Result<Swept> {
    let ops_pruned = crate::sync::retention::prune(db, now - settings.op_retention).await?;
    let uploads_expired = attachments::expire(db, files, now - settings.upload_expiry).await?;
    let reminders_queued = crate::certify::reminders::queue_due(db, now).await?;
    use crate::pages::resident::apply::draft;
    let drafts_expired =
        draft::expire(db, now - Duration::days(draft::KEEP_UNTOUCHED_DAYS)).await?;
    Ok(Swept {
        ops_pruned,
        uploads_expired,
        reminders_queued,
        drafts_expired,
    })
}

/// Runs a round every `settings.every` while the server serves (the first one interval after
/// start, so a restart does not compete with the phones reconnecting).
pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let every = state.housekeeping.every;
        let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        loop {
            ticks.tick().await;
            match run_once(
                &state.db,
                &state.attachments,
                &state.housekeeping,
                Utc::now(),
            )
            .await
            {
                Ok(swept) if swept != Swept::default() => tracing::info!(?swept, "housekeeping"),
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "housekeeping failed"),
            }
            // Late clocks told up the chain (督办), with the reference data in force.
            let reference = &state.reference;
            match crate::escalate::queue_due(
                &state.db,
                &reference.catalogue(),
                &reference.calendar(),
                Utc::now(),
            )
            .await
            {
                Ok(0) => {}
                Ok(told) => tracing::info!(told, "escalation messages queued"),
                Err(e) => tracing::error!(error = %e, "escalation messages failed"),
            }
        }
    });
}
