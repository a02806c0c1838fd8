//! `/my/apply` (网上申请, issue 20 point 4): a signed-in resident applies for their own
//! household, in four short steps on server-rendered pages like the rest of "我的申请" —
//! what they ask for and why (the catalogue's items with their conditions in plain words),
//! photos of the papers they have, the verification authorization signed by every adult
//! (present beside them after a code to their own phone, or absent through a link sent by
//! text message, [`link`]; a minor's, or that of an adult who cannot sign themselves
//! ([`capacity`]), by a guardian in the household or, for such an adult, from outside it),
//! and sending.
//!
//! Each step is kept on the server as it is saved ([`draft`]) and in the phone's own storage
//! as it is typed (`apply.js`), so a weak connection or a draft left for weeks loses nothing.
//! Sending makes the operations the helper's phone would make — the case (网上申请, the
//! resident its applicant), its items, the authorization package, the materials checklist,
//! the submission — and applies them through the one push path (`push_ops`): checked against
//! the household (the resident's own only), audited, exactly once (the operations' ids come
//! from the draft's, so sending twice writes once). Then the photos and signature images go
//! through the attachments path onto their records, as the phone's follow theirs.

pub mod capacity;
pub mod draft;
pub mod link;
mod link_send;
#[path = "capacity_outside.rs"]
mod outside;
mod page;
mod review;
pub mod sign;
mod sign_page;
mod signing;
pub mod steps;
pub mod submit;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use domain::household::{Household, Member};
use domain::ids::UserId;

use super::mine;
use crate::error::ApiError;
use crate::state::AppState;

/// The page's own script: the signature pad, the draft kept on the phone as typed, photos
/// made smaller before sending.
pub const SCRIPT: &str = "/my/apply.js";

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/my/apply", get(page::get))
        .route("/my/apply/items", post(steps::items))
        .route(
            "/my/apply/photos",
            post(steps::photos).layer(DefaultBodyLimit::max(steps::MAX_BODY)),
        )
        .route("/my/apply/code", post(sign::code))
        .route(
            "/my/apply/sign",
            post(sign::sign).layer(DefaultBodyLimit::max(signing::MAX_FORM)),
        )
        .route("/my/apply/link", post(sign::link))
        .route("/my/apply/capacity", post(capacity::post))
        .route("/my/apply/submit", post(submit::post))
        .route(
            "/my/apply/sign/{token}",
            get(link::get)
                .post(link::post)
                .layer(DefaultBodyLimit::max(signing::MAX_FORM)),
        )
        .route("/my/apply/sign/{token}/code", post(link::code))
        .route("/my/apply/signed", get(link::signed))
        .route(SCRIPT, get(script))
}

async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("apply.js"),
    )
}

/// The resident's household and themselves in it, with their account's phone.
pub struct Home {
    /// The household as registered.
    pub household: Household,
    /// The resident in it.
    pub me: Member,
    /// The account's phone (the resident signed in with a code to it).
    pub phone: String,
}

/// Where the resident applies from; `None` when no household lists them.
pub async fn home(state: &AppState, user: UserId) -> Result<Option<Home>, ApiError> {
    let Some((household, me)) = mine::own_household(state, user).await? else {
        return Ok(None);
    };
    let phone: Option<(Option<String>,)> = sqlx::query_as("SELECT phone FROM users WHERE id = $1")
        .bind(user.to_string())
        .fetch_optional(state.db.pool())
        .await?;
    let phone = phone.and_then(|(p,)| p).unwrap_or_default();
    Ok(Some(Home {
        household,
        me,
        phone,
    }))
}

impl Home {
    /// The phone a signer's code goes to: a member's ([`Home::phone_of`]), or the one the
    /// resident gave for a guardian from outside the household.
    pub fn phone_of_signer(&self, signer: &domain::authorization::Signer) -> Option<String> {
        match signer {
            domain::authorization::Signer::Member(m) => self.phone_of(*m),
            domain::authorization::Signer::Outsider(o) => Some(o.phone.expose().to_owned()),
        }
    }

    /// The phone a signer's code goes to: the one registered for them in the household, or
    /// for the resident themselves their account's.
    pub fn phone_of(&self, member: domain::ids::MemberId) -> Option<String> {
        let registered = self
            .household
            .members
            .iter()
            .find(|m| m.id == member)
            .and_then(|m| m.phone.as_ref())
            .map(|p| p.expose().to_owned());
        registered.or_else(|| {
            (member == self.me.id && !self.phone.is_empty()).then(|| self.phone.clone())
        })
    }
}
