//! The dashboard's reads: the case projection (by the indexes of migration 0028), the
//! hardship reports and helpers' records of the area, and the names to show.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime, TimeZone};
use domain::clocks::china_date;
use domain::fieldwork::HardshipReport;
use domain::jurisdiction::PlaceCode;
use sqlx::AnyPool;
use uuid::Uuid;

use super::stats::CaseFacts;
use crate::error::ApiError;

/// Whose cases: a township's (by its indexed code) or a whole county's.
#[derive(Debug, Clone)]
pub struct Area {
    /// The township or county.
    pub place: PlaceCode,
    /// Whether it is a township.
    pub township: bool,
}

impl Area {
    /// The projection filter on table alias `p`, binding the area as `$1`.
    fn filter(&self) -> &'static str {
        if self.township {
            "p.township_code = $1"
        } else {
            "p.place_code LIKE $1"
        }
    }

    fn bound(&self) -> String {
        if self.township {
            self.place.as_str().to_owned()
        } else {
            self.prefix()
        }
    }

    fn prefix(&self) -> String {
        format!("{}%", self.place.as_str())
    }
}

fn day(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| s.parse().ok())
}

type CaseLine = (
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<String>,
);

/// The cases of the area created in the period, with their items.
pub async fn cases(
    pool: &AnyPool,
    area: &Area,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<CaseFacts>, ApiError> {
    let period = "p.created_on >= date($2) AND p.created_on <= date($3)";
    let lines: Vec<CaseLine> = sqlx::query_as(&format!(
        "SELECT p.case_id, p.state, p.township_code, p.channel, \
         CAST(p.submitted_on AS TEXT), CAST(p.answered_on AS TEXT), \
         CAST(p.accepted_on AS TEXT), CAST(p.routed_on AS TEXT), \
         CAST(p.decided_on AS TEXT), CAST(p.told_on AS TEXT), \
         p.decision_limit_days, p.rating FROM case_projection p \
         WHERE {} AND {period} ORDER BY p.case_id",
        area.filter()
    ))
    .bind(area.bound())
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(pool)
    .await?;
    let items: Vec<(String, String)> = sqlx::query_as(&format!(
        "SELECT i.case_id, i.item FROM case_projection_items i \
         JOIN case_projection p ON p.case_id = i.case_id WHERE {} AND {period} \
         ORDER BY i.case_id, i.item",
        area.filter()
    ))
    .bind(area.bound())
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(pool)
    .await?;
    let mut by_case: HashMap<String, Vec<String>> = HashMap::new();
    for (case, item) in items {
        by_case.entry(case).or_default().push(item);
    }
    Ok(lines
        .into_iter()
        .filter_map(|l| {
            Some(CaseFacts {
                id: Uuid::parse_str(&l.0).ok()?,
                items: by_case.remove(&l.0).unwrap_or_default(),
                state: l.1,
                township: l.2,
                channel: l.3,
                submitted_on: day(l.4),
                answered_on: day(l.5),
                accepted_on: day(l.6),
                routed_on: day(l.7),
                decided_on: day(l.8),
                told_on: day(l.9),
                decision_limit_days: l.10.and_then(|n| u32::try_from(n).ok()),
                rating: l.11,
            })
        })
        .collect())
}

/// One running clock of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    /// The case.
    pub case: Uuid,
    /// Its township.
    pub township: Option<String>,
    /// The step (`route`, `decision`, `reroute`, `tell`, `notify`).
    pub step: String,
    /// The item, for an item's clock.
    pub item: Option<String>,
    /// Its last day.
    pub due_on: NaiveDate,
    /// The department that must decide (a decision clock); the window otherwise.
    pub department: Option<String>,
    /// 首问负责人, who answers for the window's clocks.
    pub first_asker: Option<Uuid>,
}

/// Every running clock of the area's cases whose soonest deadline is on or before `until`.
pub async fn clocks_until(
    pool: &AnyPool,
    area: &Area,
    until: NaiveDate,
) -> Result<Vec<Clock>, ApiError> {
    let soon = "p.deadline_on IS NOT NULL AND p.deadline_on <= date($2)";
    type Line = (
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let cases: Vec<Line> = sqlx::query_as(&format!(
        "SELECT p.case_id, p.township_code, CAST(p.route_by AS TEXT), \
         CAST(p.notify_by AS TEXT), p.first_asker \
         FROM case_projection p WHERE {soon} AND {}",
        area.filter()
    ))
    .bind(area.bound())
    .bind(until.to_string())
    .fetch_all(pool)
    .await?;
    let items: Vec<(String, String, Option<String>, String, String)> = sqlx::query_as(&format!(
        "SELECT i.case_id, i.item, i.department, i.step, CAST(i.deadline_on AS TEXT) \
         FROM case_projection_items i JOIN case_projection p ON p.case_id = i.case_id \
         WHERE {soon} AND {} AND i.deadline_on IS NOT NULL AND i.step IS NOT NULL",
        area.filter()
    ))
    .bind(area.bound())
    .bind(until.to_string())
    .fetch_all(pool)
    .await?;
    let mut out = Vec::new();
    let mut asker: HashMap<String, (Option<String>, Option<Uuid>)> = HashMap::new();
    for (id, township, route_by, notify_by, first) in cases {
        let Ok(case) = Uuid::parse_str(&id) else {
            continue;
        };
        let first_asker = first.and_then(|u| Uuid::parse_str(&u).ok());
        for (step, on) in [("route", route_by), ("notify", notify_by)] {
            if let Some(due_on) = day(on) {
                out.push(Clock {
                    case,
                    township: township.clone(),
                    step: step.to_owned(),
                    item: None,
                    due_on,
                    department: None,
                    first_asker,
                });
            }
        }
        asker.insert(id, (township, first_asker));
    }
    for (id, item, department, step, on) in items {
        let (Ok(case), Some(due_on), Some((township, first_asker))) =
            (Uuid::parse_str(&id), day(Some(on)), asker.get(&id))
        else {
            continue;
        };
        let deciding = step == "decision";
        out.push(Clock {
            case,
            township: township.clone(),
            step,
            item: Some(item),
            due_on,
            department: if deciding { department } else { None },
            first_asker: if deciding { None } else { *first_asker },
        });
    }
    out.retain(|c| c.due_on <= until);
    out.sort_by(|a, b| (a.due_on, a.case, &a.item).cmp(&(b.due_on, b.case, &b.item)));
    Ok(out)
}

/// A hardship report of the period and the window's answer on the case opened from it.
#[derive(Debug, Clone)]
pub struct Hardship {
    /// The report.
    pub id: Uuid,
    /// Where it happened.
    pub place: PlaceCode,
    /// What happened (Chinese).
    pub category: String,
    /// Reported (Beijing day).
    pub reported_on: NaiveDate,
    /// The case opened from it.
    pub case: Option<Uuid>,
    /// When the case was opened.
    pub opened_on: Option<NaiveDate>,
    /// The window's first answer on that case.
    pub answered_on: Option<NaiveDate>,
}

/// The hardship reports of the area made in the period, oldest first.
pub async fn hardship(
    pool: &AnyPool,
    area: &Area,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Hardship>, ApiError> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT body FROM records WHERE kind = 'hardship' AND place_code LIKE $1")
            .bind(area.prefix())
            .fetch_all(pool)
            .await?;
    let mut out = Vec::new();
    for (body,) in rows {
        let Ok(report) = serde_json::from_str::<HardshipReport>(&body) else {
            continue;
        };
        let reported_on = china_date(report.reported_at);
        if !(from..=to).contains(&reported_on) {
            continue;
        }
        let (mut opened_on, mut answered_on) = (None, None);
        if let Some(case) = report.case {
            let row: Option<(String, Option<String>)> = sqlx::query_as(
                "SELECT CAST(created_on AS TEXT), CAST(answered_on AS TEXT) \
                 FROM case_projection WHERE case_id = $1",
            )
            .bind(case.0.to_string())
            .fetch_optional(pool)
            .await?;
            if let Some((created, answered)) = row {
                opened_on = day(Some(created));
                answered_on = day(answered);
            }
        }
        out.push(Hardship {
            id: report.id.0,
            place: report.place,
            category: report.category.name_zh().to_owned(),
            reported_on,
            case: report.case.map(|c| c.0),
            opened_on,
            answered_on,
        });
    }
    out.sort_by_key(|h| (h.reported_on, h.id));
    Ok(out)
}

/// The instant a Beijing day starts, in stored form.
fn day_start(d: NaiveDate) -> String {
    let beijing = chrono::FixedOffset::east_opt(8 * 3600).expect("valid offset");
    let at = beijing
        .from_local_datetime(&d.and_time(NaiveTime::MIN))
        .single()
        .expect("a fixed offset has no gaps")
        .with_timezone(&chrono::Utc);
    crate::db::time::to_db(at)
}

/// `(village code, record kind, count)` of the helpers' entrustments, visits and evaluations
/// of the area last written in the period.
pub async fn activity(
    pool: &AnyPool,
    area: &Area,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(String, String, usize)>, ApiError> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT place_code, kind, COUNT(*) FROM records \
         WHERE kind IN ('entrustment', 'visit', 'evaluation') AND place_code LIKE $1 \
         AND COALESCE(made_at, updated_at) >= $2 AND COALESCE(made_at, updated_at) < $3 \
         GROUP BY place_code, kind",
    )
    .bind(area.prefix())
    .bind(day_start(from))
    .bind(day_start(to.succ_opt().unwrap_or(to)))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(place, kind, n)| {
            let village = PlaceCode::parse(&place).ok()?.village()?;
            Some((village.as_str().to_owned(), kind, usize::try_from(n).ok()?))
        })
        .collect())
}

/// Names of the area's places and of every department.
pub async fn names(
    pool: &AnyPool,
    area: &Area,
) -> Result<(HashMap<String, String>, HashMap<String, String>), ApiError> {
    let places: Vec<(String, String)> =
        sqlx::query_as("SELECT code, name_zh FROM places WHERE code LIKE $1")
            .bind(area.prefix())
            .fetch_all(pool)
            .await?;
    let departments: Vec<(String, String)> =
        sqlx::query_as("SELECT code, name_zh FROM departments")
            .fetch_all(pool)
            .await?;
    Ok((
        places.into_iter().collect(),
        departments.into_iter().collect(),
    ))
}

/// Display names of staff accounts.
pub async fn staff_names(
    pool: &AnyPool,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, String>, ApiError> {
    let mut out = HashMap::new();
    for id in ids {
        if out.contains_key(&id) {
            continue;
        }
        let row: Option<(String,)> = sqlx::query_as("SELECT display_name FROM users WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(pool)
            .await?;
        out.insert(id, row.map(|(n,)| n).unwrap_or_default());
    }
    Ok(out)
}
