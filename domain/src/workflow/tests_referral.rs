//! A case referred by another township (外镇转来): only the window enters one, naming who
//! referred it; the name survives a replay and the case then runs like a walk-in.

use crate::ids::CaseId;
use crate::role::Role;
use proptest::prelude::*;
use uuid::Uuid;

use super::test_support::*;
use super::*;

fn id() -> CaseId {
    CaseId(Uuid::from_u128(31))
}

#[test]
fn the_window_enters_a_referral_naming_who_referred_it() {
    let clerk = actor(Role::WindowClerk);
    let e = Case::create_referred(id(), "  石桥镇社会救助窗口 ", None, &clerk, at(0)).unwrap();
    let case = Case::from_created(&e).unwrap();
    assert_eq!(case.channel(), Channel::Referral);
    assert_eq!(case.referred_by(), Some("石桥镇社会救助窗口"));
    assert_eq!(case.state(), CaseState::Draft);
    // The name comes back from the stored history, as any event does.
    let json = serde_json::to_string(&e).unwrap();
    let back: Event = serde_json::from_str(&json).unwrap();
    let replayed = Case::replay([&back]).unwrap();
    assert_eq!(replayed.referred_by(), Some("石桥镇社会救助窗口"));
    assert_eq!(replayed, case);
}

#[test]
fn nobody_but_the_window_enters_a_referral() {
    for role in Role::ALL.into_iter().filter(|r| *r != Role::WindowClerk) {
        let err = Case::create_referred(id(), "石桥镇", None, &actor(role), at(0)).unwrap_err();
        assert!(
            matches!(
                err,
                WorkflowError::WrongRole {
                    command: CommandKind::Create,
                    ..
                }
            ),
            "{role:?}: {err:?}"
        );
    }
}

#[test]
fn a_referral_without_its_referrer_is_refused() {
    let clerk = actor(Role::WindowClerk);
    for bad in ["", "   ", &"镇".repeat(REFERRER_MAX_CHARS + 1)] {
        let err = Case::create_referred(id(), bad, None, &clerk, at(0)).unwrap_err();
        assert_eq!(err, WorkflowError::ReferrerRequired);
        assert!(err.message_zh().contains("转来"));
    }
    // Nor through the plain creation, which has nowhere to name them.
    let err = Case::create(id(), Channel::Referral, None, &clerk, at(0)).unwrap_err();
    assert_eq!(err, WorkflowError::ReferrerRequired);
    // At the limit is fine.
    let longest = "镇".repeat(REFERRER_MAX_CHARS);
    assert!(Case::create_referred(id(), &longest, None, &clerk, at(0)).is_ok());
}

#[test]
fn other_channels_name_no_referrer() {
    for channel in Channel::ALL.into_iter().filter(|c| *c != Channel::Referral) {
        let e = Case::create(id(), channel, None, &actor(Role::WindowClerk), at(0)).unwrap();
        assert_eq!(Case::from_created(&e).unwrap().referred_by(), None);
    }
}

proptest! {
    /// Any referrer of 1 to 40 characters after trimming is kept exactly, trimmed; anything
    /// blank or longer is refused.
    #[test]
    fn referrer_kept_trimmed_or_refused(name in "\\PC{0,50}", pad in " {0,3}") {
        let clerk = actor(Role::WindowClerk);
        let given = format!("{pad}{name}{pad}");
        let trimmed = given.trim();
        let ok = !trimmed.is_empty() && trimmed.chars().count() <= REFERRER_MAX_CHARS;
        match Case::create_referred(id(), &given, None, &clerk, at(0)) {
            Ok(e) => {
                prop_assert!(ok);
                let case = Case::from_created(&e).unwrap();
                prop_assert_eq!(case.referred_by(), Some(trimmed));
            }
            Err(err) => {
                prop_assert!(!ok);
                prop_assert_eq!(err, WorkflowError::ReferrerRequired);
            }
        }
    }
}
