//! A new case accepted by the window, for checking which decision limit its clock uses.

use chrono::Utc;
use domain::catalogue::AidItemCode;
use domain::ids::CaseId;
use domain::sync::{OpBody, Outcome, PushResponse};
use domain::workflow::Command;

use crate::helpers::TestApp;
use crate::sync_support::*;

/// A new entrusted 临时救助 case in 毛家村, submitted by the helper and accepted by the clerk;
/// answers its id and its projection's decision limit (working days).
pub async fn accepted_case_limit(app: &TestApp) -> (String, Option<i64>) {
    let helper = app.sign_in("helper").await;
    let clerk = app.sign_in("clerk").await;
    let (household, create) = create_household("500231101201-G01", "时限测试1号");
    let case = CaseId(uuid::Uuid::now_v7());
    let temporary = AidItemCode::temporary();
    let push = |client: &reqwest::Client, ops: Vec<domain::sync::Operation>| {
        let client = client.clone();
        let url = app.url("/api/sync/v1/push");
        async move {
            let answer: PushResponse = client
                .post(url)
                .json(&batch(device(), ops))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            for r in &answer.results {
                assert!(matches!(r.outcome, Outcome::Applied { .. }), "{answer:?}");
            }
        }
    };
    let member = match &create.body {
        OpBody::CreateHousehold { body, .. } => {
            serde_json::from_value(body["members"][0]["id"].clone()).unwrap()
        }
        _ => unreachable!(),
    };
    let entrusted = domain::fieldwork::EntrustmentRecord {
        id: domain::fieldwork::EntrustmentId(uuid::Uuid::now_v7()),
        household,
        entrusting_member: member,
        entrusting_name: domain::identity::PersonName::parse("王秀英").unwrap(),
        helper: actor(&app.db, "helper").await.user,
        items: vec![temporary.clone()],
        main_item: Some(temporary.clone()),
        channel: domain::fieldwork::EntrustmentChannel::InPerson,
        received_at: Utc::now() - chrono::Duration::hours(1),
        signature: Some(crate::materials_support::sha(1)),
        cases: vec![case],
        termination: None,
    };
    push(
        &helper,
        vec![
            create,
            op(OpBody::CreateCase {
                id: case,
                household,
                channel: domain::workflow::Channel::Entrusted,
                applicant: None,
                referred_by: None,
            }),
            op(OpBody::SaveFieldRecord {
                kind: domain::sync::RecordKind::Entrustment,
                id: entrusted.id.0,
                base_version: None,
                body: serde_json::to_value(&entrusted).unwrap(),
            }),
        ],
    )
    .await;
    let steps: Vec<(&reqwest::Client, Command)> = vec![
        (
            &helper,
            Command::EditDraft {
                items: vec![temporary.clone()],
                primary: Some(temporary.clone()),
            },
        ),
        (&helper, Command::Submit),
        (&clerk, Command::Accept { missing: vec![] }),
    ];
    for (version, (client, command)) in steps.into_iter().enumerate() {
        push(
            client,
            vec![op(OpBody::CaseCommand {
                id: case,
                base_version: version as i64 + 1,
                command,
                reason: None,
            })],
        )
        .await;
    }
    let id = case.0.to_string();
    (id.clone(), projected_limit(app, &id).await)
}

/// The decision limit in the projection row of case `id`.
pub async fn projected_limit(app: &TestApp, id: &str) -> Option<i64> {
    let (limit,): (Option<i64>,) =
        sqlx::query_as("SELECT decision_limit_days FROM case_projection WHERE case_id = $1")
            .bind(id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    limit
}
