//! Urgent accept-first (先行受理) for any urgent case (乌海 附件2 第二条).

use crate::role::Role;

use super::test_support::*;
use super::*;

fn urgent(allowed: bool, flagged: bool) -> Command {
    Command::UrgentAccept {
        missing: vec![mat("hukou")],
        urgent_allowed: allowed,
        flagged_urgent: flagged,
    }
}

#[test]
fn a_case_whose_items_allow_urgency_is_accepted_first() {
    let mut w = World::submitted();
    w.ok(urgent(true, false), Role::WindowClerk);
    assert!(w.case.accepted_urgently());
    let last = w.events.last().unwrap();
    assert!(matches!(
        last.body,
        EventBody::UrgentlyAccepted {
            flagged_by_window: false,
            ..
        }
    ));
}

#[test]
fn the_window_may_flag_any_case_urgent_with_a_written_reason() {
    let mut w = World::submitted();
    let e = w
        .run_as(urgent(false, true), &actor(Role::WindowClerk), None)
        .unwrap_err();
    assert_eq!(
        e,
        WorkflowError::ReasonRequired {
            command: CommandKind::UrgentAccept
        }
    );
    w.run_as(
        urgent(false, true),
        &actor(Role::WindowClerk),
        Some("家中失火，无处居住"),
    )
    .unwrap();
    assert!(w.case.accepted_urgently());
    assert_eq!(w.case.outstanding_materials(), &[mat("hukou")]);
    let last = w.events.last().unwrap();
    assert_eq!(last.reason.as_deref(), Some("家中失火，无处居住"));
    assert!(matches!(
        last.body,
        EventBody::UrgentlyAccepted {
            flagged_by_window: true,
            ..
        }
    ));
}

#[test]
fn neither_urgent_items_nor_a_flag_is_refused() {
    let mut w = World::submitted();
    assert_eq!(
        pre(w.run(urgent(false, false), Role::WindowClerk).unwrap_err()),
        PreconditionFailed::UrgentNotAllowed
    );
}

#[test]
fn an_old_phone_without_the_flag_still_decodes() {
    let old: Command = serde_json::from_str(
        r#"{"command":"urgent_accept","missing":["hukou"],"urgent_allowed":true}"#,
    )
    .unwrap();
    assert_eq!(old, urgent(true, false));
}
