//! The helper's "authorization expires" tasks: within 30 days of the last day, or past it
//! while the household has an open case; only the household's latest countersigned,
//! unrevoked authorization counts.

use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::authorization::{
    AuthorizationRecord, AuthorizationSummary, Countersignature, Revocation,
};
use crate::calendar::{Calendar, Urgency};
use crate::household::Household;
use crate::ids::{AuthorizationId, HouseholdId, MemberId, UserId};
use crate::jurisdiction::PlaceCode;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn household(n: u128) -> Household {
    Household {
        id: HouseholdId(Uuid::from_u128(n)),
        place: PlaceCode::parse("500231101201-G01").unwrap(),
        address: "沙坪镇毛家村3组12号".to_owned(),
        members: vec![],
        income: vec![],
        property: vec![],
        housing_damaged: false,
    }
}

fn record(n: u128, household: &Household, until: NaiveDate) -> AuthorizationRecord {
    let at = Utc.with_ymd_and_hms(2026, 1, 5, 2, 0, 0).unwrap();
    AuthorizationRecord {
        id: AuthorizationId(Uuid::from_u128(n)),
        household: household.id,
        text_version: "2026-1".to_owned(),
        text_sha256: String::new(),
        scopes: vec![],
        valid_from: date(2026, 1, 5),
        valid_until: until,
        addendum_to: None,
        members: vec![],
        signatures: vec![],
        collected_by: UserId(Uuid::from_u128(10)),
        signed_at: at,
        countersignature: Some(Countersignature {
            key_id: "k".to_owned(),
            at,
            document_sha256: String::new(),
            signature: String::new(),
        }),
        revocation: None,
    }
}

#[test]
fn an_authorization_expiring_within_30_days_is_a_task_due_on_its_last_day() {
    let cal = Calendar::builtin();
    let (h, later) = (household(1), household(2));
    let records = vec![
        record(11, &h, date(2027, 1, 4)),
        record(12, &later, date(2027, 3, 1)),
    ];
    let today = date(2026, 12, 10);
    let tasks = tasks_of(&[&h, &later], &records, &[], &cal, today);
    assert_eq!(tasks.len(), 1, "{tasks:?}");
    let t = &tasks[0];
    assert_eq!(t.kind, TaskKind::RenewAuthorization);
    assert_eq!(t.subject, TaskSubject::Authorization(records[0].id));
    assert_eq!(t.household, Some(h.id));
    assert_eq!(t.deadline.map(|d| d.value), Some(date(2027, 1, 4)));
    assert!(t.label_zh.contains("2027-01-04"), "{}", t.label_zh);
    assert_ne!(t.urgency, Some(Urgency::Overdue));
    // 31 days before: nothing yet.
    assert!(tasks_of(&[&h], &records, &[], &cal, date(2026, 12, 4)).is_empty());
}

#[test]
fn an_expired_one_is_flagged_only_while_a_case_is_open_and_a_renewal_clears_it() {
    let cal = Calendar::builtin();
    let h = household(1);
    let mut records = vec![record(11, &h, date(2026, 12, 1))];
    let today = date(2026, 12, 10);
    assert!(tasks_of(&[&h], &records, &[], &cal, today).is_empty());
    let tasks = tasks_of(&[&h], &records, &[h.id], &cal, today);
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].urgency, Some(Urgency::Overdue));
    assert!(tasks[0].label_zh.contains("已于"));

    // Signed again: the new one lasts, nothing to do.
    records.push(record(12, &h, date(2027, 12, 9)));
    assert!(tasks_of(&[&h], &records, &[h.id], &cal, today).is_empty());

    // Revoked, uncountersigned or another household's: not counted.
    let mut revoked = record(13, &h, date(2026, 12, 20));
    revoked.revocation = Some(Revocation {
        member: MemberId(Uuid::from_u128(1)),
        recorded_by: UserId(Uuid::from_u128(10)),
        at: Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap(),
        reason: None,
    });
    let mut pending = record(14, &h, date(2026, 12, 20));
    pending.countersignature = None;
    let other = record(15, &household(3), date(2026, 12, 20));
    assert!(tasks_of(&[&h], &[revoked, pending, other], &[], &cal, today).is_empty());
}

#[test]
fn a_withdrawn_one_is_flagged_at_once_for_a_household_with_open_cases() {
    let cal = Calendar::builtin();
    let h = household(1);
    let mut revoked = record(11, &h, date(2027, 12, 1));
    revoked.revocation = Some(Revocation {
        member: MemberId(Uuid::from_u128(1)),
        recorded_by: UserId(Uuid::from_u128(10)),
        at: Utc.with_ymd_and_hms(2026, 12, 5, 0, 0, 0).unwrap(),
        reason: Some("本人撤回".to_owned()),
    });
    let today = date(2026, 12, 10);
    let records = vec![revoked.clone()];
    // No open case: nothing is waiting for it.
    assert!(tasks_of(&[&h], &records, &[], &cal, today).is_empty());
    // Two open cases: one task naming both, due now.
    let tasks = tasks_of(&[&h], &records, &[h.id, h.id], &cal, today);
    assert_eq!(tasks.len(), 1, "{tasks:?}");
    assert_eq!(tasks[0].subject, TaskSubject::Authorization(revoked.id));
    assert_eq!(tasks[0].urgency, Some(Urgency::DueToday));
    assert!(
        tasks[0].label_zh.contains("已被撤回"),
        "{}",
        tasks[0].label_zh
    );
    assert!(tasks[0].label_zh.contains("2 件"), "{}", tasks[0].label_zh);
    // Signed again since: nothing to do.
    let again = record(12, &h, date(2027, 12, 9));
    assert!(tasks_of(&[&h], &[revoked, again], &[h.id], &cal, today).is_empty());
}

/// The tasks of whole records, read as the phone reads them.
fn tasks_of(
    households: &[&Household],
    records: &[AuthorizationRecord],
    open: &[HouseholdId],
    calendar: &crate::calendar::Calendar,
    today: NaiveDate,
) -> Vec<super::Task> {
    let summaries: Vec<AuthorizationSummary> = records
        .iter()
        .map(|r| {
            let json = serde_json::to_value(r).unwrap();
            let read: AuthorizationSummary = serde_json::from_value(json).unwrap();
            assert_eq!(read, AuthorizationSummary::from(r));
            read
        })
        .collect();
    super::authorization_tasks(households, &summaries, open, calendar, today)
}
