//! "我的申请" (issue 20 points 3 and 7): a signed-in resident sees their own cases and their
//! household's, never another household's; a change is marked once; the applicant rates after
//! the result (not before) and asks for a review within the notice's period (not after), both
//! through the push path.

use crate::helpers::{Backend, spawn_app_on};
use crate::resident_cases_support::*;

const WANG: &str = "13800000001";
const TAN: &str = "13800000002";

async fn a_resident_sees_own_and_household_cases_never_another_households(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    // Nobody signed in: the sign-in form; a case page leads there too.
    let (status, html) = page(&app.client(), app.url("/my/cases")).await;
    assert_eq!(status, 200);
    assert!(html.contains("action=\"/my/code\""), "{html}");
    // Signing in through the page's own forms: the code, then the list.
    let wang = app.client();
    let sent = || server::auth::sms::dev_codes(&app.sms_outbox, WANG);
    let before = sent().len();
    let (status, html) = post_form(&wang, app.url("/my/code"), &[("phone", WANG)]).await;
    assert_eq!(status, 200);
    assert!(html.contains("action=\"/my/signin\"") && html.contains("138****0001"));
    let mut code = None;
    for _ in 0..100 {
        code = sent().get(before).cloned();
        if code.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let code = code.expect("a code reached the outbox");
    let wrong = [("phone", WANG), ("code", "000000")];
    let (status, html) = post_form(&wang, app.url("/my/signin"), &wrong).await;
    assert_eq!(status, 401);
    assert!(html.contains("验证码不对"), "{html}");
    let right = [("phone", WANG), ("code", code.as_str())];
    let (status, html) = post_form(&wang, app.url("/my/signin"), &right).await;
    assert_eq!(status, 200);
    assert!(html.contains("王*英，您好"), "{html}");
    let tan = app.sign_in_resident(TAN).await;
    let (status, html) = page(&wang, app.url("/my/cases")).await;
    assert_eq!(status, 200);
    let wangs = linked_cases(&html);
    assert_eq!(wangs.len(), 1, "{html}");
    assert!(html.contains("您申请的") && html.contains("最低生活保障"));
    let (_, html) = page(&tan, app.url("/my/cases")).await;
    let tans = linked_cases(&html);
    assert_eq!(tans.len(), 1, "{html}");
    // Another household's case: 404, to look at and to act on.
    let (status, _) = page(&wang, app.url(&format!("/my/cases/{}", tans[0]))).await;
    assert_eq!(status, 404);
    let (status, _) = page(&tan, app.url(&format!("/my/cases/{}", wangs[0]))).await;
    assert_eq!(status, 404);
    let op = uuid::Uuid::now_v7().to_string();
    let form = [("op", op.as_str()), ("version", "1"), ("reason", "不服")];
    let (status, _) = post_form(
        &tan,
        app.url(&format!("/my/cases/{}/review", wangs[0])),
        &form,
    )
    .await;
    assert_eq!(status, 404);
    // 谭丽华 is registered as a member of 王秀英's household: she reads that case, not acts.
    member_phone(&app, wangs[0], TAN).await;
    let (_, html) = page(&tan, app.url("/my/cases")).await;
    let both = linked_cases(&html);
    assert_eq!(both.len(), 2, "{html}");
    assert!(both.contains(&wangs[0]) && both.contains(&tans[0]));
    assert!(html.contains("家里人申请的"));
    let (status, html) = page(&tan, app.url(&format!("/my/cases/{}", wangs[0]))).await;
    assert_eq!(status, 200);
    assert!(html.contains("申请人本人登录"), "{html}");
    assert!(
        !html.contains("/review\""),
        "no form for a household member"
    );
    // Masked: the applicant's full name never shows.
    assert!(html.contains("王*英") && !html.contains("王秀英"), "{html}");
    // Staff have their desk instead.
    let clerk = app.sign_in("clerk").await;
    let (status, _) = page(&clerk, app.url("/my/cases")).await;
    assert_eq!(status, 403);
}

async fn a_change_is_marked_once(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let wang = app.sign_in_resident(WANG).await;
    let res = wang.get(app.url("/my/cases")).send().await.unwrap();
    assert_eq!(
        res.headers()
            .get("cache-control")
            .unwrap()
            .to_str()
            .unwrap(),
        "no-store"
    );
    let html = res.text().await.unwrap();
    assert!(html.contains("有新变化"), "never seen: new");
    let case = linked_cases(&html)[0];
    let (_, html) = page(&wang, app.url("/my/cases")).await;
    assert!(!html.contains("有新变化"), "seen: no mark");
    // The window files the closed case: a change since the last look, marked once.
    let (_, _, version) = record(&app, "case", case).await;
    let clerk = app.sign_in("clerk").await;
    let ops = vec![crate::sync_support::op(domain::sync::OpBody::CaseCommand {
        id: domain::ids::CaseId(case),
        base_version: version,
        command: domain::workflow::Command::Archive,
        reason: None,
    })];
    let res = clerk
        .post(app.url("/api/sync/v1/push"))
        .json(&crate::sync_support::batch(
            crate::sync_support::device(),
            ops,
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let (_, html) = page(&wang, app.url("/my/cases")).await;
    assert!(html.contains("有新变化"), "{html}");
    assert!(html.contains("已办结"));
    let (_, html) = page(&wang, app.url("/my/cases")).await;
    assert!(!html.contains("有新变化"));
}

async fn rating_after_a_result_works_and_before_it_is_refused(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let tan = app.sign_in_resident(TAN).await;
    let (_, html) = page(&tan, app.url("/my/cases")).await;
    let own = linked_cases(&html)[0];
    let (_, _, version) = record(&app, "case", own).await;
    let op = uuid::Uuid::now_v7().to_string();
    let v = version.to_string();
    let form = [
        ("op", op.as_str()),
        ("version", v.as_str()),
        ("rating", "satisfied"),
    ];
    let (status, html) = post_form(&tan, app.url(&format!("/my/cases/{own}/rate")), &form).await;
    assert_eq!(status, 400, "no result yet: refused");
    assert!(
        html.contains("没有办成") && html.contains("role=\"alert\""),
        "{html}"
    );
    assert_eq!(
        record(&app, "case", own).await.2,
        version,
        "nothing recorded"
    );

    let wang_id = user_id(&app, WANG).await;
    let told = told_case_of(&app, wang_id).await;
    let wang = app.sign_in_resident(WANG).await;
    let action = format!("/my/cases/{told}/rate");
    let (status, html) = page(&wang, app.url(&format!("/my/cases/{told}"))).await;
    assert_eq!(status, 200);
    let (op, version) = form_fields(&html, &action);
    let form = [
        ("op", op.as_str()),
        ("version", version.as_str()),
        ("rating", "basically_satisfied"),
        ("comment", "办得挺快"),
    ];
    let (status, html) = post_form(&wang, app.url(&action), &form).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("谢谢您的评价") && html.contains("基本满意"),
        "{html}"
    );
    let (body, _, after) = record(&app, "case", told).await;
    assert_eq!(after, version.parse::<i64>().unwrap() + 1);
    let last = body["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["body"]["event"], "evaluated", "{last}");
    assert_eq!(last["reason"], "办得挺快");
    // The same form sent again is the same operation: nothing more.
    let (status, _) = post_form(&wang, app.url(&action), &form).await;
    assert_eq!(status, 200);
    assert_eq!(record(&app, "case", told).await.2, after);
    // Audited like every push.
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE record_id = $1 AND actor_user = $2")
            .bind(told.to_string())
            .bind(wang_id.to_string())
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(n, 1, "one audited operation");
}

async fn a_review_within_the_period_reaches_the_case_after_it_is_refused(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let wang = app.sign_in_resident(WANG).await;
    let (_, html) = page(&wang, app.url("/my/cases")).await;
    let closed = linked_cases(&html)[0];
    let action = format!("/my/cases/{closed}/review");
    let (_, html) = page(&wang, app.url(&format!("/my/cases/{closed}"))).await;
    assert!(html.contains("申请复核"), "{html}");
    let (op, version) = form_fields(&html, &action);
    let empty = [
        ("op", op.as_str()),
        ("version", version.as_str()),
        ("reason", " "),
    ];
    let (status, _) = post_form(&wang, app.url(&action), &empty).await;
    assert_eq!(status, 400, "a reason is needed");
    let form = [
        ("op", op.as_str()),
        ("version", version.as_str()),
        ("reason", "家里的收入算多了"),
    ];
    let (status, html) = post_form(&wang, app.url(&action), &form).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("复核申请已交到窗口"), "{html}");
    assert!(html.contains("您对结果有异议，申请了复核") && html.contains("家里的收入算多了"));
    // The window sees it among the case's events.
    let (event,): (String,) = sqlx::query_as(
        "SELECT event FROM case_events WHERE case_id = $1 ORDER BY version DESC LIMIT 1",
    )
    .bind(closed.to_string())
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert!(event.contains("review_requested") && event.contains("家里的收入算多了"));
    let clerk = app.sign_in("clerk").await;
    let res = clerk
        .get(app.url("/api/sync/v1/pull?cursor=0&limit=500"))
        .send()
        .await
        .unwrap();
    let pulled = res.text().await.unwrap();
    assert!(
        pulled.contains("review_requested"),
        "the window's pull carries it"
    );
    // Once only.
    let (op2, version2) = (
        uuid::Uuid::now_v7().to_string(),
        (version.parse::<i64>().unwrap() + 1).to_string(),
    );
    let again = [
        ("op", op2.as_str()),
        ("version", version2.as_str()),
        ("reason", "再问"),
    ];
    let (status, html) = post_form(&wang, app.url(&action), &again).await;
    assert_eq!(status, 400);
    assert!(html.contains("已经申请过复核"), "{html}");

    // Told 70 days ago: the period is over.
    let wang_id = user_id(&app, WANG).await;
    let told = told_case_of(&app, wang_id).await;
    let (mut body, scope, version) = record(&app, "case", told).await;
    let long_ago = chrono::Utc::now() - chrono::Duration::days(70);
    body["case"]["notified_at"] = serde_json::Value::String(long_ago.to_rfc3339());
    rewrite(&app, "case", told, &body, &scope).await;
    let (_, html) = page(&wang, app.url(&format!("/my/cases/{told}"))).await;
    assert!(
        html.contains("已经过了"),
        "no form after the period: {html}"
    );
    let op = uuid::Uuid::now_v7().to_string();
    let v = version.to_string();
    let late = [
        ("op", op.as_str()),
        ("version", v.as_str()),
        ("reason", "不服"),
    ];
    let (status, html) =
        post_form(&wang, app.url(&format!("/my/cases/{told}/review")), &late).await;
    assert_eq!(status, 400);
    assert!(html.contains("期限已过"), "{html}");
    assert_eq!(record(&app, "case", told).await.2, version);
}

crate::backend_tests!(
    a_resident_sees_own_and_household_cases_never_another_households,
    a_change_is_marked_once,
    rating_after_a_result_works_and_before_it_is_refused,
    a_review_within_the_period_reaches_the_case_after_it_is_refused,
);
