//! The evaluation (评价) as a field record: it waits for the case's result and rates the case once.
//! Fixtures from `sync_fieldwork`.

use chrono::Utc;
use domain::department::DepartmentCode;
use domain::fieldwork::{EntrustmentRecord, Evaluation, Rating};
use domain::ids::CaseId;
use domain::sync::{Change, OpBody, Operation, RecordKind, RejectCode};
use domain::workflow::{Channel, Command, DecisionFacts, DecisionOutcome};
use server::sync::pull;
use uuid::Uuid;

use crate::helpers::{Backend, spawn_app_on};
use crate::sync_fieldwork::*;
use crate::sync_support::*;

fn command(case: CaseId, base_version: i64, command: Command, reason: Option<&str>) -> Operation {
    op(OpBody::CaseCommand {
        id: case,
        base_version,
        command,
        reason: reason.map(str::to_owned),
    })
}

async fn an_evaluation_waits_for_the_result_and_rates_the_case_once(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let clerk = actor(db, "clerk").await;
    let officer = actor(db, "officer").await;
    let (home, member) = new_household(db, &helper).await;
    let case = CaseId(Uuid::now_v7());
    // The helper collects the evaluation as the one entrusted with the case (issue 22 point 9).
    let entrusted = EntrustmentRecord {
        cases: vec![case],
        ..entrustment(home, member, &helper)
    };
    let intake = vec![
        op(OpBody::CreateCase {
            id: case,
            household: home,
            channel: Channel::Entrusted,
            applicant: None,
            referred_by: None,
        }),
        save(RecordKind::Entrustment, entrusted.id.0, None, &entrusted),
        command(
            case,
            1,
            Command::EditDraft {
                items: vec![temporary()],
                primary: Some(temporary()),
            },
            None,
        ),
        command(case, 2, Command::Submit, None),
    ];
    assert!(
        send(db, &helper, intake)
            .await
            .iter()
            .all(|o| applied(o) > 0)
    );
    let routing = domain::workflow::Routing {
        lead: DepartmentCode("civil_affairs".into()),
        items: vec![(temporary(), DepartmentCode("civil_affairs".into()))],
    };
    let accept = vec![command(case, 3, Command::Accept { missing: vec![] }, None)];
    assert!(
        send(db, &clerk, accept)
            .await
            .iter()
            .all(|o| applied(o) > 0)
    );
    let leader = actor(db, "leader").await;
    let agree = vec![command(case, 4, Command::ApproveRouting, None)];
    assert!(
        send(db, &leader, agree)
            .await
            .iter()
            .all(|o| applied(o) > 0)
    );
    let route = vec![command(case, 5, Command::Route(routing), None)];
    assert!(send(db, &clerk, route).await.iter().all(|o| applied(o) > 0));
    let decide = Command::Decide {
        item: temporary(),
        department: DepartmentCode("civil_affairs".into()),
        outcome: DecisionOutcome::Deny,
        facts: DecisionFacts::default(),
    };
    let answer = send(
        db,
        &officer,
        vec![command(case, 6, decide, Some("家庭收入高于救助标准"))],
    )
    .await;
    assert_eq!(applied(&answer[0]), 7);

    let rate = |rating| Evaluation {
        id: domain::fieldwork::EvaluationId(Uuid::now_v7()),
        case,
        entrustment: None,
        rating,
        comment: Some("帮办员跑了好几趟".into()),
        collected_by: helper.user,
        collected_at: Utc::now(),
    };
    // Not before the applicant was told the result.
    let early = rate(Rating::Satisfied);
    let answer = send(
        db,
        &helper,
        vec![save(RecordKind::Evaluation, early.id.0, None, &early)],
    )
    .await;
    assert_eq!(refused(&answer[0]).0, RejectCode::Invalid);
    assert_eq!(
        applied(
            &send(
                db,
                &clerk,
                vec![command(case, 7, Command::NotifyResult, None)]
            )
            .await[0]
        ),
        8
    );

    let told = rate(Rating::BasicallySatisfied);
    let twice = rate(Rating::Dissatisfied);
    let answer = send(
        db,
        &helper,
        vec![
            save(RecordKind::Evaluation, told.id.0, None, &told),
            save(RecordKind::Evaluation, twice.id.0, None, &twice),
        ],
    )
    .await;
    assert_eq!(applied(&answer[0]), 1);
    assert_eq!(refused(&answer[1]).0, RejectCode::Invalid);
    // The case carries the same rating, and the township sees the evaluation.
    let page = pull::pull(db, &clerk, 0, 1000).await.unwrap();
    let body = |wanted: Uuid| {
        page.changes.iter().find_map(|c| match c {
            Change::Upsert { id, body, .. } if *id == wanted => Some(body.clone()),
            _ => None,
        })
    };
    let rated = body(case.0).expect("case pulled");
    assert_eq!(
        rated["case"]["evaluation"],
        serde_json::to_value(Rating::BasicallySatisfied.satisfaction()).unwrap()
    );
    assert!(body(told.id.0).is_some());
    // An evaluation cannot be rewritten.
    let answer = send(
        db,
        &helper,
        vec![save(RecordKind::Evaluation, told.id.0, Some(1), &told)],
    )
    .await;
    assert_eq!(refused(&answer[0]).0, RejectCode::Invalid);
}

crate::backend_tests!(an_evaluation_waits_for_the_result_and_rates_the_case_once);
