use proptest::prelude::*;

use super::*;

fn code(s: &str) -> AidItemCode {
    AidItemCode(s.to_owned())
}

fn dep(s: &str) -> DepartmentCode {
    DepartmentCode(s.to_owned())
}

const NONE: HardshipFacts = HardshipFacts {
    sudden_event: false,
    sudden_expense: false,
    basic_living_at_risk: false,
};

#[test]
fn the_main_request_leads_and_involves_the_others() {
    let c = Catalogue::builtin();
    let r = route(
        &c,
        &[code("dibao"), code("medical"), code("education")],
        Some(&code("medical")),
        NONE,
    )
    .unwrap();
    assert_eq!(r.lead, dep("medical_security"));
    // Medical aid also involves health and HR & social security (its catalogue entry).
    assert_eq!(
        r.involved,
        vec![
            dep("civil_affairs"),
            dep("education"),
            dep("health"),
            dep("hrss")
        ]
    );
    assert_eq!(r.lead_basis, LeadBasis::PrimaryItem);
    assert_eq!(r.per_item[0], (code("dibao"), dep("civil_affairs")));
    assert!(!r.temporary_aid_hint);
    assert_eq!(r.to_workflow().lead, dep("medical_security"));
}

#[test]
fn without_a_main_request_civil_affairs_convenes_unless_one_department_does_all() {
    let c = Catalogue::builtin();
    let mixed = route(&c, &[code("education"), code("employment")], None, NONE).unwrap();
    assert_eq!(mixed.lead, dep("civil_affairs"));
    assert_eq!(mixed.involved, vec![dep("education"), dep("hrss")]);
    let single = route(&c, &[code("education")], None, NONE).unwrap();
    assert_eq!((single.lead, single.involved), (dep("education"), vec![]));
}

#[test]
fn sudden_hardship_on_a_non_temporary_request_is_flagged() {
    let c = Catalogue::builtin();
    let hard = HardshipFacts {
        sudden_event: true,
        sudden_expense: false,
        basic_living_at_risk: true,
    };
    assert!(
        route(&c, &[code("dibao")], None, hard)
            .unwrap()
            .temporary_aid_hint
    );
    assert!(
        !route(&c, &[code("dibao"), code("temporary")], None, hard)
            .unwrap()
            .temporary_aid_hint
    );
    let not_at_risk = HardshipFacts {
        basic_living_at_risk: false,
        ..hard
    };
    assert!(
        !route(&c, &[code("dibao")], None, not_at_risk)
            .unwrap()
            .temporary_aid_hint
    );
}

#[test]
fn bad_requests_are_refused_with_a_reason() {
    let c = Catalogue::builtin();
    assert_eq!(route(&c, &[], None, NONE), Err(RoutingError::Empty));
    assert_eq!(
        route(&c, &[code("x")], None, NONE),
        Err(RoutingError::UnknownItem("x".into()))
    );
    assert_eq!(
        route(&c, &[code("dibao")], Some(&code("medical")), NONE),
        Err(RoutingError::PrimaryNotRequested("medical".into()))
    );
    assert_eq!(
        route(&c, &[code("dibao"), code("dibao")], None, NONE),
        Err(RoutingError::Duplicate("dibao".into()))
    );
    assert!(!RoutingError::Empty.message_zh().is_empty());
}

fn request() -> impl Strategy<Value = (Vec<AidItemCode>, Option<usize>, HardshipFacts)> {
    let all: Vec<AidItemCode> = Catalogue::builtin()
        .items()
        .iter()
        .map(|i| i.code.clone())
        .collect();
    (
        prop::sample::subsequence(all.clone(), 1..=all.len()).prop_shuffle(),
        prop::option::of(0usize..20),
        (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(a, b, c)| HardshipFacts {
            sudden_event: a,
            sudden_expense: b,
            basic_living_at_risk: c,
        }),
    )
}

proptest! {
    #[test]
    fn routing_covers_each_item_once_and_its_lead_is_one_of_them_or_civil_affairs((items, p, hard) in request()) {
        let c = Catalogue::builtin();
        let primary = p.map(|i| items[i % items.len()].clone());
        let r = route(&c, &items, primary.as_ref(), hard).unwrap();
        prop_assert_eq!(r.per_item.iter().map(|(i, _)| i.clone()).collect::<Vec<_>>(), items.clone());
        prop_assert!(r.per_item.iter().any(|(_, d)| *d == r.lead) || r.lead == DepartmentCode::civil_affairs());
        prop_assert!(!r.involved.contains(&r.lead));
        if let Some(p) = &primary {
            prop_assert_eq!(&r.lead, &c.item(p).unwrap().lead_department);
        }
        // Order of the request changes neither the lead nor who is involved.
        let mut reversed = items.clone();
        reversed.reverse();
        let r2 = route(&c, &reversed, primary.as_ref(), hard).unwrap();
        prop_assert_eq!((r2.lead, r2.involved, r2.temporary_aid_hint), (r.lead, r.involved, r.temporary_aid_hint));
    }
}

#[test]
fn the_lead_says_why_it_leads() {
    let c = Catalogue::builtin();
    let mixed = route(&c, &[code("education"), code("employment")], None, NONE).unwrap();
    assert_eq!(mixed.lead_basis, LeadBasis::Unclear);
    let single = route(&c, &[code("dibao"), code("tekun")], None, NONE).unwrap();
    assert_eq!(single.lead_basis, LeadBasis::OnlyDepartment);
    // Disaster relief is emergency management's and involves civil affairs.
    let disaster = route(&c, &[code("disaster")], None, NONE).unwrap();
    assert_eq!(disaster.lead, dep("emergency"));
    assert_eq!(disaster.involved, vec![dep("civil_affairs")]);
}

mod facts {
    use super::*;
    use crate::fieldwork::test_support::{household, report};
    use crate::fieldwork::{HardshipCategory, HardshipUrgency};
    use crate::household::Health;
    use crate::role::Role;
    use crate::workflow::Command;
    use crate::workflow::test_support::World;

    #[test]
    fn an_urgent_illness_report_on_the_household_meets_temporary_aid() {
        let w = World::submitted();
        let h = household();
        let facts = hardship_facts(&w.case, Some(&h), &[report(1)]);
        assert!(facts.sudden_event && facts.sudden_expense && facts.basic_living_at_risk);
        assert!(facts.meets_temporary_aid());
        let r = route(&Catalogue::builtin(), &[code("dibao")], None, facts).unwrap();
        assert!(r.temporary_aid_hint);
    }

    #[test]
    fn nothing_on_record_gives_no_hint_and_other_households_do_not_count() {
        let w = World::submitted();
        let h = household();
        assert_eq!(hardship_facts(&w.case, Some(&h), &[]), NONE);
        let mut elsewhere = report(2);
        elsewhere.household = None;
        assert_eq!(hardship_facts(&w.case, Some(&h), &[elsewhere]), NONE);
    }

    #[test]
    fn a_seriously_ill_member_and_an_urgent_acceptance_count_too() {
        let mut w = World::submitted();
        w.run_as(
            Command::UrgentAccept {
                missing: vec![crate::workflow::test_support::mat("hukou")],
                urgent_allowed: false,
                flagged_urgent: true,
            },
            &crate::workflow::test_support::actor(Role::WindowClerk),
            Some("家中失火"),
        )
        .unwrap();
        let mut h = household();
        h.members[0].health = Health::SeriousIllness;
        let facts = hardship_facts(&w.case, Some(&h), &[]);
        assert!(facts.sudden_expense && facts.basic_living_at_risk && !facts.sudden_event);
        assert!(facts.meets_temporary_aid());
        let mut slow = report(3);
        slow.category = HardshipCategory::NoOneToCare;
        slow.urgency = HardshipUrgency::Soon;
        let w2 = World::submitted();
        assert!(!hardship_facts(&w2.case, Some(&household()), &[slow]).meets_temporary_aid());
    }
}
