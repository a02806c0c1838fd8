//! Delivering queued messages. Each is claimed before it is sent (its `next_try_at` moved past
//! the claim's lease, in one statement that only one claimant wins), then marked sent. A
//! process that dies between sending and marking sends that message again after the lease: a
//! resident may once get a text twice, never none. A failure is tried again later, with a
//! growing pause, and given up after [`MAX_ATTEMPTS`] (the notice on paper still reaches them;
//! the case's screen shows the message as failed).

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use domain::identity::mask::mask_phone;

use crate::auth::sms::SmsSender;
use crate::db::Db;
use crate::db::time::to_db;

/// How many times a message is tried before the sender gives up.
pub const MAX_ATTEMPTS: i64 = 6;
/// How long a claim lasts before another round may take the message again.
const LEASE_MINUTES: i64 = 5;
/// At most this many messages a round.
const BATCH: i64 = 50;

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SendReport {
    /// Sent now.
    pub sent: usize,
    /// Failed now (tried again later, or given up).
    pub failed: usize,
}

/// Sends every message due at `now`.
pub async fn send_due(
    db: &Db,
    sms: &dyn SmsSender,
    now: DateTime<Utc>,
) -> Result<SendReport, sqlx::Error> {
    let due: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT id, phone, body, attempts FROM notifications \
         WHERE sent_at IS NULL AND failed_at IS NULL AND next_try_at <= $1 \
         ORDER BY next_try_at, id LIMIT $2",
    )
    .bind(to_db(now))
    .bind(BATCH)
    .fetch_all(db.pool())
    .await?;
    let mut report = SendReport::default();
    for (id, phone, body, attempts) in due {
        let lease = to_db(now + chrono::Duration::minutes(LEASE_MINUTES));
        let claimed = sqlx::query(
            "UPDATE notifications SET next_try_at = $1, attempts = attempts + 1 \
             WHERE id = $2 AND sent_at IS NULL AND failed_at IS NULL AND next_try_at <= $3",
        )
        .bind(&lease)
        .bind(&id)
        .bind(to_db(now))
        .execute(db.pool())
        .await?
        .rows_affected();
        if claimed != 1 {
            continue;
        }
        match sms.send(&phone, &body).await {
            Ok(()) => {
                sqlx::query(
                    "UPDATE notifications SET sent_at = $1, last_error = NULL WHERE id = $2",
                )
                .bind(to_db(Utc::now()))
                .bind(&id)
                .execute(db.pool())
                .await?;
                report.sent += 1;
            }
            Err(e) => {
                let attempts = attempts + 1;
                // The error may quote the number: keep only its masked form.
                let error = e.to_string().replace(&phone, &mask_phone(&phone));
                tracing::warn!(phone = %mask_phone(&phone), attempts, error = %error,
                    "a case message could not be sent");
                let pause = chrono::Duration::minutes(2_i64.pow(attempts.min(10) as u32));
                let (retry, failed) = if attempts >= MAX_ATTEMPTS {
                    (lease.clone(), Some(to_db(now)))
                } else {
                    (to_db(now + pause), None)
                };
                sqlx::query(
                    "UPDATE notifications SET next_try_at = $1, failed_at = $2, last_error = $3 \
                     WHERE id = $4",
                )
                .bind(retry)
                .bind(failed)
                .bind(error)
                .bind(&id)
                .execute(db.pool())
                .await?;
                report.failed += 1;
            }
        }
    }
    Ok(report)
}

/// Runs [`send_due`] every `every` until the process ends. Zero: never (tests drive
/// [`send_due`] themselves).
pub fn spawn_sender(db: Db, sms: Arc<dyn SmsSender>, every: Duration) {
    if every.is_zero() {
        return;
    }
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = send_due(&db, &*sms, Utc::now()).await {
                tracing::warn!(error = %e, "the case message sender could not read its queue");
            }
        }
    });
}
