//! Applying online (网上申请, issue 20 point 4): 谭丽华 applies for her own household in four
//! steps; a refused step keeps what was typed; she signs the authorization after a code to her
//! phone, and for her son as his mother; her mother, absent, signs through a text-message
//! link (a wrong, used or expired link is refused); sending goes through the push path once
//! (a second press writes nothing) and the window's clerk receives the case. A resident cannot
//! open a case for another household, for another applicant or by another channel.

use base64::Engine;
use domain::authorization::AuthorizationRecord;
use domain::fieldwork::{MaterialStatus, MaterialsRecord};
use domain::household::Household;
use domain::sync::{CaseRecord, OpBody, RecordKind, RejectCode};
use domain::workflow::{CaseState, Channel};
use serde_json::Value;
use uuid::Uuid;

use crate::helpers::{Backend, TestApp, spawn_app_on};
use crate::materials_support::{pulled, refused, send};
use crate::resident_cases_support::{page, post_form, record, rewrite, user_id};
use crate::resident_supplement_support::{file_fields, jpeg, post_photos};
use crate::sync_support::{actor, op};

const WANG: &str = "13800000001";
pub const TAN: &str = "13800000002";
pub const MOTHER: &str = "13800000009";

/// A small PNG-looking signature, different for each `n`, as the pad's data URL.
pub fn signature(n: u8) -> String {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend(std::iter::repeat_n(n, 48));
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// The household's authorization the resident's sent application made, as the server keeps
/// it (named by the case's checklist).
pub async fn sent_authorization(app: &TestApp) -> AuthorizationRecord {
    let (id,): (String,) = sqlx::query_as("SELECT id FROM resident_applications")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let (body, _, _) = record(app, "materials", Uuid::parse_str(&id).unwrap()).await;
    let checklist: MaterialsRecord = serde_json::from_value(body).unwrap();
    let authorization = checklist
        .entries
        .iter()
        .find_map(|e| match &e.status {
            MaterialStatus::Authorized { authorization } => Some(*authorization),
            _ => None,
        })
        .expect("the authorization on the checklist");
    let (body, _, _) = record(app, "authorization", authorization.0).await;
    serde_json::from_value(body).unwrap()
}

/// 谭丽华's household, with her mother added (an adult with a phone of her own).
pub async fn tan_household(app: &TestApp) -> Household {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT id, body FROM records WHERE kind = 'household'")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    let (id, _) = rows
        .iter()
        .find(|(_, b)| b.contains("谭丽华"))
        .expect("谭丽华's household");
    let id = Uuid::parse_str(id).unwrap();
    let (mut body, scope, _) = record(app, "household", id).await;
    let mut mother = body["members"][0].clone();
    mother["id"] = Value::String(Uuid::now_v7().to_string());
    mother["name"] = Value::String("谭秀兰".to_owned());
    mother["id_number"] = Value::String("500231195205164022".to_owned());
    mother["relation"] = Value::String("parent".to_owned());
    mother["phone"] = Value::String(MOTHER.to_owned());
    body["members"].as_array_mut().unwrap().push(mother);
    rewrite(app, "household", id, &body, &scope).await;
    serde_json::from_value(body).unwrap()
}

/// The newest text message to `phone` in the development outbox.
pub fn last_message(app: &TestApp, phone: &str) -> String {
    let text = std::fs::read_to_string(&app.sms_outbox).unwrap_or_default();
    text.lines()
        .rfind(|l| l.split('\t').nth(2) == Some(phone))
        .and_then(|l| l.split('\t').nth(3))
        .unwrap_or_default()
        .to_owned()
}

pub fn link_path(message: &str) -> String {
    let at = message
        .find("/my/apply/sign/")
        .expect("a link in the message");
    message[at..]
        .split(|c: char| c.is_whitespace() || c == '（')
        .next()
        .unwrap()
        .to_owned()
}

async fn a_resident_applies_and_every_adult_signs(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let home = tan_household(&app).await;
    let (tan_id, son, mother) = (home.members[0].id, home.members[1].id, home.members[2].id);
    let tan = app.sign_in_resident(TAN).await;
    let (status, html) = page(&tan, app.url("/my/apply")).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("第1步") && html.contains("谁可以申请"),
        "{html}"
    );

    // Step 1: nothing chosen is refused at the field, the reason kept as typed.
    let reason = "孩子上学，我一个人打零工，钱不够用。";
    let (status, html) = post_form(&tan, app.url("/my/apply/items"), &[("reason", reason)]).await;
    assert_eq!(status, 400);
    assert!(
        html.contains("请至少选一项") && html.contains(reason),
        "{html}"
    );
    let form = [("item", "temporary"), ("reason", reason)];
    for _ in 0..2 {
        let (status, html) = post_form(&tan, app.url("/my/apply/items"), &form).await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("第2步"), "{html}");
    }
    let (drafts,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM resident_applications")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(drafts, 1, "saving a step twice keeps one draft");

    // Step 2: a file that is no photo is refused at its field; the photo is kept.
    let (_, html) = page(&tan, app.url("/my/apply?step=2")).await;
    let fields = file_fields(&html);
    assert!(fields.len() >= 2, "{html}");
    let files = [
        (fields[0].as_str(), jpeg(1)),
        (fields[1].as_str(), b"not a photo at all".to_vec()),
    ];
    let (status, html) = post_photos(&tan, app.url("/my/apply/photos"), &files).await;
    assert_eq!(status, 400);
    assert!(
        html.contains("这不是照片") && html.contains("已收到 ✓"),
        "{html}"
    );
    let files = [(fields[1].as_str(), jpeg(2))];
    let (status, _) = post_photos(&tan, app.url("/my/apply/photos"), &files).await;
    assert_eq!(status, 200);

    // Sending before everyone signed is refused.
    let (status, html) = post_form(&tan, app.url("/my/apply/submit"), &[]).await;
    assert_eq!(status, 400);
    assert!(html.contains("授权书还没有签全"), "{html}");

    // Step 3: she confirms a code to her own phone and signs, then signs for her son.
    let (status, html) = page(&tan, app.url("/my/apply?step=3")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("138****0002") && html.contains("孩子"),
        "{html}"
    );
    let me = tan_id.to_string();
    let (status, _) = post_form(&tan, app.url("/my/apply/code"), &[("member", &me)]).await;
    assert_eq!(status, 200);
    let code = server::auth::sms::last_dev_code(&app.sms_outbox, TAN).expect("a code");
    let wrong = [
        ("member", me.as_str()),
        ("code", "000000"),
        ("png", &signature(1)),
        ("strokes", "1,1,0;2,2,5"),
    ];
    let (status, html) = post_form(&tan, app.url("/my/apply/sign"), &wrong).await;
    if code != "000000" {
        assert_eq!(status, 400);
        assert!(html.contains("验证码不对"), "{html}");
    }
    let no_pad = [("member", me.as_str()), ("code", code.as_str())];
    let (status, html) = post_form(&tan, app.url("/my/apply/sign"), &no_pad).await;
    assert_eq!(status, 400);
    assert!(html.contains("用手指写下名字"), "{html}");
    let sign = [
        ("member", me.as_str()),
        ("code", code.as_str()),
        ("png", &signature(1)),
        ("strokes", "1,1,0;2,2,5"),
    ];
    let (status, html) = post_form(&tan, app.url("/my/apply/sign"), &sign).await;
    assert_eq!(status, 200, "{html}");
    let son_id = son.to_string();
    let for_son = [
        ("member", son_id.as_str()),
        ("png", &signature(2)),
        ("strokes", "3,3,0"),
    ];
    let (status, html) = post_form(&tan, app.url("/my/apply/sign"), &for_son).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(html.matches("已签 ✓").count(), 2, "{html}");

    // Her mother is away: a link by text message.
    let mum = mother.to_string();
    let (status, _) = post_form(&tan, app.url("/my/apply/link"), &[("member", &mum)]).await;
    assert_eq!(status, 200);
    let path = link_path(&last_message(&app, MOTHER));
    let anyone = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let (status, _) = page(&anyone, app.url("/my/apply/sign/not-a-token")).await;
    assert_eq!(status, 404, "a wrong link");
    let (status, html) = page(&anyone, app.url(&path)).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("谭*兰") && !html.contains("谭秀兰"),
        "masked: {html}"
    );
    let (status, _) = post_form(&anyone, app.url(&format!("{path}/code")), &[]).await;
    assert_eq!(status, 200);
    let code = server::auth::sms::last_dev_code(&app.sms_outbox, MOTHER).expect("her code");
    let sign = [
        ("code", code.as_str()),
        ("png", &signature(3)),
        ("strokes", "4,4,0"),
    ];
    let (status, html) = post_form(&anyone, app.url(&path), &sign).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("谢谢您"), "{html}");
    let (status, _) = post_form(&anyone, app.url(&path), &sign).await;
    assert_eq!(status, 404, "a used link");
    // An expired link.
    let (status, _) = post_form(&tan, app.url("/my/apply/link"), &[("member", &mum)]).await;
    assert_eq!(status, 200);
    let expired = link_path(&last_message(&app, MOTHER));
    let mut tx = app.db.begin_write().await.unwrap();
    sqlx::query("UPDATE resident_sign_links SET expires_at = $1 WHERE used_at IS NULL")
        .bind(server::db::time::to_db(
            chrono::Utc::now() - chrono::Duration::days(1),
        ))
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let (status, _) = page(&anyone, app.url(&expired)).await;
    assert_eq!(status, 404, "an expired link");

    // Sending: once, whatever the presses.
    let (status, html) = post_form(&tan, app.url("/my/apply/submit"), &[]).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("申请已经交到乡镇窗口"), "{html}");
    let (status, again) = post_form(&tan, app.url("/my/apply/submit"), &[]).await;
    assert_eq!(status, 200);
    assert!(again.contains("申请已经交到乡镇窗口"));
    let (id,): (String,) = sqlx::query_as("SELECT id FROM resident_applications")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let case_id = Uuid::parse_str(&id).unwrap();
    let (body, _, _) = record(&app, "case", case_id).await;
    let case: CaseRecord = serde_json::from_value(body).unwrap();
    assert_eq!(case.case.channel(), Channel::Online);
    assert_eq!(case.case.state(), CaseState::Submitted);
    assert_eq!(
        case.case.applicant().map(|u| u.0),
        Some(user_id(&app, TAN).await)
    );
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM records WHERE kind = 'case' AND body LIKE $1")
            .bind(format!("%{}%", home.id.0))
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(n, 2, "her earlier application and this one, once");
    let (body, _, _) = record(&app, "materials", case_id).await;
    let checklist: MaterialsRecord = serde_json::from_value(body).unwrap();
    let photos = checklist
        .entries
        .iter()
        .filter(|e| matches!(e.status, MaterialStatus::Photographed { .. }))
        .count();
    assert_eq!(photos, 2);
    let authorized: Vec<_> = checklist
        .entries
        .iter()
        .filter_map(|e| match &e.status {
            MaterialStatus::Authorized { authorization } => Some(*authorization),
            _ => None,
        })
        .collect();
    assert!(!authorized.is_empty());
    let (body, _, _) = record(&app, "authorization", authorized[0].0).await;
    let signed: AuthorizationRecord = serde_json::from_value(body).unwrap();
    assert!(signed.countersignature.is_some());
    assert_eq!(signed.signatures.len(), 3);
    let (files,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM resident_application_files")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(files, 0, "the files went onto their records");
    // The window's clerk has it.
    let clerk = actor(&app.db, "clerk").await;
    assert!(
        pulled(&app.db, &clerk, RecordKind::Case)
            .await
            .contains(&case_id)
    );
    // Every operation audited as hers.
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE record_id = $1 AND actor_role = 'resident' AND action LIKE 'sync.%'",
    )
    .bind(case_id.to_string())
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert!(n >= 3, "audited: {n}");
}

crate::backend_tests!(a_resident_applies_and_every_adult_signs);

async fn a_resident_opens_cases_only_of_their_own_household_as_applicant_online(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let home = tan_household(&app).await;
    let (wang, tan) = (actor(&app.db, WANG).await, actor(&app.db, TAN).await);
    let create = |channel, applicant| {
        op(OpBody::CreateCase {
            id: domain::ids::CaseId(Uuid::now_v7()),
            household: home.id,
            channel,
            applicant,
            referred_by: None,
        })
    };
    let answer = send(
        &app.db,
        &wang,
        vec![create(Channel::Online, Some(wang.user))],
    )
    .await;
    assert_eq!(
        refused(&answer[0]).0,
        RejectCode::NotFound,
        "another household"
    );
    let answer = send(
        &app.db,
        &tan,
        vec![create(Channel::Online, Some(wang.user))],
    )
    .await;
    assert_eq!(
        refused(&answer[0]).0,
        RejectCode::Invalid,
        "another applicant"
    );
    let answer = send(
        &app.db,
        &tan,
        vec![create(Channel::Entrusted, Some(tan.user))],
    )
    .await;
    assert_eq!(
        refused(&answer[0]).0,
        RejectCode::Invalid,
        "another channel"
    );
    let answer = send(&app.db, &tan, vec![create(Channel::Online, Some(tan.user))]).await;
    assert!(
        matches!(answer[0], domain::sync::Outcome::Applied { .. }),
        "{answer:?}"
    );
    // 王秀英's /my/apply offers her own household, never 谭丽华's.
    let wang_client = app.sign_in_resident(WANG).await;
    let (status, html) = page(&wang_client, app.url("/my/apply?step=3")).await;
    assert_eq!(status, 200);
    assert!(!html.contains("谭*华"), "{html}");
}

crate::backend_tests!(a_resident_opens_cases_only_of_their_own_household_as_applicant_online);
