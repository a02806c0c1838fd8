//! `GET /county/dashboard?from=YYYY-MM-DD&to=YYYY-MM-DD`: the supervision dashboard (监管看板,
//! issue 21 point 1), a server-rendered page out of the helper's first load. For the period:
//! counts by state, township, item and channel; the clocks near (at most 1 working day left)
//! or past their last day, with who answers for each and a link to the case; the average
//! working days per step against the limits; satisfaction; hardship reports and how fast each
//! was answered; helpers' entrustments, visits and evaluations per village.
//!
//! A county supervisor sees the whole county, the township's staff (window, verification)
//! their township only, as far as the jurisdiction rule lets them see a record placed there;
//! anyone else gets 404. It reads the case projection (migration 0028) by its indexes.

mod chart;
mod query;
mod render;
pub mod stats;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use chrono::Utc;
use domain::clocks::china_date;
use domain::jurisdiction::{Actor, RecordScope, can_see};
use domain::role::Role;

use super::html::{date_zh, escape, page_with};
use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::period::{Dates, Since};
use crate::state::AppState;
use query::Area;

/// The dashboard's stylesheet, after the pages' common one.
pub const STYLESHEET: &str = "/authorizations/dashboard.css";

/// Whose cases `actor` supervises: the county for a supervisor, the township for its window
/// and verification staff and its leader in charge; `None` for anyone else.
pub fn area_of(actor: &Actor) -> Option<Area> {
    let area = match actor.role {
        Role::Supervisor => Area {
            place: actor.place.county(),
            township: false,
        },
        // The township's leader in charge watches its deadlines too (escalations reach them).
        Role::WindowClerk | Role::Verifier | Role::TownshipLeader => Area {
            place: actor.place.township()?,
            township: true,
        },
        _ => return None,
    };
    let whole = RecordScope {
        place: area.place.clone(),
        owner: None,
        departments: Vec::new(),
        helpers: Vec::new(),
    };
    can_see(actor, &whole).then_some(area)
}

/// The dashboard.
#[utoipa::path(get, path = "/county/dashboard", tag = "pages",
    params(("from" = Option<String>, Query, description = "First day, YYYY-MM-DD (Beijing); the first of the year when left out"),
           ("to" = Option<String>, Query, description = "Last day, YYYY-MM-DD (Beijing); today when left out")),
    responses((status = 200, description = "The dashboard (HTML)", content_type = "text/html"),
              (status = 400, description = "A date that cannot be read, or a period too long", body = crate::error::ErrorBody),
              (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
              (status = 404, description = "Not a supervisor or township staff", body = crate::error::ErrorBody)),
    security(("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(dates): Query<Dates>,
) -> Result<Response, ApiError> {
    let area = area_of(&user.actor).ok_or(ApiError::NotFound)?;
    let (from, to) = dates.checked(Since::YearStart)?;
    let pool = state.db.pool();
    let catalogue = state.reference.catalogue();
    let calendar = state.reference.calendar();
    let today = china_date(Utc::now());
    let cases = query::cases(pool, &area, from, to).await?;
    let until = calendar
        .add_working_days(today, stats::NEAR_WITHIN as u32)
        .map(|d| d.value)
        .unwrap_or(today);
    let clocks: Vec<_> = query::clocks_until(pool, &area, until)
        .await?
        .into_iter()
        .filter_map(|c| Some((stats::standing(c.due_on, today, &calendar)?, c)))
        .map(|(s, c)| (c, s))
        .collect();
    let reports: Vec<_> = query::hardship(pool, &area, from, to)
        .await?
        .into_iter()
        .map(|h| {
            let within = stats::answered_within(h.reported_on, h.answered_on, &calendar);
            (h, within)
        })
        .collect();
    let activity = stats::activity(&query::activity(pool, &area, from, to).await?);
    let (places, departments) = query::names(pool, &area).await?;
    let askers: Vec<uuid::Uuid> = clocks.iter().filter_map(|(c, _)| c.first_asker).collect();
    let staff = query::staff_names(pool, askers).await?;
    let names = render::Names {
        places: &places,
        departments: &departments,
        staff: &staff,
        catalogue: &catalogue,
    };
    let entry = AuditEntry::by(&user.actor, "supervision.view_dashboard")
        .on("place", area.place.as_str(), Some(area.place.as_str()))
        .with_detail(serde_json::json!({
            "from": from.to_string(),
            "to": to.to_string(),
            "cases": cases.len(),
        }));
    audit::append_standalone(&state.db, &entry).await?;
    let area_name = places
        .get(area.place.as_str())
        .cloned()
        .unwrap_or_else(|| area.place.as_str().to_owned());
    let mut body = format!(
        "<main class=\"dashboard\" data-page=\"dashboard\" data-area=\"{}\">\
         <h1>{}社会救助监管看板 <span class=\"en\">Supervision dashboard</span></h1>\
         <p class=\"small\"><a href=\"/county/checks\" data-link=\"checks\">疑点比对 / Data checks</a>　\
         <a href=\"/county/certification\" data-link=\"certification\">资格认证 / Certification</a></p>\
         <form class=\"period-form\" method=\"get\" action=\"/county/dashboard\">\
         <label>开始日期 <input type=\"date\" name=\"from\" value=\"{from}\"></label>\
         <label>结束日期 <input type=\"date\" name=\"to\" value=\"{to}\"></label>\
         <button type=\"submit\">查看</button></form>\
         <p class=\"period\" data-field=\"period\">统计期间：{}至{}（按立案日期）；时限情况为今日（{}）实时。</p>",
        escape(area.place.as_str()),
        escape(&area_name),
        date_zh(from),
        date_zh(to),
        date_zh(today),
    );
    body.push_str(&render::counts(&stats::counts(&cases), cases.len(), &names));
    body.push_str(&render::deadlines(&clocks, &names));
    body.push_str(&render::steps(&stats::step_averages(&cases, &calendar)));
    body.push_str(&render::satisfaction(&stats::satisfaction(&cases)));
    body.push_str(&render::hardship(&reports, &names));
    body.push_str(&render::activity(&activity, &names));
    body.push_str("</main>");
    Ok(Html(page_with(
        &format!("{area_name}社会救助监管看板"),
        "dashboard-page",
        &body,
        &[STYLESHEET],
    ))
    .into_response())
}

/// The dashboard's stylesheet.
pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("dashboard.css"),
    )
}
