//! The supplement notice's asked materials.

use super::supplement::*;
use super::*;
use crate::catalogue::MaterialCode;
use crate::fieldwork::{AttachmentRef, MaterialEntry};
use crate::ids::{CaseId, HouseholdId, UserId};
use crate::workflow::SupplementPause;
use chrono::{DateTime, Utc};

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
