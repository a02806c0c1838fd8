//! "请帮办员上门" (申请帮办, issue 20 point 5): a signed-in resident asks their village's
//! helper to come; the request is an online entrustment waiting for the signature, made by the
//! push path, which reaches that helper (and their task list's 补签委托) and no other helper.
//! A second press says it was already asked, with the date; a resident cannot make one for
//! another household.

use chrono::Utc;
use domain::fieldwork::{EntrustmentChannel, EntrustmentId, EntrustmentRecord, TaskKind};
use domain::household::Household;
use domain::sync::RecordKind;
use uuid::Uuid;

use crate::helpers::{Backend, spawn_app_on};
use crate::materials_support::{pulled, refused, save, send};
use crate::resident_cases_support::{page, post_form, record, user_id};
use crate::sync_support::actor;

const WANG: &str = "13800000001";
const TAN: &str = "13800000002";

/// A second helper, in 李家村 (the demo has one, in 毛家村).
async fn other_helper(app: &crate::helpers::TestApp) {
    let mut tx = app.db.begin_write().await.unwrap();
    sqlx::query(
        "INSERT INTO users (id, username, display_name, role, place_code, created_at) \
         VALUES ($1, 'helper2', '张网格', 'helper', '500231101202', $2)",
    )
    .bind(Uuid::now_v7().to_string())
    .bind(server::db::time::to_db(Utc::now()))
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// The hidden operation id of the help form on `html`.
fn op_of(html: &str) -> String {
    html.split("action=\"/my/help\"")
        .nth(1)
        .and_then(|f| f.split("name=\"op\" value=\"").nth(1))
        .and_then(|v| v.split('"').next())
        .expect("the help form")
        .to_owned()
}

async fn a_resident_asks_their_villages_helper_once(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    other_helper(&app).await;
    let wang = app.sign_in_resident(WANG).await;
    let (status, html) = page(&wang, app.url("/my/cases")).await;
    assert_eq!(status, 200);
    assert!(html.contains("请帮办员上门"), "{html}");
    let op = op_of(&html);
    // No item chosen: refused, nothing recorded.
    let (status, html) = post_form(&wang, app.url("/my/help"), &[("op", op.as_str())]).await;
    assert_eq!(status, 400);
    assert!(html.contains("请选一项想办的事"), "{html}");
    let form = [("op", op.as_str()), ("item", "temporary")];
    let (status, html) = post_form(&wang, app.url("/my/help"), &form).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("已经告诉帮办员了"), "{html}");
    assert!(html.contains("已经请帮办员上门了"), "{html}");
    assert!(!html.contains("action=\"/my/help\""), "no second button");
    // A second press (the page kept open): already asked, with the date.
    let again = [
        ("op", Uuid::now_v7().to_string()),
        ("item", "dibao".to_owned()),
    ];
    let again: Vec<(&str, &str)> = again.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, html) = post_form(&wang, app.url("/my/help"), &again).await;
    assert_eq!(status, 409);
    let today = domain::clocks::china_date(Utc::now())
        .format("%Y年%m月%d日")
        .to_string();
    assert!(
        html.contains(&today) && html.contains("已经请帮办员上门了"),
        "{html}"
    );

    // It reached the helper of 毛家村 as a remote entrustment to sign, and no other helper.
    let helper = actor(&app.db, "helper").await;
    let helper2 = actor(&app.db, "helper2").await;
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT id, body FROM records WHERE kind = 'entrustment'")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    let asked: Vec<(Uuid, EntrustmentRecord)> = rows
        .iter()
        .map(|(id, b)| {
            (
                Uuid::parse_str(id).unwrap(),
                serde_json::from_str(b).unwrap(),
            )
        })
        .filter(|(_, e): &(Uuid, EntrustmentRecord)| e.channel == EntrustmentChannel::Online)
        .filter(|(_, e)| e.entrusting_name.expose() == "王秀英")
        .collect();
    assert_eq!(asked.len(), 1, "one request");
    let (id, request) = &asked[0];
    assert_eq!(request.helper, helper.user);
    assert!(request.needs_signature());
    assert!(
        pulled(&app.db, &helper, RecordKind::Entrustment)
            .await
            .contains(id)
    );
    assert!(
        !pulled(&app.db, &helper2, RecordKind::Entrustment)
            .await
            .contains(id)
    );
    let tasks = domain::fieldwork::helper_tasks(&domain::fieldwork::TaskInputs {
        cases: &[],
        entrustments: std::slice::from_ref(request),
        evaluations: &[],
        hardship_reports: &[],
        visits: &[],
        catalogue: &domain::catalogue::Catalogue::builtin(),
        calendar: &domain::calendar::Calendar::builtin(),
        today: domain::clocks::china_date(Utc::now()),
    })
    .unwrap();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].kind, TaskKind::CollectSignature);
    // Audited as the resident's save.
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE record_id = $1 AND action = 'sync.save_field_record' AND actor_role = 'resident'",
    )
    .bind(id.to_string())
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(n, 1);

    // 谭丽华 cannot ask on behalf of 王秀英's household, even through the push.
    let tan = actor(&app.db, TAN).await;
    let (home, _, _) = record(&app, "household", request.household.0).await;
    let home: Household = serde_json::from_value(home).unwrap();
    let forged = EntrustmentRecord {
        id: EntrustmentId(Uuid::now_v7()),
        received_at: Utc::now(),
        entrusting_member: home.members[0].id,
        entrusting_name: home.members[0].name.clone(),
        ..request.clone()
    };
    let answer = send(
        &app.db,
        &tan,
        vec![save(RecordKind::Entrustment, forged.id.0, None, &forged)],
    )
    .await;
    let (code, _) = refused(&answer[0]);
    assert_eq!(code, domain::sync::RejectCode::NotFound);
    // A resident's entrustment is only a request: not signed, not in person.
    let wang_actor = actor(&app.db, WANG).await;
    let in_person = EntrustmentRecord {
        id: EntrustmentId(Uuid::now_v7()),
        channel: EntrustmentChannel::InPerson,
        ..request.clone()
    };
    let answer = send(
        &app.db,
        &wang_actor,
        vec![save(
            RecordKind::Entrustment,
            in_person.id.0,
            None,
            &in_person,
        )],
    )
    .await;
    assert_eq!(refused(&answer[0]).0, domain::sync::RejectCode::Invalid);
    let _ = user_id(&app, WANG).await;
}

crate::backend_tests!(a_resident_asks_their_villages_helper_once);
