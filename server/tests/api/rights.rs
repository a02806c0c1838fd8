//! Least privilege (issue 22 point 9): each role outside its rights is refused, on both
//! databases — the admin reads no household, the supervisor edits none, a helper withdraws a
//! case only under an entrustment naming it.

use chrono::{Duration, Utc};
use domain::fieldwork::{EntrustmentChannel, EntrustmentId, EntrustmentRecord};
use domain::household::Household;
use domain::ids::{CaseId, HouseholdId};
use domain::jurisdiction::Actor;
use domain::sync::{FieldChange, OpBody, Outcome, PathSeg, RecordKind, RejectCode};
use domain::workflow::{Channel, Command};
use serde_json::json;
use server::sync::pull;
use uuid::Uuid;

use crate::backend_tests;
use crate::helpers::{Backend, spawn_app_on};
use crate::sync_admission_support::*;
use crate::sync_support::*;

/// The message of an outcome refused as forbidden (panics on any other).
fn forbidden(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Rejected {
            code: RejectCode::Forbidden,
            message_zh,
        } => message_zh,
        other => panic!("not refused as forbidden: {other:?}"),
    }
}

fn address_change(home: HouseholdId, from: &str, to: &str) -> OpBody {
    OpBody::EditHousehold {
        id: home,
        base_version: 1,
        changes: vec![FieldChange {
            path: vec![PathSeg::Key("address".into())],
            old: Some(json!(from)),
            new: Some(json!(to)),
        }],
    }
}

/// A remote (phone) entrustment of `helper` by the household's first member, naming `cases`.
fn entrustment(household: &Household, helper: &Actor, cases: Vec<CaseId>) -> serde_json::Value {
    let home = household.id;
    let member = &household.members[0];
    let record = EntrustmentRecord {
        id: EntrustmentId(Uuid::now_v7()),
        household: home,
        entrusting_member: member.id,
        entrusting_name: member.name.clone(),
        helper: helper.user,
        items: vec![domain::catalogue::AidItemCode("dibao".into())],
        main_item: None,
        channel: EntrustmentChannel::Phone,
        received_at: Utc::now() - Duration::minutes(5),
        signature: None,
        cases,
        termination: None,
    };
    serde_json::to_value(record).unwrap()
}

async fn the_admin_reads_no_household_and_edits_none(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let admin = actor(db, "admin").await;
    let supervisor = actor(db, "supervisor").await;
    // The demo county's households and cases are there: the supervisor reads them ...
    let seen = pull::pull(db, &supervisor, 0, 500).await.unwrap();
    assert!(!seen.changes.is_empty());
    // ... the admin, placed at the same county, reads none.
    let page = pull::pull(db, &admin, 0, 500).await.unwrap();
    assert!(page.changes.is_empty(), "{:?}", page.changes.len());
    let helper = actor(db, "helper").await;
    let (home, create) = create_household(GRID, "毛家村5组8号");
    assert_eq!(applied(&send(db, &helper, vec![create]).await[0]), 1);
    let (_, own) = create_household(GRID, "毛家村5组9号");
    let outcomes = send(
        db,
        &admin,
        vec![
            op(address_change(home, "毛家村5组8号", "毛家村5组10号")),
            own,
        ],
    )
    .await;
    // Its household is answered as unknown, a new one refused.
    assert!(matches!(
        &outcomes[0],
        Outcome::Rejected {
            code: RejectCode::NotFound,
            ..
        }
    ));
    assert!(forbidden(&outcomes[1]).contains("系统管理员"));
}

async fn the_supervisor_reads_but_edits_no_household(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let supervisor = actor(db, "supervisor").await;
    let (home, create) = create_household(GRID, "毛家村5组8号");
    assert_eq!(applied(&send(db, &helper, vec![create]).await[0]), 1);
    let page = pull::pull(db, &supervisor, 0, 1000).await.unwrap();
    assert!(
        page.changes
            .iter()
            .any(|c| format!("{c:?}").contains(&home.0.to_string()))
    );
    let (_, new) = create_household(GRID, "毛家村5组9号");
    let v = visit(home, &supervisor, Utc::now() - Duration::minutes(1), 1);
    let outcomes = send(
        db,
        &supervisor,
        vec![
            op(address_change(home, "毛家村5组8号", "毛家村5组10号")),
            new,
            op(save(RecordKind::Visit, id_of(&v), None, v.clone())),
        ],
    )
    .await;
    for outcome in &outcomes {
        assert!(forbidden(outcome).contains("县级监管"), "{outcome:?}");
    }
    // The helper may.
    let edit = op(address_change(home, "毛家村5组8号", "毛家村5组10号"));
    assert_eq!(applied(&send(db, &helper, vec![edit]).await[0]), 2);
}

async fn a_helper_withdraws_only_under_an_entrustment_naming_the_case(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let home = HouseholdId(Uuid::now_v7());
    let body = household(home, GRID, "毛家村5组8号");
    let kept: Household = serde_json::from_value(body.clone()).unwrap();
    let create = op(OpBody::CreateHousehold { id: home, body });
    let case = CaseId(Uuid::now_v7());
    let open = op(OpBody::CreateCase {
        id: case,
        household: home,
        channel: Channel::Entrusted,
        applicant: None,
        referred_by: None,
    });
    for outcome in send(db, &helper, vec![create, open]).await {
        assert_eq!(applied(&outcome), 1);
    }
    let withdraw = |version| {
        op(OpBody::CaseCommand {
            id: case,
            base_version: version,
            command: Command::Withdraw,
            reason: Some("申请人已外出务工".to_owned()),
        })
    };
    // In the helper's village, but nobody entrusted them with it.
    let outcome = &send(db, &helper, vec![withdraw(1)]).await[0];
    assert!(forbidden(outcome).contains("受委托"), "{outcome:?}");
    // Another helper's entrustment does not count either.
    let other = elsewhere(&helper, GRID);
    let theirs = entrustment(&kept, &other, vec![case]);
    let id = Uuid::parse_str(theirs["id"].as_str().unwrap()).unwrap();
    let outcome = &send(
        db,
        &helper,
        vec![op(save(RecordKind::Entrustment, id, None, theirs))],
    )
    .await[0];
    assert!(matches!(outcome, Outcome::Rejected { .. }), "{outcome:?}");
    // Entrusted with this case: the same withdrawal is taken.
    let mine = entrustment(&kept, &helper, vec![case]);
    let id = Uuid::parse_str(mine["id"].as_str().unwrap()).unwrap();
    let outcomes = send(
        db,
        &helper,
        vec![
            op(save(RecordKind::Entrustment, id, None, mine)),
            withdraw(1),
        ],
    )
    .await;
    assert_eq!(applied(&outcomes[0]), 1);
    assert_eq!(applied(&outcomes[1]), 2);
}

backend_tests!(
    the_admin_reads_no_household_and_edits_none,
    the_supervisor_reads_but_edits_no_household,
    a_helper_withdraws_only_under_an_entrustment_naming_the_case,
);
