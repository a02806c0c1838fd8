//! `POST /api/auth/logout`: ends the session at once.

use axum::extract::State;
use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, HeaderName, StatusCode};

use super::client_address;
use axum_extra::extract::CookieJar;
use chrono::Utc;

use crate::auth::{SESSION_COOKIE, clear_cookie, events, session};
use crate::error::ApiError;
use crate::state::AppState;

/// What sign-out asks the browser to clear: its HTTP cache only. Not `"storage"`: that would
/// delete the phone's IndexedDB with the helper's unsent records (and the service worker that
/// lets the app start offline); the phone's own data is the app's to protect and wipe.
pub const CLEAR_SITE_DATA: &str = "\"cache\"";

/// Ends the caller's session (if any), clears the cookie and the browser's HTTP cache.
#[utoipa::path(post, path = "/api/auth/logout", tag = "auth",
    responses((status = 204, description = "Signed out; `Clear-Site-Data: \"cache\"`",
        headers(("Clear-Site-Data" = String, description = "`\"cache\"`")))))]
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    jar: CookieJar,
) -> Result<(CookieJar, [(HeaderName, &'static str); 1], StatusCode), ApiError> {
    if let Some(c) = jar.get(SESSION_COOKIE)
        && let Some(user) = session::end(&state.db, c.value(), Utc::now()).await?
    {
        let address = client_address(&headers, peer, &state.auth.proxies);
        events::signed_out(&state.db, &user, &address).await?;
    }
    Ok((
        jar.add(clear_cookie()),
        [(HeaderName::from_static("clear-site-data"), CLEAR_SITE_DATA)],
        StatusCode::NO_CONTENT,
    ))
}
