//! The window's and the verification team's decisions taken from the materials checklist
//! rather than from the phone: the missing materials of acceptance and of the one notice, the
//! adults' authorizations of the economic check; and the checklist following its case to the
//! departments it is routed to.

use domain::fieldwork::MaterialsRecord;
use domain::sync::{RecordKind, RejectCode};
use domain::workflow::{Command, EventBody};

use crate::authorization_support::{push_package, send_signed, signed};
use crate::helpers::{Backend, spawn_app_on};
use crate::materials_support::*;
use crate::sync_support::*;

async fn the_window_decides_on_the_checklists_missing_materials(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let clerk = actor(db, "clerk").await;
    let verifier = actor(db, "verifier").await;
    let mut intake = intake(&helper);
    let complete = intake.materials.clone();
    intake.materials = without(intake.materials, "hardship_statement");
    intake.materials = without(intake.materials, "hukou");
    assert!(
        send(db, &helper, intake.ops())
            .await
            .iter()
            .all(|o| applied(o) > 0)
    );
    let case = intake.case;
    // The phone says nothing is missing; the checklist says otherwise.
    let accept = || command(case, 3, Command::Accept { missing: vec![] });
    let answer = send(db, &clerk, vec![accept()]).await;
    let (code, message) = refused(&answer[0]);
    assert_eq!(code, RejectCode::Invalid);
    assert!(
        message.contains("hardship_statement") && message.contains("hukou"),
        "{message}"
    );
    // The one notice lists exactly the checklist's missing materials (and what the clerk adds).
    let notice = command(
        case,
        3,
        Command::RequestSupplement {
            seen: vec![],
            missing: vec![],
        },
    );
    assert_eq!(applied(&send(db, &clerk, vec![notice]).await[0]), 4);
    let last = case_of(db, case.0).await.events.pop().unwrap();
    let EventBody::SupplementRequested { missing, .. } = last.body else {
        panic!("{last:?}")
    };
    assert_eq!(missing, intake.materials.missing());
    assert_eq!(
        missing.iter().map(|m| m.as_str()).collect::<Vec<_>>(),
        ["hardship_statement", "hukou"]
    );
    // The helper brings them, photographs them and resubmits; now the window accepts.
    let mut fixed = complete;
    fixed.updated_at = chrono::Utc::now();
    let answer = send(
        db,
        &helper,
        vec![
            save(RecordKind::Materials, case.0, Some(1), &fixed),
            command(case, 4, Command::Resubmit),
        ],
    )
    .await;
    assert_eq!(answer.iter().map(applied).collect::<Vec<_>>(), [2, 5]);
    let accept = command(case, 5, Command::Accept { missing: vec![] });
    assert_eq!(applied(&send(db, &clerk, vec![accept]).await[0]), 6);
    // Every adult signed the authorization: the economic check may be recorded.
    let authorization = signed(&intake.household, &helper, 3000);
    let answer = send_signed(&app, &helper, vec![push_package(&authorization)]).await;
    assert_eq!(applied(&answer[0]), 1);
    let check = command(
        case,
        6,
        Command::EconomicCheck {
            adults_without_authorization: vec![],
            authorizations: vec![],
        },
    );
    assert_eq!(applied(&send(db, &verifier, vec![check]).await[0]), 7);
    // Routed to civil affairs: its officer now sees the checklist too, at the same version,
    // so the helper's phone editing version 2 is not stale.
    let officer = actor(db, "officer").await;
    assert!(
        !pulled(db, &officer, RecordKind::Materials)
            .await
            .contains(&case.0)
    );
    let household = intake.household.id.0;
    assert!(
        !pulled(db, &officer, RecordKind::Household)
            .await
            .contains(&household)
    );
    let household_version = || async {
        let (v,): (i64,) =
            sqlx::query_as("SELECT version FROM records WHERE kind = 'household' AND id = $1")
                .bind(household.to_string())
                .fetch_one(db.pool())
                .await
                .unwrap();
        v
    };
    let before = household_version().await;
    let routing = domain::workflow::Routing {
        lead: domain::department::DepartmentCode("civil_affairs".into()),
        items: vec![(
            temporary(),
            domain::department::DepartmentCode("civil_affairs".into()),
        )],
    };
    let leader = actor(db, "leader").await;
    let agree = command(case, 7, Command::ApproveRouting);
    assert_eq!(applied(&send(db, &leader, vec![agree]).await[0]), 8);
    let route = command(case, 8, Command::Route(routing));
    assert_eq!(applied(&send(db, &clerk, vec![route]).await[0]), 9);
    assert!(
        pulled(db, &officer, RecordKind::Materials)
            .await
            .contains(&case.0)
    );
    // And the household it decides on (issue 19 point 6), at the same version.
    assert!(
        pulled(db, &officer, RecordKind::Household)
            .await
            .contains(&household)
    );
    assert_eq!(household_version().await, before);
    let (version,): (i64,) =
        sqlx::query_as("SELECT version FROM records WHERE kind = 'materials' AND id = $1")
            .bind(case.0.to_string())
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(version, 2);
    assert!(
        pulled(db, &helper, RecordKind::Materials)
            .await
            .contains(&case.0)
    );
}

async fn the_economic_check_waits_for_every_adults_authorization(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let clerk = actor(db, "clerk").await;
    let verifier = actor(db, "verifier").await;
    let mut intake = intake(&helper);
    let complete = intake.materials.clone();
    intake.materials = without(intake.materials, domain::fieldwork::AUTHORIZATION);
    assert!(
        send(db, &helper, intake.ops())
            .await
            .iter()
            .all(|o| applied(o) > 0)
    );
    let case = intake.case;
    // Urgent: accepted first, the authorization outstanding (临时救助 allows it).
    let urgent = command(
        case,
        3,
        Command::UrgentAccept {
            missing: vec![],
            urgent_allowed: false,
            flagged_urgent: false,
        },
    );
    assert_eq!(applied(&send(db, &clerk, vec![urgent]).await[0]), 4);
    let record = case_of(db, case.0).await;
    assert_eq!(
        record.case.outstanding_materials(),
        intake.materials.missing().as_slice()
    );
    let check = || {
        command(
            case,
            4,
            Command::EconomicCheck {
                adults_without_authorization: vec![],
                authorizations: vec![],
            },
        )
    };
    let (code, _) = refused(&send(db, &verifier, vec![check()]).await[0]);
    assert_eq!(code, RejectCode::Invalid);
    let confirm = || {
        command(
            case,
            4,
            Command::ConfirmMaterialsComplete { missing: vec![] },
        )
    };
    assert_eq!(
        refused(&send(db, &clerk, vec![confirm()]).await[0]).0,
        RejectCode::Invalid
    );
    // The resident signs on the helper's next visit.
    let authorization = signed(&intake.household, &helper, 3000);
    let answer = send_signed(
        &app,
        &helper,
        vec![
            save(RecordKind::Materials, case.0, Some(1), &complete),
            push_package(&authorization),
        ],
    )
    .await;
    assert_eq!(applied(&answer[0]), 2);
    assert_eq!(applied(&answer[1]), 1);
    assert_eq!(applied(&send(db, &clerk, vec![confirm()]).await[0]), 5);
    let check = command(
        case,
        5,
        Command::EconomicCheck {
            adults_without_authorization: vec![],
            authorizations: vec![],
        },
    );
    assert_eq!(applied(&send(db, &verifier, vec![check]).await[0]), 6);
    let stored: MaterialsRecord = {
        let (body,): (String,) =
            sqlx::query_as("SELECT body FROM records WHERE kind = 'materials' AND id = $1")
                .bind(case.0.to_string())
                .fetch_one(db.pool())
                .await
                .unwrap();
        serde_json::from_str(&body).unwrap()
    };
    assert!(stored.missing().is_empty());
}
crate::backend_tests!(
    the_window_decides_on_the_checklists_missing_materials,
    the_economic_check_waits_for_every_adults_authorization,
);
