//! Counties' own decision time limits (本县办理时限, migration 0041) over the shipped
//! catalogue: checked by `domain::catalogue::Catalogue::check_local_limit`, stored, audited
//! with the limit before and after in the same transaction, and swapped into [`Reference`] at
//! once, so every new clock, the dashboard and `GET /api/catalogue` (whose ETag changes) use
//! them.

use domain::catalogue::{
    AidItemCode, Catalogue, LimitErrors, LocalLimitInput, TimeLimit, TimeLimitOverride,
};
use domain::jurisdiction::{Actor, PlaceCode};
use serde_json::{Value, json};
use sqlx::AnyConnection;

use super::Reference;
use crate::audit::{self, AuditEntry};
use crate::db::{Db, time};

/// Why a local limit was not changed.
#[derive(Debug, thiserror::Error)]
pub enum LimitChangeError {
    /// The catalogue has no such item.
    #[error("unknown item")]
    UnknownItem,
    /// Some fields are wrong (each with its error).
    #[error("invalid local limit")]
    Invalid(LimitErrors),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Every stored local limit, by county and item.
pub async fn stored_limits(db: &Db) -> Result<Vec<TimeLimitOverride>, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    limits_in(&mut conn).await
}

async fn limits_in(conn: &mut AnyConnection) -> Result<Vec<TimeLimitOverride>, sqlx::Error> {
    let rows: Vec<(String, String, i64, i64, String)> = sqlx::query_as(
        "SELECT county, item, days, extension_days, source FROM local_time_limits \
         ORDER BY county, item",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(county, item, days, extension, source)| TimeLimitOverride {
                place_prefix: county,
                item: AidItemCode(item),
                time_limit: TimeLimit {
                    days: u32::try_from(days).unwrap_or(0),
                    extension_days: u32::try_from(extension).unwrap_or(0),
                },
                source,
            },
        )
        .collect())
}

/// The shipped catalogue with every stored local limit whose item it still has (a limit of an
/// item a release dropped is kept in the table but not applied).
pub fn with_stored(
    builtin: &Catalogue,
    limits: Vec<TimeLimitOverride>,
) -> anyhow::Result<Catalogue> {
    let known: Vec<_> = limits
        .into_iter()
        .filter(|l| builtin.item(&l.item).is_some())
        .collect();
    builtin
        .with_local_limits(known)
        .map_err(|e| anyhow::anyhow!(e.message_zh()))
}

fn limit_json(limit: Option<&TimeLimitOverride>) -> Value {
    limit.map_or(Value::Null, |l| {
        json!({
            "days": l.time_limit.days,
            "extension_days": l.time_limit.extension_days,
            "source": l.source,
        })
    })
}

async fn current(
    conn: &mut AnyConnection,
    county: &PlaceCode,
    item: &AidItemCode,
) -> Result<Option<TimeLimitOverride>, sqlx::Error> {
    Ok(limits_in(conn)
        .await?
        .into_iter()
        .find(|l| l.place_prefix == county.as_str() && &l.item == item))
}

/// The catalogue with the stored limits as `conn` now sees them, and the county's open cases'
/// projection rows counted with it (their deadlines move at once, not at each case's next
/// event), inside the change's transaction.
async fn apply_in(
    conn: &mut AnyConnection,
    reference: &Reference,
    county: &PlaceCode,
) -> Result<Catalogue, sqlx::Error> {
    let catalogue = with_stored(&Catalogue::builtin(), limits_in(conn).await?)
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    let calendar = reference.calendar();
    let in_force = crate::projection::Reference {
        catalogue: &catalogue,
        calendar: &calendar,
    };
    crate::projection::refresh_open(conn, county.as_str(), in_force).await?;
    Ok(catalogue)
}

/// Sets (or changes) `county`'s own limit for `item` as typed.
pub async fn set_local_limit(
    db: &Db,
    reference: &Reference,
    actor: &Actor,
    item: &AidItemCode,
    input: &LocalLimitInput,
) -> Result<TimeLimitOverride, LimitChangeError> {
    let county = actor.place.county();
    let limit = reference
        .catalogue()
        .check_local_limit(&county, item, input)
        .ok_or(LimitChangeError::UnknownItem)?
        .map_err(LimitChangeError::Invalid)?;
    let mut tx = db.begin_write().await?;
    let before = current(&mut tx, &county, item).await?;
    sqlx::query("DELETE FROM local_time_limits WHERE county = $1 AND item = $2")
        .bind(county.as_str())
        .bind(item.as_str())
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO local_time_limits (county, item, days, extension_days, source, updated_at, \
         updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(county.as_str())
    .bind(item.as_str())
    .bind(i64::from(limit.time_limit.days))
    .bind(i64::from(limit.time_limit.extension_days))
    .bind(&limit.source)
    .bind(time::now())
    .bind(actor.user.0.to_string())
    .execute(&mut *tx)
    .await?;
    let entry = AuditEntry::by(actor, "reference.set_local_limit")
        .on(
            "local_time_limit",
            format!("{}/{}", county.as_str(), item.as_str()),
            Some(county.as_str()),
        )
        .with_detail(json!({
            "item": item.as_str(),
            "before": limit_json(before.as_ref()),
            "after": limit_json(Some(&limit)),
        }));
    audit::append(&mut tx, &entry).await?;
    let catalogue = apply_in(&mut tx, reference, &county).await?;
    tx.commit().await?;
    reference.set_catalogue(catalogue);
    Ok(limit)
}

/// Removes `county`'s own limit for `item`, so the limit above the county applies again.
/// Answers whether there was one (nothing is written or audited when not).
pub async fn remove_local_limit(
    db: &Db,
    reference: &Reference,
    actor: &Actor,
    item: &AidItemCode,
) -> Result<bool, LimitChangeError> {
    let county = actor.place.county();
    let mut tx = db.begin_write().await?;
    let Some(before) = current(&mut tx, &county, item).await? else {
        return Ok(false);
    };
    sqlx::query("DELETE FROM local_time_limits WHERE county = $1 AND item = $2")
        .bind(county.as_str())
        .bind(item.as_str())
        .execute(&mut *tx)
        .await?;
    let entry = AuditEntry::by(actor, "reference.remove_local_limit")
        .on(
            "local_time_limit",
            format!("{}/{}", county.as_str(), item.as_str()),
            Some(county.as_str()),
        )
        .with_detail(json!({
            "item": item.as_str(),
            "before": limit_json(Some(&before)),
            "after": Value::Null,
        }));
    audit::append(&mut tx, &entry).await?;
    let catalogue = apply_in(&mut tx, reference, &county).await?;
    tx.commit().await?;
    reference.set_catalogue(catalogue);
    Ok(true)
}
