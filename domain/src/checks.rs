//! Data checks (疑点比对, issue 21 point 4): the suspicious cases a county or a township lists
//! for follow-up. Each check is a pure function over plain inputs (what the server reads from
//! its tables), so that it finds exactly the planted cases in a test and nothing else:
//!
//! - [`duplicate_ids`]: the same ID number in two households (and so possibly two townships);
//! - [`exclusive_aids`]: one person granted two aids that exclude each other ([`EXCLUSIVE`]);
//! - [`outside_item_rules`]: a recipient past the age or status an item allows ([`ITEM_RULES`]);
//! - [`lapsed_authorizations`]: an open case whose household's authorization expired or was
//!   revoked, with no valid one left;
//! - [`short_of_helpers`]: a village without enough helpers ([`helpers_required`]);
//! - [`unevaluated`]: a case told its result [`EVALUATION_WITHIN_DAYS`] days ago or more and
//!   still not evaluated.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::jurisdiction::helpers_required;

pub use crate::checks_rules::{EXCLUSIVE, ITEM_RULES, ItemRule, rule_for};

/// The six checks, in the order the page lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// The same ID number in two households or two townships.
    DuplicateId,
    /// One person granted two aids that exclude each other.
    ExclusiveAids,
    /// A recipient past the age or status an item allows.
    OutsideItemRule,
    /// An open case whose authorization expired or was revoked.
    LapsedAuthorization,
    /// A village without enough helpers.
    ShortOfHelpers,
    /// A case without an evaluation 30 days after its result.
    NoEvaluation,
}

impl CheckKind {
    /// Every check, in the page's order.
    pub const ALL: [CheckKind; 6] = [
        CheckKind::DuplicateId,
        CheckKind::ExclusiveAids,
        CheckKind::OutsideItemRule,
        CheckKind::LapsedAuthorization,
        CheckKind::ShortOfHelpers,
        CheckKind::NoEvaluation,
    ];

    /// Stable code (keys, anchors, exports).
    pub fn code(self) -> &'static str {
        match self {
            CheckKind::DuplicateId => "duplicate_id",
            CheckKind::ExclusiveAids => "exclusive_aids",
            CheckKind::OutsideItemRule => "item_rule",
            CheckKind::LapsedAuthorization => "authorization",
            CheckKind::ShortOfHelpers => "helpers",
            CheckKind::NoEvaluation => "evaluation",
        }
    }

    /// The check by its code.
    pub fn from_code(code: &str) -> Option<CheckKind> {
        CheckKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            CheckKind::DuplicateId => "同一身份证号在两个家庭或两个乡镇",
            CheckKind::ExclusiveAids => "同一人享受相互排斥的两项救助",
            CheckKind::OutsideItemRule => "救助对象不符合事项的年龄或身份条件",
            CheckKind::LapsedAuthorization => "在办案件的核对授权已过期或已撤回",
            CheckKind::ShortOfHelpers => "村（社区）帮办代办员配备不足",
            CheckKind::NoEvaluation => "结果告知满 30 日仍未评价",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            CheckKind::DuplicateId => "Same ID number in two households or townships",
            CheckKind::ExclusiveAids => "One person receiving two aids that exclude each other",
            CheckKind::OutsideItemRule => "Recipient outside an item's age or status",
            CheckKind::LapsedAuthorization => {
                "Open case whose authorization expired or was revoked"
            }
            CheckKind::ShortOfHelpers => "Village without enough helpers",
            CheckKind::NoEvaluation => "No evaluation 30 days after the result",
        }
    }
}

/// A person as one household lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The household.
    pub household: String,
    /// The member's id within it.
    pub member: String,
    /// The household's township code (empty when placed above one).
    pub township: String,
    /// The ID number as written.
    pub id_number: String,
}

/// One ID number listed in more than one household.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateId {
    /// The ID number.
    pub id_number: String,
    /// Every (household, member) listing it, sorted.
    pub listings: Vec<(String, String)>,
    /// The townships of those households, sorted, each once.
    pub townships: Vec<String>,
}

/// The ID numbers listed in two or more households (one household listing a number twice is
/// the household form's own error, not this check's).
pub fn duplicate_ids(listed: &[Listed]) -> Vec<DuplicateId> {
    let mut by_id: BTreeMap<&str, Vec<&Listed>> = BTreeMap::new();
    for l in listed {
        by_id.entry(l.id_number.as_str()).or_default().push(l);
    }
    by_id
        .into_iter()
        .filter_map(|(id, ls)| {
            let households: BTreeSet<&str> = ls.iter().map(|l| l.household.as_str()).collect();
            if households.len() < 2 {
                return None;
            }
            let mut listings: Vec<(String, String)> = ls
                .iter()
                .map(|l| (l.household.clone(), l.member.clone()))
                .collect();
            listings.sort();
            let townships: BTreeSet<String> = ls.iter().map(|l| l.township.clone()).collect();
            Some(DuplicateId {
                id_number: id.to_owned(),
                listings,
                townships: townships.into_iter().collect(),
            })
        })
        .collect()
}

/// An item approved in a case, with the person it was granted to (the case's applicant).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The case.
    pub case: String,
    /// The household.
    pub household: String,
    /// The item's code.
    pub item: String,
    /// The recipient's ID number.
    pub id_number: String,
    /// The recipient's birth date (from the ID number).
    pub birth: NaiveDate,
    /// Whether the recipient holds a disability grade.
    pub disabled: bool,
}

/// One person granted two items that exclude each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExclusiveAid {
    /// The person's ID number.
    pub id_number: String,
    /// The two items, as [`EXCLUSIVE`] lists them.
    pub items: (&'static str, &'static str),
    /// The grant of the first item and the grant of the second.
    pub grants: (Grant, Grant),
}

/// Every person granted both items of a pair in [`EXCLUSIVE`] (one finding per person and
/// pair, naming the earliest-listed grant of each).
pub fn exclusive_aids(grants: &[Grant]) -> Vec<ExclusiveAid> {
    let mut by_person: BTreeMap<&str, Vec<&Grant>> = BTreeMap::new();
    for g in grants {
        by_person.entry(g.id_number.as_str()).or_default().push(g);
    }
    let mut out = Vec::new();
    for (id, gs) in by_person {
        for (a, b, _) in EXCLUSIVE {
            let first = gs.iter().find(|g| g.item == *a);
            let second = gs.iter().find(|g| g.item == *b);
            if let (Some(x), Some(y)) = (first, second) {
                out.push(ExclusiveAid {
                    id_number: id.to_owned(),
                    items: (a, b),
                    grants: ((*x).clone(), (*y).clone()),
                });
            }
        }
    }
    out
}

/// A grant outside its item's rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsideRule {
    /// The grant.
    pub grant: Grant,
    /// The recipient's age today.
    pub age: i64,
    /// The rule it breaks.
    pub rule: &'static ItemRule,
}

/// Age in whole years on `today` of someone born on `birth`.
pub fn age_on(birth: NaiveDate, today: NaiveDate) -> i64 {
    use chrono::Datelike;
    let mut age = i64::from(today.year() - birth.year());
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// The grants whose recipient, today, is past the age or status their item allows.
pub fn outside_item_rules(grants: &[Grant], today: NaiveDate) -> Vec<OutsideRule> {
    grants
        .iter()
        .filter_map(|g| {
            let rule = rule_for(&g.item)?;
            let age = age_on(g.birth, today);
            (!rule.allows(age, g.disabled)).then(|| OutsideRule {
                grant: g.clone(),
                age,
                rule,
            })
        })
        .collect()
}

/// An open case of a household.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenCase {
    /// The case.
    pub case: String,
    /// Its household.
    pub household: String,
}

/// One countersigned verification authorization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    /// The household it covers.
    pub household: String,
    /// Its last valid day.
    pub valid_until: NaiveDate,
    /// Whether it was revoked.
    pub revoked: bool,
}

/// Why a household's authorization no longer serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lapse {
    /// The latest one was revoked.
    Revoked,
    /// The latest one ran out on this day.
    Expired(NaiveDate),
}

/// An open case whose household had an authorization and has no valid one now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LapsedAuthorization {
    /// The case.
    pub case: OpenCase,
    /// Why.
    pub lapse: Lapse,
}

/// The open cases whose household's authorizations are all revoked or past their last day
/// (a household that never signed one is the intake's business, not a lapse).
pub fn lapsed_authorizations(
    open: &[OpenCase],
    authorizations: &[Authorization],
    today: NaiveDate,
) -> Vec<LapsedAuthorization> {
    let mut by_household: BTreeMap<&str, Vec<&Authorization>> = BTreeMap::new();
    for a in authorizations {
        by_household
            .entry(a.household.as_str())
            .or_default()
            .push(a);
    }
    open.iter()
        .filter_map(|c| {
            let auths = by_household.get(c.household.as_str())?;
            if auths.iter().any(|a| !a.revoked && a.valid_until >= today) {
                return None;
            }
            let latest = auths.iter().max_by_key(|a| (a.valid_until, !a.revoked))?;
            let lapse = if latest.revoked {
                Lapse::Revoked
            } else {
                Lapse::Expired(latest.valid_until)
            };
            Some(LapsedAuthorization {
                case: c.clone(),
                lapse,
            })
        })
        .collect()
}

/// A village's helpers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VillageStaff {
    /// The village's code.
    pub village: String,
    /// Its registered population, if known.
    pub population: Option<i64>,
    /// Helpers placed in it or its grids.
    pub helpers: i64,
}

/// A village short of helpers: how many it needs ([`helpers_required`]: at least one, two
/// over 1,000 people; seed 000 二(二), seed 001 五).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortfall {
    /// The village.
    pub village: VillageStaff,
    /// Helpers it needs.
    pub required: i64,
}

/// The villages with fewer helpers than they need.
pub fn short_of_helpers(villages: &[VillageStaff]) -> Vec<Shortfall> {
    villages
        .iter()
        .filter_map(|v| {
            let required = helpers_required(v.population);
            (v.helpers < required).then(|| Shortfall {
                village: v.clone(),
                required,
            })
        })
        .collect()
}

/// Days after the result is told by which the applicant's evaluation is expected (local
/// default, to be confirmed: issue 21 point 4 names 30 days; the seeds ask for an evaluation
/// after feedback, 乌海 附件1 流程 6, without a number).
pub const EVALUATION_WITHIN_DAYS: i64 = 30;

/// A case told its result, with whether it was evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Told {
    /// The case.
    pub case: String,
    /// The day the result was told.
    pub told_on: NaiveDate,
    /// Whether the applicant has evaluated it.
    pub evaluated: bool,
}

/// A case still without an evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unevaluated {
    /// The case.
    pub told: Told,
    /// Natural days since the result was told.
    pub days: i64,
}

/// The cases told [`EVALUATION_WITHIN_DAYS`] or more natural days ago and not evaluated.
pub fn unevaluated(told: &[Told], today: NaiveDate) -> Vec<Unevaluated> {
    told.iter()
        .filter(|t| !t.evaluated)
        .filter_map(|t| {
            let days = (today - t.told_on).num_days();
            (days >= EVALUATION_WITHIN_DAYS).then(|| Unevaluated {
                told: t.clone(),
                days,
            })
        })
        .collect()
}

#[cfg(test)]
#[path = "checks_proptests.rs"]
mod proptests;
#[cfg(test)]
#[path = "checks_tests.rs"]
mod tests;
