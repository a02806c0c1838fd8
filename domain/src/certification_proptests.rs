//! Property tests of the certification rules: over any days and any history of reminders,
//! each reminder goes at most once per period, never to a household not due, and never after
//! the period closed; the status is exactly one of four and agrees with `must_certify`.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use super::*;

fn period() -> Period {
    Period::of_year(2026).unwrap()
}

fn day_of(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 1).unwrap() + Days::new(n)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A job running on any increasing days sends each reminder at most once, in order,
    /// only inside the period and only within its days before the close.
    #[test]
    fn each_reminder_goes_at_most_once(mut days in prop::collection::vec(0u64..420, 0..80)) {
        days.sort_unstable();
        let p = period();
        let mut sent: Vec<Reminder> = Vec::new();
        for n in days {
            let today = day_of(n);
            if let Some(r) = reminder_due(Status::Due, &p, today, &sent) {
                prop_assert!(p.contains(today));
                prop_assert!(r.from_day(&p) <= today);
                prop_assert!(!sent.contains(&r));
                // Never an earlier (farther) reminder after a nearer one.
                prop_assert!(sent.iter().all(|s| s.days_before > r.days_before));
                sent.push(r);
            }
        }
        prop_assert!(sent.len() <= REMINDER_DAYS.len());
    }

    /// Nobody but a household that is due is ever reminded.
    #[test]
    fn only_the_due_are_reminded(n in 0u64..420, which in 0usize..3) {
        let s = [Status::Certified, Status::NotRequired, Status::Overdue][which];
        prop_assert_eq!(reminder_due(s, &period(), day_of(n), &[]), None);
    }

    /// The status agrees with the rule: certified inside the period wins; otherwise required
    /// or not by the grants, due or overdue by the day.
    #[test]
    fn status_agrees_with_the_rules(
        grants in prop::collection::vec((0u64..800, any::<bool>()), 0..5),
        certified in prop::collection::vec(0u64..420, 0..3),
        n in 0u64..420,
    ) {
        let p = period();
        let grants: Vec<Grant> = grants
            .into_iter()
            .map(|(d, monthly)| Grant { approved_on: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Days::new(d), monthly })
            .collect();
        let certified: Vec<NaiveDate> = certified.into_iter().map(day_of).collect();
        let today = day_of(n);
        let s = status(&grants, &certified, &p, today);
        let in_period = certified.iter().any(|d| p.contains(*d));
        match s {
            Status::Certified => prop_assert!(in_period),
            Status::NotRequired => prop_assert!(!in_period && !must_certify(&grants, &p)),
            Status::Due => prop_assert!(!in_period && must_certify(&grants, &p) && today <= p.closes),
            Status::Overdue => prop_assert!(!in_period && must_certify(&grants, &p) && today > p.closes),
        }
    }

    /// A location is kept only with consent, and any description of 1..=500 non-blank
    /// characters is accepted while a blank one never is.
    #[test]
    fn consent_and_description(
        consent in any::<bool>(),
        lat in -90.0f64..90.0, lon in -180.0f64..180.0,
        text in "[a-z变化 ]{0,40}",
    ) {
        let record = CertificationRecord {
            id: CertificationId(uuid::Uuid::from_u128(1)),
            household: crate::ids::HouseholdId(uuid::Uuid::from_u128(2)),
            recipient: crate::ids::MemberId(uuid::Uuid::from_u128(3)),
            year: 2026,
            certified_at: chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap(),
            by: CertifiedBy::Recipient,
            changes: Changes::Changed { description: text.clone() },
            photo: Some(crate::fieldwork::AttachmentRef::parse(&"a".repeat(64)).unwrap()),
            location_consent: consent,
            location: Location::from_degrees(lat, lon),
        };
        let errors = record.validate(chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap());
        prop_assert_eq!(errors.contains(&CertificationError::LocationWithoutConsent), !consent);
        prop_assert_eq!(errors.contains(&CertificationError::DescriptionRequired), text.trim().is_empty());
    }
}
