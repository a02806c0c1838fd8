//! Property tests for re-routing, per-result feedback clocks, extension caps and
//! public-notice periods (issue 19). The one-notice rule's are in `tests_one_notice`.

use chrono::Duration;
use proptest::prelude::*;

use crate::calendar::Calendar;
use crate::catalogue::Catalogue;
use crate::clocks::{case_clocks, china_date};
use crate::department::DepartmentCode;
use crate::jurisdiction::PlaceCode;
use crate::role::Role;

use super::test_support::*;
use super::*;

const DEPTS: [&str; 4] = ["civil_affairs", "medical_security", "health", "hrss"];

#[derive(Debug, Clone)]
enum Move {
    /// The department officer of `DEPTS[i]` returns medical aid.
    Return(usize),
    /// Reroute medical aid to `DEPTS[to]`, by the window or by an officer of `DEPTS[by]`.
    Reroute { to: usize, officer: Option<usize> },
}

fn moves() -> impl Strategy<Value = Vec<Move>> {
    proptest::collection::vec(
        prop_oneof![
            (0usize..4).prop_map(Move::Return),
            (0usize..4, proptest::option::of(0usize..4))
                .prop_map(|(to, officer)| Move::Reroute { to, officer }),
        ],
        1..25,
    )
}

fn d(i: usize) -> DepartmentCode {
    dept(DEPTS[i])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn rerouting_keeps_one_department_per_item_and_disputes_go_to_civil_affairs(ms in moves()) {
        let mut w = World::verified_and_routed();
        let mut returns = 0;
        for m in ms {
            let before = w.case.item(&medical()).unwrap().clone();
            match m {
                Move::Return(i) => {
                    let ok = w.run(
                        Command::ReturnItem { item: medical(), department: d(i) },
                        Role::DepartmentOfficer,
                    ).is_ok();
                    prop_assert_eq!(ok, d(i) == before.department && !before.awaiting_reroute());
                    if ok { returns += 1; }
                }
                Move::Reroute { to, officer } => {
                    let (role, acting) = match officer {
                        Some(o) => (Role::DepartmentOfficer, Some(d(o))),
                        None => (Role::WindowClerk, None),
                    };
                    let ok = w.run(
                        Command::Reroute {
                            item: medical(),
                            department: d(to),
                            acting_department: acting.clone(),
                        },
                        role,
                    ).is_ok();
                    let expected = before.awaiting_reroute() && if before.disputed() {
                        acting == Some(DepartmentCode::civil_affairs())
                    } else {
                        officer.is_none() && d(to) != before.department
                    };
                    prop_assert_eq!(ok, expected);
                }
            }
            let p = w.case.item(&medical()).unwrap();
            prop_assert_eq!(p.returns.len(), returns);
            prop_assert_eq!(p.disputed(), returns >= 2);
            let holding: Vec<_> = w.case.sub_cases().iter()
                .filter(|s| s.items.contains(&medical())).collect();
            prop_assert_eq!(holding.len(), 1);
            prop_assert_eq!(&holding[0].department, &p.department);
            prop_assert!(w.case.sub_cases().iter().all(|s| !s.items.is_empty()));
            prop_assert_eq!(w.case.sub_cases().iter().filter(|s| s.lead).count(), 1);
            if p.awaiting_reroute() {
                let ok = w.case.decide(
                    &approve(medical(), p.department.clone(), false),
                    &actor(Role::DepartmentOfficer), at(w.clock + 1), None,
                ).is_ok();
                prop_assert!(!ok);
            }
        }
        prop_assert_eq!(&Case::replay(&w.events).unwrap(), &w.case);
    }

    #[test]
    fn each_result_is_told_once_when_final_and_the_case_ends_when_all_are(
        steps in proptest::collection::vec((0u8..4, 0i64..60), 1..16)
    ) {
        let place = PlaceCode::parse("500231101201").unwrap();
        let mut w = World::verified_and_routed();
        for (step, hours) in steps {
            w.clock += hours;
            let items = [dibao(), medical()];
            let item = items[usize::from(step % 2)].clone();
            let before = w.case.item(&item).unwrap().clone();
            if step < 2 {
                let dep = before.department.clone();
                let _ = w.run(approve(item.clone(), dep, false), Role::DepartmentOfficer);
            } else {
                let ok = w.run(Command::TellResult { item: item.clone() }, Role::WindowClerk).is_ok();
                let open = w.case.state() != CaseState::Closed;
                prop_assert_eq!(
                    ok,
                    open && before.told_at.is_none() && before.result_ready_at().is_some()
                );
            }
            let all_told = w.case.items().iter().all(|p| p.told_at.is_some());
            prop_assert_eq!(w.case.state() == CaseState::ResultNotified, all_told);
            prop_assert!(w.case.items().iter().all(|p| p.told_at.is_none() || p.result_ready_at().is_some()));
            let clocks = case_clocks(&w.case, &Catalogue::builtin(), &Calendar::builtin(), &place).unwrap();
            for c in &clocks.items {
                let p = w.case.item(&c.item).unwrap();
                let expected = match (p.told_at, p.result_ready_at()) {
                    (None, Some(ready)) if w.case.is_open() => Some(
                        Calendar::builtin().notify_deadline(china_date(ready)).unwrap()
                    ),
                    _ => None,
                };
                prop_assert_eq!(c.tell_by, expected);
            }
        }
    }

    #[test]
    fn extensions_never_pass_the_cap(cap in 0i64..20, asks in proptest::collection::vec(-1i64..10, 1..8)) {
        let mut w = World::verified_and_routed();
        let mut granted = 0;
        for days in asks {
            let ok = w.run(
                Command::ExtendDeadline {
                    item: dibao(), department: civil(), working_days: days, cap_days: Some(cap),
                },
                Role::DepartmentOfficer,
            ).is_ok();
            prop_assert_eq!(ok, days >= 1 && granted + days <= cap);
            if ok { granted += days; }
            prop_assert_eq!(w.case.item(&dibao()).unwrap().extended_days(), granted);
            prop_assert!(granted <= cap);
        }
    }

    #[test]
    fn a_public_notice_never_ends_before_its_days_nor_with_an_objection_open(
        days in 1u32..15,
        tries in proptest::collection::vec((0i64..72, prop::bool::weighted(0.2), any::<bool>()), 1..12),
    ) {
        let mut w = World::verified_and_routed();
        let mut cmd = approve(dibao(), civil(), true);
        if let Command::Decide { facts, .. } = &mut cmd {
            facts.public_notice_days = Some(days);
        }
        w.ok(cmd, Role::DepartmentOfficer)
            .ok(Command::StartPublicNotice { item: dibao() }, Role::Verifier);
        let NoticeStatus::Posted { since } = w.case.item(&dibao()).unwrap().notice else {
            panic!("posted");
        };
        let first_day = china_date(since) + Duration::days(i64::from(days));
        for (hours, object, resolve) in tries {
            w.clock += hours;
            if object {
                let _ = w.run_as(Command::FileObjection { item: dibao() }, &neighbour(), Some("异议"));
            }
            if resolve && let Some(o) = w.case.objections().iter().find(|o| o.status == ObjectionStatus::Open) {
                let n = o.number;
                w.ok(Command::ResolveObjection { objection: n, upheld: false }, Role::Verifier);
            }
            let open = !w.case.open_objections(&dibao()).is_empty();
            let posted = matches!(w.case.item(&dibao()).unwrap().notice, NoticeStatus::Posted { .. });
            let when = at(w.clock + 1);
            let ok = w.run(Command::EndPublicNotice { item: dibao() }, Role::Verifier).is_ok();
            prop_assert_eq!(ok, posted && !open && china_date(when) >= first_day);
        }
    }
}
