//! The window's printed notices and the township's routing ledger (issue 19): each filled from
//! the case's events, for staff who may see the case (the ledger: the township), a 404 page
//! when the case's history has no such notice, a 404 for anyone who may not see it, and every
//! print audited.

use domain::department::DepartmentCode;
use domain::fieldwork::{
    AUTHORIZATION, MaterialEntry, MaterialStatus, MaterialsRecord, required_for,
};
use domain::ids::CaseId;
use domain::jurisdiction::Actor;
use domain::sync::{OpBody, Operation};
use domain::workflow::{Command, DecisionFacts, DecisionOutcome, Routing};
use server::db::Db;

use crate::backend_tests;
use crate::helpers::{Backend, TestApp, spawn_app_on};
use crate::materials_support::*;
use crate::sync_support::*;

backend_tests!(
    the_supplement_notice_lists_every_material,
    a_second_supplement_notice_follows_the_first,
    the_not_accepted_notice_gives_reason_referral_and_remedy,
    the_result_notice_lists_every_item,
    urgent_acceptance_and_items_still_pending,
    the_routing_ledger_lists_routings_returns_and_reroutes,
);

async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = client.get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The id of the demo case whose stored body contains every one of `with` and none of
/// `without`.
async fn demo_case(app: &TestApp, with: &[&str], without: &[&str]) -> String {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT id, body FROM records WHERE kind = 'case' ORDER BY id")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    rows.into_iter()
        .find(|(_, b)| with.iter().all(|w| b.contains(w)) && !without.iter().any(|w| b.contains(w)))
        .map(|(id, _)| id)
        .expect("the demo has such a case")
}

async fn audited(app: &TestApp, action: &str, id: &str) -> i64 {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND record_id = $2")
            .bind(action)
            .bind(id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    n
}

/// A workflow command with a written reason.
fn with_reason(case: CaseId, base_version: i64, command: Command, reason: &str) -> Operation {
    op(OpBody::CaseCommand {
        id: case,
        base_version,
        command,
        reason: Some(reason.to_owned()),
    })
}

/// A new 临时救助 intake of the demo helper, submitted (version 3); `missing` left out of its
/// checklist.
async fn submitted(db: &Db, helper: &Actor, missing: &[&str]) -> Intake {
    let mut intake = intake(helper);
    for m in missing {
        intake.materials = without(intake.materials, m);
    }
    let answers = send(db, helper, intake.ops()).await;
    assert!(answers.iter().all(|o| applied(o) > 0), "{answers:?}");
    intake
}

/// Accepted and routed to civil affairs (version 5).
async fn routed(db: &Db, clerk: &Actor, case: CaseId) {
    let accept = command(case, 3, Command::Accept { missing: vec![] });
    assert_eq!(applied(&send(db, clerk, vec![accept]).await[0]), 4);
    let routing = Routing {
        lead: DepartmentCode::civil_affairs(),
        items: vec![(temporary(), DepartmentCode::civil_affairs())],
    };
    let route = command(case, 4, Command::Route(routing));
    assert_eq!(applied(&send(db, clerk, vec![route]).await[0]), 5);
}

async fn the_supplement_notice_lists_every_material(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    // 张桂兰's 低保: the window asked for two materials.
    let id = demo_case(&app, &["supplement_requested", "\"entrusted\""], &[]).await;
    let path = format!("/cases/{id}/notices/supplement");
    assert_eq!(get(&app.client(), &app, &path).await.0, 401, "signed out");
    let clerk = app.sign_in("clerk").await;
    let (status, html) = get(&clerk, &app, &path).await;
    assert_eq!(status, 200, "{html}");
    for expected in [
        "补正材料告知书",
        "（一次性告知）",
        "社救补〔",
        "张桂兰：",
        "家庭收入情况说明",
        "家庭财产申报表",
        "未提交",
        "办理时限暂停计算",
        "沙坪镇社会救助受理窗口",
        "沙坪镇人民政府",
        "（盖章）",
        "经办人：",
        "/track?case=",
        "data-field=\"qr\"",
    ] {
        assert!(html.contains(expected), "missing {expected}: {html}");
    }
    assert!(
        !html.contains("经办人：<span class=\"fill\"></span>"),
        "the clerk who issued it is named"
    );
    assert!(!html.contains("data-field=\"follows\""), "only one notice");
    let res = clerk.get(app.url(&path)).send().await.unwrap();
    assert_eq!(
        res.headers()["cache-control"],
        "no-store",
        "names are kept by no cache"
    );
    assert_eq!(audited(&app, "case.print_supplement_notice", &id).await, 2);

    // A case accepted without a notice has none to print: a page saying so, not audited.
    let told = demo_case(&app, &["result_notified"], &[]).await;
    let (status, html) = get(&clerk, &app, &format!("/cases/{told}/notices/supplement")).await;
    assert_eq!(status, 404);
    assert!(html.contains("未曾出具补正材料告知书"), "{html}");
    assert_eq!(
        audited(&app, "case.print_supplement_notice", &told).await,
        0
    );

    // Who may not see the case gets the unknown case's 404: the county's civil-affairs officer
    // (not routed to them), the demo resident (not theirs), an unknown id.
    let officer = app.sign_in("officer").await;
    let (status, html) = get(&officer, &app, &path).await;
    assert_eq!(status, 404);
    assert!(!html.contains("张桂兰"));
    let resident = app.sign_in_resident("13800000001").await;
    assert_eq!(get(&resident, &app, &path).await.0, 404);
    let unknown = format!("/cases/{}/notices/supplement", uuid::Uuid::now_v7());
    assert_eq!(get(&clerk, &app, &unknown).await.0, 404);
    assert_eq!(audited(&app, "case.print_supplement_notice", &id).await, 2);
}

async fn a_second_supplement_notice_follows_the_first(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let clerk_actor = actor(db, "clerk").await;
    let intake = submitted(db, &helper, &["hukou"]).await;
    let case = intake.case;
    let first = command(
        case,
        3,
        Command::RequestSupplement {
            seen: vec![],
            missing: vec![],
        },
    );
    assert_eq!(applied(&send(db, &clerk_actor, vec![first]).await[0]), 4);
    // The helper photographs the household register and resubmits; the photo is unreadable.
    let mut fixed = checklist(case, &intake.household, &helper, |n| sha(500 + n));
    fixed.updated_at = chrono::Utc::now();
    let answers = send(
        db,
        &helper,
        vec![
            save(domain::sync::RecordKind::Materials, case.0, Some(1), &fixed),
            command(case, 4, Command::Resubmit),
        ],
    )
    .await;
    assert_eq!(answers.iter().map(applied).collect::<Vec<_>>(), [2, 5]);
    let second = with_reason(
        case,
        5,
        Command::RequestSupplement {
            seen: vec![],
            missing: vec![domain::catalogue::MaterialCode("hukou".into())],
        },
        "户口簿照片模糊，无法辨认",
    );
    assert_eq!(applied(&send(db, &clerk_actor, vec![second]).await[0]), 6);

    let clerk = app.sign_in("clerk").await;
    let (status, html) = get(
        &clerk,
        &app,
        &format!("/cases/{}/notices/supplement", case.0),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    for expected in [
        "补正材料告知书",
        "data-field=\"follows\"",
        "补充告知",
        "户口簿",
        "已提交，但不符合要求",
        "审查意见：户口簿照片模糊，无法辨认。",
        "王秀英：",
    ] {
        assert!(html.contains(expected), "missing {expected}: {html}");
    }
    assert_eq!(
        audited(&app, "case.print_supplement_notice", &case.0.to_string()).await,
        1
    );
}

async fn the_not_accepted_notice_gives_reason_referral_and_remedy(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let clerk_actor = actor(db, "clerk").await;
    let case = submitted(db, &helper, &[]).await.case;
    let decline = with_reason(
        case,
        3,
        Command::NotAccept {
            referral: "垫江县人力资源和社会保障局".to_owned(),
            kind: domain::catalogue::ReferralKind::OtherDepartment,
        },
        "所申请事项为工伤待遇，不属于社会救助",
    );
    assert_eq!(applied(&send(db, &clerk_actor, vec![decline]).await[0]), 4);

    let id = case.0.to_string();
    let path = format!("/cases/{id}/notices/not-accepted");
    let clerk = app.sign_in("clerk").await;
    let (status, html) = get(&clerk, &app, &path).await;
    assert_eq!(status, 200, "{html}");
    for expected in [
        "不予受理告知书",
        "社救不受〔",
        "王秀英：",
        "临时救助申请",
        "不予受理的理由：所申请事项为工伤待遇，不属于社会救助",
        "您可以向垫江县人力资源和社会保障局提出申请",
        "六十日内向垫江县人民政府申请行政复议",
        "六个月内依法向人民法院提起行政诉讼",
        "/track?case=",
    ] {
        assert!(html.contains(expected), "missing {expected}: {html}");
    }
    assert_eq!(
        audited(&app, "case.print_not_accepted_notice", &id).await,
        1
    );

    // The demo's cases were all accepted or wait for materials.
    let waiting = demo_case(&app, &["supplement_requested"], &[]).await;
    let (status, html) = get(
        &clerk,
        &app,
        &format!("/cases/{waiting}/notices/not-accepted"),
    )
    .await;
    assert_eq!(status, 404);
    assert!(html.contains("未被决定不予受理"), "{html}");
    // The civil-affairs officer never had the case.
    let officer = app.sign_in("officer").await;
    assert_eq!(get(&officer, &app, &path).await.0, 404);
    assert_eq!(
        audited(&app, "case.print_not_accepted_notice", &id).await,
        1
    );
}

async fn the_result_notice_lists_every_item(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    // 李建国: 临时救助 approved with 1,500 yuan and told.
    let told = demo_case(&app, &["result_notified"], &["closed"]).await;
    let clerk = app.sign_in("clerk").await;
    let path = format!("/cases/{told}/notices/result");
    let (status, html) = get(&clerk, &app, &path).await;
    assert_eq!(status, 200, "{html}");
    for expected in [
        "救助事项办理结果告知书",
        "社救结〔",
        "李建国：",
        "临时救助",
        "民政部门",
        "批准，一次性 1500.00 元",
        "data-result=\"approved\"",
        "/track?case=",
    ] {
        assert!(html.contains(expected), "missing {expected}: {html}");
    }
    assert!(!html.contains("行政复议"), "nothing was denied");
    assert_eq!(audited(&app, "case.print_result_notice", &told).await, 1);

    // 刘芳's approval is not told yet: no result notice.
    let untold = demo_case(&app, &["item_approved"], &["result_notified"]).await;
    let (status, html) = get(&clerk, &app, &format!("/cases/{untold}/notices/result")).await;
    assert_eq!(status, 404);
    assert!(html.contains("尚未向申请人告知办理结果"), "{html}");
    assert_eq!(audited(&app, "case.print_result_notice", &untold).await, 0);

    // A denial told on its own (per item): the reason and how to object.
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let clerk_actor = actor(db, "clerk").await;
    let officer_actor = actor(db, "officer").await;
    let case = submitted(db, &helper, &[]).await.case;
    routed(db, &clerk_actor, case).await;
    let deny = with_reason(
        case,
        5,
        Command::Decide {
            item: temporary(),
            department: DepartmentCode::civil_affairs(),
            outcome: DecisionOutcome::Deny,
            facts: DecisionFacts::default(),
        },
        "家庭人均收入高于临时救助标准",
    );
    assert_eq!(applied(&send(db, &officer_actor, vec![deny]).await[0]), 6);
    let tell = command(case, 6, Command::TellResult { item: temporary() });
    assert_eq!(applied(&send(db, &clerk_actor, vec![tell]).await[0]), 7);
    let path = format!("/cases/{}/notices/result", case.0);
    let (status, html) = get(&clerk, &app, &path).await;
    assert_eq!(status, 200, "{html}");
    for expected in [
        "data-result=\"denied\"",
        "不予批准",
        "理由：家庭人均收入高于临时救助标准",
        "六十日内向垫江县人民政府申请行政复议",
        "王秀英：",
    ] {
        assert!(html.contains(expected), "missing {expected}: {html}");
    }
    // The officer who decided may see it; the resident may not.
    let officer = app.sign_in("officer").await;
    assert_eq!(get(&officer, &app, &path).await.0, 200);
    let resident = app.sign_in_resident("13800000001").await;
    assert_eq!(get(&resident, &app, &path).await.0, 404);
    assert_eq!(
        audited(&app, "case.print_result_notice", &case.0.to_string()).await,
        2
    );
}

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
        5,
        Command::ReturnItem {
            item: temporary(),
            department: DepartmentCode::civil_affairs(),
        },
        "该事项应由人社部门办理",
    );
    assert_eq!(
        applied(&send(db, &officer_actor, vec![give_back]).await[0]),
        6
    );
    let again = command(
        case,
        6,
        Command::Reroute {
            item: temporary(),
            department: DepartmentCode("hrss".into()),
            acting_department: None,
        },
    );
    assert_eq!(applied(&send(db, &clerk_actor, vec![again]).await[0]), 7);

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
    let route = command(
        case,
        4,
        Command::Route(Routing {
            lead: DepartmentCode::civil_affairs(),
            items: vec![],
        }),
    );
    assert_eq!(applied(&send(db, &clerk_actor, vec![route]).await[0]), 5);
    let deny = with_reason(
        case,
        5,
        Command::Decide {
            item: temporary(),
            department: DepartmentCode::civil_affairs(),
            outcome: DecisionOutcome::Deny,
            facts: DecisionFacts::default(),
        },
        "已享受同类救助",
    );
    assert_eq!(applied(&send(db, &officer_actor, vec![deny]).await[0]), 6);
    let tell = command(case, 6, Command::TellResult { item: temporary() });
    assert_eq!(applied(&send(db, &clerk_actor, vec![tell]).await[0]), 7);
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
