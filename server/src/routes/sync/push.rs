//! `POST /api/sync/v1/push`.

use axum::Json;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use chrono::Utc;
use domain::sync::{MAX_OPS_PER_PUSH, PushRequest, PushResponse};

use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::security::client_address::client_address;
use crate::state::AppState;
use crate::sync::push;

/// Applies the operations, each exactly once; one answer per operation, in order.
#[utoipa::path(post, path = "/api/sync/v1/push", tag = "sync", request_body = PushRequest,
    responses((status = 200, body = PushResponse, description = "One result per operation, in order"),
              (status = 400, description = "Malformed request", body = crate::error::ErrorBody), (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
              (status = 403, description = "`account_disabled` (the phone deletes its personal data), or the account must first change its password or enrol a second factor", body = crate::error::ErrorBody)), security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    user: Result<CurrentUser, ApiError>,
    headers: HeaderMap,
    Json(req): Json<PushRequest>,
) -> Result<Json<PushResponse>, ApiError> {
    if req.ops.len() > MAX_OPS_PER_PUSH {
        return Err(ApiError::BadRequest(format!(
            "一次最多发送 {MAX_OPS_PER_PUSH} 项操作"
        )));
    }
    // A disabled account's phone sends what it recorded before the account was disabled,
    // then learns from the next request that it must wipe itself (issue 22 point 13).
    let address = client_address(&headers, peer, &state.auth.proxies);
    let actor = match user {
        Ok(user) => user.actor,
        Err(e) if e.is_account_disabled() && !req.ops.is_empty() => {
            let token = CurrentUser::token(&headers)?;
            crate::auth::disabled::final_push(&state.db, &token, &req).await?
        }
        Err(e) => return Err(e),
    };
    Ok(Json(
        push::push(
            &state.db,
            crate::sync::PushEnv {
                catalogue: &state.reference.catalogue(),
                authorization: Some(&state.authorization),
                identity_methods: &state.identity_methods,
                offline_allowance: state.housekeeping.offline_allowance,
                calendar: Some(&state.reference.calendar()),
                client_address: Some(&address),
            },
            &actor,
            &req,
            Utc::now(),
        )
        .await?,
    ))
}
