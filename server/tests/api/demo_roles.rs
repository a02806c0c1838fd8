//! A newcomer who signs in as a staff account right after the demo loads finds work: each
//! pulls the cases of their role through sync, and the township's cases take the next
//! command (the verifier's economic check under the family's countersigned authorization,
//! the window's routing).

use std::collections::HashMap;

use domain::sync::{Change, OpBody, Outcome, PullResponse, PushResponse, RecordKind};
use serde_json::Value;

use crate::helpers::{Backend, TestApp, spawn_app_on};
use crate::sync_support::*;

crate::backend_tests!(
    each_demo_staff_account_pulls_the_cases_of_its_role,
    the_township_cases_take_their_next_command_on_the_server,
);

/// Every record `client` pulls, by kind, page by page.
async fn pull_all(app: &TestApp, client: &reqwest::Client) -> HashMap<RecordKind, Vec<Value>> {
    let mut out: HashMap<RecordKind, Vec<Value>> = HashMap::new();
    let mut cursor = 0;
    loop {
        let page: PullResponse = client
            .get(app.url(&format!("/api/sync/v1/pull?cursor={cursor}&limit=50")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for c in page.changes {
            if let Change::Upsert { kind, body, .. } = c {
                out.entry(kind).or_default().push(body);
            }
        }
        cursor = page.cursor;
        if !page.more {
            return out;
        }
    }
}

/// The states of the pulled cases, sorted.
fn states(pulled: &HashMap<RecordKind, Vec<Value>>) -> Vec<String> {
    let mut v: Vec<String> = pulled
        .get(&RecordKind::Case)
        .into_iter()
        .flatten()
        .map(|c| c["case"]["state"].as_str().unwrap().to_owned())
        .collect();
    v.sort();
    v
}

/// The pulled case of the household at `address`.
fn case_at<'a>(pulled: &'a HashMap<RecordKind, Vec<Value>>, address: &str) -> &'a Value {
    let home = pulled[&RecordKind::Household]
        .iter()
        .find(|h| h["address"] == address)
        .unwrap_or_else(|| panic!("no household at {address}"));
    pulled[&RecordKind::Case]
        .iter()
        .find(|c| c["household"] == home["id"])
        .unwrap_or_else(|| panic!("no case at {address}"))
}

async fn each_demo_staff_account_pulls_the_cases_of_its_role(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let clerk = pull_all(&app, &app.sign_in("clerk").await).await;
    // The helper's four in 毛家村 and the township's eight in 李家村.
    assert_eq!(
        states(&clerk),
        [
            "accepted",
            "accepted",
            "closed",
            "decided",
            "resubmitted",
            "result_notified",
            "routed",
            "routed",
            "routed",
            "routed",
            "submitted",
            "supplement_requested",
        ]
    );
    let verifier = pull_all(&app, &app.sign_in("verifier").await).await;
    assert_eq!(states(&verifier).len(), 12);
    // Civil affairs: the helper's three and four of the township's.
    let officer = pull_all(&app, &app.sign_in("officer").await).await;
    assert_eq!(
        states(&officer),
        [
            "closed",
            "decided",
            "result_notified",
            "routed",
            "routed",
            "routed",
            "routed"
        ]
    );
    // Each officer also holds the households of their cases, to decide with (and no other).
    let homes = |pulled: &HashMap<RecordKind, Vec<Value>>| {
        let mut ids: Vec<Value> = pulled
            .get(&RecordKind::Household)
            .into_iter()
            .flatten()
            .map(|h| h["id"].clone())
            .collect();
        ids.sort_by_key(|v| v.to_string());
        ids
    };
    let of_cases = |pulled: &HashMap<RecordKind, Vec<Value>>| {
        let mut ids: Vec<Value> = pulled[&RecordKind::Case]
            .iter()
            .map(|c| c["household"].clone())
            .collect();
        ids.sort_by_key(|v| v.to_string());
        ids.dedup();
        ids
    };
    assert_eq!(homes(&officer), of_cases(&officer));
    let officer2 = pull_all(&app, &app.sign_in("officer2").await).await;
    assert_eq!(homes(&officer2), of_cases(&officer2));
    let medical = &officer2[&RecordKind::Case];
    assert_eq!(medical.len(), 1);
    let items = medical[0]["case"]["items"].as_array().unwrap();
    assert!(
        items
            .iter()
            .any(|i| i["department"] == "medical_security" && i["decision"].is_null()),
        "{items:?}"
    );
    // The demo helper's view is what it was.
    let helper = pull_all(&app, &app.sign_in("helper").await).await;
    assert_eq!(helper[&RecordKind::Case].len(), 4);
    assert_eq!(helper[&RecordKind::Household].len(), 5);
}

async fn the_township_cases_take_their_next_command_on_the_server(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let push = |client: reqwest::Client, case: &Value, command: domain::workflow::Command| {
        let id = domain::ids::CaseId(case["case"]["id"].as_str().unwrap().parse().unwrap());
        let base_version = case["case"]["version"].as_i64().unwrap();
        let url = app.url("/api/sync/v1/push");
        let req = batch(
            device(),
            vec![op(OpBody::CaseCommand {
                id,
                base_version,
                command,
                reason: None,
            })],
        );
        async move {
            let answer: PushResponse = client
                .post(url)
                .json(&req)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            answer.results[0].outcome.clone()
        }
    };
    let verifier = app.sign_in("verifier").await;
    let pulled = pull_all(&app, &verifier).await;
    let deng = case_at(&pulled, "沙坪镇李家村1组5号");
    assert_eq!(deng["case"]["state"], "accepted");
    // The server finds the family's countersigned authorization itself.
    let check = domain::workflow::Command::EconomicCheck {
        adults_without_authorization: vec![],
        authorizations: vec![],
    };
    let outcome = push(verifier.clone(), deng, check).await;
    assert!(matches!(outcome, Outcome::Applied { .. }), "{outcome:?}");

    // 彭桂芳's case waits for the township leader (分管领导), who agrees to the routing.
    let leader = app.sign_in("leader").await;
    let pulled = pull_all(&app, &leader).await;
    let peng = case_at(&pulled, "沙坪镇李家村3组21号");
    assert_eq!(peng["case"]["approval"], "awaiting");
    let outcome = push(
        leader.clone(),
        peng,
        domain::workflow::Command::ApproveRouting,
    )
    .await;
    assert!(matches!(outcome, Outcome::Applied { .. }), "{outcome:?}");

    let clerk = app.sign_in("clerk").await;
    let pulled = pull_all(&app, &clerk).await;
    let peng = case_at(&pulled, "沙坪镇李家村3组21号");
    assert_eq!(peng["case"]["state"], "accepted");
    // The server routes by the catalogue whatever the phone proposes.
    let route = domain::workflow::Command::Route(domain::workflow::Routing {
        lead: domain::department::DepartmentCode::civil_affairs(),
        items: vec![(
            domain::catalogue::AidItemCode::temporary(),
            domain::department::DepartmentCode::civil_affairs(),
        )],
    });
    let outcome = push(clerk.clone(), peng, route).await;
    assert!(matches!(outcome, Outcome::Applied { .. }), "{outcome:?}");
}
