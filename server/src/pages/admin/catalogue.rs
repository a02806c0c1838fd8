//! `/admin/catalogue`: the aid catalogue's items with the decision time limit that applies in
//! the admin's county (the county's own where one is set, else the regulation's or the shipped
//! default) and where each comes from. `POST /admin/catalogue/{item}` sets or changes the
//! county's own limit (working days, extension days, the county document), checked by
//! `domain::catalogue::Catalogue::check_local_limit`; a refused form comes back (422) with each
//! error at its field and everything typed kept. `POST /admin/catalogue/{item}/remove` removes
//! it. Both go through `reference::{set_local_limit, remove_local_limit}`: stored, audited
//! before → after in the same transaction, and in force at once.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::catalogue::{AidItemCode, LocalLimitInput};
use serde::Deserialize;

use super::catalogue_render::{Open, render};
use super::{Lang, admin_only, respond};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::reference::{LimitChangeError, remove_local_limit, set_local_limit};
use crate::state::AppState;

/// What the page is asked to show besides the list.
#[derive(Debug, Default, Deserialize)]
pub struct CatalogueQuery {
    lang: Option<String>,
    /// An item whose form to open.
    edit: Option<String>,
    /// The item just saved, to say so.
    saved: Option<String>,
    /// The item whose local limit was just removed, to say so.
    removed: Option<String>,
}

/// The catalogue, with a form open when asked.
#[utoipa::path(get, path = "/admin/catalogue", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English"), ("edit" = Option<String>, Query, description = "An item whose form to open"), ("saved" = Option<String>, Query, description = "The item just saved"), ("removed" = Option<String>, Query, description = "The item whose local limit was just removed")),
    responses(
        (status = 200, description = "The catalogue with each item's limit in the county and its source (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Query(q): Query<CatalogueQuery>,
) -> Result<Response, ApiError> {
    admin_only(&user)?;
    let lang = Lang::of(q.lang.as_deref(), &headers);
    let catalogue = state.reference.catalogue();
    let county = user.actor.place.county();
    let open = q.edit.as_deref().and_then(|code| {
        let item = catalogue.item(&AidItemCode(code.to_owned()))?.clone();
        let local = catalogue
            .data()
            .overrides
            .iter()
            .find(|o| o.item == item.code && o.place_prefix == county.as_str());
        let typed = match local {
            Some(l) => LocalLimitInput {
                days: l.time_limit.days.to_string(),
                extension_days: l.time_limit.extension_days.to_string(),
                source: l.source.clone(),
            },
            None => LocalLimitInput::default(),
        };
        Some(Open {
            item,
            typed,
            errors: Vec::new(),
        })
    });
    let name_of = |code: &str| {
        catalogue.item(&AidItemCode(code.to_owned())).map(|i| {
            if lang == Lang::En {
                i.name_en.clone()
            } else {
                i.name_zh.clone()
            }
        })
    };
    let said = match (q.saved.as_deref(), q.removed.as_deref()) {
        (Some(code), _) => name_of(code).map(|n| format!("{}{n}", lang.t("已保存：", "Saved: "))),
        (_, Some(code)) => name_of(code)
            .map(|n| format!("{}{n}", lang.t("已取消本县时限：", "Local limit removed: "))),
        _ => None,
    };
    let body = render(lang, &catalogue, &county, open.as_ref(), said);
    Ok(page(lang, StatusCode::OK, &body))
}

fn page(lang: Lang, status: StatusCode, body: &str) -> Response {
    respond(
        lang,
        status,
        lang.t("救助事项目录", "Aid catalogue"),
        "/admin/catalogue",
        body,
    )
}

/// Sets or changes the county's own limit for an item.
#[utoipa::path(post, path = "/admin/catalogue/{item}", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English"), ("item" = String, Path, description = "An aid item's code")),
    request_body(content = domain::catalogue::LocalLimitInput, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 303, description = "Saved; back to the catalogue"),
        (status = 422, description = "Refused: each error at its field, what was typed kept (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin, or no such item", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn set(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<CatalogueQuery>,
    Form(typed): Form<LocalLimitInput>,
) -> Result<Response, ApiError> {
    admin_only(&user)?;
    let lang = Lang::of(q.lang.as_deref(), &headers);
    let item = AidItemCode(code.clone());
    match set_local_limit(&state.db, &state.reference, &user.actor, &item, &typed).await {
        Ok(_) => {
            tracing::info!(item = %code, "local time limit set from the admin page");
            let to = lang.link(&format!("/admin/catalogue?saved={code}"));
            Ok(Redirect::to(&to).into_response())
        }
        Err(LimitChangeError::Invalid(errors)) => {
            let catalogue = state.reference.catalogue();
            let county = user.actor.place.county();
            let open = Open {
                item: catalogue.item(&item).ok_or(ApiError::NotFound)?.clone(),
                typed,
                errors,
            };
            let body = render(lang, &catalogue, &county, Some(&open), None);
            Ok(page(lang, StatusCode::UNPROCESSABLE_ENTITY, &body))
        }
        Err(LimitChangeError::UnknownItem) => Err(ApiError::NotFound),
        Err(LimitChangeError::Db(e)) => Err(e.into()),
    }
}

/// Removes the county's own limit for an item.
#[utoipa::path(post, path = "/admin/catalogue/{item}/remove", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English"), ("item" = String, Path, description = "An aid item's code")),
    responses(
        (status = 303, description = "Removed; back to the catalogue"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin, or no such item", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn remove(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<CatalogueQuery>,
) -> Result<Response, ApiError> {
    admin_only(&user)?;
    let lang = Lang::of(q.lang.as_deref(), &headers);
    let item = AidItemCode(code.clone());
    if state.reference.catalogue().item(&item).is_none() {
        return Err(ApiError::NotFound);
    }
    match remove_local_limit(&state.db, &state.reference, &user.actor, &item).await {
        Ok(_) => {
            tracing::info!(item = %code, "local time limit removed from the admin page");
            let to = lang.link(&format!("/admin/catalogue?removed={code}"));
            Ok(Redirect::to(&to).into_response())
        }
        Err(LimitChangeError::Db(e)) => Err(e.into()),
        Err(_) => Err(ApiError::NotFound),
    }
}
