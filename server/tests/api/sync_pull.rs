//! Pull hands out every change once, page by page, and only inside the caller's jurisdiction.

use std::collections::HashMap;

use chrono::Utc;
use domain::sync::{Change, FieldChange, OpBody, PathSeg};
use serde_json::json;
use server::sync::{pull, push};
use uuid::Uuid;

use crate::helpers::{Backend, spawn_app_on};
use crate::sync_support::*;

async fn a_pull_interrupted_after_any_page_and_resumed_yields_every_change_once(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    without_demo_households(&app.db).await;
    let helper = actor(&app.db, "helper").await;
    let ops: Vec<_> = (0..23)
        .map(|i| create_household("500231101201-G02", &format!("{i}号")).1)
        .collect();
    push::push(
        &app.db,
        &catalogue(),
        &helper,
        &batch(device(), ops),
        Utc::now(),
    )
    .await
    .unwrap();
    for stop_after in 0..5 {
        let mut cursor = 0;
        let mut got: HashMap<Uuid, usize> = HashMap::new();
        let mut pages = 0;
        loop {
            let page = pull::pull(&app.db, &helper, cursor, 5).await.unwrap();
            pages += 1;
            if pages == stop_after + 1 {
                // The connection drops before the phone stores this page: it asks again.
                let again = pull::pull(&app.db, &helper, cursor, 5).await.unwrap();
                assert_eq!(again, page);
            }
            for c in &page.changes {
                if let Change::Upsert { id, .. } = c {
                    *got.entry(*id).or_default() += 1;
                }
            }
            cursor = page.cursor;
            if !page.more {
                break;
            }
        }
        assert_eq!(got.len(), 23);
        assert!(got.values().all(|n| *n == 1));
    }
}

async fn nobody_outside_the_jurisdiction_sees_a_household(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    without_demo_households(&app.db).await;
    let helper = actor(&app.db, "helper").await;
    let (id, create) = create_household("500231101201-G01", "毛家村1号");
    push::push(
        &app.db,
        &catalogue(),
        &helper,
        &batch(device(), vec![create]),
        Utc::now(),
    )
    .await
    .unwrap();
    let sees = |page: domain::sync::PullResponse| {
        page.changes
            .iter()
            .any(|c| matches!(c, Change::Upsert { id: x, .. } if *x == id.0))
    };
    let clerk = actor(&app.db, "clerk").await;
    let supervisor = actor(&app.db, "supervisor").await;
    assert!(sees(pull::pull(&app.db, &helper, 0, 100).await.unwrap()));
    assert!(sees(pull::pull(&app.db, &clerk, 0, 100).await.unwrap()));
    assert!(sees(
        pull::pull(&app.db, &supervisor, 0, 100).await.unwrap()
    ));
    for outsider in [
        elsewhere(&helper, "500231101202"),
        elsewhere(&helper, "500231101201-G02"),
        elsewhere(&clerk, "500231001"),
        actor(&app.db, "officer").await,
        actor(&app.db, "13800000001").await,
    ] {
        assert!(
            !sees(pull::pull(&app.db, &outsider, 0, 100).await.unwrap()),
            "{outsider:?}"
        );
    }
    // Nor can they change it: an id inside a request body is answered "not found".
    let outsider = elsewhere(&helper, "500231101202");
    let edit = op(OpBody::EditHousehold {
        id,
        base_version: 1,
        changes: vec![],
    });
    let answer = push::push(
        &app.db,
        &catalogue(),
        &outsider,
        &batch(device(), vec![edit]),
        Utc::now(),
    )
    .await
    .unwrap();
    assert!(matches!(
        answer.results[0].outcome,
        domain::sync::Outcome::Rejected {
            code: domain::sync::RejectCode::NotFound,
            ..
        }
    ));
}

async fn a_household_moved_out_of_a_grid_comes_to_that_grid_as_a_removal(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    without_demo_households(&app.db).await;
    let helper = actor(&app.db, "helper").await;
    let grid_helper = elsewhere(&helper, "500231101201-G01");
    let (id, create) = create_household("500231101201-G01", "毛家村1号");
    push::push(
        &app.db,
        &catalogue(),
        &helper,
        &batch(device(), vec![create]),
        Utc::now(),
    )
    .await
    .unwrap();
    let before = pull::pull(&app.db, &grid_helper, 0, 100).await.unwrap();
    assert!(matches!(before.changes[..], [Change::Upsert { .. }]));
    // An edit in place first, then the move: the phone still learns it must drop the record.
    let edit = op(OpBody::EditHousehold {
        id,
        base_version: 1,
        changes: vec![FieldChange {
            path: vec![PathSeg::Key("address".into())],
            old: Some(json!("毛家村1号")),
            new: Some(json!("毛家村1号附1")),
        }],
    });
    let mv = op(OpBody::EditHousehold {
        id,
        base_version: 2,
        changes: vec![FieldChange {
            path: vec![PathSeg::Key("place".into())],
            old: Some(json!("500231101201-G01")),
            new: Some(json!("500231101201-G02")),
        }],
    });
    push::push(
        &app.db,
        &catalogue(),
        &helper,
        &batch(device(), vec![edit, mv]),
        Utc::now(),
    )
    .await
    .unwrap();
    let after = pull::pull(&app.db, &grid_helper, before.cursor, 100)
        .await
        .unwrap();
    assert_eq!(
        after.changes,
        vec![Change::Remove {
            kind: domain::sync::RecordKind::Household,
            id: id.0
        }]
    );
    // The village helper still sees it, now in grid 2.
    let village = pull::pull(&app.db, &helper, before.cursor, 100)
        .await
        .unwrap();
    assert!(
        matches!(&village.changes[..], [Change::Upsert { body, .. }] if body["place"] == "500231101201-G02")
    );
    // A phone that starts afresh in grid 1 never hears of it.
    assert!(
        pull::pull(&app.db, &grid_helper, 0, 100)
            .await
            .unwrap()
            .changes
            .is_empty()
    );
}

crate::backend_tests!(
    a_pull_interrupted_after_any_page_and_resumed_yields_every_change_once,
    nobody_outside_the_jurisdiction_sees_a_household,
    a_household_moved_out_of_a_grid_comes_to_that_grid_as_a_removal,
);
