//! The resident answers the window's supplement notice (补正, issue 20 point 6) from the case's
//! page: exactly the listed materials, each a photo, uploaded as the checklist's attachments
//! and saved by the push path; the case is resubmitted once all are in. A material not on the
//! notice, a file that is not an image and one too large are refused at the field, the good
//! photos kept; another household's case is not found. A material the case requires that the
//! checklist never listed (an entry never made, a member who joined) is asked by photo too.

use crate::helpers::{Backend, spawn_app_on};
use crate::materials_support::case_of;
use crate::resident_cases_support::{page, record, rewrite};
use crate::resident_supplement_support::*;
use domain::workflow::CaseState;
use serde_json::Value;
use server::pages::resident::supplement::MAX_PHOTO;
use uuid::Uuid;

const WANG: &str = "13800000001";
const TAN: &str = "13800000002";

async fn the_listed_photos_resubmit_the_case_and_nothing_else_is_taken(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let id = waiting_case_of(&app, TAN).await;
    let tan = app.sign_in_resident(TAN).await;
    let wang = app.sign_in_resident(WANG).await;
    let url = app.url(&format!("/my/cases/{id}/supplement"));
    let (status, html) = page(&tan, app.url(&format!("/my/cases/{id}"))).await;
    assert_eq!(status, 200);
    assert!(html.contains("请补交材料"), "{html}");
    assert!(html.contains("capture=\"environment\"") && html.contains("accept=\"image/*\""));
    let fields = file_fields(&html);
    assert_eq!(fields, ["hardship_statement", "hukou"], "{html}");
    let (_, _, before) = record(&app, "materials", id).await;

    // Another household's resident: not found, nothing kept.
    let (status, _) = post_photos(&wang, url.clone(), &[("hukou", jpeg(1))]).await;
    assert_eq!(status, 404);
    // A material the notice does not list: the whole form refused, nothing kept.
    let (status, html) = post_photos(
        &tan,
        url.clone(),
        &[("hukou", jpeg(1)), ("id_card", jpeg(2))],
    )
    .await;
    assert_eq!(status, 400);
    assert!(html.contains("只能交补正通知上列出的材料"), "{html}");
    assert_eq!(record(&app, "materials", id).await.2, before);

    // Not an image, and a good photo: the good one kept, the other named at its field.
    let (status, html) = post_photos(
        &tan,
        url.clone(),
        &[
            ("hardship_statement", b"plain text, not a photo".to_vec()),
            ("hukou", jpeg(3)),
        ],
    )
    .await;
    assert_eq!(status, 400);
    assert!(html.contains("这不是照片"), "{html}");
    assert!(html.contains("已收到"), "{html}");
    assert_eq!(
        file_fields(&html),
        ["hardship_statement"],
        "only the refused one is asked again"
    );
    let (checklist, _, after) = record(&app, "materials", id).await;
    assert_eq!(after, before + 1);
    let hukou = checklist["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["material"] == "hukou")
        .unwrap()
        .clone();
    assert_eq!(hukou["status"], "photographed");
    assert_eq!(
        case_of(&app.db, id).await.case.state(),
        CaseState::SupplementRequested
    );

    // Too large: named at its field.
    let mut large = jpeg(4);
    large.resize(MAX_PHOTO + 1, 0);
    let (status, html) = post_photos(&tan, url.clone(), &[("hardship_statement", large)]).await;
    assert_eq!(status, 400);
    assert!(html.contains("这张照片太大了"), "{html}");
    // A material already received is not taken again.
    let (status, _) = post_photos(&tan, url.clone(), &[("hukou", jpeg(5))]).await;
    assert_eq!(status, 400);

    // The last listed photo: the case is resubmitted.
    let (status, html) = post_photos(&tan, url.clone(), &[("hardship_statement", jpeg(6))]).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("照片都收到了"), "{html}");
    assert!(!html.contains("请补交材料"));
    assert_eq!(
        case_of(&app.db, id).await.case.state(),
        CaseState::Resubmitted
    );
    // The window sees the new photos: linked to the checklist, served to the clerk.
    let (checklist, _, _) = record(&app, "materials", id).await;
    let clerk = app.sign_in("clerk").await;
    for entry in checklist["entries"].as_array().unwrap() {
        if entry["material"] != "hukou" && entry["material"] != "hardship_statement" {
            continue;
        }
        assert_eq!(entry["status"], "photographed", "{entry}");
        let sha = entry["photos"][0].as_str().unwrap();
        let res = clerk
            .get(app.url(&format!("/api/attachments/v1/{sha}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "the clerk fetches {sha}");
    }
    // The resubmission is the resident's, audited by the push path.
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE record_id = $1 AND action = $2 AND detail LIKE $3",
    )
    .bind(id.to_string())
    .bind("sync.case_command")
    .bind("%Resubmit%")
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert!(n >= 1, "the resubmission is audited");
}

/// The demo's online application (谭丽华's, resubmitted, with her checklist): a new notice on
/// it, as the journey gives, is answered from her page.
async fn the_demo_online_case_takes_a_new_notice_and_its_answer(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let tan = app.sign_in_resident(TAN).await;
    let (_, html) = page(&tan, app.url("/my/cases")).await;
    let id = crate::resident_cases_support::linked_cases(&html)[0];
    let (_, html) = page(&tan, app.url(&format!("/my/cases/{id}"))).await;
    assert!(!html.contains("请补交材料"), "no notice waits");
    let clerk = crate::sync_support::actor(&app.db, "clerk").await;
    let (_, _, version) = record(&app, "case", id).await;
    let notice = domain::workflow::Command::RequestSupplement {
        seen: vec![],
        missing: vec![domain::catalogue::MaterialCode("income_statement".into())],
    };
    let case = domain::ids::CaseId(id);
    let answer = crate::materials_support::send(
        &app.db,
        &clerk,
        vec![crate::materials_support::command(case, version, notice)],
    )
    .await;
    crate::materials_support::applied(&answer[0]);
    let (_, html) = page(&tan, app.url(&format!("/my/cases/{id}"))).await;
    assert_eq!(file_fields(&html), ["income_statement"], "{html}");
    let url = app.url(&format!("/my/cases/{id}/supplement"));
    let (status, html) = post_photos(&tan, url, &[("income_statement", jpeg(9))]).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("照片都收到了"), "{html}");
    assert_eq!(
        case_of(&app.db, id).await.case.state(),
        CaseState::Resubmitted
    );
}

/// The entries of the stored checklist of `id` for `material`, as JSON.
async fn entries_of(app: &crate::helpers::TestApp, id: Uuid, material: &str) -> Vec<Value> {
    let (checklist, _, _) = record(app, "materials", id).await;
    checklist["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["material"] == material)
        .cloned()
        .collect()
}

/// The notice lists the household register, whose entry the checklist never had (the
/// household or the items changed after it was filled in): the page asks a photo of it, not
/// a visit, and the answer saves a checklist with a photographed entry and resubmits the case.
async fn a_material_the_checklist_never_listed_is_answered_by_photo(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let id = waiting_case_of(&app, TAN).await;
    let (mut checklist, scope, _) = record(&app, "materials", id).await;
    checklist["entries"]
        .as_array_mut()
        .unwrap()
        .retain(|e| e["material"] != "hukou");
    rewrite(&app, "materials", id, &checklist, &scope).await;
    let tan = app.sign_in_resident(TAN).await;
    let (_, html) = page(&tan, app.url(&format!("/my/cases/{id}"))).await;
    assert_eq!(
        file_fields(&html),
        ["hardship_statement", "hukou"],
        "{html}"
    );
    assert!(!html.contains("不能拍照交"), "nothing in person: {html}");
    let url = app.url(&format!("/my/cases/{id}/supplement"));
    let files = [("hardship_statement", jpeg(1)), ("hukou", jpeg(2))];
    let (status, html) = post_photos(&tan, url, &files).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("照片都收到了"), "{html}");
    let hukou = entries_of(&app, id, "hukou").await;
    assert_eq!(hukou.len(), 1, "{hukou:?}");
    assert_eq!(hukou[0]["status"], "photographed");
    assert_eq!(
        case_of(&app.db, id).await.case.state(),
        CaseState::Resubmitted
    );
}

/// An adult joined the household after the checklist was filled in: the notice lists his ID
/// card and his authorization. The page asks the ID card by photo (per member) and leaves
/// the authorization in person (signed, not photographed); the answer saves (the checklist
/// now holds his entries) and resubmits the case.
async fn a_member_who_joined_is_asked_by_photo_per_member(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let son = Uuid::now_v7();
    let id = waiting_case_with(&app, TAN, Some(adult_son(son))).await;
    let tan = app.sign_in_resident(TAN).await;
    let (_, html) = page(&tan, app.url(&format!("/my/cases/{id}"))).await;
    let fields = file_fields(&html);
    let his = format!("id_card.{son}");
    assert!(fields.contains(&his), "{fields:?}");
    assert!(fields.contains(&"hukou".to_owned()), "{fields:?}");
    assert!(
        html.contains("不能拍照交"),
        "the authorization in person: {html}"
    );
    let files: Vec<(&str, Vec<u8>)> = fields
        .iter()
        .enumerate()
        .map(|(n, f)| (f.as_str(), jpeg(10 + n as u8)))
        .collect();
    let url = app.url(&format!("/my/cases/{id}/supplement"));
    let (status, html) = post_photos(&tan, url, &files).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("照片都收到了"), "{html}");
    let his_card: Vec<Value> = entries_of(&app, id, "id_card")
        .await
        .into_iter()
        .filter(|e| e["member"] == son.to_string())
        .collect();
    assert_eq!(his_card.len(), 1);
    assert_eq!(his_card[0]["status"], "photographed");
    let signed: Vec<Value> = entries_of(&app, id, "verification_authorization")
        .await
        .into_iter()
        .filter(|e| e["member"] == son.to_string())
        .collect();
    assert_eq!(signed.len(), 1);
    assert_eq!(signed[0]["status"], "missing", "still to sign in person");
    assert_eq!(
        case_of(&app.db, id).await.case.state(),
        CaseState::Resubmitted
    );
}

/// An adult joined after the notice: it does not list his materials, and the answer to what
/// it lists still saves (the checklist gains his entries, marked missing, so it matches what
/// the case requires now) and resubmits the case.
async fn a_member_joining_after_the_notice_does_not_block_the_answer(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let id = waiting_case_of(&app, TAN).await;
    let (case, _, _) = record(&app, "case", id).await;
    let household = Uuid::parse_str(case["household"].as_str().unwrap()).unwrap();
    let son = Uuid::now_v7();
    join(&app, household, adult_son(son)).await;
    let tan = app.sign_in_resident(TAN).await;
    let (_, html) = page(&tan, app.url(&format!("/my/cases/{id}"))).await;
    assert_eq!(
        file_fields(&html),
        ["hardship_statement", "hukou"],
        "{html}"
    );
    let url = app.url(&format!("/my/cases/{id}/supplement"));
    let files = [("hardship_statement", jpeg(1)), ("hukou", jpeg(2))];
    let (status, html) = post_photos(&tan, url, &files).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("照片都收到了"), "{html}");
    let his = entries_of(&app, id, "id_card").await;
    assert!(
        his.iter()
            .any(|e| e["member"] == son.to_string() && e["status"] == "missing"),
        "{his:?}"
    );
    assert_eq!(
        case_of(&app.db, id).await.case.state(),
        CaseState::Resubmitted
    );
}

crate::backend_tests!(
    the_listed_photos_resubmit_the_case_and_nothing_else_is_taken,
    the_demo_online_case_takes_a_new_notice_and_its_answer,
    a_material_the_checklist_never_listed_is_answered_by_photo,
    a_member_who_joined_is_asked_by_photo_per_member,
    a_member_joining_after_the_notice_does_not_block_the_answer,
);
