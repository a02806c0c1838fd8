//! The window's walk-in registration (窗口受理, 乌海 附件3 第一条): a clerk enters a household
//! and its application with the helper's forms, without an entrustment, through the same push
//! the phones use; the case comes in by the window, already submitted, with the clerk as its
//! first-asker (首问负责人), and the clerk can accept it at once.

use domain::sync::{OpBody, Operation, Outcome, RejectCode};
use domain::workflow::{CaseState, Channel, Command};

use crate::backend_tests;
use crate::helpers::{Backend, spawn_app_on};
use crate::materials_support::*;
use crate::sync_support::*;

/// The helper's intake without its entrustment, coming in by the window through `channel`.
fn at_the_window(walk_in: &Intake, channel: Channel, from: Option<&str>) -> Vec<Operation> {
    walk_in
        .ops()
        .into_iter()
        .filter(|o| {
            !matches!(&o.body, OpBody::SaveFieldRecord { kind, .. }
                if *kind == domain::sync::RecordKind::Entrustment)
        })
        .map(|mut o| {
            if let OpBody::CreateCase {
                channel: c,
                referred_by,
                ..
            } = &mut o.body
            {
                *c = channel;
                *referred_by = from.map(str::to_owned);
            }
            o
        })
        .collect()
}

async fn a_walk_in_registered_at_the_window_is_submitted_and_accepted(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let clerk = actor(db, "clerk").await;
    let walk_in = intake(&clerk);
    let ops = at_the_window(&walk_in, Channel::Window, None);
    for outcome in send(db, &clerk, ops).await {
        assert!(matches!(outcome, Outcome::Applied { .. }), "{outcome:?}");
    }
    let stored = case_of(db, walk_in.case.0).await;
    assert_eq!(stored.case.channel(), Channel::Window);
    assert_eq!(stored.case.state(), CaseState::Submitted);
    assert_eq!(
        stored.case.first_asker().map(|a| a.user),
        Some(clerk.user),
        "the clerk who took it is its first-asker"
    );
    // The same clerk checks the materials and accepts it.
    let accept = command(walk_in.case, 3, Command::Accept { missing: vec![] });
    let outcome = send(db, &clerk, vec![accept]).await;
    assert_eq!(applied(&outcome[0]), 4, "{outcome:?}");
    assert_eq!(
        case_of(db, walk_in.case.0).await.case.state(),
        CaseState::Accepted
    );
}

/// A clerk registers walk-ins of their own township only.
async fn a_walk_in_of_another_township_is_refused(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let clerk = elsewhere(&actor(db, "clerk").await, "500231102");
    let walk_in = intake(&clerk);
    let first = walk_in.ops().into_iter().next().unwrap();
    let outcome = send(db, &clerk, vec![first]).await;
    assert!(
        matches!(&outcome[0], Outcome::Rejected { .. }),
        "{outcome:?}"
    );
}

/// Another township's window sent the family here (外镇转来, 首问负责): the clerk enters it
/// naming who referred it, which the case keeps; without that name, from a helper, or with a
/// name on another channel, it is refused and nothing is stored.
async fn a_referral_from_another_township_names_who_sent_it(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let clerk = actor(db, "clerk").await;
    let refused = |outcome: &Outcome, code: RejectCode, says: &str| match outcome {
        Outcome::Rejected {
            code: c,
            message_zh,
        } => {
            assert_eq!(*c, code, "{message_zh}");
            assert!(message_zh.contains(says), "{message_zh}");
        }
        other => panic!("{other:?}"),
    };
    for (channel, from, code, says) in [
        (Channel::Referral, None, RejectCode::Invalid, "转来"),
        (Channel::Referral, Some("   "), RejectCode::Invalid, "转来"),
        (
            Channel::Window,
            Some("石桥镇"),
            RejectCode::Invalid,
            "转来单位",
        ),
    ] {
        let bad = intake(&clerk);
        let ops = at_the_window(&bad, channel, from);
        let create = ops
            .iter()
            .position(|o| matches!(o.body, OpBody::CreateCase { .. }));
        let outcomes = send(db, &clerk, ops).await;
        refused(&outcomes[create.unwrap()], code, says);
        let (stored,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM records WHERE kind = 'case' AND id = $1")
                .bind(bad.case.0.to_string())
                .fetch_one(db.pool())
                .await
                .unwrap();
        assert_eq!(stored, 0, "a refused referral stores no case");
    }
    let helper = actor(db, "helper").await;
    let theirs = intake(&helper);
    let ops = at_the_window(&theirs, Channel::Referral, Some("石桥镇"));
    let create = ops
        .iter()
        .position(|o| matches!(o.body, OpBody::CreateCase { .. }));
    let outcomes = send(db, &helper, ops).await;
    refused(&outcomes[create.unwrap()], RejectCode::Forbidden, "");

    let referred = intake(&clerk);
    let ops = at_the_window(
        &referred,
        Channel::Referral,
        Some(" 石桥镇社会救助服务窗口 "),
    );
    for outcome in send(db, &clerk, ops).await {
        assert!(matches!(outcome, Outcome::Applied { .. }), "{outcome:?}");
    }
    let stored = case_of(db, referred.case.0).await;
    assert_eq!(stored.case.channel(), Channel::Referral);
    assert_eq!(stored.case.referred_by(), Some("石桥镇社会救助服务窗口"));
    assert_eq!(stored.case.state(), CaseState::Submitted);
}

backend_tests!(
    a_walk_in_registered_at_the_window_is_submitted_and_accepted,
    a_walk_in_of_another_township_is_refused,
    a_referral_from_another_township_names_who_sent_it,
);
