//! `/admin/staff…`: the administrator's staff accounts (issue 21 point 5, issue 22 point 3),
//! server-rendered like the county pages so they stay out of the phone's first load.
//!
//! - `GET /admin/staff[?township=&role=]`: the accounts in the admin's jurisdiction with the
//!   helper roster's columns (乡镇, 村, 姓名, 身份证号码 and 电话 masked, 人员类别) plus 账号,
//!   角色, 状态 ([`list`]);
//! - `GET|POST /admin/staff/new`: add an account; its generated password is shown once, on the
//!   answer page, and must be changed at the first sign-in ([`new`]);
//! - `GET|POST /admin/staff/{id}`: edit name, role, place, department, phone, ID number,
//!   category ([`edit`]); `POST /admin/staff/{id}/{disable,enable,reset-password}`
//!   ([`actions`]);
//! - `GET|POST /admin/staff/import`: many accounts from a CSV or XLSX file through a preview and an
//!   all-or-nothing commit, like the registry's import ([`import`]).
//!
//! Only the admin role; anyone else gets 404, as the county pages answer. The admin reads no
//! household data here: accounts only. Every change is audited (`crate::accounts::staff`).
//! Chinese first; English with `?lang=en` or the app's language cookie, as the public pages.

mod actions;
mod edit;
mod form;
mod import;
mod import_render;
mod list;
mod new;

use axum::Router;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use domain::jurisdiction::PlaceCode;
use domain::role::Role;

use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::html::escape;
use crate::pages::public::Lang;
use crate::state::AppState;

/// The staff pages in the API description (merged by `routes::openapi`).
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    list::get,
    new::get,
    new::post,
    import::get,
    import::post,
    edit::get,
    edit::post,
    actions::disable,
    actions::enable,
    actions::reset_password,
))]
pub struct StaffApi;

/// The screens' stylesheet (tables that scroll at phone width, the form's fields and errors).
pub const STYLESHEET: &str = "/admin/staff/staff.css";

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/staff", get(list::get))
        .route(STYLESHEET, get(stylesheet))
        .route("/admin/staff/new", get(new::get).post(new::post))
        .route("/admin/staff/import", get(import::get).post(import::post))
        .route("/admin/staff/{id}", get(edit::get).post(edit::post))
        .route("/admin/staff/{id}/disable", post(actions::disable))
        .route("/admin/staff/{id}/enable", post(actions::enable))
        .route(
            "/admin/staff/{id}/reset-password",
            post(actions::reset_password),
        )
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("staff.css"),
    )
}

/// The admin's place, or 404 for any other role (the admin pages' one gate).
fn admin_place(user: &CurrentUser) -> Result<PlaceCode, ApiError> {
    super::admin::admin_only(user)?;
    Ok(user.actor.place.clone())
}

/// The page's language: `?lang=` or the app's cookie, Chinese by default.
fn lang(query: Option<&str>, headers: &HeaderMap) -> Lang {
    Lang::choose(query, &CookieJar::from_headers(headers))
}

/// A role's name in the page's language.
fn role_name(lang: Lang, role: &str) -> String {
    let Some(r) = Role::from_code(role) else {
        return role.to_owned();
    };
    let en = match r {
        Role::Resident => "Resident",
        Role::Helper => "Helper",
        Role::WindowClerk => "Window clerk",
        Role::Verifier => "Verifier",
        Role::DepartmentOfficer => "Department officer",
        Role::Supervisor => "County supervisor",
        Role::Admin => "Administrator",
        Role::TownshipLeader => "Township leader",
    };
    lang.t(r.name_zh(), en).to_owned()
}

/// A place of the admin's jurisdiction, for names and the form's choice.
#[derive(Debug, Clone)]
struct Place {
    code: String,
    level: String,
    name_zh: String,
    name_en: String,
}

impl Place {
    fn name(&self, lang: Lang) -> &str {
        if lang == Lang::En && !self.name_en.is_empty() {
            &self.name_en
        } else {
            &self.name_zh
        }
    }
}

/// The county, townships and villages at or under `place`, by code.
async fn places_under(state: &AppState, place: &PlaceCode) -> Result<Vec<Place>, ApiError> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT code, level, name_zh, name_en FROM places WHERE code LIKE $1 \
         AND level IN ('county', 'township', 'village') ORDER BY code",
    )
    .bind(format!("{}%", place.as_str()))
    .fetch_all(state.db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(code, level, name_zh, name_en)| Place {
            code,
            level,
            name_zh,
            name_en,
        })
        .collect())
}

/// A whole page in `lang`, never kept by a cache (it lists personal data, masked, and the
/// answer pages carry a password).
fn page(lang: Lang, title: &str, here: &str, body: &str) -> Response {
    let switch = match lang {
        Lang::Zh => format!(
            "<a href=\"{}\" lang=\"en\">English</a>",
            escape(&Lang::En.link(here))
        ),
        Lang::En => format!("<a href=\"{}\" lang=\"zh-CN\">中文</a>", escape(here)),
    };
    let html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><meta name=\"referrer\" content=\"same-origin\">\
         <title>{}</title><link rel=\"stylesheet\" href=\"{STYLESHEET}\"></head>\
         <body class=\"staff-admin\"><header class=\"bar\"><a href=\"{}\">{}</a>\
         <span class=\"switch\">{switch}</span></header><main>{body}</main></body></html>",
        lang.code(),
        escape(title),
        escape(&lang.link("/admin/staff")),
        lang.t("工作人员账号", "Staff accounts"),
    );
    let mut res = Html(html).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
