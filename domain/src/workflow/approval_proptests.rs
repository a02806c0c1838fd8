//! Property tests for the leader's approval: whatever happens to a case, it is routed only
//! after the township leader agreed, and only a township leader's command gives that
//! agreement (乌海 附件4 第一条).

use proptest::prelude::*;

use crate::role::Role;

use super::proptest_model::{materialize_op, op};
use super::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn routing_never_happens_without_the_leaders_approval(ops in proptest::collection::vec(op(), 1..60)) {
        let mut w = super::test_support::World::new();
        for o in &ops {
            let (cmd, by) = materialize_op(o, &w.case);
            let before = w.case.clone();
            let Ok(events) = w.case.decide(&cmd, &by, super::test_support::at(w.clock + 1), Some("理由")) else {
                continue;
            };
            w.clock += 1;
            for e in &events {
                if matches!(e.body, EventBody::Routed { .. }) {
                    prop_assert_eq!(before.approval(), ApprovalStatus::Approved);
                    let opinion = before.routing_approval().expect("an opinion in force");
                    prop_assert_eq!(opinion.by.role, Role::TownshipLeader);
                    prop_assert!(opinion.approved);
                }
                if matches!(e.body, EventBody::RoutingApproved | EventBody::ReturnedForRevision) {
                    prop_assert_eq!(e.by.role, Role::TownshipLeader);
                    prop_assert_eq!(before.state(), CaseState::Accepted);
                }
                w.case.apply(e);
                w.events.push(e.clone());
            }
        }
        // Replaying the history gives the same approval.
        let replayed = Case::replay(&w.events).unwrap();
        prop_assert_eq!(replayed.approval(), w.case.approval());
        prop_assert_eq!(replayed.leader_opinions(), w.case.leader_opinions());
    }
}
