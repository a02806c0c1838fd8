//! The case projection (issue 21 point 6): one row per case with typed, indexed columns
//! (`case_projection`, its items in `case_projection_items`), so the supervision pages ask the
//! database instead of decoding every case. The rows are written by the sync batch in the
//! same transaction as the case record ([`crate::sync`]'s one write path), and
//! [`backfill`] builds those missing or behind at startup (cases stored before migration 0028,
//! or by a build without it).

pub mod row;

use domain::calendar::Calendar;
use domain::catalogue::Catalogue;
use domain::jurisdiction::RecordScope;
use domain::sync::CaseRecord;
use sqlx::AnyConnection;

use crate::db::Db;
use crate::db::bulk::{self, Val};
pub use row::{CaseRow, ItemRow, project};

/// What the deadlines are counted with: the catalogue's limits and the working-day calendar.
#[derive(Clone, Copy)]
pub struct Reference<'a> {
    /// The catalogue in force.
    pub catalogue: &'a Catalogue,
    /// The calendar in force.
    pub calendar: &'a Calendar,
}

const COLUMNS: &str = "case_id, version, household_id, place_code, township_code, \
    village_code, state, channel, primary_item, lead_department, urgent, created_on, \
    submitted_on, answered_on, accepted_on, routed_on, decided_on, told_on, closed_on, \
    decision_limit_days, route_by, notify_by, step, deadline_on, first_asker, rating, updated_at";

fn day(d: Option<chrono::NaiveDate>) -> Val {
    Val::Day(d.map(|d| d.to_string()))
}

fn values(r: &CaseRow) -> Vec<Val> {
    vec![
        Val::Text(r.case_id.to_string()),
        Val::Int(r.version),
        Val::Text(r.household_id.to_string()),
        Val::Text(r.place.as_str().to_owned()),
        Val::OptText(r.township.clone()),
        Val::OptText(r.village.clone()),
        Val::Text(r.state.clone()),
        Val::Text(r.channel.clone()),
        Val::OptText(r.primary_item.clone()),
        Val::OptText(r.lead_department.clone()),
        Val::Bool(r.urgent),
        day(Some(r.created_on)),
        day(r.submitted_on),
        day(r.answered_on),
        day(r.accepted_on),
        day(r.routed_on),
        day(r.decided_on),
        day(r.told_on),
        day(r.closed_on),
        Val::OptInt(r.decision_limit_days.map(i64::from)),
        day(r.route_by),
        day(r.notify_by),
        Val::OptText(r.step.map(str::to_owned)),
        day(r.deadline_on),
        Val::OptText(r.first_asker.map(|u| u.to_string())),
        Val::OptText(r.rating.clone()),
        Val::Now,
    ]
}

/// Writes `rows` (replacing what each case had), inside the caller's transaction.
pub async fn write(conn: &mut AnyConnection, rows: &[CaseRow]) -> Result<(), sqlx::Error> {
    if rows.is_empty() {
        return Ok(());
    }
    let main: Vec<Vec<Val>> = rows.iter().map(values).collect();
    let updates = COLUMNS
        .split(", ")
        .map(str::trim)
        .filter(|c| *c != "case_id")
        .map(|c| format!("{c} = excluded.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    bulk::insert(
        conn,
        &format!("INSERT INTO case_projection ({COLUMNS})"),
        &main,
        &format!("ON CONFLICT (case_id) DO UPDATE SET {updates}"),
    )
    .await?;
    let ids: Vec<Vec<Val>> = rows
        .iter()
        .map(|r| vec![Val::Text(r.case_id.to_string())])
        .collect();
    bulk::execute_matching(
        conn,
        "DELETE FROM case_projection_items WHERE case_id IS NOT NULL",
        &["case_id"],
        &ids,
    )
    .await?;
    let items: Vec<Vec<Val>> = rows
        .iter()
        .flat_map(|r| {
            r.items.iter().map(|i| {
                vec![
                    Val::Text(r.case_id.to_string()),
                    Val::Text(i.item.clone()),
                    Val::OptText(i.department.clone()),
                    Val::OptText(i.step.map(str::to_owned)),
                    day(i.deadline_on),
                ]
            })
        })
        .collect();
    bulk::insert(
        conn,
        "INSERT INTO case_projection_items (case_id, item, department, step, deadline_on)",
        &items,
        "",
    )
    .await
}

/// The row of a stored case record: its body, version and scope as stored.
pub fn row_of(
    body: &serde_json::Value,
    version: i64,
    scope: &RecordScope,
    reference: Reference<'_>,
) -> Result<CaseRow, sqlx::Error> {
    let record: CaseRecord =
        serde_json::from_value(body.clone()).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    Ok(project(
        &record,
        version,
        &scope.place,
        reference.catalogue,
        reference.calendar,
    ))
}

/// Rebuilds, inside the caller's transaction, the rows of the cases under `prefix` (a place
/// code's prefix) that are not decided or closed yet, with `reference`: an admin changed a time
/// limit, and their running deadlines move now rather than at each case's next event. Answers
/// how many rows it wrote.
pub async fn refresh_open(
    conn: &mut AnyConnection,
    prefix: &str,
    reference: Reference<'_>,
) -> Result<usize, sqlx::Error> {
    let open: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT r.version, r.scope, r.body FROM records r \
         JOIN case_projection p ON p.case_id = r.id \
         WHERE r.kind = 'case' AND p.place_code LIKE $1 \
         AND p.decided_on IS NULL AND p.closed_on IS NULL",
    )
    .bind(format!("{prefix}%"))
    .fetch_all(&mut *conn)
    .await?;
    let mut rows = Vec::with_capacity(open.len());
    for (version, scope, body) in &open {
        let scope: RecordScope = crate::sync::store::decode(scope)?;
        let body: serde_json::Value = crate::sync::store::decode(body)?;
        rows.push(row_of(&body, *version, &scope, reference)?);
    }
    write(conn, &rows).await?;
    Ok(rows.len())
}

/// Builds the rows of the cases that have none or an older one (idempotent: a second run
/// finds nothing to do). Runs at startup, in one write transaction per chunk of cases.
/// Answers how many rows it wrote.
pub async fn backfill(db: &Db, reference: Reference<'_>) -> Result<usize, sqlx::Error> {
    const CHUNK: i64 = 500;
    let mut written = 0;
    loop {
        let mut tx = db.begin_write().await?;
        let conn: &mut AnyConnection = &mut tx;
        let stale: Vec<(String, i64, String, String)> = sqlx::query_as(
            "SELECT r.id, r.version, r.scope, r.body FROM records r \
             LEFT JOIN case_projection p ON p.case_id = r.id \
             WHERE r.kind = 'case' AND (p.case_id IS NULL OR p.version <> r.version) \
             ORDER BY r.id LIMIT $1",
        )
        .bind(CHUNK)
        .fetch_all(&mut *conn)
        .await?;
        if stale.is_empty() {
            tx.commit().await?;
            return Ok(written);
        }
        let mut rows = Vec::with_capacity(stale.len());
        for (_, version, scope, body) in &stale {
            let scope: RecordScope = crate::sync::store::decode(scope)?;
            let body: serde_json::Value = crate::sync::store::decode(body)?;
            rows.push(row_of(&body, *version, &scope, reference)?);
        }
        write(conn, &rows).await?;
        tx.commit().await?;
        written += rows.len();
        if (stale.len() as i64) < CHUNK {
            return Ok(written);
        }
    }
}
