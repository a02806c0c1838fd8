//! The supplement notice's asked materials.

use super::supplement::*;
use super::test_support::{household, item};
use super::*;
use crate::catalogue::{Catalogue, MaterialCode, RequiredMaterial};
use crate::fieldwork::{AttachmentRef, MaterialEntry};
use crate::household::{Employment, Health, Relation};
use crate::identity::IdNumber;
use crate::ids::{CaseId, HouseholdId, MemberId, UserId};
use crate::workflow::SupplementPause;
use chrono::{DateTime, NaiveDate, Utc};

fn at() -> DateTime<Utc> {
    DateTime::from_timestamp(1_780_000_000, 0).unwrap()
}
use uuid::Uuid;

fn code(c: &str) -> MaterialCode {
    MaterialCode(c.to_owned())
}

fn photo(n: u32) -> MaterialStatus {
    MaterialStatus::Photographed {
        photos: vec![AttachmentRef::parse(&format!("{n:064x}")).unwrap()],
    }
}

fn checklist(entries: Vec<(&str, MaterialStatus)>) -> MaterialsRecord {
    MaterialsRecord {
        id: CaseId(Uuid::from_u128(1)),
        household: HouseholdId(Uuid::from_u128(2)),
        collected_by: UserId(Uuid::from_u128(3)),
        updated_at: at(),
        entries: entries
            .into_iter()
            .map(|(m, status)| MaterialEntry {
                material: code(m),
                member: None,
                status,
            })
            .collect(),
    }
}

#[test]
fn a_listed_material_is_answered_by_a_new_photo_only() {
    let at_notice = checklist(vec![
        ("hukou", MaterialStatus::Missing),
        ("income_statement", photo(1)),
        ("id_card", photo(2)),
        (AUTHORIZATION, MaterialStatus::Missing),
    ]);
    let pause = SupplementPause {
        requested_at: at(),
        missing: vec![code("hukou"), code("income_statement"), code(AUTHORIZATION)],
        seen: at_notice.seen_materials(),
        resubmitted_at: None,
    };
    let (found, in_person) = asked(&pause, &at_notice);
    assert_eq!(
        found.iter().map(|a| (a.entry, a.done)).collect::<Vec<_>>(),
        [(0, false), (1, false)],
        "the unreadable income statement is asked for again; the ID card is not asked"
    );
    assert_eq!(in_person, [code(AUTHORIZATION)]);
    let answered = checklist(vec![
        ("hukou", photo(3)),
        ("income_statement", photo(4)),
        ("id_card", photo(2)),
        (AUTHORIZATION, MaterialStatus::Missing),
    ]);
    let (found, _) = asked(&pause, &answered);
    assert!(found.iter().all(|a| a.done));
}

/// The fixtures' applicant and a second adult who joined the household after the checklist
/// was filled in for 临时救助: the case now requires his ID card and his authorization.
fn grown() -> (Vec<RequiredMaterial>, Vec<RequiredMaterial>, MemberId) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let before = household();
    let mut after = before.clone();
    let mut son = after.members[0].clone();
    son.id = MemberId(Uuid::from_u128(3));
    son.id_number = IdNumber::parse("500231198506070015", today).unwrap();
    son.relation = Relation::Child;
    son.health = Health::Healthy;
    son.employment = Employment::Farming;
    after.members.push(son.clone());
    let of = |h| required_for(&Catalogue::builtin(), &[item("temporary")], h, today);
    (of(&before), of(&after), son.id)
}

/// Every entry of `required`, photographed (one photo each, numbered from 10).
fn filled(required: &[RequiredMaterial]) -> MaterialsRecord {
    let mut m = checklist(vec![]);
    m.entries = required
        .iter()
        .enumerate()
        .map(|(i, r)| MaterialEntry {
            material: r.material.clone(),
            member: r.member,
            status: photo(10 + i as u32),
        })
        .collect();
    m
}

#[test]
fn completing_adds_a_missing_entry_for_each_required_material_not_listed() {
    let (before, after, son) = grown();
    let stored = filled(&before);
    let Err(errors) = stored.validate(&after, at()) else {
        panic!("the son's entries are not listed");
    };
    assert!(errors.iter().all(
        |e| matches!(e, FieldworkError::MaterialNotListed { member: Some(m), .. } if *m == son)
    ));
    let done = stored.completed(&after);
    assert_eq!(done.validate(&after, at()), Ok(()));
    assert_eq!(&done.entries[..stored.entries.len()], &stored.entries[..]);
    let added: Vec<_> = done.entries[stored.entries.len()..]
        .iter()
        .map(|e| (e.material.as_str(), e.member, e.status.clone()))
        .collect();
    assert_eq!(
        added,
        [
            ("id_card", Some(son), MaterialStatus::Missing),
            (AUTHORIZATION, Some(son), MaterialStatus::Missing),
        ]
    );
    assert_eq!(
        done.completed(&after),
        done,
        "completing twice adds nothing"
    );
    assert_eq!(done.outstanding(&after), stored.outstanding(&after));
}

#[test]
fn a_required_material_the_checklist_never_listed_is_asked_by_photo() {
    let (before, after, son) = grown();
    // The household register's entry was never made either.
    let mut stored = filled(&before);
    stored.entries.retain(|e| e.material.as_str() != "hukou");
    let pause = SupplementPause {
        requested_at: at(),
        missing: stored.outstanding(&after),
        seen: stored.seen_materials(),
        resubmitted_at: None,
    };
    assert_eq!(
        pause.missing,
        [code("hukou"), code("id_card"), code(AUTHORIZATION)]
    );
    // Without completing, the unlisted household register could only be brought in person.
    assert!(asked(&pause, &stored).1.contains(&code("hukou")));
    let sheet = answer_sheet(&pause, &stored, &after);
    assert_eq!(
        sheet.in_person,
        [code(AUTHORIZATION)],
        "signed, not photographed"
    );
    let fields: Vec<String> = sheet.asked.iter().map(Asked::field).collect();
    assert!(fields.contains(&"hukou".to_owned()));
    assert!(fields.contains(&format!("id_card.{}", son.0)));
    assert!(sheet.asked.iter().all(|a| !a.done));
    // Photographing the new entries answers them, and the answer is a valid checklist.
    let mut answered = sheet.checklist.clone();
    for (n, a) in sheet.asked.iter().enumerate() {
        if sheet.checklist.entries[a.entry].status == MaterialStatus::Missing {
            answered.entries[a.entry].status = photo(90 + n as u32);
        }
    }
    assert_eq!(answered.validate(&after, at()), Ok(()));
    let again = answer_sheet(&pause, &answered, &after);
    assert_eq!(again.checklist, answered);
    assert!(again.asked.iter().all(|a| a.done));
}

#[test]
fn a_listed_material_no_longer_required_stays_in_person() {
    let (before, _, _) = grown();
    let stored = filled(&before);
    let pause = SupplementPause {
        requested_at: at(),
        missing: vec![code("disability_certificate")],
        seen: stored.seen_materials(),
        resubmitted_at: None,
    };
    let sheet = answer_sheet(&pause, &stored, &before);
    assert!(sheet.asked.is_empty());
    assert_eq!(sheet.in_person, [code("disability_certificate")]);
    assert_eq!(sheet.checklist, stored);
}

use proptest::prelude::*;

/// A checklist entry's state in the property test: missing, or photographed with photo `n`.
fn status(photo: Option<u32>) -> MaterialStatus {
    photo.map_or(MaterialStatus::Missing, self::photo)
}

proptest! {
    /// Whatever the checklist at the notice and after it: every listed material is either
    /// asked (one entry per checklist line of it) or answered in person (the authorization, or
    /// a material without a line); nothing unlisted is asked; an entry counts as answered only
    /// when it holds photos and its material's photos changed since the notice.
    #[test]
    fn every_listed_material_is_asked_or_in_person(
        lines in proptest::collection::vec((0usize..4, proptest::option::of(0u32..3), proptest::option::of(0u32..3)), 0..6),
        listed in proptest::collection::btree_set(0usize..5, 0..5),
    ) {
        let names = ["hukou", "id_card", "income_statement", AUTHORIZATION, "not_in_checklist"];
        let before = checklist(lines.iter().map(|(m, b, _)| (names[*m], status(*b))).collect());
        let after = checklist(lines.iter().map(|(m, _, a)| (names[*m], status(*a))).collect());
        let pause = SupplementPause {
            requested_at: at(),
            missing: listed.iter().map(|i| code(names[*i])).collect(),
            seen: before.seen_materials(),
            resubmitted_at: None,
        };
        let (found, in_person) = asked(&pause, &after);
        for m in &pause.missing {
            let lines_of = after.entries.iter().filter(|e| &e.material == m).count();
            let asked_of = found.iter().filter(|a| &a.material == m).count();
            if m.as_str() == AUTHORIZATION || lines_of == 0 {
                prop_assert!(in_person.contains(m));
                prop_assert_eq!(asked_of, 0);
            } else {
                prop_assert_eq!(asked_of, lines_of);
                prop_assert!(!in_person.contains(m));
            }
        }
        let seen_now = after.seen_materials();
        for a in &found {
            prop_assert!(pause.missing.contains(&a.material));
            let photographed = matches!(after.entries[a.entry].status, MaterialStatus::Photographed { .. });
            let fp = |seen: &[crate::workflow::SeenMaterial]| {
                seen.iter().find(|s| s.material == a.material).map(|s| s.fingerprint.clone())
            };
            let changed = fp(&seen_now) != fp(&pause.seen);
            prop_assert_eq!(a.done, photographed && changed);
        }
    }
}
