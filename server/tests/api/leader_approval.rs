//! The township leader's approval before routing (分管领导同意分办, 乌海 附件4 第一条) and the
//! escalation's messages (督办), on both databases: routing is refused until the leader of
//! the case's own township agrees; the agreement goes through the push path and is printed
//! on the registration form with the leader's name and date; late clocks are told to the
//! leader, then the county, once per level, with the numbers masked wherever they are shown.

use chrono::{Duration, Utc};
use domain::workflow::{Command, Routing};

use crate::backend_tests;
use crate::helpers::{Backend, spawn_app_on};
use crate::materials_support::*;
use crate::notice_print_support::{get, submitted};
use crate::sync_support::*;

backend_tests!(
    routing_waits_for_the_leader_of_the_township,
    late_clocks_are_told_once_per_level,
);

const LEADER_PHONE: &str = "13900000011";

async fn routing_waits_for_the_leader_of_the_township(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let clerk = actor(db, "clerk").await;
    let leader = actor(db, "leader").await;
    let case = submitted(db, &helper, &[]).await.case;
    let accept = command(case, 3, Command::Accept { missing: vec![] });
    assert_eq!(applied(&send(db, &clerk, vec![accept]).await[0]), 4);
    let route = || {
        command(
            case,
            4,
            Command::Route(Routing {
                lead: domain::department::DepartmentCode::civil_affairs(),
                items: vec![],
            }),
        )
    };
    // Not before the leader agreed, with the reason.
    let answer = send(db, &clerk, vec![route()]).await;
    assert!(
        refused(&answer[0]).1.contains("分管领导尚未同意分办"),
        "{answer:?}"
    );
    // Not by the window itself, nor a leader of another township, nor the county.
    let agree = |v| command(case, v, Command::ApproveRouting);
    let answer = send(db, &clerk, vec![agree(4)]).await;
    refused(&answer[0]);
    let other_township = elsewhere(&leader, "500231001");
    let answer = send(db, &other_township, vec![agree(4)]).await;
    refused(&answer[0]);
    let supervisor = actor(db, "supervisor").await;
    let answer = send(db, &supervisor, vec![agree(4)]).await;
    refused(&answer[0]);
    // A return needs its reason; the window asks again; the leader agrees.
    let answer = send(
        db,
        &leader,
        vec![command(case, 4, Command::ReturnForRevision)],
    )
    .await;
    assert!(refused(&answer[0]).1.contains("理由") || !refused(&answer[0]).1.is_empty());
    let back = op(domain::sync::OpBody::CaseCommand {
        id: case,
        base_version: 4,
        command: Command::ReturnForRevision,
        reason: Some("请先完成入户调查".into()),
    });
    assert_eq!(applied(&send(db, &leader, vec![back]).await[0]), 5);
    let answer = send(db, &clerk, vec![command(case, 5, route_command())]).await;
    assert!(
        refused(&answer[0]).1.contains("请先完成入户调查"),
        "{answer:?}"
    );
    let again = command(case, 5, Command::RequestApproval);
    assert_eq!(applied(&send(db, &clerk, vec![again]).await[0]), 6);
    let yes = op(domain::sync::OpBody::CaseCommand {
        id: case,
        base_version: 6,
        command: Command::ApproveRouting,
        reason: Some("同意分办".into()),
    });
    // A resend of the same operation is answered once, not applied twice.
    assert_eq!(applied(&send(db, &leader, vec![yes.clone()]).await[0]), 7);
    assert_eq!(applied(&send(db, &leader, vec![yes]).await[0]), 7);
    assert_eq!(
        applied(&send(db, &clerk, vec![command(case, 7, route_command())]).await[0]),
        8
    );
    // The leader's opinions on the registration form, with name and date; audited.
    let web = app.sign_in("leader").await;
    let path = format!("/cases/{}/registration", case.0);
    let (status, html) = get(&web, &app, &path).await;
    assert_eq!(status, 200, "{html}");
    let today = domain::clocks::china_date(Utc::now());
    for expected in [
        "退回窗口修改：请先完成入户调查",
        "同意分办。",
        "分管领导：<span class=\"fill\">周分管</span>",
        &format!("{}年", today.format("%Y")),
    ] {
        assert!(html.contains(expected), "missing {expected}: {html}");
    }
    // Every opinion audited, by the leader's role (with the refused try and the print).
    let (audited,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE record_id = $1 AND actor_role = 'township_leader'",
    )
    .bind(case.0.to_string())
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert!(audited >= 2, "the return and the agreement: {audited}");
    // The leader edits no household.
    let household = household(
        domain::ids::HouseholdId(uuid::Uuid::now_v7()),
        "500231101201",
        "沙坪镇毛家村9组1号",
    );
    let create = op(domain::sync::OpBody::CreateHousehold {
        id: serde_json::from_value(household["id"].clone()).unwrap(),
        body: household,
    });
    refused(&send(db, &leader, vec![create]).await[0]);
}

fn route_command() -> Command {
    Command::Route(Routing {
        lead: domain::department::DepartmentCode::civil_affairs(),
        items: vec![],
    })
}

async fn late_clocks_are_told_once_per_level(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let clerk = actor(db, "clerk").await;
    let case = submitted(db, &helper, &[]).await.case;
    let accept = command(case, 3, Command::Accept { missing: vec![] });
    assert_eq!(applied(&send(db, &clerk, vec![accept]).await[0]), 4);
    sqlx::query("UPDATE users SET phone = '13900000012' WHERE username = 'supervisor'")
        .execute(db.pool())
        .await
        .unwrap();
    let catalogue = domain::catalogue::Catalogue::builtin();
    let calendar = domain::calendar::Calendar::builtin();
    let run = |days: i64| {
        let (catalogue, calendar) = (&catalogue, &calendar);
        async move {
            server::escalate::queue_due(db, catalogue, calendar, Utc::now() + Duration::days(days))
                .await
                .unwrap()
        }
    };
    let ours = |audience: &'static str| async move {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT phone, body FROM notifications WHERE kind = 'escalation' AND case_id = $1 \
             AND audience = $2",
        )
        .bind(case.0.to_string())
        .bind(audience)
        .fetch_all(db.pool())
        .await
        .unwrap();
        rows
    };
    // Today nothing of this case is late (the demo's late case may be told: not counted).
    run(0).await;
    assert!(ours("township_leader").await.is_empty());
    // Six days on (at least three working days late): the leader, then the county, once.
    run(6).await;
    run(6).await;
    run(7).await;
    let leader = ours("township_leader").await;
    assert_eq!(leader.len(), 1, "{leader:?}");
    assert_eq!(leader[0].0, LEADER_PHONE);
    let number = case.number();
    let body = &leader[0].1;
    assert!(
        body.contains(&number) && body.contains("分办") && body.contains("逾期"),
        "{body}"
    );
    // It names who answers: the leader has not agreed, so the leader.
    assert!(body.contains("责任人：分管领导"), "{body}");
    assert!(
        !body.contains("王秀英") && !body.contains(LEADER_PHONE),
        "{body}"
    );
    let county = ours("county_supervisor").await;
    assert_eq!(county.len(), 1, "{county:?}");
    let (recorded,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM escalation_messages WHERE case_id = $1")
            .bind(case.0.to_string())
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(recorded, 2);
    // Shown masked on the case's messages.
    let web = app.sign_in("clerk").await;
    let path = format!("/api/sync/v1/cases/{}/messages", case.0);
    let listed: Vec<server::notify::Notification> = web
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let escalations: Vec<_> = listed.iter().filter(|n| n.kind == "escalation").collect();
    assert_eq!(escalations.len(), 2);
    assert!(
        escalations
            .iter()
            .all(|n| !n.phone_masked.contains("00000011") && !n.phone_masked.contains("00000012"))
    );
}
