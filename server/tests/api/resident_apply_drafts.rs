//! An online application left half done (issue 20 point 4): the page says how long it is kept;
//! a draft untouched for `KEEP_UNTOUCHED_DAYS` is deleted by the housekeeping round with its
//! photos and signing links, while one touched since and one already sent stay.

use chrono::{Duration, Utc};
use server::db::time;
use server::housekeeping::{Settings, run_once};
use server::pages::resident::apply::draft::KEEP_UNTOUCHED_DAYS;
use uuid::Uuid;

use crate::helpers::{Backend, TestApp, spawn_app_on};
use crate::resident_apply::TAN;
use crate::resident_cases_support::{page, post_form};
use crate::resident_supplement_support::{file_fields, jpeg, post_photos};

async fn count(app: &TestApp, sql: &str, id: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql)
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    n
}

async fn an_untouched_draft_goes_with_its_photos_and_links_a_sent_one_stays(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let tan = app.sign_in_resident(TAN).await;
    let (_, html) = page(&tan, app.url("/my/apply")).await;
    assert!(
        html.contains(&format!("{KEEP_UNTOUCHED_DAYS} 天内随时可以接着填")),
        "{html}"
    );

    // Items, a reason and a photo; a link sent to a member to sign.
    let reason = "丈夫住院，家里没有收入。";
    let (status, html) = post_form(
        &tan,
        app.url("/my/apply/items"),
        &[("item", "temporary"), ("reason", reason)],
    )
    .await;
    assert_eq!(status, 200, "{html}");
    let (_, html) = page(&tan, app.url("/my/apply?step=2")).await;
    let fields = file_fields(&html);
    let (status, html) = post_photos(
        &tan,
        app.url("/my/apply/photos"),
        &[(fields[0].as_str(), jpeg(1))],
    )
    .await;
    assert!(status < 400, "{status} {html}");
    let (id,): (String,) = sqlx::query_as("SELECT id FROM resident_applications")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let now = Utc::now();
    sqlx::query(
        "INSERT INTO resident_sign_links (token_sha256, application_id, member_id, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind("0".repeat(64))
    .bind(&id)
    .bind(Uuid::now_v7().to_string())
    .bind(time::to_db(now + Duration::days(3)))
    .execute(app.db.pool())
    .await
    .unwrap();
    // One sent long ago stays whatever its age: the case was made from it.
    let sent = Uuid::now_v7().to_string();
    let long_ago = time::to_db(now - Duration::days(400));
    sqlx::query(
        "INSERT INTO resident_applications (id, user_id, household_id, body, updated_at, submitted_at) \
         VALUES ($1, $2, $3, '{}', $4, $4)",
    )
    .bind(&sent)
    .bind(Uuid::now_v7().to_string())
    .bind(Uuid::now_v7().to_string())
    .bind(&long_ago)
    .execute(app.db.pool())
    .await
    .unwrap();
    let files = count(
        &app,
        "SELECT COUNT(*) FROM resident_application_files WHERE application_id = $1",
        &id,
    )
    .await;
    assert!(files >= 1, "the photo is kept with the draft");

    let attachments =
        server::attachments::AttachmentFiles::new(std::env::temp_dir().join("unused"));
    let settings = Settings::default();
    let round = |days: i64| run_once(&app.db, &attachments, &settings, now + Duration::days(days));
    // A day short of the limit, everything stays.
    assert_eq!(
        round(KEEP_UNTOUCHED_DAYS - 1).await.unwrap().drafts_expired,
        0
    );
    // Past it, the draft goes with its photo and its link; the sent one stays.
    assert_eq!(
        round(KEEP_UNTOUCHED_DAYS + 1).await.unwrap().drafts_expired,
        1
    );
    for sql in [
        "SELECT COUNT(*) FROM resident_applications WHERE id = $1",
        "SELECT COUNT(*) FROM resident_application_files WHERE application_id = $1",
        "SELECT COUNT(*) FROM resident_sign_links WHERE application_id = $1",
    ] {
        assert_eq!(count(&app, sql, &id).await, 0, "{sql}");
    }
    let left = "SELECT COUNT(*) FROM resident_applications WHERE id = $1";
    assert_eq!(count(&app, left, &sent).await, 1);
    // She starts afresh.
    let (_, html) = page(&tan, app.url("/my/apply")).await;
    assert!(html.contains("第1步") && !html.contains(reason), "{html}");
}

crate::backend_tests!(an_untouched_draft_goes_with_its_photos_and_links_a_sent_one_stays);
