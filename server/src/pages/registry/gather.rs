//! The registry's reads, turned into the plain inputs of [`domain::registry`]: the approved
//! items of the county's decided cases (with their household's applicant and size), the
//! imported roster rows and the reviews done (`records` of kind `registry`), the names of the
//! places and of the staff who follow reviews up.

use std::collections::HashMap;

use chrono::NaiveDate;
use domain::clocks::china_date;
use domain::household::{Household, Relation};
use domain::jurisdiction::PlaceCode;
use domain::registry::{Entry, Grant, RegistryRecord, RosterEntry, entries_from_grants};
use domain::sync::CaseRecord;
use sqlx::AnyPool;

use crate::error::ApiError;
use crate::sync::store::decode;

/// A review done, as the page shows it.
#[derive(Debug, Clone)]
pub struct Done {
    /// The entry's key.
    pub key: String,
    /// When.
    pub on: NaiveDate,
    /// Who (their name).
    pub by: String,
    /// The note.
    pub note: String,
}

/// Everything the registry reads, for one county.
#[derive(Debug, Default)]
pub struct Gathered {
    /// Every entry (cases and imported rows).
    pub entries: Vec<Entry>,
    /// The imported rows, for the import's duplicate check.
    pub roster: Vec<RosterEntry>,
    /// Every review done.
    pub done: Vec<Done>,
    /// The county's place names by code.
    pub place_names: HashMap<String, String>,
    /// Each township's window clerks' names (who follows reviews up).
    pub clerks: HashMap<String, Vec<String>>,
}

fn day(s: &str) -> Option<NaiveDate> {
    s.get(..10).and_then(|d| d.parse().ok())
}

/// Reads the county's registry.
pub async fn gather(pool: &AnyPool, county: &PlaceCode) -> Result<Gathered, ApiError> {
    let prefix = format!("{}%", county.as_str());
    let mut out = Gathered::default();
    let households: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, body FROM records WHERE kind = 'household' AND place_code LIKE $1",
    )
    .bind(&prefix)
    .fetch_all(pool)
    .await?;
    let mut homes: HashMap<String, Household> = HashMap::new();
    for (id, body) in households {
        if let Ok(h) = decode::<Household>(&body) {
            homes.insert(id, h);
        }
    }
    let applied: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT case_id, CAST(created_on AS TEXT), CAST(submitted_on AS TEXT) \
         FROM case_projection \
         WHERE place_code LIKE $1 AND decided_on IS NOT NULL",
    )
    .bind(&prefix)
    .fetch_all(pool)
    .await?;
    let applied: HashMap<String, NaiveDate> = applied
        .into_iter()
        .filter_map(|(case, created, submitted)| {
            Some((case, day(submitted.as_deref().unwrap_or(&created))?))
        })
        .collect();
    let cases: Vec<(String, String)> =
        sqlx::query_as("SELECT id, body FROM records WHERE kind = 'case' AND place_code LIKE $1")
            .bind(&prefix)
            .fetch_all(pool)
            .await?;
    let mut grants = Vec::new();
    for (id, body) in cases {
        let Some(applied_on) = applied.get(&id).copied() else {
            continue;
        };
        let Ok(record) = decode::<CaseRecord>(&body) else {
            continue;
        };
        let household = record.household.to_string();
        let Some(home) = homes.get(&household) else {
            continue;
        };
        let head = home
            .members
            .iter()
            .find(|m| m.relation == Relation::Applicant)
            .or(home.members.first());
        let Some(head) = head else { continue };
        for item in record.case.items() {
            let Some(decision) = &item.decision else {
                continue;
            };
            let Some(amount) = decision.approved else {
                continue;
            };
            grants.push(Grant {
                case: id.clone(),
                household: household.clone(),
                item: item.item.as_str().to_owned(),
                township: home
                    .place
                    .township()
                    .map(|t| t.as_str().to_owned())
                    .unwrap_or_default(),
                village: home
                    .place
                    .village()
                    .map(|v| v.as_str().to_owned())
                    .unwrap_or_default(),
                head_name: head.name.expose().to_owned(),
                head_id: head.id_number.expose().to_owned(),
                members: u32::try_from(home.members.len()).unwrap_or(u32::MAX),
                fen: amount.fen,
                monthly: amount.period == domain::workflow::AmountPeriod::Monthly,
                applied_on,
                decided_on: china_date(decision.decided_at),
            });
        }
    }
    out.entries = entries_from_grants(&grants);
    let names: Vec<(String, String)> =
        sqlx::query_as("SELECT id, display_name FROM users WHERE place_code LIKE $1")
            .bind(&prefix)
            .fetch_all(pool)
            .await?;
    let names: HashMap<String, String> = names.into_iter().collect();
    let records: Vec<(String,)> =
        sqlx::query_as("SELECT body FROM records WHERE kind = 'registry' AND place_code LIKE $1")
            .bind(&prefix)
            .fetch_all(pool)
            .await?;
    for (body,) in records {
        match decode::<RegistryRecord>(&body) {
            Ok(RegistryRecord::Roster(r)) => {
                out.entries.push(r.entry());
                out.roster.push(r);
            }
            Ok(RegistryRecord::Review(r)) => out.done.push(Done {
                key: r.entry,
                on: r.reviewed_on,
                by: names.get(&r.by.to_string()).cloned().unwrap_or_default(),
                note: r.note,
            }),
            Err(_) => {}
        }
    }
    out.entries
        .sort_by(|a, b| (&a.township, &a.village, &a.key).cmp(&(&b.township, &b.village, &b.key)));
    let places: Vec<(String, String)> =
        sqlx::query_as("SELECT code, name_zh FROM places WHERE code LIKE $1")
            .bind(&prefix)
            .fetch_all(pool)
            .await?;
    out.place_names = places.into_iter().collect();
    let clerks: Vec<(String, String)> = sqlx::query_as(
        "SELECT display_name, place_code FROM users \
         WHERE role = 'window_clerk' AND disabled = $1 AND place_code LIKE $2 ORDER BY display_name",
    )
    .bind(false)
    .bind(&prefix)
    .fetch_all(pool)
    .await?;
    for (name, place) in clerks {
        out.clerks.entry(place).or_default().push(name);
    }
    Ok(out)
}
