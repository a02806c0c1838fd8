//! A case opened offline on a phone goes through the workflow on the server over HTTP: the
//! window's routing checked against the catalogue, the department seeing it once routed.

use domain::sync::{Change, OpBody, Outcome, PullResponse, PushResponse};
use serde_json::json;

use crate::helpers::{Backend, spawn_app_on};
use crate::sync_support::*;

async fn a_case_opened_offline_goes_through_the_workflow_on_the_server(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    without_demo_households(&app.db).await;
    let helper = app.sign_in("helper").await;
    let (household, create) = create_household("500231101201-G01", "1号");
    let case = domain::ids::CaseId(uuid::Uuid::now_v7());
    let ops = vec![
        create,
        op(OpBody::CreateCase {
            id: case,
            household,
            channel: domain::workflow::Channel::Entrusted,
            applicant: None,
            referred_by: None,
        }),
        op(OpBody::CaseCommand {
            id: case,
            base_version: 1,
            command: domain::workflow::Command::EditDraft {
                items: vec![domain::catalogue::AidItemCode("temporary".into())],
                primary: Some(domain::catalogue::AidItemCode("temporary".into())),
            },
            reason: None,
        }),
        op(OpBody::CaseCommand {
            id: case,
            base_version: 2,
            command: domain::workflow::Command::Submit,
            reason: None,
        }),
        // A helper may not accept: the window does. Refused with the rule's reason, the rest stands.
        op(OpBody::CaseCommand {
            id: case,
            base_version: 3,
            command: domain::workflow::Command::Accept { missing: vec![] },
            reason: None,
        }),
    ];
    let answer: PushResponse = helper
        .post(app.url("/api/sync/v1/push"))
        .json(&batch(device(), ops))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let outcomes: Vec<_> = answer.results.iter().map(|r| &r.outcome).collect();
    assert!(
        outcomes[..4]
            .iter()
            .all(|o| matches!(o, Outcome::Applied { .. })),
        "{outcomes:?}"
    );
    let Outcome::Rejected { message_zh, .. } = outcomes[4] else {
        panic!("{outcomes:?}")
    };
    assert!(!message_zh.is_empty());
    let clerk = app.sign_in("clerk").await;
    let accept = batch(
        device(),
        vec![op(OpBody::CaseCommand {
            id: case,
            base_version: 3,
            command: domain::workflow::Command::Accept { missing: vec![] },
            reason: None,
        })],
    );
    let answer: PushResponse = clerk
        .post(app.url("/api/sync/v1/push"))
        .json(&accept)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        matches!(
            answer.results[0].outcome,
            Outcome::Applied { version: 4, .. }
        ),
        "{answer:?}"
    );
    // The status lookup says where the case stands, to those who may see it only.
    let status_url = app.url(&format!("/api/sync/v1/cases/{}/status", case.0));
    let status: serde_json::Value = helper
        .get(&status_url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(status["state"], "accepted", "{status}");
    assert_eq!(status["version"], 4);
    assert_eq!(status["requested_items"], json!(["temporary"]));
    assert!(!status["state_zh"].as_str().unwrap().is_empty());
    let resident = app.sign_in_resident("13800000001").await;
    let res = resident.get(&status_url).send().await.unwrap();
    assert_eq!(res.status(), 404, "not the resident's case");
    let res = helper
        .get(app.url(&format!(
            "/api/sync/v1/cases/{}/status",
            uuid::Uuid::now_v7()
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let page: PullResponse = helper
        .get(app.url("/api/sync/v1/pull"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let body = page
        .changes
        .iter()
        .find_map(|c| match c {
            Change::Upsert { id, body, .. } if *id == case.0 => Some(body.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(body["case"]["state"], "accepted");
    assert_eq!(body["events"].as_array().unwrap().len(), 4);

    // The officer of civil affairs sees nothing until the case is routed to them.
    let officer = app.sign_in("officer").await;
    let pull = |c: reqwest::Client| {
        let url = app.url("/api/sync/v1/pull");
        async move {
            c.get(url)
                .send()
                .await
                .unwrap()
                .json::<PullResponse>()
                .await
                .unwrap()
        }
    };
    assert!(pull(officer.clone()).await.changes.is_empty());
    // The township leader agrees to the routing first (乌海 附件4 第一条).
    let leader = crate::sync_support::actor(&app.db, "leader").await;
    let agree = op(OpBody::CaseCommand {
        id: case,
        base_version: 4,
        command: domain::workflow::Command::ApproveRouting,
        reason: Some("同意分办".into()),
    });
    let agreed = crate::materials_support::send(&app.db, &leader, vec![agree]).await;
    assert_eq!(crate::materials_support::applied(&agreed[0]), 5);
    // A routing the catalogue does not allow (temporary aid to education) is refused with the
    // reason; routing as proposed (no item named) takes the catalogue's.
    let routed = |routing: domain::workflow::Routing| {
        let clerk = clerk.clone();
        let url = app.url("/api/sync/v1/push");
        async move {
            let route = batch(
                device(),
                vec![op(OpBody::CaseCommand {
                    id: case,
                    base_version: 5,
                    command: domain::workflow::Command::Route(routing),
                    reason: None,
                })],
            );
            clerk
                .post(url)
                .json(&route)
                .send()
                .await
                .unwrap()
                .json::<PushResponse>()
                .await
                .unwrap()
        }
    };
    let bogus = domain::workflow::Routing {
        lead: domain::department::DepartmentCode("education".into()),
        items: vec![(
            domain::catalogue::AidItemCode("temporary".into()),
            domain::department::DepartmentCode("education".into()),
        )],
    };
    let answer = routed(bogus).await;
    assert!(
        matches!(&answer.results[0].outcome,
            Outcome::Rejected { message_zh, .. } if message_zh.contains("不能分给")),
        "{answer:?}"
    );
    let answer = routed(domain::workflow::Routing {
        lead: domain::department::DepartmentCode::civil_affairs(),
        items: vec![],
    })
    .await;
    assert!(
        matches!(
            answer.results[0].outcome,
            Outcome::Applied { version: 6, .. }
        ),
        "{answer:?}"
    );
    let seen = pull(officer).await;
    let body = seen
        .changes
        .iter()
        .find_map(|c| match c {
            Change::Upsert { id, body, .. } if *id == case.0 => Some(body.clone()),
            _ => None,
        })
        .expect("routed case reaches the officer");
    assert_eq!(body["case"]["lead"], "civil_affairs");
}

crate::backend_tests!(a_case_opened_offline_goes_through_the_workflow_on_the_server);
