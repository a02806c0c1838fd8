//! Property tests of the materials checklist: any checklist survives JSON unchanged and
//! validates without panicking, its errors naming a field of the checklist; a checklist filled in from `required_for`, whatever the
//! household, the items and the status of each material, is valid and lists exactly its
//! missing materials; and one with some required entries never made, completed, is valid
//! again and its notice asks every photographable material by photo.

use chrono::NaiveDate;
use proptest::prelude::*;
use uuid::Uuid;

use super::test_support::{at, household, now, sha};
use super::*;
use crate::catalogue::{AidItemCode, Catalogue, MaterialCode};
use crate::household::{DisabilityGrade, Employment, Health, Household, Member, Relation};
use crate::identity::{IdNumber, PersonName};
use crate::ids::{CaseId, HouseholdId, MemberId, UserId};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 11, 15).unwrap()
}

/// Adults and children (one just 18 on `today`).
const ID_NUMBERS: [&str; 5] = [
    "500231199001010038",
    "50023120100520004X",
    "500231197511110056",
    "500231202008080068",
    "500231200501010072",
];

fn member() -> impl Strategy<Value = Member> {
    let health = prop::sample::select(vec![
        Health::Healthy,
        Health::ChronicIllness,
        Health::SeriousIllness,
    ]);
    let employment = prop::sample::select(vec![
        Employment::Farming,
        Employment::Unemployed,
        Employment::Student,
    ]);
    (
        any::<u64>(),
        prop::sample::select(ID_NUMBERS.to_vec()),
        health,
        employment,
        any::<bool>(),
    )
        .prop_map(|(id, number, health, employment, disabled)| Member {
            id: MemberId(Uuid::from_u128(u128::from(id) + 100)),
            name: PersonName::parse("陈德华").unwrap(),
            id_number: IdNumber::parse(number, today()).unwrap(),
            relation: Relation::OtherCohabitant,
            disability: disabled.then_some(DisabilityGrade::Grade2),
            health,
            employment,
            phone: None,
        })
}

fn family() -> impl Strategy<Value = Household> {
    (prop::collection::vec(member(), 0..4), any::<bool>()).prop_map(|(more, damaged)| {
        let mut h = household();
        h.members.extend(more);
        h.housing_damaged = damaged;
        h
    })
}

fn items() -> impl Strategy<Value = Vec<AidItemCode>> {
    let codes: Vec<AidItemCode> = Catalogue::builtin()
        .items()
        .iter()
        .map(|i| i.code.clone())
        .collect();
    prop::sample::subsequence(codes.clone(), 0..=codes.len())
}

/// 0: missing, 1: photographed, 2: signed where signing is allowed (else photographed).
fn choices() -> impl Strategy<Value = Vec<(u8, usize)>> {
    prop::collection::vec((0u8..3, 1usize..=MAX_PHOTOS_PER_MATERIAL as usize), 40)
}

fn status() -> impl Strategy<Value = MaterialStatus> {
    prop_oneof![
        Just(MaterialStatus::Missing),
        prop::collection::vec((0u32..20).prop_map(sha), 0..12)
            .prop_map(|photos| MaterialStatus::Photographed { photos }),
        (0u32..20).prop_map(|s| MaterialStatus::Signed { signature: sha(s) }),
    ]
}

fn any_record() -> impl Strategy<Value = MaterialsRecord> {
    let entry = (
        prop::sample::select(vec!["hukou", "id_card", AUTHORIZATION, "other"]),
        prop::option::of((0u128..4).prop_map(|n| MemberId(Uuid::from_u128(n)))),
        status(),
    )
        .prop_map(|(material, member, status)| MaterialEntry {
            material: MaterialCode(material.to_owned()),
            member,
            status,
        });
    (
        0u128..4,
        -50_000i64..50_000,
        prop::collection::vec(entry, 0..8),
    )
        .prop_map(|(id, hours, entries)| MaterialsRecord {
            id: CaseId(Uuid::from_u128(id)),
            household: HouseholdId(Uuid::from_u128(id + 1)),
            collected_by: UserId(Uuid::from_u128(10)),
            updated_at: at(hours),
            entries,
        })
}

proptest! {
    #[test]
    fn any_checklist_round_trips_and_validates_without_panicking(
        m in any_record(),
        home in family(),
        items in items(),
    ) {
        let json = serde_json::to_string(&m).unwrap();
        prop_assert_eq!(serde_json::from_str::<MaterialsRecord>(&json).unwrap(), m.clone());
        let required = required_for(&Catalogue::builtin(), &items, &home, today());
        if let Err(errors) = m.validate(&required, now()) {
            let json = serde_json::to_string(&errors).unwrap();
            prop_assert_eq!(serde_json::from_str::<Vec<FieldworkError>>(&json).unwrap(), errors.clone());
            for e in &errors {
                prop_assert!(e.path().starts_with("entries") || e.path() == "updated_at");
                prop_assert!(!e.message_zh_in(&Catalogue::builtin()).is_empty());
            }
        }
        let missing = m.missing();
        prop_assert!(missing.windows(2).all(|w| w[0] < w[1]));
        prop_assert!(missing.iter().all(|c| m.entries.iter().any(|e| &e.material == c)));
    }

    #[test]
    fn a_checklist_filled_from_required_for_is_valid(
        home in family(),
        items in items(),
        choices in choices(),
    ) {
        let required = required_for(&Catalogue::builtin(), &items, &home, today());
        let mut next = 0u32;
        let mut fresh = || { next += 1; sha(next) };
        let entries: Vec<MaterialEntry> = required
            .iter()
            .zip(choices.iter().cycle())
            .map(|(r, (choice, photos))| {
                let signable = r.material.as_str() == AUTHORIZATION;
                let status = match choice {
                    0 => MaterialStatus::Missing,
                    2 if signable => MaterialStatus::Signed { signature: fresh() },
                    _ => MaterialStatus::Photographed {
                        photos: (0..*photos).map(|_| fresh()).collect(),
                    },
                };
                MaterialEntry { material: r.material.clone(), member: r.member, status }
            })
            .collect();
        let m = MaterialsRecord {
            id: CaseId(Uuid::from_u128(1)),
            household: home.id,
            collected_by: UserId(Uuid::from_u128(10)),
            updated_at: at(1),
            entries,
        };
        prop_assert_eq!(m.validate(&required, now()), Ok(()));
        let mut expected: Vec<MaterialCode> = m
            .entries
            .iter()
            .filter(|e| e.status == MaterialStatus::Missing)
            .map(|e| e.material.clone())
            .collect();
        expected.sort();
        expected.dedup();
        prop_assert_eq!(m.missing(), expected.clone());
        prop_assert_eq!(m.outstanding(&required), expected);
        // Every adult whose authorization is required and not missing is authorized.
        let waiting = m.adults_without_authorization(&home, today());
        for id in &waiting {
            let needed = required
                .iter()
                .any(|r| r.material.as_str() == AUTHORIZATION && r.member == Some(*id));
            prop_assert!(!needed || m.missing().contains(&authorization()));
        }
        let json = serde_json::to_value(&m).unwrap();
        prop_assert_eq!(serde_json::from_value::<MaterialsRecord>(json).unwrap(), m);
    }

    /// A checklist whose only problem is required entries it never lists (the household or
    /// the items changed after it was filled in): completed, it is valid against `required`,
    /// keeps its entries in place and lists the same outstanding materials; the notice that
    /// lists them asks every one by photo except the authorization (signed, not photographed).
    #[test]
    fn a_checklist_lacking_required_entries_is_valid_once_completed(
        home in family(),
        items in items(),
        choices in choices(),
        kept in prop::collection::vec(any::<bool>(), 40),
    ) {
        let required = required_for(&Catalogue::builtin(), &items, &home, today());
        let mut next = 0u32;
        let mut fresh = || { next += 1; sha(next) };
        let entries: Vec<MaterialEntry> = required
            .iter()
            .zip(choices.iter().cycle())
            .zip(kept.iter().cycle())
            .filter(|(_, keep)| **keep)
            .map(|((r, (choice, photos)), _)| {
                let status = match choice {
                    0 => MaterialStatus::Missing,
                    _ => MaterialStatus::Photographed {
                        photos: (0..*photos).map(|_| fresh()).collect(),
                    },
                };
                MaterialEntry { material: r.material.clone(), member: r.member, status }
            })
            .collect();
        let m = MaterialsRecord {
            id: CaseId(Uuid::from_u128(1)),
            household: home.id,
            collected_by: UserId(Uuid::from_u128(10)),
            updated_at: at(1),
            entries,
        };
        if let Err(errors) = m.validate(&required, now()) {
            let only_unlisted = errors.iter().all(|e| matches!(e, FieldworkError::MaterialNotListed { .. }));
            prop_assert!(only_unlisted);
        }
        let done = m.completed(&required);
        prop_assert_eq!(done.validate(&required, now()), Ok(()));
        prop_assert_eq!(&done.entries[..m.entries.len()], &m.entries[..]);
        prop_assert_eq!(done.completed(&required), done.clone());
        prop_assert_eq!(done.outstanding(&required), m.outstanding(&required));
        prop_assert_eq!(done.missing(), m.outstanding(&required));
        let pause = crate::workflow::SupplementPause {
            requested_at: at(2),
            missing: m.outstanding(&required),
            seen: m.seen_materials(),
            resubmitted_at: None,
        };
        let sheet = supplement::answer_sheet(&pause, &m, &required);
        prop_assert_eq!(&sheet.checklist, &done);
        for material in &pause.missing {
            let photographable = material.as_str() != AUTHORIZATION;
            prop_assert_eq!(sheet.in_person.contains(material), !photographable);
            let lines = done.entries.iter().filter(|e| &e.material == material).count();
            let asked = sheet.asked.iter().filter(|a| &a.material == material).count();
            prop_assert_eq!(asked, if photographable { lines } else { 0 });
        }
        for a in &sheet.asked {
            prop_assert_eq!(&done.entries[a.entry].material, &a.material);
            prop_assert_eq!(done.entries[a.entry].member, a.member);
            // Nothing changed since the notice: nothing is answered yet.
            prop_assert!(!a.done);
        }
    }
}
