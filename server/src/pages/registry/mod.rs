//! The recipient registry (困难群众基本信息数据库, issue 21 point 3), server-rendered pages:
//!
//! - `GET /county/registry[?township=][&month=YYYY-MM][&category=][&format=xlsx|csv]`: the
//!   entries listed in the month by category (names and ID numbers masked), the month's
//!   statistics per category and township with its movements (新增、退出、增发、减发、补发、
//!   停发), printable on A4 landscape, exportable ([`render`]);
//! - `GET /county/registry/reviews`: the periodic reviews due, overdue and lately done, each
//!   with who follows it up, and `POST /county/registry/reviews` to record one done
//!   ([`reviews`]);
//! - `GET|POST /county/registry/import`: a roster from CSV or XLSX, previewed row by row,
//!   committed all or nothing through the push ([`import`]).
//!
//! Who may see it: as the data checks ([`crate::pages::checks::Scope`]: the county's
//! supervisor the county, a township's window clerk or verifier their township; 404 for
//! anyone else). Who may write (import, record a review): the township's window clerk for
//! their township, the county's supervisor for the county (`domain::rights`). The rules are
//! [`domain::registry`]; every view and export is audited, and every write goes through the
//! push path (one operation per record, audited there).

mod gather;
pub mod import;
mod import_read;
mod import_render;
mod render;
pub mod reviews;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::response::Response;
use axum::routing::get;
use chrono::Utc;
use domain::clocks::china_date;
use domain::registry::{Category, Entry, Month};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::checks::Scope;
use crate::pages::county::export;
use crate::pages::county::helper_report::Format;
use crate::state::AppState;

/// The registry's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/county/registry", get(get_registry))
        .route(
            "/county/registry/reviews",
            get(reviews::get).post(reviews::post),
        )
        .route("/county/registry/import/sample.csv", get(import::sample))
        .route(
            "/county/registry/import",
            get(import::get)
                .post(import::post)
                .layer(DefaultBodyLimit::max(import::MAX_BODY)),
        )
}

/// The registry asked for.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegistryQuery {
    /// One township's code (a supervisor's choice); all the caller may see when left out.
    pub township: Option<String>,
    /// The month, `YYYY-MM`; this month (Beijing) when left out.
    pub month: Option<String>,
    /// One category's code (`tekun`, `dibao`, `dibao_edge`, `temporary`, `other`); all when
    /// left out.
    pub category: Option<String>,
    /// `html` (the default), `xlsx` or `csv`.
    pub format: Option<String>,
}

/// The entries of the caller's reach (narrowed to the township asked for), with the reads.
pub(crate) async fn load(
    state: &AppState,
    scope: &Scope,
) -> Result<(gather::Gathered, Vec<Entry>), ApiError> {
    let gathered = gather::gather(state.db.pool(), &scope.county).await?;
    let mine = gathered
        .entries
        .iter()
        .filter(|e| {
            domain::jurisdiction::PlaceCode::parse(&e.village).is_ok_and(|v| scope.reach.covers(&v))
        })
        .cloned()
        .collect();
    Ok((gathered, mine))
}

/// The registry.
#[utoipa::path(get, path = "/county/registry", tag = "pages", params(RegistryQuery),
    responses(
        (status = 200, description = "The registry: an A4 page (HTML), or an XLSX or CSV file"),
        (status = 400, description = "Unknown format, month or category", body = crate::error::ErrorBody),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not a supervisor or township staff, or an unknown township", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn get_registry(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<RegistryQuery>,
) -> Result<Response, ApiError> {
    let format = Format::parse(q.format.as_deref())?;
    let month = match q.month.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        None => Month::of(china_date(Utc::now())),
        Some(raw) => Month::parse(raw)
            .ok_or_else(|| ApiError::BadRequest("月份请写成 2026-03 的形式".to_owned()))?,
    };
    let category = match q
        .category
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        None => None,
        Some(raw) => Some(
            Category::ALL
                .into_iter()
                .find(|c| c.code() == raw)
                .ok_or_else(|| ApiError::BadRequest("未知的救助类别".to_owned()))?,
        ),
    };
    let scope = Scope::of(&state, &user, q.township.as_deref()).await?;
    let (gathered, entries) = load(&state, &scope).await?;
    let entries: Vec<Entry> = entries
        .into_iter()
        .filter(|e| category.is_none_or(|c| e.category == c))
        .collect();
    let entry = AuditEntry::by(&user.actor, "registry.view")
        .on(
            "place",
            scope.reach.place.as_str(),
            Some(scope.reach.place.as_str()),
        )
        .with_detail(serde_json::json!({
            "format": format.code(),
            "month": month.to_string(),
            "entries": entries.len(),
        }));
    audit::append_standalone(&state.db, &entry).await?;
    let view = render::View {
        title: format!("{}困难群众基本信息数据库（{}）", scope.reach.name, month),
        month,
        category,
        township: q
            .township
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty()),
        reach: &scope.reach,
        names: &gathered.place_names,
        entries: &entries,
        may_import: may_write(&user),
    };
    let filename = format!("registry-{}-{}", scope.reach.place.as_str(), month);
    export::list(
        format,
        &filename,
        || view.sheet(),
        &view.title,
        || view.page(),
    )
}

/// Whether the user keeps the registry (imports, records reviews): a township's window clerk
/// or the county's supervisor. The push checks the same rule on every record.
pub fn may_write(user: &CurrentUser) -> bool {
    domain::rights::permits_here(
        &user.actor,
        domain::rights::Action::Record(domain::sync::RecordKind::Registry),
    )
}

/// Fen as yuan, `1234.50`.
pub fn yuan(fen: i64) -> String {
    format!(
        "{}{}.{:02}",
        if fen < 0 { "-" } else { "" },
        fen.abs() / 100,
        fen.abs() % 100
    )
}
