//! The helper ledger's inputs from the phone: the villages to pick from, the quarters, and the
//! rows of one village and period (domain::ledger builds them).

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use domain::calendar::{Calendar, CalendarError};
use domain::catalogue::Catalogue;
use domain::ids::UserId;
use domain::jurisdiction::PlaceCode;
use domain::ledger::{Entrustment, LedgerRow, Period, QuarterReport, helper_ledger};

use super::PhoneRecords;
use crate::records::{HelperName, PlaceInfo};

/// A village (or community) the helper's households live in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Village {
    /// Its code.
    pub code: PlaceCode,
    /// Its name: from the places the phone keeps (`/api/places`), else as the households'
    /// addresses give it (written as 镇 + 村 + 组 + 号), when they do.
    pub name: Option<String>,
}

/// The villages of the households on the phone, by code, named from `places` where they
/// are among them.
pub fn villages(records: &PhoneRecords, places: &[PlaceInfo]) -> Vec<Village> {
    let mut found = villages_by_address(records);
    for v in &mut found {
        if let Some(p) = places.iter().find(|p| p.code == v.code.as_str()) {
            v.name = Some(p.name_zh.clone());
        }
    }
    found
}

/// The villages of the households on the phone, named as their addresses say.
fn villages_by_address(records: &PhoneRecords) -> Vec<Village> {
    let mut names: BTreeMap<PlaceCode, BTreeMap<String, usize>> = BTreeMap::new();
    for h in &records.households {
        let Some(code) = h.place.village() else {
            continue;
        };
        let guesses = names.entry(code).or_default();
        if let Some(name) = village_name_from_address(&h.address) {
            *guesses.entry(name).or_default() += 1;
        }
    }
    names
        .into_iter()
        .map(|(code, guesses)| Village {
            code,
            // The name most addresses agree on (the first by order on a tie).
            name: guesses
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(name, _)| name),
        })
        .collect()
}

/// The village's name in an address such as 沙坪镇毛家村3组12号 or 桂溪街道东门社区和平路8号:
/// what follows the township, up to 村 or 社区.
pub fn village_name_from_address(address: &str) -> Option<String> {
    let address = address.trim();
    let rest = ["街道", "镇", "乡"]
        .iter()
        .find_map(|t| address.find(t).map(|i| &address[i + t.len()..]))
        .unwrap_or(address);
    let end = ["社区", "村"]
        .iter()
        .filter_map(|m| rest.find(m).map(|i| i + m.len()))
        .min()?;
    let name = &rest[..end];
    (name.chars().count() > 1 && !["社区", "村"].contains(&name)).then(|| name.to_owned())
}

/// The quarters a ledger may cover: the current year's up to today's, then all of last
/// year's, newest first.
pub fn quarters(today: NaiveDate) -> Vec<QuarterReport> {
    let now = QuarterReport::of(today);
    let mut q = QuarterReport {
        year: now.year - 1,
        quarter: 1,
    };
    let mut out = Vec::new();
    while q != now.next() {
        out.push(q);
        q = q.next();
    }
    out.reverse();
    out
}

/// Who the ledger names: the signed-in helper, from the account, and the township's other
/// helpers the phone was told of with its places.
#[derive(Debug, Clone, Copy)]
pub struct HelperNames<'a> {
    /// The signed-in helper.
    pub me: UserId,
    /// The signed-in helper's name.
    pub my_name: &'a str,
    /// The township's helpers (`GET /api/places`).
    pub known: &'a [HelperName],
}

/// The name the ledger shows for the helper of an entrustment: the signed-in helper's own
/// name; another helper's as the server told it; for a helper the phone was never told of
/// (another township's, or places not fetched since), the start of the account's id.
pub fn helper_name_of(helper: UserId, names: HelperNames<'_>) -> String {
    if helper == names.me {
        return names.my_name.to_owned();
    }
    let id = helper.to_string();
    match names.known.iter().find(|h| h.id == id) {
        Some(h) => h.name.clone(),
        None => id.chars().take(8).collect(),
    }
}

/// The ledger of `village` for `period`: every entrustment on the phone (whoever's) taken in
/// the period whose household lies there, one row per case it opened, or one row of its own
/// while it has none on the phone (not applied for yet, or ended before).
pub fn ledger_rows(
    records: &PhoneRecords,
    village: &PlaceCode,
    period: Period,
    names: HelperNames<'_>,
    catalogue: &Catalogue,
    calendar: &Calendar,
) -> Result<Vec<LedgerRow>, CalendarError> {
    let names: Vec<String> = records
        .entrustments
        .iter()
        .map(|e| helper_name_of(e.helper, names))
        .collect();
    let mut seen = HashSet::new();
    let mut entries = Vec::new();
    for (e, name) in records.entrustments.iter().zip(&names) {
        let Some(h) = records.household(e.household) else {
            continue;
        };
        let cases: Vec<_> = e.cases.iter().filter_map(|id| records.case(*id)).collect();
        if cases.is_empty() {
            entries.extend(Entrustment::from_record(e, None, &h.place, name));
        }
        for c in cases {
            let Some(home) = records.household(c.household) else {
                continue;
            };
            if seen.insert(c.case.id())
                && let Some(entry) = Entrustment::from_record(e, Some(&c.case), &home.place, name)
            {
                entries.push(entry);
            }
        }
    }
    helper_ledger(&entries, village, period, catalogue, calendar)
}
