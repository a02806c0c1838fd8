//! The one-notice rule (一次性告知) and the paused clock during a supplement.

use proptest::prelude::*;

use crate::catalogue::MaterialCode;
use crate::role::Role;

use super::test_support::*;
use super::*;

fn seen(list: &[(&str, &str)]) -> Vec<SeenMaterial> {
    list.iter()
        .map(|(m, f)| SeenMaterial {
            material: mat(m),
            fingerprint: material_fingerprint(&[*f]),
        })
        .collect()
}

fn notice(missing: &[&str], view: &[(&str, &str)]) -> Command {
    Command::RequestSupplement {
        missing: missing.iter().map(|m| mat(m)).collect(),
        seen: seen(view),
    }
}

/// Submitted, first notice naming `hukou` while the ID card photo `id1` was visible, resubmitted.
fn after_first_notice() -> World {
    let mut w = World::submitted();
    w.ok(notice(&["hukou"], &[("id_card", "id1")]), Role::WindowClerk)
        .ok(Command::Resubmit, Role::Resident);
    w
}

#[test]
fn a_second_notice_may_repeat_what_the_first_named() {
    let mut w = after_first_notice();
    // The household register came back still unreadable.
    w.ok(
        notice(&["hukou"], &[("id_card", "id1"), ("hukou", "hk2")]),
        Role::WindowClerk,
    );
    assert_eq!(w.case.supplement_pauses().len(), 2);
}

#[test]
fn a_second_notice_may_not_name_what_was_visible_and_unchanged() {
    let mut w = after_first_notice();
    let e = w
        .run(
            notice(&["id_card"], &[("id_card", "id1"), ("hukou", "hk2")]),
            Role::WindowClerk,
        )
        .unwrap_err();
    assert_eq!(
        e,
        WorkflowError::NoticeAlreadyGiven {
            materials: vec![mat("id_card")]
        }
    );
    assert!(e.message_zh().contains("一次性告知"), "{}", e.message_zh());
    assert!(e.to_string().contains("id_card"));
}

#[test]
fn a_material_replaced_since_may_be_named_again() {
    let mut w = after_first_notice();
    // The applicant brought a new ID card photo, also unreadable.
    w.ok(
        notice(&["id_card"], &[("id_card", "id2"), ("hukou", "hk2")]),
        Role::WindowClerk,
    );
}

#[test]
fn a_material_absent_both_times_and_never_named_is_refused() {
    let mut w = after_first_notice();
    let e = w
        .run(
            notice(&["income_statement"], &[("id_card", "id1")]),
            Role::WindowClerk,
        )
        .unwrap_err();
    assert!(
        matches!(e, WorkflowError::NoticeAlreadyGiven { .. }),
        "{e:?}"
    );
}

#[test]
fn the_first_notice_is_free_and_old_phones_send_no_view() {
    let mut w = World::submitted();
    let old: Command =
        serde_json::from_str(r#"{"command":"request_supplement","missing":["hukou","id_card"]}"#)
            .unwrap();
    w.ok(old, Role::WindowClerk);
    assert_eq!(w.case.supplement_pauses()[0].seen, vec![]);
}

#[test]
fn the_clock_waits_during_the_supplement_and_resumes_on_resubmission() {
    let mut w = World::submitted();
    w.ok(notice(&["hukou"], &[]), Role::WindowClerk);
    let p = &w.case.supplement_pauses()[0];
    assert_eq!(p.requested_at, at(3));
    assert_eq!(p.resubmitted_at, None, "waiting: the clock is stopped");
    w.ok(Command::Resubmit, Role::Resident);
    assert_eq!(w.case.supplement_pauses()[0].resubmitted_at, Some(at(4)));
}

fn fp_of(v: Option<u8>) -> Option<String> {
    v.map(|n| format!("v{n}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Rounds of (what the window sees, what it names): a notice is accepted exactly when
    /// every material it names was named by the previous notice or changed since; and in the
    /// history kept, every notice after the first keeps that rule.
    #[test]
    fn one_notice_rule_holds_over_random_rounds(
        rounds in proptest::collection::vec(
            (proptest::collection::vec(proptest::option::of(0u8..3), 4),
             proptest::collection::vec(0usize..4, 1..4)),
            1..6)
    ) {
        let codes = ["a", "b", "c", "d"];
        let mut w = World::submitted();
        let mut last: Option<(Vec<MaterialCode>, Vec<Option<String>>)> = None;
        for (view, named) in rounds {
            let view: Vec<Option<String>> = view.into_iter().map(fp_of).collect();
            let seen: Vec<SeenMaterial> = view
                .iter()
                .zip(codes)
                .filter_map(|(f, m)| f.as_ref().map(|f| SeenMaterial {
                    material: mat(m),
                    fingerprint: material_fingerprint(&[f.as_str()]),
                }))
                .collect();
            let mut missing: Vec<MaterialCode> = named.iter().map(|i| mat(codes[*i])).collect();
            missing.sort();
            missing.dedup();
            let allowed = match &last {
                None => true,
                Some((prev_missing, prev_view)) => named.iter().all(|i| {
                    prev_missing.contains(&mat(codes[*i])) || prev_view[*i] != view[*i]
                }),
            };
            let result = w.run(
                Command::RequestSupplement { missing: missing.clone(), seen },
                Role::WindowClerk,
            );
            prop_assert_eq!(result.is_ok(), allowed, "{:?}", result);
            if result.is_ok() {
                last = Some((missing, view));
                w.ok(Command::Resubmit, Role::Resident);
            }
        }
        let pauses = w.case.supplement_pauses();
        for pair in pauses.windows(2) {
            for m in &pair[1].missing {
                let before = pair[0].seen.iter().find(|s| &s.material == m);
                let now = pair[1].seen.iter().find(|s| &s.material == m);
                prop_assert!(pair[0].missing.contains(m) || before != now);
            }
        }
        prop_assert!(pauses.iter().all(|p| p.resubmitted_at.is_some()));
    }
}

#[test]
fn the_checklist_fingerprints_change_only_when_a_materials_content_does() {
    use crate::fieldwork::test_support::{helper, household_id, member_id, now, sha};
    use crate::fieldwork::{MaterialEntry, MaterialStatus, MaterialsRecord};
    let checklist = |hukou: Vec<u32>| MaterialsRecord {
        id: crate::ids::CaseId(uuid::Uuid::from_u128(99)),
        household: household_id(),
        collected_by: helper(),
        updated_at: now(),
        entries: vec![
            MaterialEntry {
                material: mat("hukou"),
                member: None,
                status: MaterialStatus::Photographed {
                    photos: hukou.into_iter().map(sha).collect(),
                },
            },
            MaterialEntry {
                material: mat("id_card"),
                member: Some(member_id()),
                status: MaterialStatus::Missing,
            },
        ],
    };
    let first = checklist(vec![1, 2]).seen_materials();
    assert_eq!(first.len(), 1, "a missing material is not seen");
    assert_eq!(first[0].material, mat("hukou"));
    assert_eq!(
        checklist(vec![2, 1]).seen_materials(),
        first,
        "page order is not content"
    );
    assert_ne!(checklist(vec![1, 3]).seen_materials(), first);
}
