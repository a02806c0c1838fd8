//! One authorization, many applications (一次授权、全网通用): the economic check of every
//! case of the household uses it, names it and is audited; a member added since signing
//! waits for an addendum; a checklist may point at it.

use domain::authorization::AuthorizationRecord;
use domain::fieldwork::{AUTHORIZATION, MaterialStatus};
use domain::household::Household;
use domain::sync::RecordKind;
use domain::workflow::{EventBody, VerificationStep};

use crate::authorization_support::*;
use crate::backend_tests;
use crate::helpers::{Backend, spawn_app_on};
use crate::materials_support::{applied, case_of, checklist, refused, save, send, sha};
use crate::sync_support::actor;

backend_tests!(
    two_cases_of_a_household_reuse_one_authorization,
    a_member_added_since_signing_waits_for_an_addendum,
    a_checklist_points_at_the_households_authorization,
);

async fn two_cases_of_a_household_reuse_one_authorization(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let verifier = actor(db, "verifier").await;
    let family = family();
    let authorization = signed(&family, &helper, 4000);
    let answer = send_signed(
        &app,
        &helper,
        vec![create(&family), push_package(&authorization)],
    )
    .await;
    assert_eq!(applied(&answer[1]), 1);
    let first = accepted_case(&app, &family).await;
    let second = accepted_case(&app, &family).await;
    for case in [first, second] {
        assert_eq!(
            applied(&send(db, &verifier, vec![economic_check(case, 4)]).await[0]),
            5
        );
        let last = case_of(db, case.0).await.events.pop().unwrap();
        assert_eq!(
            last.body,
            EventBody::VerificationStepDone {
                step: VerificationStep::EconomicCheck,
                authorizations: vec![authorization.id],
            }
        );
        let (detail,): (String,) = sqlx::query_as(
            "SELECT detail FROM audit_log WHERE action = 'authorization.reuse' AND record_id = $1",
        )
        .bind(case.0.to_string())
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert!(detail.contains(&authorization.id.to_string()), "{detail}");
    }
}

/// Adds an adult to the stored household behind the API's back (as an edit at the window
/// would): answers the household as it is now.
async fn add_adult(app: &crate::helpers::TestApp, family: &Household) -> Household {
    let mut body = serde_json::to_value(family).unwrap();
    body["members"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "id": uuid::Uuid::now_v7().to_string(),
            "name": "李明",
            "id_number": "500231198807203010",
            "relation": "child",
            "health": "healthy",
            "employment": "farming"
        }));
    sqlx::query("UPDATE records SET body = $1 WHERE kind = 'household' AND id = $2")
        .bind(body.to_string())
        .bind(family.id.to_string())
        .execute(app.db.pool())
        .await
        .unwrap();
    serde_json::from_value(body).unwrap()
}

async fn a_member_added_since_signing_waits_for_an_addendum(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let verifier = actor(db, "verifier").await;
    let family = family();
    let authorization = signed(&family, &helper, 4000);
    let answer = send_signed(
        &app,
        &helper,
        vec![create(&family), push_package(&authorization)],
    )
    .await;
    assert_eq!(applied(&answer[1]), 1);
    let case = accepted_case(&app, &family).await;
    let grown = add_adult(&app, &family).await;
    let newcomer = grown.members.last().unwrap().clone();
    let answer = send(db, &verifier, vec![economic_check(case, 4)]).await;
    let (_, message) = refused(&answer[0]);
    assert!(message.contains("授权"), "{message}");
    // The addendum: only the newcomer, no longer than the authorization.
    let only_him = Household {
        members: vec![newcomer.clone()],
        ..grown.clone()
    };
    let mut addendum: AuthorizationRecord = signed(&only_him, &helper, 4100);
    addendum.addendum_to = Some(authorization.id);
    addendum.valid_until = addendum.valid_until.min(authorization.valid_until);
    let answer = send_signed(&app, &helper, vec![push_package(&addendum)]).await;
    assert_eq!(applied(&answer[0]), 1);
    assert_eq!(
        applied(&send(db, &verifier, vec![economic_check(case, 4)]).await[0]),
        5
    );
    let last = case_of(db, case.0).await.events.pop().unwrap();
    let EventBody::VerificationStepDone { authorizations, .. } = last.body else {
        panic!("{last:?}")
    };
    let mut both = vec![authorization.id, addendum.id];
    both.sort();
    assert_eq!(authorizations, both);
}

async fn a_checklist_points_at_the_households_authorization(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let other = family();
    let family = family();
    let authorization = signed(&family, &helper, 4000);
    let theirs = signed(&other, &helper, 4500);
    let answer = send_signed(
        &app,
        &helper,
        vec![
            create(&family),
            create(&other),
            push_package(&authorization),
            push_package(&theirs),
        ],
    )
    .await;
    assert!(answer.iter().all(|o| applied(o) == 1), "{answer:?}");
    let case = accepted_case(&app, &family).await;
    let pointing = |to: domain::ids::AuthorizationId| {
        let mut list = checklist(case, &family, &helper, sha);
        for e in &mut list.entries {
            if e.material.as_str() == AUTHORIZATION {
                e.status = MaterialStatus::Authorized { authorization: to };
            }
        }
        list
    };
    let answer = send(
        db,
        &helper,
        vec![save(
            RecordKind::Materials,
            case.0,
            Some(1),
            &pointing(theirs.id),
        )],
    )
    .await;
    let (_, message) = refused(&answer[0]);
    assert!(message.contains("授权书"), "{message}");
    let list = pointing(authorization.id);
    let answer = send(
        db,
        &helper,
        vec![save(RecordKind::Materials, case.0, Some(1), &list)],
    )
    .await;
    assert_eq!(applied(&answer[0]), 2);
    assert!(list.missing().is_empty());
}
