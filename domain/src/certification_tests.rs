//! Fixtures of the certification rules: the period, who must certify, the status, the
//! reminders (each once, the nearer one only when first due late) and every refusal.

use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::fieldwork::test_support::{household, member_id, sha};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn period() -> Period {
    Period::of_year(2026).unwrap()
}

fn monthly(on: NaiveDate) -> Grant {
    Grant {
        approved_on: on,
        monthly: true,
    }
}

fn record() -> CertificationRecord {
    CertificationRecord {
        id: CertificationId(Uuid::from_u128(77)),
        household: household().id,
        recipient: member_id(),
        year: 2026,
        certified_at: Utc.with_ymd_and_hms(2026, 12, 6, 2, 0, 0).unwrap(),
        by: CertifiedBy::Recipient,
        changes: Changes::None,
        photo: Some(sha(5)),
        location_consent: false,
        location: None,
    }
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 6, 3, 0, 0).unwrap()
}

#[test]
fn the_period_is_the_calendar_year() {
    let p = period();
    assert_eq!((p.opens, p.closes), (day(1, 1), day(12, 31)));
    assert_eq!(Period::containing(day(7, 4)), p);
    assert!(p.contains(day(1, 1)) && p.contains(day(12, 31)));
    assert!(!p.contains(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()));
}

#[test]
fn only_a_monthly_aid_approved_by_the_close_asks_for_a_certification() {
    assert!(must_certify(&[monthly(day(3, 1))], &period()));
    assert!(must_certify(
        &[monthly(NaiveDate::from_ymd_opt(2024, 5, 1).unwrap())],
        &period()
    ));
    let once = Grant {
        approved_on: day(3, 1),
        monthly: false,
    };
    assert!(!must_certify(&[once], &period()));
    assert!(!must_certify(&[], &period()));
    let next_year = monthly(NaiveDate::from_ymd_opt(2027, 1, 2).unwrap());
    assert!(!must_certify(&[next_year], &period()));
}

#[test]
fn status_by_certification_and_date() {
    let grants = [monthly(day(3, 1))];
    let p = period();
    assert_eq!(status(&grants, &[], &p, day(12, 6)), Status::Due);
    assert_eq!(
        status(&grants, &[day(12, 1)], &p, day(12, 6)),
        Status::Certified
    );
    // Last year's certification does not count for this year.
    let last_year = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
    assert_eq!(status(&grants, &[last_year], &p, day(12, 6)), Status::Due);
    let after = NaiveDate::from_ymd_opt(2027, 1, 3).unwrap();
    assert_eq!(status(&grants, &[], &p, after), Status::Overdue);
    assert_eq!(status(&[], &[], &p, day(12, 6)), Status::NotRequired);
}

#[test]
fn reminders_thirty_then_seven_days_before_the_close_once_each() {
    let p = period();
    let d30 = Reminder { days_before: 30 };
    let d7 = Reminder { days_before: 7 };
    assert_eq!(reminder_due(Status::Due, &p, day(11, 30), &[]), None);
    assert_eq!(reminder_due(Status::Due, &p, day(12, 1), &[]), Some(d30));
    assert_eq!(reminder_due(Status::Due, &p, day(12, 6), &[d30]), None);
    assert_eq!(reminder_due(Status::Due, &p, day(12, 24), &[d30]), Some(d7));
    assert_eq!(reminder_due(Status::Due, &p, day(12, 30), &[d30, d7]), None);
    // First due late: only the nearer one, and the earlier one never after it.
    assert_eq!(reminder_due(Status::Due, &p, day(12, 28), &[]), Some(d7));
    assert_eq!(reminder_due(Status::Due, &p, day(12, 29), &[d7]), None);
    // Nobody is reminded who need not, or did, certify.
    for s in [Status::Certified, Status::NotRequired, Status::Overdue] {
        assert_eq!(reminder_due(s, &p, day(12, 24), &[]), None);
    }
    assert_eq!(d30.code(), "d30");
}

#[test]
fn an_unchanged_certification_with_a_photo_passes() {
    assert_eq!(record().validate(now()), vec![]);
    assert_eq!(record().check_household(&household()), Ok(()));
}

#[test]
fn what_changed_must_be_said_and_be_short() {
    let mut r = record();
    r.changes = Changes::Changed {
        description: "  ".to_owned(),
    };
    assert_eq!(
        r.validate(now()),
        vec![CertificationError::DescriptionRequired]
    );
    r.changes = Changes::Changed {
        description: "字".repeat(MAX_CHANGES_CHARS + 1),
    };
    assert_eq!(
        r.validate(now()),
        vec![CertificationError::DescriptionTooLong]
    );
    r.changes = Changes::Changed {
        description: "儿子去年出去打工了".to_owned(),
    };
    assert_eq!(r.validate(now()), vec![]);
}

#[test]
fn a_photo_is_required_and_a_location_only_with_consent() {
    let mut r = record();
    r.photo = None;
    assert_eq!(r.validate(now()), vec![CertificationError::PhotoRequired]);
    let mut r = record();
    r.location = Location::from_degrees(30.03, 107.35);
    assert_eq!(
        r.validate(now()),
        vec![CertificationError::LocationWithoutConsent]
    );
    r.location_consent = true;
    assert_eq!(r.validate(now()), vec![]);
    assert_eq!(Location::from_degrees(91.0, 0.0), None);
    assert_eq!(Location::from_degrees(f64::NAN, 0.0), None);
}

#[test]
fn the_year_and_the_time_must_be_right() {
    let mut r = record();
    r.year = 2025;
    assert_eq!(r.validate(now()), vec![CertificationError::WrongPeriod]);
    let mut r = record();
    r.certified_at = now() + chrono::Duration::hours(1);
    assert_eq!(r.validate(now()), vec![CertificationError::InFuture]);
    // 31 December 20:00 UTC is already 1 January in China: next year's period.
    let mut r = record();
    r.certified_at = Utc.with_ymd_and_hms(2026, 12, 31, 20, 0, 0).unwrap();
    assert_eq!(
        r.validate(Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap()),
        vec![CertificationError::WrongPeriod]
    );
    assert_eq!(CertificationError::WrongPeriod.field(), "form");
}

#[test]
fn a_guardian_is_another_member_of_the_household() {
    let mut h = household();
    let mut son = h.members[0].clone();
    son.id = crate::ids::MemberId(Uuid::from_u128(2));
    h.members.push(son.clone());
    let mut r = record();
    r.by = CertifiedBy::Guardian { member: son.id };
    assert_eq!(r.check_household(&h), Ok(()));
    r.by = CertifiedBy::Guardian {
        member: member_id(),
    };
    assert_eq!(r.check_household(&h), Err(CertificationError::NotAMember));
    r.by = CertifiedBy::Guardian {
        member: crate::ids::MemberId(Uuid::from_u128(99)),
    };
    assert_eq!(r.check_household(&h), Err(CertificationError::NotAMember));
    let mut r = record();
    r.household = crate::ids::HouseholdId(Uuid::from_u128(1234));
    assert_eq!(r.check_household(&h), Err(CertificationError::NotAMember));
    let mut r = record();
    r.by = CertifiedBy::Helper {
        user: crate::fieldwork::test_support::helper(),
    };
    assert_eq!(r.check_household(&h), Ok(()));
}

#[test]
fn every_error_has_a_field_and_both_languages() {
    use CertificationError::*;
    for e in [
        DescriptionRequired,
        DescriptionTooLong,
        PhotoRequired,
        LocationWithoutConsent,
        WrongPeriod,
        InFuture,
        NotAMember,
    ] {
        assert!(!e.field().is_empty() && !e.message_zh().is_empty() && !e.message_en().is_empty());
    }
    for s in Status::ALL {
        assert!(!s.code().is_empty() && !s.name_zh().is_empty() && !s.name_en().is_empty());
    }
}
