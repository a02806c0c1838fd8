//! The case projection (issue 21 point 6) says what the stored case records say: after the
//! demo loads, after each command of a case's life pushed through sync, and after the startup
//! backfill rebuilds it.

use chrono::{DateTime, Utc};
use domain::catalogue::AidItemCode;
use domain::clocks::china_date;
use domain::ids::CaseId;
use domain::jurisdiction::PlaceCode;
use domain::sync::{OpBody, Outcome, PushResponse};
use domain::workflow::{Command, DecisionFacts, DecisionOutcome, Routing, Satisfaction};
use serde_json::Value;
use server::db::Db;

use crate::helpers::{Backend, spawn_app_on};
use crate::sync_support::*;

crate::backend_tests!(
    the_demo_cases_are_projected,
    the_projection_follows_each_command_of_a_case,
    the_backfill_rebuilds_what_is_missing_once,
);

fn day(v: &Value) -> Option<String> {
    v.as_str()
        .map(|s| china_date(s.parse::<DateTime<Utc>>().unwrap()).to_string())
}

type Projected = (
    String,
    i64,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Every case record against its projection row; answers how many cases were checked.
async fn check_all(db: &Db) -> usize {
    let records: Vec<(String, i64, String, String)> =
        sqlx::query_as("SELECT id, version, place_code, body FROM records WHERE kind = 'case'")
            .fetch_all(db.pool())
            .await
            .unwrap();
    for (id, version, place, body) in &records {
        let body: Value = serde_json::from_str(body).unwrap();
        let case = &body["case"];
        let row: Projected = sqlx::query_as(
            "SELECT household_id, version, state, township_code, channel, \
             CAST(created_on AS TEXT), CAST(accepted_on AS TEXT), CAST(routed_on AS TEXT), \
             CAST(decided_on AS TEXT), CAST(told_on AS TEXT), rating, \
             CAST(deadline_on AS TEXT) \
             FROM case_projection WHERE case_id = $1",
        )
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("case {id} has no projection row"));
        let place = PlaceCode::parse(place).unwrap();
        assert_eq!(row.0, body["household"].as_str().unwrap(), "{id}");
        assert_eq!(row.1, *version, "{id}");
        assert_eq!(row.2, case["state"].as_str().unwrap(), "{id}");
        assert_eq!(row.3, place.township().map(|p| p.as_str().to_owned()));
        assert_eq!(row.4, case["channel"].as_str().unwrap(), "{id}");
        assert_eq!(Some(row.5.clone()), day(&case["created_at"]), "{id}");
        assert_eq!(row.6, day(&case["accepted_at"]), "{id}");
        let first_routing = case["sub_cases"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|s| day(&s["routed_at"]))
            .min();
        assert_eq!(row.7, first_routing, "{id}");
        assert_eq!(row.8, day(&case["result_ready_at"]), "{id}");
        assert_eq!(row.9, day(&case["notified_at"]), "{id}");
        assert_eq!(row.10.as_deref(), case["evaluation"].as_str(), "{id}");
        // A running clock exactly while the window or a department has one.
        match case["state"].as_str().unwrap() {
            "accepted" | "routed" | "decided" => assert!(row.11.is_some(), "{id}: no deadline"),
            "draft"
            | "submitted"
            | "resubmitted"
            | "supplement_requested"
            | "result_notified"
            | "closed"
            | "archived"
            | "not_accepted"
            | "withdrawn"
            | "terminated" => {
                assert!(row.11.is_none(), "{id}: {:?}", row.11)
            }
            _ => {}
        }
        let mut items: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT item, department FROM case_projection_items WHERE case_id = $1 ORDER BY item",
        )
        .bind(id)
        .fetch_all(db.pool())
        .await
        .unwrap();
        items.sort();
        let mut expected: Vec<(String, Option<String>)> = case["requested_items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let item = i.as_str().unwrap().to_owned();
                let department = case["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|p| p["item"] == *i)
                    .map(|p| p["department"].as_str().unwrap().to_owned());
                (item, department)
            })
            .collect();
        expected.sort();
        assert_eq!(items, expected, "{id}");
    }
    let rows: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM case_projection")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(rows.0 as usize, records.len(), "one row per case, no more");
    records.len()
}

async fn the_demo_cases_are_projected(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    assert!(check_all(&app.db).await >= 12);
}

async fn the_projection_follows_each_command_of_a_case(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let helper = app.sign_in("helper").await;
    let clerk = app.sign_in("clerk").await;
    let officer = app.sign_in("officer").await;
    let leader = app.sign_in("leader").await;
    let (household, create) = create_household("500231101201-G01", "投影测试1号");
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
    let command = |version: i64, command: Command| {
        op(OpBody::CaseCommand {
            id: case,
            base_version: version,
            command,
            reason: None,
        })
    };
    // The helper is entrusted with the case, so that they may collect its evaluation (issue
    // 22 point 9).
    let member = match &create.body {
        OpBody::CreateHousehold { body, .. } => {
            serde_json::from_value(body["members"][0]["id"].clone()).unwrap()
        }
        _ => unreachable!(),
    };
    let helper_user = actor(&app.db, "helper").await.user;
    let entrusted = domain::fieldwork::EntrustmentRecord {
        id: domain::fieldwork::EntrustmentId(uuid::Uuid::now_v7()),
        household,
        entrusting_member: member,
        entrusting_name: domain::identity::PersonName::parse("王秀英").unwrap(),
        helper: helper_user,
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
    check_all(&app.db).await;
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
        (&leader, Command::ApproveRouting),
        (
            &clerk,
            Command::Route(Routing {
                lead: domain::department::DepartmentCode::civil_affairs(),
                items: vec![],
            }),
        ),
        (
            &officer,
            Command::Decide {
                item: temporary.clone(),
                department: domain::department::DepartmentCode::civil_affairs(),
                outcome: DecisionOutcome::Deny,
                facts: DecisionFacts::default(),
            },
        ),
        (
            &clerk,
            Command::TellResult {
                item: temporary.clone(),
            },
        ),
        // Telling the only item's result is the combined notice too.
        (
            &helper,
            Command::Evaluate {
                satisfaction: Satisfaction::Satisfied,
            },
        ),
        (&clerk, Command::Close),
    ];
    let mut states = Vec::new();
    for (version, (client, c)) in (1..).zip(steps) {
        let reason = matches!(c, Command::Decide { .. }).then(|| "不符合条件".to_owned());
        let mut o = command(version, c);
        if let OpBody::CaseCommand { reason: r, .. } = &mut o.body {
            *r = reason;
        }
        push(client, vec![o]).await;
        check_all(&app.db).await;
        let (state, step): (String, Option<String>) =
            sqlx::query_as("SELECT state, step FROM case_projection WHERE case_id = $1")
                .bind(case.0.to_string())
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        states.push((state, step));
    }
    let at = |i: usize| (states[i].0.as_str(), states[i].1.as_deref());
    assert_eq!(at(2), ("accepted", Some("route")), "{states:?}");
    // Waiting for the township leader's agreement, still the routing step.
    assert_eq!(at(3), ("accepted", Some("route")), "{states:?}");
    assert_eq!(at(4), ("routed", Some("decision")), "{states:?}");
    assert_eq!(states.last().unwrap().0, "closed", "{states:?}");
    let rating: (Option<String>,) =
        sqlx::query_as("SELECT rating FROM case_projection WHERE case_id = $1")
            .bind(case.0.to_string())
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(rating.0.as_deref(), Some("satisfied"));
}

async fn the_backfill_rebuilds_what_is_missing_once(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let before: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT case_id, state, CAST(deadline_on AS TEXT) FROM case_projection ORDER BY case_id",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    for sql in [
        "DELETE FROM case_projection_items",
        "DELETE FROM case_projection",
    ] {
        sqlx::query(sql).execute(app.db.pool()).await.unwrap();
    }
    let catalogue = domain::catalogue::Catalogue::builtin();
    let calendar = domain::calendar::Calendar::builtin();
    let reference = server::projection::Reference {
        catalogue: &catalogue,
        calendar: &calendar,
    };
    let n = server::projection::backfill(&app.db, reference)
        .await
        .unwrap();
    assert_eq!(n, before.len());
    assert_eq!(
        server::projection::backfill(&app.db, reference)
            .await
            .unwrap(),
        0
    );
    let after: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT case_id, state, CAST(deadline_on AS TEXT) FROM case_projection ORDER BY case_id",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(after, before);
    check_all(&app.db).await;
}
