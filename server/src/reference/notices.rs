//! Year notices of public holidays (国务院办公厅关于 N 年部分节假日安排的通知) loaded at run time.

use chrono::Utc;
use domain::calendar::{Calendar, YearNotice};

use super::Reference;
use crate::audit::{self, AuditEntry};
use crate::db::{Db, time};

/// Why a notice was not loaded.
#[derive(Debug, thiserror::Error)]
pub enum NoticeError {
    /// Not a valid notice; the message says why (in Chinese).
    #[error("{0}")]
    Invalid(String),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The builtin calendar with every stored notice applied, oldest load first.
pub async fn stored(db: &Db, mut calendar: Calendar) -> anyhow::Result<Calendar> {
    for notice in loaded_notices(db).await? {
        calendar = calendar.with_notice(notice)?;
    }
    Ok(calendar)
}

/// The stored notices, oldest load first (the order [`stored`] applies them in).
pub async fn loaded_notices(db: &Db) -> anyhow::Result<Vec<YearNotice>> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT body FROM calendar_notices ORDER BY loaded_at, year")
            .fetch_all(db.pool())
            .await?;
    rows.iter()
        .map(|(body,)| Ok(YearNotice::parse_json(body)?))
        .collect()
}

/// Checks a notice, stores it and makes it current. Answers the year.
pub async fn load_notice(
    db: &Db,
    reference: &Reference,
    json: &str,
    by: &str,
) -> Result<i32, NoticeError> {
    let notice = YearNotice::parse_json(json).map_err(|e| NoticeError::Invalid(e.to_string()))?;
    let calendar = reference
        .calendar()
        .with_notice(notice.clone())
        .map_err(|e| NoticeError::Invalid(e.to_string()))?;
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM calendar_notices WHERE year = $1")
        .bind(i64::from(notice.year))
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO calendar_notices (year, body, loaded_at, loaded_by) VALUES ($1, $2, $3, $4)",
    )
    .bind(i64::from(notice.year))
    .bind(json)
    .bind(time::to_db(Utc::now()))
    .bind(by)
    .execute(&mut *tx)
    .await?;
    let entry = AuditEntry::by_user(by, "reference.load_notice")
        .with_detail(serde_json::json!({ "year": notice.year }));
    audit::append(&mut tx, &entry).await?;
    tx.commit().await?;
    reference.set_calendar(calendar);
    Ok(notice.year)
}
