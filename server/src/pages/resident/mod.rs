//! "我的申请": the signed-in resident's own pages (issue 20 points 3 and 7), server-rendered in
//! the public pages' frame (their stylesheet, large text, "读给我听"), without WebAssembly so
//! that they cost the helper's app nothing:
//!
//! - `/my/cases`: every case of the resident (as applicant or as a household member), most
//!   recently changed first, a change since their last look marked once; not signed in, the
//!   sign-in by phone and one-time code (`/my/code`, `/my/signin`, the same handlers as
//!   `/api/auth/otp/*`); and the button asking the village's helper to come (申请帮办,
//!   `/my/help`, [`help`]); and the household's verification authorizations holding the
//!   resident's consent, which they may withdraw (撤回授权, `/my/authorizations/{id}/revoke`,
//!   [`consent`]).
//! - `/my/certify`: the household's yearly certification of eligibility (待遇资格认证), by the
//!   recipient or a member for them, listed on `/my/cases` while due ([`certify`]).
//! - `/my/cases/{id}`: the case's timeline (the tracking page's), and for the applicant the
//!   rating after a result and the review request (申请复核) within the notice's period:
//!   `/my/cases/{id}/rate`, `/my/cases/{id}/review`, each made into a sync operation and
//!   applied by the push path ([`actions`]); and while the window's supplement notice (补正)
//!   waits, a photo of each listed material: `/my/cases/{id}/supplement` ([`supplement`]).
//!
//! - `/my/apply`: applying online for the resident's own household (网上申请, issue 20 point 4),
//!   with the authorization signed by every adult, present or through a link ([`apply`]).
//!
//! Every answer is `no-store`: personal data is never kept by a cache or the service worker.

pub(crate) mod actions;
pub mod apply;
mod case_page;
pub mod certify;
mod certify_form;
pub mod consent;
pub mod help;
mod list_page;
mod mine;
mod sign_in;
pub mod supplement;
mod supplement_form;

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequestParts};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::role::Role;

use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::public::{Lang, page_with_note, respond};
use crate::state::AppState;

/// The resident's home page.
pub const HOME: &str = "/my/cases";

/// The resident's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(HOME, get(list_page::get))
        .route("/my/code", post(sign_in::request_code))
        .route("/my/signin", post(sign_in::verify))
        .route("/my/signout", post(sign_in::sign_out))
        .route("/my/cases/{id}", get(case_page::get))
        .route("/my/help", post(help::post))
        .route(
            "/my/certify",
            get(certify::get)
                .post(certify::post)
                .layer(DefaultBodyLimit::max(certify::MAX_BODY)),
        )
        .route("/my/authorizations/{id}/revoke", post(consent::post))
        .route("/my/cases/{id}/rate", post(actions::rate))
        .route("/my/cases/{id}/review", post(actions::review))
        .route(
            "/my/cases/{id}/supplement",
            post(supplement::post).layer(DefaultBodyLimit::max(supplement::MAX_BODY)),
        )
        .merge(apply::routes())
}

/// The signed-in resident of a resident page, and the page's language (`?lang=`, else the
/// language cookie: forms do not carry `?lang=`). Anyone else is answered as [`resident`]
/// says: nobody signed in is sent to the sign-in, a staff account gets a page saying these
/// pages are the residents'.
pub struct Resident {
    /// The resident.
    pub user: CurrentUser,
    /// The page's language.
    pub lang: Lang,
}

impl FromRequestParts<AppState> for Resident {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Response> {
        let asked = parts.uri.query().and_then(|q| {
            form_urlencoded::parse(q.as_bytes())
                .find(|(k, _)| k == "lang")
                .map(|(_, v)| v.into_owned())
        });
        let lang = lang(asked.as_deref(), &parts.headers);
        let user = CurrentUser::from_request_parts(parts, state).await;
        let user = resident(user, lang).await?;
        Ok(Resident { user, lang })
    }
}

/// The signed-in resident, or what to answer instead: the sign-in form for nobody signed in,
/// and for a staff account a page saying these pages are the residents'.
async fn resident(
    user: Result<CurrentUser, ApiError>,
    lang: Lang,
) -> Result<CurrentUser, Response> {
    match user {
        Ok(user) if user.actor.role == Role::Resident => Ok(user),
        Ok(_) => Err(frame(
            lang,
            StatusCode::FORBIDDEN,
            lang.t("我的申请", "My applications"),
            &format!(
                "<h1>{}</h1><p class=\"alert\" role=\"alert\">{}</p><p><a href=\"/\">{}</a></p>",
                lang.t("我的申请", "My applications"),
                lang.t(
                    "这几页是给申请人看的。工作人员请用工作台。",
                    "These pages are for applicants. Staff use their desk."
                ),
                lang.t("回到工作台", "Back to the desk"),
            ),
        )),
        Err(_) => Err(Redirect::to(&lang.link(HOME)).into_response()),
    }
}

/// A resident page: the public frame with the signed-in footer, never stored by a cache.
fn frame(lang: Lang, status: StatusCode, title: &str, body: &str) -> Response {
    let note = lang.t(
        "只有您自己能看到这一页。名字只显示一部分。用完请退出登录。",
        "Only you can see this page. Names are partly hidden. Sign out when you are done.",
    );
    respond(status, page_with_note(lang, title, HOME, body, note), true)
}

/// The language of a resident page: `?lang=` is not carried by forms, so the cookie decides
/// for them.
fn lang(query: Option<&str>, headers: &HeaderMap) -> Lang {
    crate::pages::public::lang_of(query, headers)
}
