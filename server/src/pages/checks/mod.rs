//! `GET /county/checks[?township=CODE][&format=xlsx|csv]`: the data checks (疑点比对, issue 21
//! point 4), each finding listed for follow-up with who follows it up, grouped by check with
//! counts; an A4 landscape page, or an XLSX workbook or CSV file through the county reports'
//! export helpers. The rules are [`domain::checks`]; this module reads (`gather`), names and
//! masks (`findings`), shows (`render`) and takes the follow-up marks (`follow_up`).
//!
//! Who may see it: as the dashboard ([`crate::pages::dashboard::area_of`]: the county's
//! supervisor the county, a township's window clerk or verifier their township), narrowed as
//! the county reports are ([`crate::pages::county::access::reach`]); anyone else gets 404.
//! Every view and export is audited.

pub mod findings;
pub mod follow_up;
mod gather;
mod render;

use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use chrono::Utc;
use domain::clocks::china_date;
use domain::jurisdiction::PlaceCode;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::county::access::{Reach, reach};
use crate::pages::county::export;
use crate::pages::county::helper_report::Format;
use crate::pages::dashboard::area_of;
use crate::state::AppState;
use findings::Finding;

/// The checks' routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/county/checks", get(get_checks))
        .route("/county/checks/follow-up", post(follow_up::post))
}

/// The checks asked for.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChecksQuery {
    /// One township's code (a supervisor's choice); all the caller may see when left out.
    pub township: Option<String>,
    /// `html` (the default), `xlsx` or `csv`.
    pub format: Option<String>,
}

/// What one caller may see.
pub struct Scope {
    /// The townships and villages in reach.
    pub reach: Reach,
    /// Their county (the checks read it whole: a person may be listed in two townships).
    pub county: PlaceCode,
}

impl Scope {
    /// The caller's scope, narrowed to `township` when given; 404 for anyone else.
    pub async fn of(
        state: &AppState,
        user: &CurrentUser,
        township: Option<&str>,
    ) -> Result<Scope, ApiError> {
        area_of(&user.actor).ok_or(ApiError::NotFound)?;
        let reach = reach(state, user, township).await?;
        Ok(Scope {
            county: reach.place.county(),
            reach,
        })
    }
}

/// Every finding in the caller's scope, today (Beijing).
pub async fn load(state: &AppState, scope: &Scope) -> Result<Vec<Finding>, ApiError> {
    let gathered = gather::gather(state.db.pool(), &scope.county).await?;
    let catalogue = state.reference.catalogue();
    Ok(findings::findings(
        &gathered,
        &scope.reach,
        &catalogue,
        china_date(Utc::now()),
    ))
}

/// The data checks.
#[utoipa::path(get, path = "/county/checks", tag = "pages", params(ChecksQuery),
    responses(
        (status = 200, description = "The checks: an A4 page (HTML), or an XLSX or CSV file"),
        (status = 400, description = "Unknown format", body = crate::error::ErrorBody),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not a supervisor or township staff, or an unknown township", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn get_checks(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ChecksQuery>,
) -> Result<Response, ApiError> {
    let format = Format::parse(q.format.as_deref())?;
    let scope = Scope::of(&state, &user, q.township.as_deref()).await?;
    let found = load(&state, &scope).await?;
    let marks = follow_up::marks(state.db.pool(), &scope.county).await?;
    let entry = AuditEntry::by(&user.actor, "checks.view")
        .on(
            "place",
            scope.reach.place.as_str(),
            Some(scope.reach.place.as_str()),
        )
        .with_detail(serde_json::json!({
            "format": format.code(),
            "findings": found.len(),
        }));
    audit::append_standalone(&state.db, &entry).await?;
    let title = format!("{}社会救助疑点比对清单", scope.reach.name);
    let sheet = || export::Sheet {
        name: "疑点比对",
        title: title.clone(),
        headings: &render::HEADINGS,
        rows: found
            .iter()
            .enumerate()
            .map(|(i, f)| render::cells(i + 1, f, &marks))
            .collect(),
        highlight: found
            .iter()
            .map(|f| !marks.get(&f.key).is_some_and(|m| m.done))
            .collect(),
        footer: None,
    };
    let filename = format!("data-checks-{}", scope.reach.place.as_str());
    export::list(format, &filename, sheet, &title, || {
        render::page(&title, &found, &marks, q.township.as_deref())
    })
}
