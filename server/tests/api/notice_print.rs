//! The window's printed notices (issue 19): each filled from the case's events, for staff who
//! may see the case, a 404 page when the case's history has no such notice, a 404 for anyone
//! who may not see it, and every print audited. The routing ledger and the urgent acceptance:
//! `notice_print_ledger.rs`.

use domain::department::DepartmentCode;
use domain::workflow::{Command, DecisionFacts, DecisionOutcome};

use crate::backend_tests;
use crate::helpers::{Backend, spawn_app_on};
use crate::materials_support::*;
use crate::notice_print_support::*;
use crate::sync_support::*;

backend_tests!(
    the_supplement_notice_lists_every_material,
    a_second_supplement_notice_follows_the_first,
    the_not_accepted_notice_gives_reason_referral_and_remedy,
    the_result_notice_lists_every_item,
);

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
        6,
        Command::Decide {
            item: temporary(),
            department: DepartmentCode::civil_affairs(),
            outcome: DecisionOutcome::Deny,
            facts: DecisionFacts::default(),
        },
        "家庭人均收入高于临时救助标准",
    );
    assert_eq!(applied(&send(db, &officer_actor, vec![deny]).await[0]), 7);
    let tell = command(case, 7, Command::TellResult { item: temporary() });
    assert_eq!(applied(&send(db, &clerk_actor, vec![tell]).await[0]), 8);
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
