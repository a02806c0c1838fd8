//! `GET /api/authorizations/v1/verify?code=…` or `?number=…`: public verification, no sign-in.
//! An unknown number and a malformed code get the same 404, so the answer tells nothing about
//! which numbers exist; a code whose signature fails gets `genuine: false` and nothing else.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::HeaderMap;
use chrono::Utc;
use serde::Deserialize;

use super::rate;
use super::verdict::{Lookup, Verdict, look_up};
use crate::error::ApiError;
use crate::routes::auth::client_address;
use crate::state::AppState;

/// The query: one of the two.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct VerifyQuery {
    /// The QR code's content (`A` and 176 characters).
    pub code: Option<String>,
    /// The number printed on the form (`XXXX-XXXX-XXXX-XXXX`; case, spaces and dashes free).
    pub number: Option<String>,
}

impl VerifyQuery {
    /// What to look up (the code when both are given), or `None` when neither is.
    pub fn lookup(&self) -> Option<Lookup> {
        fn given(s: &Option<String>) -> Option<&str> {
            s.as_deref().map(str::trim).filter(|s| !s.is_empty())
        }
        given(&self.code)
            .map(|c| Lookup::Code(c.to_owned()))
            .or_else(|| given(&self.number).map(|n| Lookup::Number(n.to_owned())))
    }
}

/// Checks the rate limit, then looks up.
pub async fn checked_look_up(
    state: &AppState,
    headers: &HeaderMap,
    peer: SocketAddr,
    what: &Lookup,
) -> Result<Option<Verdict>, ApiError> {
    let now = Utc::now();
    let address = client_address(headers, peer, &state.auth.proxies);
    if let Some(wait) = rate::admit(&state.db, &address, now).await? {
        return Err(ApiError::TooManyRequests {
            retry_after_seconds: wait,
        });
    }
    Ok(look_up(&state.db, what, now).await?)
}

/// Whether the authorization is genuine, unaltered and valid.
#[utoipa::path(get, path = "/api/authorizations/v1/verify", tag = "authorizations",
    params(VerifyQuery),
    responses((status = 200, body = Verdict),
              (status = 400, description = "Neither a code nor a number", body = crate::error::ErrorBody),
              (status = 404, description = "No such authorization, or not a code", body = crate::error::ErrorBody),
              (status = 429, description = "Too many look-ups from this address", body = crate::error::ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(query): Query<VerifyQuery>,
) -> Result<Json<Verdict>, ApiError> {
    let what = query
        .lookup()
        .ok_or_else(|| ApiError::BadRequest("请提供二维码内容或授权书编号".to_owned()))?;
    checked_look_up(&state, &headers, peer, &what)
        .await?
        .map(Json)
        .ok_or(ApiError::NotFound)
}
