//! Push applies every operation exactly once, whatever the network does.

use chrono::Utc;
use domain::sync::{Change, FieldChange, OpBody, Outcome, PathSeg, RejectCode};
use serde_json::json;
use server::sync::{pull, push};

use crate::helpers::{Backend, spawn_app_on};
use crate::sync_support::*;

const GRID: &str = "500231101201-G01";

async fn count(db: &server::db::Db, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(db.pool()).await.unwrap();
    n
}

async fn the_same_push_sent_three_times_applies_once_and_answers_alike(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    without_demo_households(&app.db).await;
    let helper = actor(&app.db, "helper").await;
    let ops: Vec<_> = (0..5)
        .map(|i| create_household(GRID, &format!("毛家村{i}号")).1)
        .collect();
    let req = batch(device(), ops);
    let first = push::push(&app.db, &catalogue(), &helper, &req, Utc::now())
        .await
        .unwrap();
    assert!(
        first
            .results
            .iter()
            .all(|r| matches!(r.outcome, Outcome::Applied { version: 1, .. }))
    );
    for _ in 0..2 {
        let again = push::push(&app.db, &catalogue(), &helper, &req, Utc::now())
            .await
            .unwrap();
        assert_eq!(again, first);
    }
    assert_eq!(
        count(
            &app.db,
            "SELECT COUNT(*) FROM records WHERE kind = 'household'"
        )
        .await,
        5
    );
    assert_eq!(count(&app.db, "SELECT COUNT(*) FROM sync_ops").await, 5);
}

async fn out_of_order_operations_wait_for_what_they_need_without_blocking_others(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    without_demo_households(&app.db).await;
    let helper = actor(&app.db, "helper").await;
    let (id, create) = create_household(GRID, "毛家村1号");
    let edit = op(OpBody::EditHousehold {
        id,
        base_version: 1,
        changes: vec![FieldChange {
            path: vec![PathSeg::Key("address".into())],
            old: Some(json!("毛家村1号")),
            new: Some(json!("毛家村2号")),
        }],
    });
    let other = create_household(GRID, "毛家村9号").1;
    // The edit arrives first: refused (nothing to edit yet), the rest still applies.
    let first = push::push(
        &app.db,
        &catalogue(),
        &helper,
        &batch(device(), vec![edit.clone(), other.clone()]),
        Utc::now(),
    )
    .await
    .unwrap();
    assert!(matches!(
        first.results[0].outcome,
        Outcome::Rejected {
            code: RejectCode::NotFound,
            ..
        }
    ));
    assert!(matches!(first.results[1].outcome, Outcome::Applied { .. }));
    // The phone sends the queue again in its own order: each operation applies once.
    let second = push::push(
        &app.db,
        &catalogue(),
        &helper,
        &batch(device(), vec![create, edit, other]),
        Utc::now(),
    )
    .await
    .unwrap();
    assert!(
        second
            .results
            .iter()
            .all(|r| matches!(r.outcome, Outcome::Applied { .. })),
        "{second:?}"
    );
    assert_eq!(
        second.results[1].outcome,
        Outcome::Applied {
            kind: domain::sync::RecordKind::Household,
            record: id.0,
            version: 2
        }
    );
    assert_eq!(count(&app.db, "SELECT COUNT(*) FROM records").await, 2);
}

async fn a_push_cut_off_before_commit_leaves_nothing_and_the_retry_applies_once(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    without_demo_households(&app.db).await;
    let helper = actor(&app.db, "helper").await;
    let req = batch(
        device(),
        (0..3)
            .map(|i| create_household(GRID, &format!("{i}号")).1)
            .collect(),
    );
    {
        let mut tx = app.db.begin_write().await.unwrap();
        let answer = push::apply_batch(&mut tx, &catalogue(), &helper, &req, Utc::now())
            .await
            .unwrap();
        assert_eq!(answer.results.len(), 3);
        // The connection drops here: the transaction is never committed.
    }
    assert_eq!(count(&app.db, "SELECT COUNT(*) FROM records").await, 0);
    assert_eq!(count(&app.db, "SELECT COUNT(*) FROM sync_ops").await, 0);
    let retry = push::push(&app.db, &catalogue(), &helper, &req, Utc::now())
        .await
        .unwrap();
    assert!(
        retry
            .results
            .iter()
            .all(|r| matches!(r.outcome, Outcome::Applied { version: 1, .. }))
    );
    // Cut off after the commit: the answer was lost, the phone sends again and learns the same.
    let lost_answer = push::push(&app.db, &catalogue(), &helper, &req, Utc::now())
        .await
        .unwrap();
    assert_eq!(lost_answer, retry);
    assert_eq!(count(&app.db, "SELECT COUNT(*) FROM records").await, 3);
}

async fn an_operation_id_reused_for_something_else_is_refused(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    without_demo_households(&app.db).await;
    let helper = actor(&app.db, "helper").await;
    let (_, a) = create_household(GRID, "1号");
    push::push(
        &app.db,
        &catalogue(),
        &helper,
        &batch(device(), vec![a.clone()]),
        Utc::now(),
    )
    .await
    .unwrap();
    let mut b = create_household(GRID, "2号").1;
    b.id = a.id;
    let answer = push::push(
        &app.db,
        &catalogue(),
        &helper,
        &batch(device(), vec![b]),
        Utc::now(),
    )
    .await
    .unwrap();
    assert!(matches!(
        answer.results[0].outcome,
        Outcome::Rejected {
            code: RejectCode::IdReused,
            ..
        }
    ));
    // Somebody else replaying a helper's operation id learns nothing either.
    let clerk = actor(&app.db, "clerk").await;
    let answer = push::push(
        &app.db,
        &catalogue(),
        &clerk,
        &batch(device(), vec![a]),
        Utc::now(),
    )
    .await
    .unwrap();
    assert!(matches!(
        answer.results[0].outcome,
        Outcome::Rejected {
            code: RejectCode::IdReused,
            ..
        }
    ));
}

async fn two_people_editing_the_same_field_get_a_conflict_not_an_overwrite(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    without_demo_households(&app.db).await;
    let helper = actor(&app.db, "helper").await;
    let clerk = actor(&app.db, "clerk").await;
    let (id, create) = create_household(GRID, "毛家村1号");
    push::push(
        &app.db,
        &catalogue(),
        &helper,
        &batch(device(), vec![create]),
        Utc::now(),
    )
    .await
    .unwrap();
    let edit = |new: &str| {
        op(OpBody::EditHousehold {
            id,
            base_version: 1,
            changes: vec![FieldChange {
                path: vec![PathSeg::Key("address".into())],
                old: Some(json!("毛家村1号")),
                new: Some(json!(new)),
            }],
        })
    };
    let first = push::push(
        &app.db,
        &catalogue(),
        &clerk,
        &batch(device(), vec![edit("毛家村2号")]),
        Utc::now(),
    )
    .await
    .unwrap();
    assert!(matches!(
        first.results[0].outcome,
        Outcome::Applied { version: 2, .. }
    ));
    let second = push::push(
        &app.db,
        &catalogue(),
        &helper,
        &batch(device(), vec![edit("毛家村3号")]),
        Utc::now(),
    )
    .await
    .unwrap();
    let Outcome::Conflict {
        current_version,
        fields,
        ..
    } = &second.results[0].outcome
    else {
        panic!("{second:?}")
    };
    assert_eq!(*current_version, 2);
    assert_eq!(fields[0].theirs, Some(json!("毛家村2号")));
    let page = pull::pull(&app.db, &helper, 0, 100).await.unwrap();
    let Change::Upsert { body, version, .. } = &page.changes[0] else {
        panic!()
    };
    assert_eq!((body["address"].as_str(), *version), (Some("毛家村2号"), 2));
}

crate::backend_tests!(
    the_same_push_sent_three_times_applies_once_and_answers_alike,
    out_of_order_operations_wait_for_what_they_need_without_blocking_others,
    a_push_cut_off_before_commit_leaves_nothing_and_the_retry_applies_once,
    an_operation_id_reused_for_something_else_is_refused,
    two_people_editing_the_same_field_get_a_conflict_not_an_overwrite,
);
