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
    assert_eq!(r.involved, vec![dep("civil_affairs"), dep("education")]);
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
