//! The administrator's pages (issue 21 point 5), server-rendered like the county's: the index
//! (`/admin`), the jurisdiction tree with populations and each village's helpers against the
//! number it needs (`/admin/places`, [`places`]), the holiday notices (`/admin/notices`,
//! [`notices`]), the aid catalogue with the county's own time limits (`/admin/catalogue`,
//! [`catalogue`]) and the authorization text versions (`/admin/authorization-texts`,
//! [`texts`]). Only the admin may open them; anyone else gets 404, as the county pages
//! refuse. They read and change reference data and account placements only, never a
//! household (issue 22 point 9). Chinese first; English with `?lang=en` or the app's
//! language cookie.

pub(crate) mod api_doc;
mod catalogue;
mod catalogue_render;
mod index;
mod notices;
mod places;
mod places_import;
mod places_import_read;
mod places_import_render;
mod places_render;
mod texts;
mod texts_render;

use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use domain::rights::{Action, permits_here};
use domain::role::Role;

use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::html::escape;
use crate::state::AppState;

/// The admin pages' own stylesheet, after the pages' common one.
pub const STYLESHEET: &str = "/admin/admin.css";

/// The page's language: `?lang=en` or the app's language cookie (`i18n_pref_locale`, as the
/// public pages read it) for English; Chinese otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    Zh,
    En,
}

impl Lang {
    fn of(query: Option<&str>, headers: &HeaderMap) -> Lang {
        let cookie = CookieJar::from_headers(headers)
            .get("i18n_pref_locale")
            .map(|c| c.value().to_owned());
        match query.map(str::to_owned).or(cookie).as_deref() {
            Some(l) if l.eq_ignore_ascii_case("en") || l.starts_with("en-") => Lang::En,
            _ => Lang::Zh,
        }
    }

    fn t<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// `path` with the language kept.
    fn link(self, path: &str) -> String {
        match self {
            Lang::Zh => path.to_owned(),
            Lang::En if path.contains('?') => format!("{path}&lang=en"),
            Lang::En => format!("{path}?lang=en"),
        }
    }
}

/// `?lang=` of an admin page.
#[derive(Debug, Default, serde::Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(index::get))
        .route("/admin/places", get(places::get))
        .route("/admin/places/{code}", post(places::edit))
        .route("/admin/places/{code}/villages", post(places::add_village))
        .route(
            "/admin/places/import",
            get(places_import::get).post(places_import::post),
        )
        .route(
            "/admin/places/import/sample.csv",
            get(places_import::sample),
        )
        .route("/admin/notices", get(notices::get).post(notices::post))
        .route("/admin/catalogue", get(catalogue::get))
        .route("/admin/catalogue/{item}", post(catalogue::set))
        .route("/admin/catalogue/{item}/remove", post(catalogue::remove))
        .route(
            "/admin/authorization-texts",
            get(texts::get).post(texts::post),
        )
        .route("/admin/authorization-texts/{version}", get(texts::show))
        .route(STYLESHEET, get(stylesheet))
}

/// Lets the admin through; anyone else gets 404 (the page is not told apart from a missing
/// one), as on the county pages.
pub(crate) fn admin_only(user: &CurrentUser) -> Result<(), ApiError> {
    let admin =
        user.actor.role == Role::Admin && permits_here(&user.actor, Action::ManageReference);
    if admin {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

/// A whole admin page: `title` (plain text), `here` (the path the language switch links back
/// to) and `body` (HTML, escaped by the caller). Never stored by a cache.
fn respond(lang: Lang, status: StatusCode, title: &str, here: &str, body: &str) -> Response {
    let (other, other_name) = match lang {
        Lang::Zh => (Lang::En, "<span lang=\"en\">English</span>"),
        Lang::En => (Lang::Zh, "<span lang=\"zh-CN\">中文</span>"),
    };
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\">\
         <meta name=\"referrer\" content=\"same-origin\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body class=\"admin\"><header class=\"admin-top\"><a href=\"{home}\">{brand}</a>\
         <a href=\"{switch}\">{other_name}</a></header><main id=\"main\">{body}</main></body></html>",
        code = lang.code(),
        title = escape(title),
        css = STYLESHEET,
        home = escape(&lang.link("/admin")),
        brand = lang.t("系统管理", "Administration"),
        switch = escape(&other.link(here)),
    );
    let mut res = (status, Html(html)).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("admin.css"),
    )
}
