//! The data checks' reads, turned into the plain inputs of [`domain::checks`]: the county's
//! households (a person listed twice may live in two townships, so the whole county is read
//! and the findings narrowed to the caller's reach afterwards), the approved items of its
//! routed cases, its open cases and their households' authorizations, its villages' helpers,
//! and the cases told their result; with the names the page shows.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use domain::checks::{Authorization, Grant, Listed, OpenCase, Told, VillageStaff};
use domain::household::{Household, Relation};
use domain::jurisdiction::PlaceCode;
use domain::sync::CaseRecord;
use sqlx::AnyPool;

use crate::error::ApiError;
use crate::sync::store::decode;

/// A household, as the page names it.
#[derive(Debug, Clone)]
pub struct HouseholdFacts {
    /// Where it lives.
    pub place: PlaceCode,
    /// Its members: (member id, name, ID number).
    pub members: Vec<(String, String, String)>,
    /// Its applicant's (name, ID number), if it names one.
    pub applicant: Option<(String, String)>,
}

/// A case, as the page links it.
#[derive(Debug, Clone)]
pub struct CaseFacts {
    /// The household.
    pub household: String,
    /// Its township and village codes.
    pub township: Option<String>,
    /// Its village code.
    pub village: Option<String>,
    /// Its 首问负责人, if any.
    pub first_asker: Option<String>,
}

/// A staff member who may follow a finding up.
#[derive(Debug, Clone)]
pub struct Staff {
    /// Their account id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// `window_clerk` or `helper`.
    pub role: String,
    /// Where they are placed.
    pub place: String,
}

/// Everything the checks read, for one county.
#[derive(Debug, Default)]
pub struct Gathered {
    /// Households by id.
    pub households: HashMap<String, HouseholdFacts>,
    /// Cases by id.
    pub cases: HashMap<String, CaseFacts>,
    /// Every member of every household.
    pub listed: Vec<Listed>,
    /// Approved items, granted to their case's applicant.
    pub grants: Vec<Grant>,
    /// Open cases not yet decided.
    pub open: Vec<OpenCase>,
    /// The authorizations of the county's households.
    pub authorizations: Vec<Authorization>,
    /// Cases told their result.
    pub told: Vec<Told>,
    /// Window clerks and helpers of the county.
    pub staff: Vec<Staff>,
    /// The names of the county's places, by code.
    pub place_names: HashMap<String, String>,
    /// Each household's applicant as a recipient: ID number, birth date, disabled.
    recipients: HashMap<String, (String, NaiveDate, bool)>,
}

fn day(s: &str) -> Option<NaiveDate> {
    s.get(..10).and_then(|d| d.parse().ok())
}

type ProjectionLine = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Reads the county's facts.
pub async fn gather(pool: &AnyPool, county: &PlaceCode) -> Result<Gathered, ApiError> {
    let prefix = format!("{}%", county.as_str());
    let mut out = Gathered::default();
    let households: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, body FROM records WHERE kind = 'household' AND place_code LIKE $1",
    )
    .bind(&prefix)
    .fetch_all(pool)
    .await?;
    for (id, body) in households {
        let Ok(h) = decode::<Household>(&body) else {
            continue;
        };
        let township = h.place.township().map(|t| t.as_str().to_owned());
        let members: Vec<(String, String, String)> = h
            .members
            .iter()
            .map(|m| {
                (
                    m.id.to_string(),
                    m.name.expose().to_owned(),
                    m.id_number.expose().to_owned(),
                )
            })
            .collect();
        for (member, _, number) in &members {
            out.listed.push(Listed {
                household: id.clone(),
                member: member.clone(),
                township: township.clone().unwrap_or_default(),
                id_number: number.clone(),
            });
        }
        let applicant = h
            .members
            .iter()
            .find(|m| m.relation == Relation::Applicant)
            .or(h.members.first());
        let facts = HouseholdFacts {
            place: h.place.clone(),
            applicant: applicant
                .map(|m| (m.name.expose().to_owned(), m.id_number.expose().to_owned())),
            members,
        };
        if let Some(m) = applicant {
            out.recipients.insert(
                id.clone(),
                (
                    m.id_number.expose().to_owned(),
                    m.id_number.birth_date(),
                    m.disability.is_some(),
                ),
            );
        }
        out.households.insert(id, facts);
    }
    let lines: Vec<ProjectionLine> = sqlx::query_as(
        "SELECT case_id, household_id, township_code, village_code, first_asker, \
         CAST(routed_on AS TEXT), CAST(decided_on AS TEXT), CAST(told_on AS TEXT), \
         CAST(closed_on AS TEXT), rating FROM case_projection \
         WHERE place_code LIKE $1 AND state <> 'draft'",
    )
    .bind(&prefix)
    .fetch_all(pool)
    .await?;
    let mut routed = HashSet::new();
    for (case, household, township, village, asker, routed_on, decided, told, closed, rating) in
        lines
    {
        if closed.is_none() && decided.is_none() {
            out.open.push(OpenCase {
                case: case.clone(),
                household: household.clone(),
            });
        }
        if let Some(told_on) = told.as_deref().and_then(day) {
            out.told.push(Told {
                case: case.clone(),
                told_on,
                evaluated: rating.is_some(),
            });
        }
        if routed_on.is_some() {
            routed.insert(case.clone());
        }
        out.cases.insert(
            case,
            CaseFacts {
                household,
                township,
                village,
                first_asker: asker,
            },
        );
    }
    grants(pool, &prefix, &routed, &mut out).await?;
    let auths: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT household_id, valid_until, revoked_at FROM authorizations")
            .fetch_all(pool)
            .await?;
    out.authorizations = auths
        .into_iter()
        .filter(|(h, _, _)| out.households.contains_key(h))
        .filter_map(|(household, until, revoked)| {
            Some(Authorization {
                household,
                valid_until: day(&until)?,
                revoked: revoked.is_some(),
            })
        })
        .collect();
    let staff: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT id, display_name, role, place_code FROM users \
         WHERE role IN ('window_clerk', 'helper') AND disabled = $1 AND place_code LIKE $2 \
         ORDER BY display_name",
    )
    .bind(false)
    .bind(&prefix)
    .fetch_all(pool)
    .await?;
    let places: Vec<(String, String)> =
        sqlx::query_as("SELECT code, name_zh FROM places WHERE code LIKE $1")
            .bind(&prefix)
            .fetch_all(pool)
            .await?;
    out.place_names = places.into_iter().collect();
    out.staff = staff
        .into_iter()
        .map(|(id, name, role, place)| Staff {
            id,
            name,
            role,
            place,
        })
        .collect();
    Ok(out)
}

/// The approved items of the routed cases, each granted to its household's applicant.
async fn grants(
    pool: &AnyPool,
    prefix: &str,
    routed: &HashSet<String>,
    out: &mut Gathered,
) -> Result<(), ApiError> {
    let bodies: Vec<(String, String)> =
        sqlx::query_as("SELECT id, body FROM records WHERE kind = 'case' AND place_code LIKE $1")
            .bind(prefix)
            .fetch_all(pool)
            .await?;
    for (id, body) in bodies {
        if !routed.contains(&id) {
            continue;
        }
        let Ok(record) = decode::<CaseRecord>(&body) else {
            continue;
        };
        let household = record.household.to_string();
        let Some((number, birth, disabled)) = out.recipients.get(&household).cloned() else {
            continue;
        };
        for item in record.case.items() {
            if item.decision.as_ref().is_some_and(|d| d.approved.is_some()) {
                out.grants.push(Grant {
                    case: id.clone(),
                    household: household.clone(),
                    item: item.item.as_str().to_owned(),
                    id_number: number.clone(),
                    birth,
                    disabled,
                });
            }
        }
    }
    Ok(())
}

/// The county's villages with their helpers (placed in the village or one of its grids).
pub fn village_staff(villages: &[(PlaceCode, Option<i64>)], staff: &[Staff]) -> Vec<VillageStaff> {
    villages
        .iter()
        .map(|(code, population)| {
            let helpers = staff
                .iter()
                .filter(|s| s.role == "helper")
                .filter(|s| {
                    PlaceCode::parse(&s.place)
                        .ok()
                        .and_then(|p| p.village())
                        .is_some_and(|v| &v == code)
                })
                .count();
            VillageStaff {
                village: code.as_str().to_owned(),
                population: *population,
                helpers: i64::try_from(helpers).unwrap_or(i64::MAX),
            }
        })
        .collect()
}
