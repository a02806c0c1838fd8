//! The resident's public pages (issue 20, points 1 and 2): the aid items of a place and one
//! item's page, and case tracking without an account — the masked timeline for the right ID
//! tail, one answer for a wrong tail and an unknown number, the address lockout, the case's
//! pacing, and a first load far under 100 KB brotli.

use std::io::Write;

use crate::backend_tests;
use crate::helpers::{Backend, TestApp, spawn_app_on};

backend_tests!(
    the_items_of_a_place_with_where_to_ask,
    the_right_tail_shows_the_masked_timeline,
    a_wrong_tail_and_an_unknown_number_answer_alike,
    five_wrong_tails_lock_the_address_out,
    many_wrong_tails_for_one_case_slow_its_look_ups,
    the_first_load_is_under_100_kb_brotli,
    the_install_prompt_follows_a_case_found,
);

/// A demo case with a supplement notice (张桂兰's 低保): its printed number, its applicant's
/// full name and ID number.
async fn demo_case(app: &TestApp) -> (String, String, String) {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT id, body FROM records WHERE kind = 'case' ORDER BY id")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    let (id, body) = rows
        .into_iter()
        .find(|(_, b)| b.contains("supplement_requested") && !b.contains("\"resubmitted\""))
        .expect("the demo has a case waiting for materials");
    let record: domain::sync::CaseRecord = serde_json::from_str(&body).unwrap();
    let (household,): (String,) =
        sqlx::query_as("SELECT body FROM records WHERE kind = 'household' AND id = $1")
            .bind(record.household.0.to_string())
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let household: domain::household::Household = serde_json::from_str(&household).unwrap();
    let applicant = household
        .members
        .iter()
        .find(|m| m.relation == domain::household::Relation::Applicant)
        .unwrap();
    let number = domain::ids::CaseId::parse(&id).unwrap().number();
    (
        number,
        applicant.name.expose().to_owned(),
        applicant.id_number.expose().to_owned(),
    )
}

fn tail(id_number: &str) -> String {
    id_number[id_number.len() - 6..].to_owned()
}

/// A wrong tail for `id_number` (its last digit moved by one).
fn wrong_tail(id_number: &str) -> String {
    let t = tail(id_number);
    let last = t.chars().last().unwrap();
    let other = if last == '1' { '2' } else { '1' };
    format!("{}{other}", &t[..5])
}

async fn track(
    app: &TestApp,
    number: &str,
    tail: &str,
) -> (u16, String, reqwest::header::HeaderMap) {
    let res = app
        .client()
        .post(app.url("/track"))
        .form(&[("case", number), ("tail", tail)])
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (status, res.text().await.unwrap(), headers)
}

async fn get(app: &TestApp, path: &str) -> (u16, String) {
    let res = app.client().get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn the_items_of_a_place_with_where_to_ask(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let catalogue = domain::catalogue::Catalogue::builtin();
    let (status, html) = get(&app, "/public/items?place=500231101201").await;
    assert_eq!(status, 200, "{html}");
    for item in catalogue.items() {
        assert!(html.contains(&item.name_zh), "lists {}", item.name_zh);
        assert!(html.contains(&format!(
            "/public/items/{}?place=500231101201",
            item.code.as_str()
        )));
    }
    for expected in [
        "沙坪镇 毛家村",
        "沙坪镇社会救助受理窗口",
        "帮办代办员",
        "李网格",
        "<option value=\"500231101202\">李家村</option>",
    ] {
        assert!(html.contains(expected), "shows {expected}");
    }
    // One item's page: conditions, materials, the time limit with its source, where to ask.
    let dibao = &catalogue.items()[0];
    let (status, html) = get(
        &app,
        &format!("/public/items/{}?place=500231101201", dibao.code.as_str()),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains(&dibao.conditions_zh[0]));
    assert!(
        html.contains("要带的材料") && html.contains("多久办完") && html.contains("个工作日内办完")
    );
    assert!(html.contains("时限依据") && html.contains("李网格"));
    // English, and an unknown item or place.
    let (_, en) = get(
        &app,
        &format!("/public/items/{}?lang=en", dibao.code.as_str()),
    )
    .await;
    assert!(
        en.contains("<html lang=\"en\">")
            && en.contains(&dibao.name_en)
            && en.contains("What to bring")
    );
    assert_eq!(get(&app, "/public/items/no-such-item").await.0, 404);
    assert_eq!(get(&app, "/public/items?place=999999").await.0, 404);
    // No resident's data on any of them.
    assert!(!html.contains("王秀英") && !html.contains("5002311958"));
}

async fn the_right_tail_shows_the_masked_timeline(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let (number, name, id_number) = demo_case(&app).await;
    // The form, with the number from a notice's QR code.
    let (status, form) = get(&app, &format!("/track?case={}", number.to_lowercase())).await;
    assert_eq!(status, 200);
    assert!(
        form.contains(&format!("value=\"{number}\"")),
        "the number filled in"
    );
    // Typed in lower case with spaces, the tail's X either case.
    let typed = number.to_lowercase().replace('-', " ");
    let (status, html, headers) = track(&app, &typed, &tail(&id_number).to_lowercase()).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(headers["cache-control"], "no-store");
    let masked = domain::identity::mask_name(&name);
    for expected in [
        masked.as_str(),
        "还缺材料",
        "窗口一次告诉您还缺这些材料",
        "家庭收入情况说明",
        "最低生活保障",
        "沙坪镇",
        "现在在办",
        "您（请补交材料）",
    ] {
        assert!(html.contains(expected), "shows {expected}: {html}");
    }
    assert!(!html.contains(&name), "no full name");
    assert!(
        !html.contains(&id_number) && !html.contains(&id_number[..14]),
        "no ID number"
    );
    assert!(!html.contains("138000"), "no phone");
    // Audited, without the tail.
    let details: Vec<(String,)> =
        sqlx::query_as("SELECT detail FROM audit_log WHERE action = 'case.track'")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(details.len(), 1);
    assert!(details[0].0.contains("found") && !details[0].0.contains(&tail(&id_number)));
    // English.
    let res = app
        .client()
        .post(app.url("/track"))
        .form(&[
            ("case", number.as_str()),
            ("tail", &tail(&id_number)),
            ("lang", "en"),
        ])
        .send()
        .await
        .unwrap();
    let en = res.text().await.unwrap();
    assert!(
        en.contains("Papers missing") && en.contains("What happened"),
        "{en}"
    );
    // A malformed entry is told at its field, and nothing typed is lost.
    let (status, bad, _) = track(&app, "K7QZ", "12").await;
    assert_eq!(status, 400);
    assert!(
        bad.contains("case-error") && bad.contains("tail-error") && bad.contains("value=\"K7QZ\"")
    );
}

async fn a_wrong_tail_and_an_unknown_number_answer_alike(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let (number, _, id_number) = demo_case(&app).await;
    let unknown = "ZZZZ-ZZZZ-ZZZZ-ZZZZ";
    let (s1, wrong, h1) = track(&app, &number, &wrong_tail(&id_number)).await;
    let (s2, missing, h2) = track(&app, unknown, &wrong_tail(&id_number)).await;
    assert_eq!(s1, 404);
    assert_eq!(s1, s2);
    assert_eq!(h1["cache-control"], h2["cache-control"]);
    assert_eq!(h1.get("content-length"), h2.get("content-length"));
    // Byte for byte, but for the number typed (which the form shows back).
    assert_eq!(wrong.replace(&number, "N"), missing.replace(unknown, "N"));
    assert!(wrong.contains("没有查到"));
}

async fn five_wrong_tails_lock_the_address_out(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let (number, _, id_number) = demo_case(&app).await;
    for _ in 0..5 {
        assert_eq!(track(&app, &number, &wrong_tail(&id_number)).await.0, 404);
    }
    // Locked: even the right tail is refused, and an unknown number alike.
    let (status, html, headers) = track(&app, &number, &tail(&id_number)).await;
    assert_eq!(status, 429, "{html}");
    assert!(html.contains("输错的次数太多了") && html.contains("15 分钟"));
    assert!(headers.contains_key("retry-after"));
    assert_eq!(track(&app, "ZZZZ-ZZZZ-ZZZZ-ZZZZ", "000000").await.0, 429);
    // Fifteen minutes on, the address may look up again.
    sqlx::query("UPDATE auth_failures SET at = '2000-01-01T00:00:00.000000Z' WHERE key LIKE 'track-address:%'")
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(track(&app, &number, &tail(&id_number)).await.0, 200);
}

async fn many_wrong_tails_for_one_case_slow_its_look_ups(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let (number, _, id_number) = demo_case(&app).await;
    // Ten wrong tails for this number from ten addresses, just now.
    let now = server::db::time::now();
    for i in 0..10 {
        sqlx::query("INSERT INTO auth_failures (key, at, attempt) VALUES ($1, $2, $3)")
            .bind(format!("track-case:{number}"))
            .bind(&now)
            .bind(format!("elsewhere-{i}"))
            .execute(app.db.pool())
            .await
            .unwrap();
    }
    let (status, html, headers) = track(&app, &number, &tail(&id_number)).await;
    assert_eq!(status, 429, "paced: {html}");
    assert!(html.contains("秒后再查") && headers.contains_key("retry-after"));
    // Not this address's fault: it is not counted against it.
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM auth_failures WHERE key LIKE 'track-address:%'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(n, 0);
    // Half a minute after the last wrong tail, the applicant gets through.
    sqlx::query("UPDATE auth_failures SET at = $1 WHERE key LIKE 'track-case:%'")
        .bind(server::db::time::to_db(
            chrono::Utc::now() - chrono::Duration::seconds(31),
        ))
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(track(&app, &number, &tail(&id_number)).await.0, 200);
}

fn brotli_size(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        w.write_all(bytes).unwrap();
    }
    out.len()
}

async fn the_first_load_is_under_100_kb_brotli(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let (number, _, id_number) = demo_case(&app).await;
    let (_, css) = get(&app, "/public/public.css").await;
    let (_, js) = get(&app, "/public/speak.js").await;
    let (_, manifest) = get(&app, "/my/manifest.webmanifest").await;
    let (_, items) = get(&app, "/public/items?place=500231101201").await;
    let (_, item) = get(&app, "/public/items/dibao?place=500231101201").await;
    let (_, timeline, _) = track(&app, &number, &tail(&id_number)).await;
    for (name, html) in [("items", items), ("item", item), ("timeline", timeline)] {
        // Nothing else is loaded: no WebAssembly, no other script or stylesheet.
        assert!(!html.contains(".wasm") && !html.contains("/pkg/"), "{name}");
        let total = brotli_size(html.as_bytes())
            + brotli_size(css.as_bytes())
            + brotli_size(js.as_bytes())
            + brotli_size(manifest.as_bytes());
        assert!(total < 100 * 1024, "{name}: {total} bytes");
        eprintln!("{name}: first load {total} bytes brotli");
    }
}

/// Issue 20 point 9: every public page offers the residents' manifest (installed, the app opens
/// on 我的申请), and only a page showing a case found marks the success after which the page's
/// script offers the install prompt (never on a first visit).
async fn the_install_prompt_follows_a_case_found(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let res = app
        .client()
        .get(app.url("/my/manifest.webmanifest"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/manifest+json");
    let manifest: serde_json::Value = res.json().await.unwrap();
    assert_eq!(manifest["start_url"], "/my/cases");
    assert_ne!(manifest["id"], "/", "not the helper's app");
    let (number, _, id_number) = demo_case(&app).await;
    let (_, items) = get(&app, "/public/items?place=500231101201").await;
    let (_, wrong, _) = track(&app, &number, &wrong_tail(&id_number)).await;
    let (_, found, _) = track(&app, &number, &tail(&id_number)).await;
    for html in [&items, &wrong, &found] {
        assert!(html.contains("<link rel=\"manifest\" href=\"/my/manifest.webmanifest\">"));
        assert!(html.contains("id=\"install\" class=\"speak\" hidden>放到手机桌面"));
    }
    assert!(found.contains("data-found"));
    assert!(!items.contains("data-found") && !wrong.contains("data-found"));
    let (_, js) = get(&app, "/public/speak.js").await;
    assert!(js.contains("beforeinstallprompt") && js.contains("[data-found]"));
}
