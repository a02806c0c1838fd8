use proptest::prelude::*;

use super::*;
use crate::role::Role;
use crate::routing::{HardshipFacts, route};
use crate::workflow::Command;
use crate::workflow::test_support::{World, dibao, medical};

fn catalogue() -> Catalogue {
    Catalogue::builtin()
}

#[test]
fn the_proposal_is_always_confirmed() {
    let c = catalogue();
    let codes: Vec<AidItemCode> = c.items().iter().map(|i| i.code.clone()).collect();
    for (n, primary) in codes.iter().enumerate() {
        let requested: Vec<AidItemCode> = codes.iter().skip(n).take(3).cloned().collect();
        let proposal = route(&c, &requested, Some(primary), HardshipFacts::default()).unwrap();
        let chosen = proposal.to_workflow();
        assert_eq!(confirm(&c, &requested, Some(primary), &chosen), Ok(chosen));
    }
}

#[test]
fn an_item_goes_only_where_the_catalogue_allows() {
    let c = catalogue();
    let requested = [medical()];
    let mut chosen = route(&c, &requested, Some(&medical()), HardshipFacts::default())
        .unwrap()
        .to_workflow();
    // Civil affairs may always take it (it convenes when unclear).
    chosen.items[0].1 = DepartmentCode::civil_affairs();
    chosen.lead = DepartmentCode::civil_affairs();
    assert!(confirm(&c, &requested, Some(&medical()), &chosen).is_ok());
    // Housing does not decide medical aid.
    let housing = DepartmentCode("housing".into());
    chosen.items[0].1 = housing.clone();
    let e = confirm(&c, &requested, Some(&medical()), &chosen).unwrap_err();
    assert_eq!(
        e,
        AdjustError::NotAllowed {
            item: medical(),
            department: housing
        }
    );
    assert!(
        e.message_zh(&c).contains("不能分给"),
        "{}",
        e.message_zh(&c)
    );
}

#[test]
fn every_item_once_and_a_responsible_lead() {
    let c = catalogue();
    let requested = [dibao(), medical()];
    let proposal = route(&c, &requested, Some(&dibao()), HardshipFacts::default())
        .unwrap()
        .to_workflow();
    let mut missing = proposal.clone();
    missing.items.pop();
    assert_eq!(
        confirm(&c, &requested, Some(&dibao()), &missing),
        Err(AdjustError::ItemsDiffer)
    );
    let mut twice = proposal.clone();
    twice.items[1] = twice.items[0].clone();
    assert_eq!(
        confirm(&c, &requested, Some(&dibao()), &twice),
        Err(AdjustError::ItemsDiffer)
    );
    let mut lead = proposal.clone();
    lead.lead = DepartmentCode("medical_security".into());
    assert!(matches!(
        confirm(&c, &requested, Some(&dibao()), &lead),
        Err(AdjustError::Lead { .. })
    ));
}

proptest! {
    /// Whatever the window chooses, what `confirm` lets through the workflow accepts, and an
    /// item sent where the catalogue does not allow is refused.
    #[test]
    fn what_is_confirmed_the_workflow_routes(d1 in 0usize..16, d2 in 0usize..16, l in 0usize..16) {
        let c = catalogue();
        let all: Vec<DepartmentCode> = c.departments().iter().map(|d| d.code.clone()).collect();
        let pick = |i: usize| all[i % all.len()].clone();
        let chosen = workflow::Routing {
            lead: pick(l),
            items: vec![(dibao(), pick(d1)), (medical(), pick(d2))],
        };
        let requested = [dibao(), medical()];
        let confirmed = confirm(&c, &requested, Some(&dibao()), &chosen);
        let allowed = departments_for(&c, &dibao()).contains(&pick(d1))
            && departments_for(&c, &medical()).contains(&pick(d2));
        if !allowed {
            prop_assert!(confirmed.is_err());
        }
        if let Ok(routing) = confirmed {
            let mut w = World::accepted();
            w.ok(
                Command::EconomicCheck {
                    adults_without_authorization: vec![],
                    authorizations: vec![],
                },
                Role::Verifier,
            );
            prop_assert!(w.run(Command::Route(routing), Role::WindowClerk).is_ok());
        }
    }
}
