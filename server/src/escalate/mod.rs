//! The escalation's text messages (督办, issue 19 point 8): when a case's clock goes late, the
//! township's leader in charge is told, then the county's supervisor
//! (`domain::escalation_notice`: once per clock and level, naming who answers for it). The
//! housekeeping round queues them into the same outbox as the cases' messages, sent by the
//! configured SMS sender; each (case, clock, level) is recorded (`escalation_messages`) in the
//! transaction that queues its texts, so a round run twice, or two servers at once, tell each
//! level once. The texts carry the case number and no applicant's data; the log shows the
//! numbers masked.

use chrono::{DateTime, Utc};
use domain::calendar::Calendar;
use domain::catalogue::Catalogue;
use domain::clocks::case_clocks;
use domain::escalation::{EscalationLevel, LateClock, late_clocks};
use domain::escalation_notice::{due, text};
use domain::identity::mask::mask_phone;
use domain::jurisdiction::{PlaceCode, RecordScope};
use domain::sync::{CaseRecord, RecordKind};
use domain::workflow::Party;
use uuid::Uuid;

use crate::db::Db;
use crate::db::time::to_db;

/// The message's kind in the outbox.
pub const KIND: &str = "escalation";

/// Queues every escalation message due at `now`; answers how many levels were told.
pub async fn queue_due(
    db: &Db,
    catalogue: &Catalogue,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> anyhow::Result<u64> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT id, scope, body FROM records WHERE kind = $1")
            .bind(RecordKind::Case.code())
            .fetch_all(db.pool())
            .await?;
    let mut told = 0;
    for (id, scope, body) in rows {
        let (Ok(record), Ok(scope)) = (
            serde_json::from_str::<CaseRecord>(&body),
            serde_json::from_str::<RecordScope>(&scope),
        ) else {
            continue;
        };
        let case = &record.case;
        if !case.is_open() || case.accepted_at().is_none() {
            continue;
        }
        let Ok(clocks) = case_clocks(case, catalogue, calendar, &scope.place) else {
            continue;
        };
        let late = late_clocks(case, &clocks, calendar, now);
        if late.iter().all(|l| l.working_days_late < 1) {
            continue;
        }
        let sent: Vec<(String, String)> =
            sqlx::query_as("SELECT clock, level FROM escalation_messages WHERE case_id = $1")
                .bind(&id)
                .fetch_all(db.pool())
                .await?;
        let sent: Vec<(String, EscalationLevel)> = sent
            .into_iter()
            .filter_map(|(clock, level)| {
                let level = EscalationLevel::ALL
                    .into_iter()
                    .find(|l| l.code() == level)?;
                Some((clock, level))
            })
            .collect();
        for (clock, level) in due(&late, &sent) {
            let number = case.id().number();
            if queue_one(db, &id, &number, &scope.place, clock, level, catalogue, now).await? {
                told += 1;
            }
        }
    }
    Ok(told)
}

/// Who answers for a late clock, as the message names them.
async fn responsible(
    conn: &mut sqlx::AnyConnection,
    late: &LateClock,
    catalogue: &Catalogue,
) -> Result<String, sqlx::Error> {
    if let Some(user) = late.responsible_person {
        let name: Option<(String,)> =
            sqlx::query_as("SELECT display_name FROM users WHERE id = $1")
                .bind(user.0.to_string())
                .fetch_optional(&mut *conn)
                .await?;
        if let Some((name,)) = name {
            return Ok(format!("{name}（首问负责人）"));
        }
    }
    Ok(match &late.responsible {
        Party::Department(d) => catalogue
            .department(d)
            .map_or_else(|| d.as_str().to_owned(), |d| d.name_zh.clone()),
        other => other.name_zh(),
    })
}

/// The accounts told at `level` about a case in `place`, with their phones.
async fn recipients(
    conn: &mut sqlx::AnyConnection,
    place: &PlaceCode,
    level: EscalationLevel,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let at = match level {
        EscalationLevel::TownshipLeader => match place.township() {
            Some(t) => t,
            None => return Ok(Vec::new()),
        },
        EscalationLevel::CountySupervisor => place.county(),
    };
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT id, phone FROM users WHERE role = $1 AND place_code = $2 AND NOT disabled \
         ORDER BY id",
    )
    .bind(level.role().code())
    .bind(at.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, phone)| Some((id, phone.filter(|p| !p.is_empty())?)))
        .collect())
}

/// Records one level of one late clock and queues its texts, in one transaction; `false`
/// when another round recorded it first.
#[allow(clippy::too_many_arguments)]
async fn queue_one(
    db: &Db,
    case_id: &str,
    number: &str,
    place: &PlaceCode,
    late: &LateClock,
    level: EscalationLevel,
    catalogue: &Catalogue,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let mut tx = db.begin_write().await?;
    let who = responsible(&mut tx, late, catalogue).await?;
    let to = recipients(&mut tx, place, level).await?;
    let fresh = sqlx::query(
        "INSERT INTO escalation_messages (case_id, clock, level, due_on, responsible, \
         recipients, queued_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
    )
    .bind(case_id)
    .bind(late.clock.code())
    .bind(level.code())
    .bind(late.due_on.to_string())
    .bind(&who)
    .bind(to.len() as i64)
    .bind(to_db(now))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if fresh != 1 {
        return Ok(false);
    }
    let step = late.clock.name_zh(|code| {
        catalogue
            .item(&domain::catalogue::AidItemCode(code.to_owned()))
            .map_or_else(|| code.to_owned(), |i| i.name_zh.clone())
    });
    let body = text(number, late, &step, &who, level);
    for (user, phone) in &to {
        sqlx::query(
            "INSERT INTO notifications (id, case_id, kind, audience, user_id, phone, body, \
             created_at, next_try_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
        )
        .bind(Uuid::now_v7().to_string())
        .bind(case_id)
        .bind(KIND)
        .bind(level.code())
        .bind(user)
        .bind(phone)
        .bind(&body)
        .bind(to_db(now))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    for (_, phone) in &to {
        tracing::info!(phone = %mask_phone(phone), case = %number, clock = %late.clock.code(),
            level = %level.code(), "escalation message queued");
    }
    Ok(true)
}
