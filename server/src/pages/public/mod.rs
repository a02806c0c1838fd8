//! The resident's public pages, without an account and without WebAssembly: the aid items of a
//! place (`/public/items`), one item's page (`/public/items/{code}`) and case tracking
//! (`/track`, 进度查询). Plain HTML with one small stylesheet and one small script (the
//! "读给我听" button, which the pages work without), so that an old phone on a weak signal
//! opens them at once: the whole first load stays far under 100 KB.

mod contacts;
mod item_page;
mod items_page;
mod layout;
mod lookup;
mod timeline;
mod timeline_steps;
mod track_page;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use crate::state::AppState;

pub use layout::Lang;
// The signed-in resident's pages (`crate::pages::resident`) show the same timeline in the
// same frame.
pub(crate) use item_page::condition_list;
pub(crate) use layout::{escape, lang_of, page_with_note, respond};
pub(crate) use lookup::Found;
pub(crate) use timeline::{render as timeline, state_words};

/// The public pages' stylesheet.
pub const STYLESHEET: &str = "/public/public.css";
/// The read-aloud button's script.
pub const SCRIPT: &str = "/public/speak.js";

/// The residents' web app manifest: installed from a public or resident page, the app opens on
/// 我的申请 (`/my/cases`), not on the helper's home.
pub const MANIFEST: &str = "/my/manifest.webmanifest";

/// The public pages' routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/public/items", get(items_page::get))
        .route("/public/items/{code}", get(item_page::get))
        .route("/track", get(track_page::get).post(track_page::post))
        .route(STYLESHEET, get(stylesheet))
        .route(SCRIPT, get(script))
        .route(MANIFEST, get(manifest))
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("public.css"),
    )
}

async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("speak.js"),
    )
}

async fn manifest() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "application/manifest+json"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("resident.webmanifest"),
    )
}
