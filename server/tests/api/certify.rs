//! Certifying eligibility (待遇资格认证, issue 20 point 8): 王秀英, receiving 低保, certifies
//! from `/my/certify` with a live photo (refused inputs named at their fields, what was typed
//! kept; a resend answered once; a second certification refused); her husband certifies for
//! her as family; the helper through the push; another household's resident is not found;
//! each reminder is queued once (to her number, else a member's, else her account's); the
//! county's list reaches whom it should.

use chrono::{Datelike, TimeZone, Utc};
use domain::certification::{CertifiedBy, Changes};
use domain::sync::{RecordKind, RejectCode};

use crate::certify_support::*;
use crate::county_support::{csv_rows, get, text, xlsx_sheets};
use crate::helpers::{Backend, spawn_app_on};
use crate::materials_support::{applied, refused, save, send};
use crate::resident_cases_support::{page, record, rewrite};
use crate::sync_support::actor;

const WANG: &str = "13800000001";
const TAN: &str = "13800000002";
/// 陈德华, 王秀英's husband, registered in her household with this number.
const CHEN: &str = "13800000003";

crate::backend_tests!(
    the_recipient_certifies_once_with_a_live_photo,
    family_or_the_helper_certify_for_her_and_no_one_else,
    each_reminder_is_queued_once,
    the_county_sees_who_has_and_has_not_certified,
);

async fn the_recipient_certifies_once_with_a_live_photo(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let wang = app.sign_in_resident(WANG).await;
    let (status, html) = page(&wang, app.url("/my/cases")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("method=\"get\" action=\"/my/certify\""),
        "listed while due: {html}"
    );
    let (status, html) = page(&wang, app.url("/my/certify")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("capture=\"user\"") && html.contains("同意记录我的位置"),
        "{html}"
    );
    assert!(html.contains("王*英") && !html.contains("王秀英"), "masked");
    let op = op_of(&html);

    // Nothing chosen: both named at their fields.
    let (status, html) = post_certify(&wang, &app, &[("op", &op)], None).await;
    assert_eq!(status, 400);
    assert!(
        html.contains("id=\"answer-error\"") && html.contains("id=\"photo-error\""),
        "{html}"
    );
    // Changed, without saying what, with the tick: said at the field, the tick kept.
    let form = [
        ("op", op.as_str()),
        ("answer", "changed"),
        ("description", " "),
        ("consent", "yes"),
    ];
    let (status, html) = post_certify(&wang, &app, &form, Some(jpeg(1))).await;
    assert_eq!(status, 400);
    assert!(html.contains("请写一下哪里变了"), "{html}");
    assert!(
        html.contains("id=\"certify-consent\" name=\"consent\" value=\"yes\" checked"),
        "{html}"
    );
    assert!(html.contains("value=\"changed\" checked"), "{html}");
    // Not a photo: at the photo; the description typed comes back.
    let form = [
        ("op", op.as_str()),
        ("answer", "changed"),
        ("description", "儿子出去打工了"),
    ];
    let (status, html) = post_certify(&wang, &app, &form, Some(b"not an image".to_vec())).await;
    assert_eq!(status, 400);
    assert!(
        html.contains("这不是照片") && html.contains("儿子出去打工了"),
        "{html}"
    );
    // A location without the tick is refused.
    let form = [
        ("op", op.as_str()),
        ("answer", "same"),
        ("lat", "30.03"),
        ("lon", "107.35"),
    ];
    let (status, html) = post_certify(&wang, &app, &form, Some(jpeg(2))).await;
    assert_eq!(status, 400);
    assert!(html.contains("没有同意，不能记录位置"), "{html}");
    assert!(
        certifications(&app).await.is_empty(),
        "nothing kept while refused"
    );

    // Right: certified, by the recipient, with the photo on the record and the location.
    let form = [
        ("op", op.as_str()),
        ("answer", "changed"),
        ("description", "儿子出去打工了"),
        ("consent", "yes"),
        ("lat", "30.03"),
        ("lon", "107.35"),
    ];
    let (status, html) = post_certify(&wang, &app, &form, Some(jpeg(3))).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("认证好了") && html.contains("已经认证过了"),
        "{html}"
    );
    let stored = certifications(&app).await;
    assert_eq!(stored.len(), 1);
    let c = &stored[0];
    assert_eq!(c.by, CertifiedBy::Recipient);
    assert_eq!(
        c.changes,
        Changes::Changed {
            description: "儿子出去打工了".to_owned()
        }
    );
    assert_eq!(c.location.map(|l| l.lat_e6), Some(30_030_000));
    let linked: Vec<(String,)> = sqlx::query_as(
        "SELECT sha256 FROM attachment_links WHERE record_kind = 'certification' AND record_id = $1",
    )
    .bind(c.id.0.to_string())
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(linked.len(), 1, "the photo is on the certification");
    assert_eq!(
        Some(linked[0].0.as_str()),
        c.photo.as_ref().map(|p| p.as_str())
    );
    // Audited like every push.
    let (audited,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE record_kind = 'certification' AND record_id = $1",
    )
    .bind(c.id.0.to_string())
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert!(audited >= 1);

    // The same form again (a double tap): the first answer, nothing new.
    let (status, _) = post_certify(&wang, &app, &form, Some(jpeg(3))).await;
    assert_eq!(status, 200);
    assert_eq!(certifications(&app).await.len(), 1);
    // A new form: already certified this year.
    let fresh = uuid::Uuid::now_v7().to_string();
    let again = [("op", fresh.as_str()), ("answer", "same")];
    let (status, html) = post_certify(&wang, &app, &again, Some(jpeg(4))).await;
    assert_eq!(status, 409, "{html}");
    assert!(html.contains("已经认证过了"), "{html}");
    assert_eq!(certifications(&app).await.len(), 1);
    let (_, html) = page(&wang, app.url("/my/cases")).await;
    assert!(
        !html.contains("method=\"get\" action=\"/my/certify\""),
        "no longer listed"
    );
}

async fn family_or_the_helper_certify_for_her_and_no_one_else(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let household = wang_household(&app).await;
    // 谭丽华 (another household, no monthly aid): nothing to certify; forging one for
    // 王秀英's household is as if it did not exist.
    let tan = app.sign_in_resident(TAN).await;
    let (status, html) = page(&tan, app.url("/my/certify")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("不用认证") && !html.contains("action=\"/my/certify\""),
        "{html}"
    );
    let tan_actor = actor(&app.db, TAN).await;
    let forged = certification(&household, CertifiedBy::Recipient);
    let answer = send(
        &app.db,
        &tan_actor,
        vec![save(RecordKind::Certification, forged.id.0, None, &forged)],
    )
    .await;
    assert_eq!(refused(&answer[0]).0, RejectCode::NotFound);
    // The window cannot certify for a family.
    let clerk = actor(&app.db, "clerk").await;
    let by_clerk = certification(&household, CertifiedBy::Helper { user: clerk.user });
    let answer = send(
        &app.db,
        &clerk,
        vec![save(
            RecordKind::Certification,
            by_clerk.id.0,
            None,
            &by_clerk,
        )],
    )
    .await;
    assert_eq!(refused(&answer[0]).0, RejectCode::Forbidden);
    // A helper only in their own name.
    let helper = actor(&app.db, "helper").await;
    let as_other = certification(&household, CertifiedBy::Helper { user: clerk.user });
    let answer = send(
        &app.db,
        &helper,
        vec![save(
            RecordKind::Certification,
            as_other.id.0,
            None,
            &as_other,
        )],
    )
    .await;
    assert_eq!(refused(&answer[0]).0, RejectCode::Forbidden);

    // Her husband, registered in the household with his own phone (the demo's third
    // resident): certifies for her, recorded as family.
    let husband = app.sign_in_resident(CHEN).await;
    let (status, html) = page(&husband, app.url("/my/certify")).await;
    assert_eq!(status, 200);
    assert!(html.contains("可以替他（她）认证"), "{html}");
    let op = op_of(&html);
    let form = [("op", op.as_str()), ("answer", "same")];
    let (status, html) = post_certify(&husband, &app, &form, Some(jpeg(7))).await;
    assert_eq!(status, 200, "{html}");
    let stored = certifications(&app).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(
        stored[0].by,
        CertifiedBy::Guardian {
            member: household.members[1].id
        }
    );
    assert_eq!(stored[0].recipient, household.members[0].id);
    // Once a year: the helper's own is refused now.
    let by_helper = certification(&household, CertifiedBy::Helper { user: helper.user });
    let answer = send(
        &app.db,
        &helper,
        vec![save(
            RecordKind::Certification,
            by_helper.id.0,
            None,
            &by_helper,
        )],
    )
    .await;
    assert!(refused(&answer[0]).1.contains("已经认证过了"));
}

async fn each_reminder_is_queued_once(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let year = domain::clocks::china_date(Utc::now()).year();
    let settings = server::housekeeping::Settings::default();
    let at = |m, d| Utc.with_ymd_and_hms(year, m, d, 2, 0, 0).unwrap();
    let files = server::attachments::AttachmentFiles::new(std::env::temp_dir().join("unused"));
    let run = |now| {
        let (db, files, settings) = (&app.db, &files, &settings);
        async move {
            server::housekeeping::run_once(db, files, settings, now)
                .await
                .unwrap()
                .reminders_queued
        }
    };
    // To whom: the recipient's own number, else the first member's who has one, else the
    // number of the resident who applied for the household's case. The demo registers hers
    // and her husband's; each step is taken by removing numbers from the household.
    let household = wang_household(&app).await.id.0;
    let phones = async |keep: &[usize]| {
        let (mut home, scope, _) = record(&app, "household", household).await;
        for (i, m) in home["members"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .enumerate()
        {
            if !keep.contains(&i) {
                m["phone"] = serde_json::Value::Null;
            }
        }
        rewrite(&app, "household", household, &home, &scope).await;
    };
    assert_eq!(run(at(11, 30)).await, 0, "not yet");
    assert_eq!(
        run(at(12, 2)).await,
        1,
        "30 days before: 王秀英's household"
    );
    assert_eq!(run(at(12, 3)).await, 0, "once");
    phones(&[1]).await;
    assert_eq!(run(at(12, 25)).await, 1, "7 days before");
    assert_eq!(run(at(12, 26)).await, 0, "once");
    let sent: Vec<(String, String)> = sqlx::query_as(
        "SELECT phone, body FROM notifications WHERE kind = 'certification_reminder' ORDER BY created_at",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let to: Vec<&str> = sent.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(to, [WANG, CHEN], "hers, then her husband's without hers");
    assert!(
        sent.iter()
            .all(|(_, b)| b.contains("认证") && !b.contains("王"))
    );
    // Without a member's number: the account that applied online. Its reminder is sent
    // already this period, so another period shows it.
    phones(&[]).await;
    let next = |m, d| Utc.with_ymd_and_hms(year + 1, m, d, 2, 0, 0).unwrap();
    assert_eq!(run(next(12, 2)).await, 1, "next year, 30 days before");
    let (last,): (String,) = sqlx::query_as(
        "SELECT phone FROM notifications WHERE kind = 'certification_reminder' ORDER BY created_at DESC",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(
        last, WANG,
        "the resident who applied for the household's case"
    );
    let _ = applied;
}

async fn the_county_sees_who_has_and_has_not_certified(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let supervisor = app.sign_in("supervisor").await;
    let (status, bytes) = get(&supervisor, &app, "/county/certification").await;
    assert_eq!(status, 200);
    let html = text(&bytes);
    assert!(
        html.contains("垫江县") && html.contains("data-status=\"due\""),
        "{html}"
    );
    assert!(
        html.contains("王*英") && !html.contains("王秀英") && !html.contains("500231195803124020")
    );
    // The recipient certifies: the list says so.
    let wang = app.sign_in_resident(WANG).await;
    let (_, page_html) = page(&wang, app.url("/my/certify")).await;
    let op = op_of(&page_html);
    let (status, _) = post_certify(
        &wang,
        &app,
        &[("op", op.as_str()), ("answer", "same")],
        Some(jpeg(9)),
    )
    .await;
    assert_eq!(status, 200);
    let (_, bytes) = get(&supervisor, &app, "/county/certification").await;
    let html = text(&bytes);
    assert!(
        html.contains("data-status=\"certified\"") && html.contains("本人"),
        "{html}"
    );
    let (status, bytes) = get(&supervisor, &app, "/county/certification?format=csv").await;
    assert_eq!(status, 200);
    let (headings, rows) = csv_rows(&bytes);
    assert_eq!(headings[0], "序号");
    assert!(
        rows.iter().any(|r| r.contains(&"已认证".to_owned())),
        "{rows:?}"
    );
    let (status, bytes) = get(&supervisor, &app, "/county/certification?format=xlsx").await;
    assert_eq!(status, 200);
    assert_eq!(xlsx_sheets(bytes)[0].0, "资格认证");
    // The township's clerk: their township; the helper and the resident: not found.
    let clerk = app.sign_in("clerk").await;
    assert_eq!(get(&clerk, &app, "/county/certification").await.0, 200);
    for who in ["helper", "officer"] {
        let client = app.sign_in(who).await;
        assert_eq!(
            get(&client, &app, "/county/certification").await.0,
            404,
            "{who}"
        );
    }
    assert_eq!(get(&wang, &app, "/county/certification").await.0, 404);
    assert_eq!(
        get(&supervisor, &app, "/county/certification?year=1999")
            .await
            .0,
        404
    );
}
