//! The township's routing ledger (分办、转办台账) and the urgent acceptance's notice (issue 19):
//! filled from the cases' events, for the township's staff, every print audited.

use domain::department::DepartmentCode;
use domain::fieldwork::{
    AUTHORIZATION, MaterialEntry, MaterialStatus, MaterialsRecord, required_for,
};
use domain::workflow::{Command, DecisionFacts, DecisionOutcome, Routing};

use crate::backend_tests;
use crate::helpers::{Backend, spawn_app_on};
use crate::materials_support::*;
use crate::notice_print_support::*;
use crate::sync_support::*;

backend_tests!(
    urgent_acceptance_and_items_still_pending,
    the_routing_ledger_lists_routings_returns_and_reroutes,
);

async fn the_routing_ledger_lists_routings_returns_and_reroutes(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let clerk_actor = actor(db, "clerk").await;
    let officer_actor = actor(db, "officer").await;
    let case = submitted(db, &helper, &[]).await.case;
    routed(db, &clerk_actor, case).await;
    let give_back = with_reason(
        case,
        6,
        Command::ReturnItem {
            item: temporary(),
            department: DepartmentCode::civil_affairs(),
        },
        "该事项应由人社部门办理",
    );
    assert_eq!(
        applied(&send(db, &officer_actor, vec![give_back]).await[0]),
        7
    );
    let again = command(
        case,
        7,
        Command::Reroute {
            item: temporary(),
            department: DepartmentCode("hrss".into()),
            acting_department: None,
        },
    );
    assert_eq!(applied(&send(db, &clerk_actor, vec![again]).await[0]), 8);

    let today = domain::clocks::china_date(chrono::Utc::now());
    let from = today - chrono::Days::new(40);
    let path = format!("/townships/500231101/routing-ledger?from={from}&to={today}");
    assert_eq!(get(&app.client(), &app, &path).await.0, 401, "signed out");
    let clerk = app.sign_in("clerk").await;
    let (status, html) = get(&clerk, &app, &path).await;
    assert_eq!(status, 200, "{html}");
    for expected in [
        "沙坪镇社会救助分办、转办台账登记簿",
        "landscape.css",
        // The demo's routed cases and this one, names masked.
        "李*国",
        "刘*",
        "王*英",
        "民政部门",
        "人力资源和社会保障部门",
        ">分办<",
        ">退回<",
        ">转办<",
        "退回理由：该事项应由人社部门办理",
        "临时救助于",
        "应于",
    ] {
        assert!(html.contains(expected), "missing {expected}: {html}");
    }
    for full in ["李建国", "王秀英", "刘芳"] {
        assert!(!html.contains(full), "{full} in full on a list");
    }
    assert!(html.contains(&format!("data-case=\"{}\"", case.0)));
    // This case's routing, return and re-routing; and at least the demo's three routings.
    let own = format!("<tr data-case=\"{}\"", case.0);
    assert_eq!(html.matches(&own).count(), 3);
    assert!(html.matches("<tr data-case=").count() >= 6);
    let audited_prints: (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'township.print_routing_ledger' AND record_id = '500231101'",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(audited_prints.0, 1);

    let res = clerk.get(app.url(&path)).send().await.unwrap();
    assert_eq!(res.headers()["cache-control"], "no-store");

    // A period before anything happened: an empty ledger, still printed.
    let old = "/townships/500231101/routing-ledger?from=2020-01-01&to=2020-01-31";
    let (status, html) = get(&clerk, &app, old).await;
    assert_eq!(status, 200);
    assert!(html.contains("本期间内没有分办、转办记录"));
    // Bad dates are refused.
    let bad = "/townships/500231101/routing-ledger?from=2026-13-01&to=2026-12-01";
    assert_eq!(get(&clerk, &app, bad).await.0, 400);
    let backwards = "/townships/500231101/routing-ledger?from=2026-12-02&to=2026-12-01";
    assert_eq!(get(&clerk, &app, backwards).await.0, 400);

    // The county's supervisor sees every township; a village helper, a department officer
    // and a resident do not; a township of no one, or a village's code, is unknown.
    let supervisor = app.sign_in("supervisor").await;
    assert_eq!(get(&supervisor, &app, &path).await.0, 200);
    for who in ["helper", "officer"] {
        let client = app.sign_in(who).await;
        assert_eq!(get(&client, &app, &path).await.0, 404, "{who}");
    }
    let resident = app.sign_in_resident("13800000001").await;
    assert_eq!(get(&resident, &app, &path).await.0, 404);
    let nowhere = format!("/townships/500231999/routing-ledger?from={from}&to={today}");
    assert_eq!(get(&supervisor, &app, &nowhere).await.0, 404);
    let village = format!("/townships/500231101201/routing-ledger?from={from}&to={today}");
    assert_eq!(get(&clerk, &app, &village).await.0, 404);
    let (prints,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'township.print_routing_ledger'",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(prints, 4, "the clerk's three prints and the supervisor's");
}

async fn urgent_acceptance_and_items_still_pending(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let clerk_actor = actor(db, "clerk").await;
    let officer_actor = actor(db, "officer").await;
    // 临时救助 and 医疗救助, the household register and the medical papers missing; the window
    // accepts first.
    let intake = intake(&helper);
    let case = intake.case;
    let items = vec![
        temporary(),
        domain::catalogue::AidItemCode("medical".into()),
    ];
    let today = domain::clocks::china_date(chrono::Utc::now());
    let required = required_for(&catalogue(), &items, &intake.household, today);
    let entries = required
        .into_iter()
        .enumerate()
        .map(|(i, r)| MaterialEntry {
            status: if r.material.as_str() == AUTHORIZATION {
                MaterialStatus::Signed {
                    signature: sha(2000 + i as u32),
                }
            } else if r.material.as_str() == "hukou"
                || !intake
                    .materials
                    .entries
                    .iter()
                    .any(|e| e.material == r.material)
            {
                MaterialStatus::Missing
            } else {
                MaterialStatus::Photographed {
                    photos: vec![sha(i as u32)],
                }
            },
            material: r.material,
            member: r.member,
        })
        .collect();
    let materials = MaterialsRecord {
        entries,
        ..intake.materials.clone()
    };
    let mut ops = intake.ops();
    ops[2] = command(
        case,
        1,
        Command::EditDraft {
            items,
            primary: Some(temporary()),
        },
    );
    ops[3] = save(
        domain::sync::RecordKind::Materials,
        case.0,
        None,
        &materials,
    );
    // Made after the draft was edited: an operation's time may not precede the case's last.
    ops[5] = command(case, 2, Command::Submit);
    let answers = send(db, &helper, ops).await;
    assert!(answers.iter().all(|o| applied(o) > 0), "{answers:?}");
    let urgent = with_reason(
        case,
        3,
        Command::UrgentAccept {
            missing: vec![],
            urgent_allowed: true,
            flagged_urgent: true,
        },
        "申请人突发重病，生活陷入困境",
    );
    assert_eq!(applied(&send(db, &clerk_actor, vec![urgent]).await[0]), 4);
    let clerk = app.sign_in("clerk").await;
    let path = format!("/cases/{}/notices/supplement", case.0);
    let (status, html) = get(&clerk, &app, &path).await;
    assert_eq!(status, 200, "{html}");
    for expected in [
        "先行受理暨补证通知书",
        "社救补证〔",
        "临时救助、医疗救助申请",
        "先行受理",
        "户口簿",
        "照常计算",
        "先行受理理由：申请人突发重病，生活陷入困境。",
    ] {
        assert!(html.contains(expected), "missing {expected}: {html}");
    }
    assert!(!html.contains("（一次性告知）"));

    // Routed; civil affairs denies 临时救助 and the window tells that result at once, while
    // 医疗救助 is still with its department.
    let leader = actor(db, "leader").await;
    let agree = command(case, 4, Command::ApproveRouting);
    assert_eq!(applied(&send(db, &leader, vec![agree]).await[0]), 5);
    let route = command(
        case,
        5,
        Command::Route(Routing {
            lead: DepartmentCode::civil_affairs(),
            items: vec![],
        }),
    );
    assert_eq!(applied(&send(db, &clerk_actor, vec![route]).await[0]), 6);
    let deny = with_reason(
        case,
        6,
        Command::Decide {
            item: temporary(),
            department: DepartmentCode::civil_affairs(),
            outcome: DecisionOutcome::Deny,
            facts: DecisionFacts::default(),
        },
        "已享受同类救助",
    );
    assert_eq!(applied(&send(db, &officer_actor, vec![deny]).await[0]), 7);
    let tell = command(case, 7, Command::TellResult { item: temporary() });
    assert_eq!(applied(&send(db, &clerk_actor, vec![tell]).await[0]), 8);
    let (status, html) = get(&clerk, &app, &format!("/cases/{}/notices/result", case.0)).await;
    assert_eq!(status, 200, "{html}");
    for expected in [
        "data-result=\"denied\"",
        "理由：已享受同类救助",
        "data-result=\"pending\"",
        "办理中",
        "医疗救助",
        "前办结",
        "收到办理结果后 2 个工作日内告知您",
    ] {
        assert!(html.contains(expected), "missing {expected}: {html}");
    }
}
