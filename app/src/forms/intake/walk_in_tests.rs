//! The window's walk-in registration (窗口受理): the same intake without the entrustment, the
//! case coming in by the window and submitted on saving; a helper's intake is unchanged.

use chrono::{NaiveDate, TimeZone};
use domain::role::Role;
use domain::workflow::{Actor, CaseState, Channel, Command};

use super::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).unwrap()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn by(role: Role) -> Actor {
    Actor {
        user: UserId(Uuid::from_u128(10)),
        role,
    }
}

/// A one-person household asking for temporary aid, every material marked missing and the
/// authorization put off (what a walk-in without papers looks like).
fn filled(mut draft: IntakeDraft) -> IntakeDraft {
    let catalogue = Catalogue::builtin();
    draft.household.place = "500231101201-G01".to_owned();
    draft.household.address = "沙坪镇毛家村3组12号".to_owned();
    let m = &mut draft.household.members[0];
    m.name = "王秀英".to_owned();
    m.id_number = "500231195803124020".to_owned();
    draft.items = vec!["temporary".to_owned()];
    draft.reason = "丈夫住院，家中无收入".to_owned();
    draft.authorization.deferred = true;
    draft.refresh_materials(&catalogue, day());
    for line in &mut draft.materials {
        line.missing = true;
    }
    draft
}

fn ids() -> impl FnMut() -> Uuid {
    let mut n = 100u128;
    move || {
        n += 1;
        Uuid::from_u128(n)
    }
}

#[test]
fn a_walk_in_skips_the_entrustment_and_comes_in_by_the_window_submitted() {
    let draft = filled(IntakeDraft::new_walk_in(ids()));
    assert!(!draft.steps().contains(&"entrustment"));
    assert_eq!(draft.steps().len(), STEPS.len() - 1);
    let plan = draft
        .plan(
            &by(Role::WindowClerk),
            Stored::default(),
            &Catalogue::builtin(),
            day(),
            now(),
        )
        .unwrap();
    assert!(plan.entrustment.is_none(), "no entrustment at the window");
    assert!(plan.submitted);
    let created = plan.case.created.as_ref().unwrap();
    assert_eq!(created.case.channel(), Channel::Window);
    let last = plan.case.last().unwrap();
    assert_eq!(last.case.state(), CaseState::Submitted);
    assert!(
        plan.case
            .commands
            .iter()
            .any(|c| c.command == Command::Submit)
    );
}

#[test]
fn a_helpers_intake_by_telephone_still_waits_for_the_residents_signature() {
    let mut draft = filled(IntakeDraft::new(ids()));
    draft.entrustment.member = draft.household.members[0].id.clone();
    // Entrusted by telephone: the resident signs later, through their link.
    draft.entrustment.channel = "phone".to_owned();
    assert!(draft.steps().contains(&"entrustment"));
    let plan = draft
        .plan(
            &by(Role::Helper),
            Stored::default(),
            &Catalogue::builtin(),
            day(),
            now(),
        )
        .unwrap();
    let entrustment = plan
        .entrustment
        .expect("a helper's intake has its entrustment");
    assert!(entrustment.signature.is_none());
    assert!(!plan.submitted, "not before the resident signs");
    assert_eq!(
        plan.case.created.unwrap().case.channel(),
        Channel::Entrusted
    );
}

#[test]
fn the_open_step_is_named_from_the_intakes_own_steps() {
    let mut walk_in = IntakeDraft::new_walk_in(ids());
    walk_in.step = 2;
    assert_eq!(walk_in.step_name(), "items");
    walk_in.step = 99;
    assert_eq!(walk_in.step_name(), "review");
    let mut intake = IntakeDraft::new(ids());
    intake.step = 2;
    assert_eq!(intake.step_name(), "entrustment");
}
