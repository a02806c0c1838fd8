//! The certification's reminders by text message (`domain::certification::reminder_due`: 30
//! and 7 days before the period closes, a local default), queued by the housekeeping round
//! into the same outbox as the cases' messages and sent by the configured SMS sender. Each is
//! recorded (`certification_reminders`) in the transaction that queues it, so a round run
//! twice, or two servers at once, queue it once. The text carries no personal data; the log
//! shows the number masked.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::certification::{Period, Reminder, reminder_due, status};
use domain::clocks::china_date;
use domain::household::{Household, Relation};
use domain::identity::mask::mask_phone;
use domain::sync::{CaseRecord, RecordKind};
use uuid::Uuid;

use crate::db::Db;
use crate::db::time::to_db;

/// The message's kind in the outbox.
pub const KIND: &str = "certification_reminder";

/// The text: plain, no name, no number.
pub fn text(period: &Period) -> String {
    format!(
        "【一门受理】您家{}年的待遇资格认证还没有做。请在{}月{}日前打开“我的申请”认证，或请村里的帮办员帮忙。",
        period.year,
        chrono::Datelike::month(&period.closes),
        chrono::Datelike::day(&period.closes),
    )
}

/// Queues every reminder due at `now`; answers how many.
pub async fn queue_due(db: &Db, now: DateTime<Utc>) -> anyhow::Result<u64> {
    let today = china_date(now);
    let period = Period::containing(today);
    let pool = db.pool();
    let cases: Vec<(String,)> = sqlx::query_as("SELECT body FROM records WHERE kind = $1")
        .bind(RecordKind::Case.code())
        .fetch_all(pool)
        .await?;
    let mut grants: HashMap<String, Vec<domain::certification::Grant>> = HashMap::new();
    for (body,) in cases {
        if let Ok(case) = serde_json::from_str::<CaseRecord>(&body) {
            let g = super::grants_of(&case);
            if !g.is_empty() {
                grants
                    .entry(case.household.0.to_string())
                    .or_default()
                    .extend(g);
            }
        }
    }
    let mut queued = 0;
    for (household, grants) in grants {
        let mut conn = pool.acquire().await?;
        let certified = super::days(&super::household_certifications(&mut conn, &household).await?);
        drop(conn);
        let standing = status(&grants, &certified, &period, today);
        let sent: Vec<(String,)> = sqlx::query_as(
            "SELECT reminder FROM certification_reminders WHERE household_id = $1 AND year = $2",
        )
        .bind(&household)
        .bind(i64::from(period.year))
        .fetch_all(pool)
        .await?;
        let sent: Vec<Reminder> = sent
            .iter()
            .filter_map(|(r,)| r.strip_prefix('d')?.parse().ok())
            .map(|days_before| Reminder { days_before })
            .collect();
        let Some(reminder) = reminder_due(standing, &period, today, &sent) else {
            continue;
        };
        if queue_one(db, &household, &period, reminder, now).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// Records and queues one reminder in one transaction; `false` when it was recorded already
/// or nobody in the household has a phone.
async fn queue_one(
    db: &Db,
    household: &str,
    period: &Period,
    reminder: Reminder,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let mut tx = db.begin_write().await?;
    let body: Option<(String,)> =
        sqlx::query_as("SELECT body FROM records WHERE kind = $1 AND id = $2")
            .bind(RecordKind::Household.code())
            .bind(household)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(h) = body.and_then(|(b,)| serde_json::from_str::<Household>(&b).ok()) else {
        return Ok(false);
    };
    // The recipient's own phone, else the first member's who has one, else the phone of the
    // resident who applied for a case of the household online (the link `resident_self` uses).
    let phone = h
        .members
        .iter()
        .filter(|m| m.relation == Relation::Applicant)
        .chain(h.members.iter())
        .find_map(|m| m.phone.as_ref())
        .map(|p| p.expose().to_owned());
    let phone = match phone {
        Some(p) => Some(p),
        None => applicant_phone(&mut tx, household).await?,
    };
    let Some(phone) = phone else {
        return Ok(false);
    };
    let fresh = sqlx::query(
        "INSERT INTO certification_reminders (household_id, year, reminder, queued_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(household)
    .bind(i64::from(period.year))
    .bind(reminder.code())
    .bind(to_db(now))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if fresh != 1 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO notifications (id, case_id, kind, audience, user_id, phone, body, \
         created_at, next_try_at) VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $7)",
    )
    .bind(Uuid::now_v7().to_string())
    .bind(household)
    .bind(KIND)
    .bind("applicant")
    .bind(&phone)
    .bind(text(period))
    .bind(to_db(now))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(phone = %mask_phone(&phone), reminder = %reminder.code(), year = period.year,
        "certification reminder queued");
    Ok(true)
}

/// The phone of a resident account that applied for a case of `household` itself.
async fn applicant_phone(
    conn: &mut sqlx::AnyConnection,
    household: &str,
) -> Result<Option<String>, sqlx::Error> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT scope, body FROM records WHERE kind = $1 AND body LIKE $2")
            .bind(RecordKind::Case.code())
            .bind(format!("%{household}%"))
            .fetch_all(&mut *conn)
            .await?;
    let owners = rows.iter().filter_map(|(scope, body)| {
        let case: CaseRecord = serde_json::from_str(body).ok()?;
        let scope: domain::jurisdiction::RecordScope = serde_json::from_str(scope).ok()?;
        (case.household.0.to_string() == household).then_some(scope.owner?)
    });
    for owner in owners {
        let phone: Option<(Option<String>,)> = sqlx::query_as(
            "SELECT phone FROM users WHERE id = $1 AND role = 'resident' AND NOT disabled",
        )
        .bind(owner.0.to_string())
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(p) = phone.and_then(|(p,)| p).filter(|p| !p.is_empty()) {
            return Ok(Some(p));
        }
    }
    Ok(None)
}
