//! The window's walk-in registration (窗口受理, 乌海 附件3 第一条): a clerk enters a household
//! and its application with the helper's forms, without an entrustment, through the same push
//! the phones use; the case comes in by the window, already submitted, with the clerk as its
//! first-asker (首问负责人), and the clerk can accept it at once.

use domain::sync::{OpBody, Outcome};
use domain::workflow::{CaseState, Channel, Command};

use crate::backend_tests;
use crate::helpers::{Backend, spawn_app_on};
use crate::materials_support::*;
use crate::sync_support::*;

async fn a_walk_in_registered_at_the_window_is_submitted_and_accepted(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let clerk = actor(db, "clerk").await;
    let walk_in = intake(&clerk);
    // The helper's intake without its entrustment, coming in by the window.
    let ops: Vec<_> = walk_in
        .ops()
        .into_iter()
        .filter(|o| {
            !matches!(&o.body, OpBody::SaveFieldRecord { kind, .. }
                if *kind == domain::sync::RecordKind::Entrustment)
        })
        .map(|mut o| {
            if let OpBody::CreateCase { channel, .. } = &mut o.body {
                *channel = Channel::Window;
            }
            o
        })
        .collect();
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

backend_tests!(
    a_walk_in_registered_at_the_window_is_submitted_and_accepted,
    a_walk_in_of_another_township_is_refused,
);
