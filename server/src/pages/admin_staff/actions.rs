//! `POST /admin/staff/{id}/disable`, `…/enable`, `…/reset-password`: the account's buttons.
//! Disabling ends its sessions at once; the admin may not disable their own account (nobody
//! would be left to enable it). A reset shows the new password once.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};

use super::edit::account;
use super::lang;
use super::new::{LangQuery, password_page};
use crate::accounts::staff;
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;

async fn set(
    state: AppState,
    user: CurrentUser,
    headers: HeaderMap,
    id: String,
    q: LangQuery,
    disabled: bool,
) -> Result<Response, ApiError> {
    let a = account(&state, &user, &id).await?;
    let lang = lang(q.lang.as_deref(), &headers);
    if disabled && a.id == user.user.0.to_string() {
        return Err(ApiError::Refused {
            code: "own_account",
            message: "不能停用自己的账号".to_owned(),
        });
    }
    staff::set_disabled(&state.db, &user.actor, &a, disabled).await?;
    let done = if disabled { "disabled" } else { "enabled" };
    Ok(Redirect::to(&lang.link(&format!("/admin/staff/{}?done={done}", a.id))).into_response())
}

/// Disables the account.
#[utoipa::path(post, path = "/admin/staff/{id}/disable", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English"), ("id" = String, Path, description = "The account's id")),
    responses(
        (status = 303, description = "Disabled; back to the account"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin, or nothing there in reach", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn disable(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Result<Response, ApiError> {
    set(state, user, headers, id, q, true).await
}

/// Enables the account again.
#[utoipa::path(post, path = "/admin/staff/{id}/enable", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English"), ("id" = String, Path, description = "The account's id")),
    responses(
        (status = 303, description = "Enabled; back to the account"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin, or nothing there in reach", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn enable(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Result<Response, ApiError> {
    set(state, user, headers, id, q, false).await
}

/// Gives the account a new generated password and shows it once.
#[utoipa::path(post, path = "/admin/staff/{id}/reset-password", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English"), ("id" = String, Path, description = "The account's id")),
    responses(
        (status = 200, description = "A new first password, shown once (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin, or nothing there in reach", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn reset_password(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Result<Response, ApiError> {
    let a = account(&state, &user, &id).await?;
    let lang = lang(q.lang.as_deref(), &headers);
    let password = staff::reset_password(&state.db, &user.actor, &a).await?;
    Ok(password_page(lang, &a.username, &a.id, &password, false))
}
