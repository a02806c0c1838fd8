//! Sync over HTTP: signed-in only, scoped to the caller, compressed.

use domain::sync::{Change, OpBody, Outcome, PullResponse, PushResponse, RecordKind};
use serde_json::json;

use crate::helpers::{Backend, spawn_app_on};
use crate::sync_support::*;

async fn push_and_pull_need_a_session(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    without_demo_households(&app.db).await;
    let anon = app.client();
    let req = batch(
        device(),
        vec![create_household("500231101201-G01", "1号").1],
    );
    assert_eq!(
        anon.post(app.url("/api/sync/v1/push"))
            .json(&req)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(
        anon.get(app.url("/api/sync/v1/pull?cursor=0"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}

async fn a_helper_pushes_a_household_the_township_pulls_it_another_township_does_not(
    backend: Backend,
) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    without_demo_households(&app.db).await;
    let helper = app.sign_in("helper").await;
    let (id, create) = create_household("500231101201-G01", "毛家村3组12号");
    let req = batch(device(), vec![create]);
    let answer: PushResponse = helper
        .post(app.url("/api/sync/v1/push"))
        .json(&req)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(matches!(
        answer.results[0].outcome,
        Outcome::Applied { version: 1, .. }
    ));
    // Sent again (the answer was lost): the same answer, nothing doubled.
    let again: PushResponse = helper
        .post(app.url("/api/sync/v1/push"))
        .json(&req)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(again, answer);

    let clerk = app.sign_in("clerk").await;
    let page: PullResponse = clerk
        .get(app.url("/api/sync/v1/pull?cursor=0&limit=50"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        page.changes
            .iter()
            .any(|c| matches!(c, Change::Upsert { id: x, .. } if *x == id.0))
    );

    // The officer (civil affairs) sees no household that was never routed to them.
    let officer = app.sign_in("officer").await;
    let page: PullResponse = officer
        .get(app.url("/api/sync/v1/pull"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(page.changes.is_empty());
    // …and an id of it inside a body is answered "not found".
    let edit = batch(
        device(),
        vec![op(OpBody::EditHousehold {
            id,
            base_version: 1,
            changes: vec![],
        })],
    );
    let answer: PushResponse = officer
        .post(app.url("/api/sync/v1/push"))
        .json(&edit)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(matches!(
        answer.results[0].outcome,
        Outcome::Rejected {
            code: domain::sync::RejectCode::NotFound,
            ..
        }
    ));
}

async fn pull_pages_are_compressed_and_bad_input_is_a_clear_400(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    without_demo_households(&app.db).await;
    let helper = app.sign_in("helper").await;
    let ops = (0..40)
        .map(|i| create_household("500231101201-G02", &format!("{i}号")).1)
        .collect();
    helper
        .post(app.url("/api/sync/v1/push"))
        .json(&batch(device(), ops))
        .send()
        .await
        .unwrap();
    let res = helper
        .get(app.url("/api/sync/v1/pull?cursor=0"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-encoding"], "gzip");
    let res = helper
        .get(app.url("/api/sync/v1/pull?cursor=-1"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let res = helper
        .post(app.url("/api/sync/v1/push"))
        .json(&json!({"device": "x", "ops": []}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error(), "{}", res.status());
}

async fn demo_households_reach_the_helper_of_their_village_only(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let helper = app.sign_in("helper").await;
    let page: PullResponse = helper
        .get(app.url("/api/sync/v1/pull"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let places: Vec<String> = page
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::Upsert {
                kind: RecordKind::Household,
                body,
                ..
            } => body["place"].as_str().map(str::to_owned),
            _ => None,
        })
        .collect();
    assert_eq!(places.len(), 5, "{places:?}");
    assert!(places.iter().all(|p| p.starts_with("500231101201")));
}

async fn a_household_that_breaks_the_rules_is_refused_with_every_reason(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let helper = app.sign_in("helper").await;
    let id = domain::ids::HouseholdId(uuid::Uuid::now_v7());
    let mut body = household(id, "500231101201-G01", " ");
    body["members"][0]["relation"] = json!("spouse");
    let req = batch(device(), vec![op(OpBody::CreateHousehold { id, body })]);
    let answer: PushResponse = helper
        .post(app.url("/api/sync/v1/push"))
        .json(&req)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let Outcome::Rejected { code, message_zh } = &answer.results[0].outcome else {
        panic!("{answer:?}")
    };
    assert_eq!(*code, domain::sync::RejectCode::Invalid);
    assert!(
        message_zh.contains("住址") && message_zh.contains("申请人"),
        "{message_zh}"
    );
    // A household outside the helper's villages is not theirs to record.
    let elsewhere = create_household("500231001001-G01", "东门社区1号").1;
    let answer: PushResponse = helper
        .post(app.url("/api/sync/v1/push"))
        .json(&batch(device(), vec![elsewhere]))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(matches!(
        answer.results[0].outcome,
        Outcome::Rejected {
            code: domain::sync::RejectCode::Forbidden,
            ..
        }
    ));
}

crate::backend_tests!(
    push_and_pull_need_a_session,
    a_helper_pushes_a_household_the_township_pulls_it_another_township_does_not,
    pull_pages_are_compressed_and_bad_input_is_a_clear_400,
    demo_households_reach_the_helper_of_their_village_only,
    a_household_that_breaks_the_rules_is_refused_with_every_reason,
);
