//! Who is still to certify: fixtures (a monthly aid, a one-off, a denial, certified this year,
//! last year, a household without members) and a property over any mix of them.

use chrono::{NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use uuid::Uuid;

use super::*;
use crate::certification::{CertificationId, CertifiedBy, Changes};
use crate::fieldwork::test_support::{household, sha};
use crate::ids::HouseholdId;
use crate::role::Role;
use crate::workflow::test_support::{World, civil, deny, dibao, medical, medsec};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
}

/// Household `n`, its applicant the fixture's 王秀英 (member ids are per household here).
fn home(n: u128) -> Household {
    let mut h = household();
    h.id = HouseholdId(Uuid::from_u128(1000 + n));
    h
}

/// A case of `household`: 低保 approved monthly (and medical aid), or both denied.
fn case(household: &Household, approved: bool) -> CaseRecord {
    let w = if approved {
        World::decided()
    } else {
        let mut w = World::verified_and_routed();
        w.ok(deny(dibao(), civil()), Role::DepartmentOfficer)
            .ok(deny(medical(), medsec()), Role::DepartmentOfficer);
        w
    };
    CaseRecord {
        household: household.id,
        case: w.case,
        events: w.events,
    }
}

fn certified(household: &Household, year: i32) -> CertificationRecord {
    CertificationRecord {
        id: CertificationId(Uuid::from_u128(5000 + year as u128)),
        household: household.id,
        recipient: household.members[0].id,
        year,
        certified_at: Utc.with_ymd_and_hms(year, 3, 2, 2, 0, 0).unwrap(),
        by: CertifiedBy::Recipient,
        changes: Changes::None,
        photo: Some(sha(1)),
        location_consent: false,
        location: None,
    }
}

#[test]
fn a_monthly_aid_makes_a_household_due_until_it_certifies_this_year() {
    let (a, b, c, d) = (home(1), home(2), home(3), home(4));
    let cases = [
        case(&a, true),
        case(&b, false),
        case(&c, true),
        case(&d, true),
    ];
    // c certified this year; d only last year.
    let certs = [certified(&c, 2026), certified(&d, 2025)];
    let due = to_certify(&[a.clone(), b, c, d.clone()], &cases, &certs, today());
    let ids: Vec<HouseholdId> = due.iter().map(|t| t.household).collect();
    assert_eq!(ids, vec![a.id, d.id]);
    assert!(due.iter().all(|t| t.period.year == 2026));
}

#[test]
fn a_household_without_cases_or_members_is_not_listed() {
    let a = home(1);
    let mut empty = home(2);
    empty.members.clear();
    let cases = [case(&empty, true)];
    assert!(to_certify(&[a, empty], &cases, &[], today()).is_empty());
}

#[test]
fn grants_are_the_approved_items_with_their_period() {
    let a = home(1);
    let grants = grants_of(&case(&a, true));
    assert_eq!(grants.len(), 2);
    assert!(grants.iter().all(|g| g.monthly));
    assert!(grants_of(&case(&a, false)).is_empty());
}

#[test]
fn the_recipient_is_the_applicant_or_the_first_member() {
    let mut h = home(1);
    assert_eq!(recipient_of(&h).map(|m| m.id), Some(h.members[0].id));
    let mut other = h.members[0].clone();
    other.id = crate::ids::MemberId(Uuid::from_u128(77));
    other.relation = crate::household::Relation::Spouse;
    h.members.insert(0, other.clone());
    assert_eq!(recipient_of(&h).map(|m| m.id), Some(h.members[1].id));
    h.members.remove(1);
    assert_eq!(recipient_of(&h).map(|m| m.id), Some(other.id));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A household is listed exactly when it has an approved case and no certification of
    /// this year, whatever the mix; once certified (even a moment ago on the phone), never.
    #[test]
    fn listed_exactly_when_due(
        mix in prop::collection::vec((any::<bool>(), any::<bool>(), 0u8..3), 0..8),
    ) {
        let households: Vec<Household> = (0..mix.len() as u128).map(home).collect();
        let mut cases = Vec::new();
        let mut certs = Vec::new();
        for (h, (has_case, approved, cert)) in households.iter().zip(&mix) {
            if *has_case {
                cases.push(case(h, *approved));
            }
            match cert {
                1 => certs.push(certified(h, 2026)),
                2 => certs.push(certified(h, 2025)),
                _ => {}
            }
        }
        let due = to_certify(&households, &cases, &certs, today());
        for (h, (has_case, approved, cert)) in households.iter().zip(&mix) {
            let expected = *has_case && *approved && *cert != 1;
            prop_assert_eq!(due.iter().any(|t| t.household == h.id), expected);
        }
        let mut all = certs.clone();
        all.extend(due.iter().map(|t| {
            let h = households.iter().find(|h| h.id == t.household).unwrap();
            certified(h, 2026)
        }));
        prop_assert!(to_certify(&households, &cases, &all, today()).is_empty());
    }
}
