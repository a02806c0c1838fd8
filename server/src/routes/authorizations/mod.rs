//! `/api/authorizations/v1/…`: the verification authorization's (核对授权书) public and staff
//! surfaces.
//!
//! - `GET /keys` (public): every countersigning key with its period, for anyone to verify;
//! - `GET /text` (public): the text in force; `POST /texts` (admin): load a new version;
//! - `GET /settings` (public): the text in force, the versions known and the identity methods
//!   allowed, for the phone's check before saving;
//! - `GET /verify?code=…|number=…` (public, rate-limited, audited): genuine, unaltered, standing,
//!   members masked;
//! - `POST /identity-codes`, `POST /identity-codes/confirm` (who may act on the household): a
//!   signer's one-time code and the server's proof of it;
//! - `GET /{id}/qr.svg` (staff who may see the household): the printed form's QR code;
//! - `GET /{id}/evidence/{member}` (the verification team only): an in-person check's
//!   ID-card photo.
//!
//! The server-rendered pages (`/verify`, `/authorizations/{id}/print`) are in
//! [`crate::pages`].

pub mod evidence;
pub mod identity_code;
pub mod keys;
pub mod lookup;
pub mod qr;
pub mod rate;
pub mod settings;
pub mod text;
pub mod verdict;
pub mod verify;

use axum::Router;
use axum::routing::{get, post};
use uuid::Uuid;

use crate::error::ApiError;
use crate::state::AppState;

/// The routes, under `/api`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/authorizations/v1/keys", get(keys::get))
        .route("/authorizations/v1/text", get(text::get))
        .route("/authorizations/v1/settings", get(settings::get))
        .route("/authorizations/v1/texts", post(text::post))
        .route("/authorizations/v1/verify", get(verify::get))
        .route(
            "/authorizations/v1/identity-codes",
            post(identity_code::send),
        )
        .route(
            "/authorizations/v1/identity-codes/confirm",
            post(identity_code::confirm),
        )
        .route("/authorizations/v1/{id}/qr.svg", get(qr::get))
        .route(
            "/authorizations/v1/{id}/evidence/{member}",
            get(evidence::get),
        )
}

/// A path's id, or "not found" (a malformed id is no different from an unknown one).
pub fn path_id(raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| ApiError::NotFound)
}

/// The kept authorization `id` if the signed-in `user` may see its household (the sync pull's
/// rule: [`domain::jurisdiction::can_see`] on its record scope); "not found" otherwise, so
/// nobody learns that an authorization outside their jurisdiction exists.
pub async fn visible(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    id: Uuid,
) -> Result<lookup::Kept, ApiError> {
    let kept = lookup::find(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if domain::jurisdiction::can_see(&user.actor, &kept.scope) {
        Ok(kept)
    } else {
        Err(ApiError::NotFound)
    }
}
