//! The supervision dashboard (`/county/dashboard`, issue 21 point 1) against planted cases
//! whose figures were worked out by hand: the county supervisor sees the county, the
//! township's clerk only the township, a helper or an officer nothing (404).

use chrono::{Duration, NaiveDate, Utc};
use domain::clocks::china_date;
use domain::jurisdiction::PlaceCode;
use server::projection::{CaseRow, ItemRow};
use uuid::Uuid;

use crate::helpers::{Backend, TestApp, spawn_app_on};

crate::backend_tests!(
    the_supervisor_sees_the_county_figures,
    township_staff_see_their_township_and_others_nothing,
    the_demo_gives_every_section_something,
);

const SHAPING: &str = "500231101201-G01";
const GUIXI: &str = "500231001001-G01";

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn row(place: &str, state: &str, channel: &str, items: &[&str], created: &str) -> CaseRow {
    let place = PlaceCode::parse(place).unwrap();
    CaseRow {
        case_id: Uuid::now_v7(),
        version: 1,
        household_id: Uuid::now_v7(),
        township: place.township().map(|p| p.as_str().to_owned()),
        village: place.village().map(|p| p.as_str().to_owned()),
        place,
        state: state.into(),
        channel: channel.into(),
        primary_item: items.first().map(|s| (*s).to_owned()),
        lead_department: None,
        urgent: false,
        created_on: d(created),
        submitted_on: None,
        answered_on: None,
        accepted_on: None,
        routed_on: None,
        decided_on: None,
        told_on: None,
        closed_on: None,
        decision_limit_days: None,
        route_by: None,
        notify_by: None,
        step: None,
        deadline_on: None,
        first_asker: None,
        rating: None,
        items: items
            .iter()
            .map(|i| ItemRow {
                item: (*i).to_owned(),
                department: None,
                step: None,
                deadline_on: None,
            })
            .collect(),
    }
}

struct Planted {
    late: Uuid,
    near: Uuid,
    outside: Uuid,
}

/// Three cases in December 2026 (two in 沙坪镇, one in 桂溪街道) and one in November.
async fn plant(app: &TestApp) -> Planted {
    for sql in [
        "DELETE FROM case_projection_items",
        "DELETE FROM case_projection",
        "DELETE FROM changes",
        "DELETE FROM records",
    ] {
        sqlx::query(sql).execute(app.db.pool()).await.unwrap();
    }
    let clerk: (String,) = sqlx::query_as("SELECT id FROM users WHERE username = 'clerk'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let today = china_date(Utc::now());
    // Routed, its decision 3 days overdue: answered Mon 7 → Wed 9 (2 working days, late),
    // routed Thu 10 (1).
    let mut late = row(SHAPING, "routed", "window", &["temporary"], "2026-12-07");
    late.submitted_on = Some(d("2026-12-07"));
    late.answered_on = Some(d("2026-12-09"));
    late.accepted_on = Some(d("2026-12-09"));
    late.routed_on = Some(d("2026-12-10"));
    late.decision_limit_days = Some(10);
    late.step = Some("decision");
    late.deadline_on = Some(today - Duration::days(3));
    late.items[0].department = Some("civil_affairs".into());
    late.items[0].step = Some("decision");
    late.items[0].deadline_on = late.deadline_on;
    // Closed: answered the same day (0), routed Tue 8 (1), decided Mon 14 (4 of 20), told
    // Wed 16 (2), rated 满意.
    let mut closed = row(
        SHAPING,
        "closed",
        "entrusted",
        &["dibao", "temporary"],
        "2026-12-07",
    );
    closed.submitted_on = Some(d("2026-12-07"));
    closed.answered_on = Some(d("2026-12-07"));
    closed.accepted_on = Some(d("2026-12-07"));
    closed.routed_on = Some(d("2026-12-08"));
    closed.decided_on = Some(d("2026-12-14"));
    closed.decision_limit_days = Some(20);
    closed.told_on = Some(d("2026-12-16"));
    closed.rating = Some("satisfied".into());
    // Accepted in 桂溪街道, to be routed today: answered Wed 2 → Thu 3 (1).
    let mut near = row(GUIXI, "accepted", "hotline", &["temporary"], "2026-12-02");
    near.submitted_on = Some(d("2026-12-02"));
    near.answered_on = Some(d("2026-12-03"));
    near.accepted_on = Some(d("2026-12-03"));
    near.route_by = Some(today);
    near.step = Some("route");
    near.deadline_on = Some(today);
    near.first_asker = Some(Uuid::parse_str(&clerk.0).unwrap());
    // Created before the period: not counted; its deadline is far.
    let mut outside = row(SHAPING, "routed", "online", &["medical"], "2026-11-20");
    outside.deadline_on = Some(today + Duration::days(60));
    outside.step = Some("decision");
    let planted = Planted {
        late: late.case_id,
        near: near.case_id,
        outside: outside.case_id,
    };
    let mut tx = app.db.begin_write().await.unwrap();
    server::projection::write(&mut tx, &[late, closed, near, outside])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    planted
}

async fn page(client: &reqwest::Client, app: &TestApp, query: &str) -> (u16, String) {
    let res = client
        .get(app.url(&format!("/county/dashboard{query}")))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The table row whose cells are exactly `cells`.
fn has_row(html: &str, cells: &[&str]) -> bool {
    let row: String = cells.iter().map(|c| format!("<td>{c}</td>")).collect();
    html.contains(&format!("<tr>{row}</tr>"))
}

const PERIOD: &str = "?from=2026-12-01&to=2026-12-31";

async fn the_supervisor_sees_the_county_figures(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let planted = plant(&app).await;
    let supervisor = app.sign_in("supervisor").await;
    let (status, html) = page(&supervisor, &app, PERIOD).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("垫江县社会救助监管看板"));
    assert!(
        html.contains("本期受理登记 3 件"),
        "the November case is outside"
    );
    // Counts.
    assert!(has_row(&html, &["已分办", "1", "33%"]), "{html}");
    assert!(has_row(&html, &["已结案", "1", "33%"]));
    assert!(has_row(&html, &["已受理", "1", "33%"]));
    assert!(has_row(&html, &["沙坪镇", "2", "67%"]));
    assert!(has_row(&html, &["桂溪街道", "1", "33%"]));
    assert!(has_row(&html, &["临时救助", "3", "75%"]), "{html}");
    assert!(has_row(&html, &["电话求助", "1", "33%"]));
    // Steps: acceptance (2 + 0 + 1) / 3 = 1.0 with one late; routing (1 + 1) / 2; decision 4
    // of a 20-day limit; feedback 2 of 2.
    assert!(has_row(&html, &["受理", "3", "1.0", "1.0", "1"]), "{html}");
    assert!(has_row(&html, &["分办", "2", "1.0", "1.0", "0"]));
    assert!(has_row(&html, &["部门办理", "1", "4.0", "20.0", "0"]));
    assert!(has_row(&html, &["结果反馈", "1", "2.0", "2.0", "0"]));
    // Satisfaction.
    assert!(html.contains("满意率（基本满意及以上）：<strong>100%</strong>"));
    assert!(has_row(&html, &["满意", "1", "100%"]));
    // Deadlines: both townships, each linking to its case; the far one is not listed.
    assert!(html.contains(&format!("href=\"/cases/{}\"", planted.late)));
    assert!(html.contains(&format!("href=\"/cases/{}\"", planted.near)));
    assert!(!html.contains(&planted.outside.to_string()));
    assert!(html.contains("今日到期"));
    assert!(html.contains("已超期"));
    assert!(html.contains("首问负责人"));
    // Charts with their text alternatives, no inline style.
    assert_eq!(
        html.matches("role=\"img\"").count(),
        6,
        "four counts, steps, ratings"
    );
    assert!(html.contains("<desc id=\"by-township-desc\">沙坪镇：2；桂溪街道：1</desc>"));
    assert!(!html.contains("style="));
    // A bad period is refused with the reason.
    let (status, _) = page(&supervisor, &app, "?from=2026-12-31&to=2026-12-01").await;
    assert_eq!(status, 400);
    let (status, _) = page(&supervisor, &app, "?from=yesterday").await;
    assert_eq!(status, 400);
}

async fn township_staff_see_their_township_and_others_nothing(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let planted = plant(&app).await;
    let clerk = app.sign_in("clerk").await;
    let (status, html) = page(&clerk, &app, PERIOD).await;
    assert_eq!(status, 200);
    assert!(html.contains("沙坪镇社会救助监管看板"));
    assert!(html.contains("本期受理登记 2 件"));
    assert!(has_row(&html, &["沙坪镇", "2", "100%"]));
    assert!(!html.contains("桂溪街道"), "nothing of the other township");
    assert!(html.contains(&format!("href=\"/cases/{}\"", planted.late)));
    assert!(!html.contains(&planted.near.to_string()));
    // Acceptance: (2 + 0) / 2.
    assert!(has_row(&html, &["受理", "2", "1.0", "1.0", "1"]), "{html}");
    let verifier = app.sign_in("verifier").await;
    assert_eq!(page(&verifier, &app, PERIOD).await.0, 200);
    for who in ["helper", "officer"] {
        let client = app.sign_in(who).await;
        assert_eq!(page(&client, &app, PERIOD).await.0, 404, "{who}");
    }
    assert_eq!(page(&app.client(), &app, PERIOD).await.0, 401);
}

/// The demo's cases fill every section of the supervisor's dashboard.
async fn the_demo_gives_every_section_something(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let today = china_date(Utc::now());
    let query = format!("?from={}&to={today}", today - Duration::days(90));
    let supervisor = app.sign_in("supervisor").await;
    let (status, html) = page(&supervisor, &app, &query).await;
    assert_eq!(status, 200);
    let section = |name: &str| {
        let start = html
            .find(&format!("data-section=\"{name}\""))
            .unwrap_or_else(|| panic!("no section {name}"));
        let rest = &html[start..];
        let end = rest.find("</section>").unwrap();
        rest[..end].to_owned()
    };
    for name in [
        "counts",
        "deadlines",
        "steps",
        "satisfaction",
        "hardship",
        "activity",
    ] {
        let s = section(name);
        assert!(!s.contains("class=\"empty\""), "{name} is empty: {s}");
    }
    assert!(section("deadlines").contains("href=\"/cases/"));
    assert!(
        section("hardship").contains("自然灾害") || section("hardship").contains("href=\"/cases/")
    );
    assert!(
        !section("satisfaction").contains("<strong>—</strong>"),
        "{}",
        section("satisfaction")
    );
    let steps = section("steps");
    for step in ["受理", "分办", "部门办理", "结果反馈"] {
        assert!(
            !steps.contains(&format!("<tr><td>{step}</td><td>0</td>")),
            "no case finished {step}: {steps}"
        );
    }
}
