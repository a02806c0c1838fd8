//! Building blocks for the authorization tests: a family with a child, signed packages, and
//! pushes with the test server's countersigning key.

use chrono::Utc;
use domain::authorization::{AuthorizationRecord, AuthorizationText};
use domain::household::Household;
use domain::ids::HouseholdId;
use domain::jurisdiction::Actor;
use domain::sync::{OpBody, Operation, Outcome, RecordKind};
use server::authorization::AuthorizationKeys;
use server::demo::authorizations::{Photos, package};
use server::sync::{PushEnv, push};
use uuid::Uuid;

use crate::helpers::TestApp;
use crate::materials_support::{GRID, applied, checklist, command, intake, save, send, sha};
use crate::sync_support::*;
use domain::workflow::Command;

/// The test server's countersigning key.
pub fn keys(app: &TestApp) -> AuthorizationKeys {
    AuthorizationKeys::new(server::audit::load_or_create_key(&app.authorization_key_file).unwrap())
}

/// Pushes `ops` as `actor` with the server's key (as the HTTP push does).
pub async fn send_signed(app: &TestApp, actor: &Actor, ops: Vec<Operation>) -> Vec<Outcome> {
    let keys = keys(app);
    let catalogue = catalogue();
    let env = PushEnv {
        catalogue: &catalogue,
        authorization: Some(&keys),
        identity_methods: server::sync::ALL_IDENTITY_METHODS,
        offline_allowance: server::sync::DEFAULT_OFFLINE_ALLOWANCE,
        calendar: None,
        client_address: None,
    };
    let answer = push::push(&app.db, env, actor, &batch(device(), ops), Utc::now())
        .await
        .unwrap();
    answer.results.into_iter().map(|r| r.outcome).collect()
}

/// 王秀英 and her husband (adults) and their granddaughter of 11, in the helper's grid.
pub fn family() -> Household {
    let id = HouseholdId(Uuid::now_v7());
    let member = |name: &str, id_number: &str, relation: &str| {
        serde_json::json!({
            "id": Uuid::now_v7().to_string(),
            "name": name,
            "id_number": id_number,
            "relation": relation,
            "health": "healthy",
            "employment": "farming"
        })
    };
    serde_json::from_value(serde_json::json!({
        "id": id.0.to_string(),
        "place": GRID,
        "address": "毛家村2组7号",
        "members": [
            member("王秀英", "500231195803124020", "applicant"),
            member("李国华", "500231196005013013", "spouse"),
            member("李小雨", "500231201509014021", "grandchild"),
        ],
        "income": [],
        "property": []
    }))
    .unwrap()
}

/// Creating `household`.
pub fn create(household: &Household) -> Operation {
    op(OpBody::CreateHousehold {
        id: household.id,
        body: serde_json::to_value(household).unwrap(),
    })
}

/// A valid package for every member of `household`, collected by `helper` now, each image
/// distinct (offset by `seed`).
pub fn signed(household: &Household, helper: &Actor, seed: u32) -> AuthorizationRecord {
    package(
        household,
        &AuthorizationText::builtin(),
        helper.user,
        Utc::now(),
        |n| sha(seed + n),
        Photos::WithIdCard,
    )
}

/// Sending a package.
pub fn push_package(record: &AuthorizationRecord) -> Operation {
    save(RecordKind::Authorization, record.id.0, None, record)
}

/// An application of `household` (already stored) for 临时救助, pushed by the helper and
/// accepted by the window: at version 4, ready for the economic check.
pub async fn accepted_case(app: &TestApp, household: &Household) -> domain::ids::CaseId {
    let helper = actor(&app.db, "helper").await;
    let clerk = actor(&app.db, "clerk").await;
    let mut intake = intake(&helper);
    intake.household = household.clone();
    intake.materials = checklist(intake.case, household, &helper, sha);
    intake.entrustment.household = household.id;
    intake.entrustment.entrusting_member = household.members[0].id;
    let ops = intake.ops().into_iter().skip(1).collect();
    let answer = send(&app.db, &helper, ops).await;
    assert!(answer.iter().all(|o| applied(o) > 0), "{answer:?}");
    let accept = command(intake.case, 3, Command::Accept { missing: vec![] });
    assert_eq!(applied(&send(&app.db, &clerk, vec![accept]).await[0]), 4);
    intake.case
}

/// The economic check of `case` at `base_version`, as the verifier's phone sends it.
pub fn economic_check(case: domain::ids::CaseId, base_version: i64) -> Operation {
    command(
        case,
        base_version,
        Command::EconomicCheck {
            adults_without_authorization: vec![],
            authorizations: vec![],
        },
    )
}
