//! The helper's certification form: the record it makes in the helper's own name, every
//! problem at its field in both languages, the location only with consent; and the
//! households the phone lists as due, leaving the list once certified on the phone.

use domain::fieldwork;
use domain::workflow::AmountPeriod;

use super::*;
use crate::helper_view::fixtures::{case_paid, me, now, today, wang, zhang};
use crate::helper_view::{PhoneRecords, certify_rows};

const PHOTO: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

fn account() -> Account {
    Account {
        user: me().0.to_string(),
        role: "helper".to_owned(),
        ..Account::default()
    }
}

fn filled() -> CertifyDraft {
    CertifyDraft {
        household: wang().id.0.to_string(),
        photos: vec![PHOTO.to_owned()],
        ..CertifyDraft::default()
    }
}

fn id() -> Uuid {
    Uuid::from_u128(4242)
}

#[test]
fn an_unchanged_household_certified_by_the_helper_in_their_own_name() {
    let h = wang();
    let r = filled()
        .to_record(id(), &account(), Some(&h), now())
        .unwrap();
    assert_eq!(r.by, CertifiedBy::Helper { user: me() });
    assert_eq!(r.recipient, h.members[0].id);
    assert_eq!(r.year, 2026);
    assert_eq!(r.changes, Changes::None);
    assert_eq!(
        r.photo.map(|p| p.as_str().to_owned()),
        Some(PHOTO.to_owned())
    );
    assert_eq!(r.location, None);
}

#[test]
fn every_problem_is_at_its_field_in_both_languages() {
    let h = wang();
    let mut d = filled();
    d.photos.clear();
    d.changed = true;
    let found = d.to_record(id(), &account(), Some(&h), now()).unwrap_err();
    assert_eq!(
        found,
        vec![
            CertifyProblem::Rule(CertificationError::DescriptionRequired),
            CertifyProblem::Rule(CertificationError::PhotoRequired),
        ]
    );
    assert_eq!(found[0].field(), "description");
    assert_eq!(found[1].field(), "photo");
    assert_eq!(found[1].message(false), "请给领救助的人拍一张照片。");
    assert!(found[1].message(true).starts_with("Please take a photo"));
    // Another household than the one chosen, or none: at the household.
    let none = filled()
        .to_record(id(), &account(), Some(&zhang()), now())
        .unwrap_err();
    assert_eq!(none, vec![CertifyProblem::Household]);
    assert_eq!(none[0].at_field(true).path, "household");
    let mut typed = filled();
    typed.changed = true;
    typed.description = "  儿子外出打工，每月收入约2000元 ".to_owned();
    let r = typed.to_record(id(), &account(), Some(&h), now()).unwrap();
    assert_eq!(
        r.changes,
        Changes::Changed {
            description: "儿子外出打工，每月收入约2000元".to_owned()
        }
    );
}

#[test]
fn the_location_goes_only_with_consent_and_goes_when_consent_does() {
    let h = wang();
    let mut d = filled();
    d.set_consent(true);
    d.set_location(fieldwork::Location::from_degrees(30.33, 107.35));
    let r = d.to_record(id(), &account(), Some(&h), now()).unwrap();
    assert_eq!(
        r.location,
        Some(Location {
            lat_e6: 30_330_000,
            lon_e6: 107_350_000
        })
    );
    d.set_consent(false);
    assert_eq!(d.location, None);
    d.location = Some(fieldwork::Location::from_degrees(30.33, 107.35));
    let r = d.to_record(id(), &account(), Some(&h), now()).unwrap();
    assert_eq!((r.location_consent, r.location), (false, None));
}

#[test]
fn households_with_a_monthly_aid_are_listed_until_certified_on_the_phone() {
    let (w, z) = (wang(), zhang());
    let mut records = PhoneRecords {
        households: vec![w.clone(), z.clone()],
        cases: vec![
            case_paid(1, &w, me(), 40, 5, AmountPeriod::Monthly),
            // A one-off aid asks for no certification.
            case_paid(2, &z, me(), 40, 5, AmountPeriod::OneOff),
        ],
        ..PhoneRecords::default()
    };
    let rows = certify_rows(&records, today());
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].household, w.id);
    assert_eq!(rows[0].label, "沙坪镇毛家村3组12号 · 王*英");
    assert_eq!(
        (rows[0].year, rows[0].closes.to_string()),
        (2026, "2026-12-31".to_owned())
    );
    let made = filled()
        .to_record(id(), &account(), Some(&w), now())
        .unwrap();
    records.certifications.push(made);
    assert!(certify_rows(&records, today()).is_empty());
}
