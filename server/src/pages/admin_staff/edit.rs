//! `GET /admin/staff/{id}`: one account's form, filled, with the buttons to disable or enable
//! it and to reset its password; `POST /admin/staff/{id}`: saves the form, or shows it again
//! with every error at its field and everything typed kept (422). An account outside the
//! admin's jurisdiction, or a resident's, is 404.

use std::fmt::Write;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::clocks::china_date;
use domain::staff::{StaffError, validate_staff};

use super::form::{Choices, StaffForm, departments, render};
use super::new::LangQuery;
use super::{admin_place, lang, page, places_under};
use crate::accounts::staff::{StaffAccount, StaffWriteError, find_under, update};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::html::escape;
use crate::pages::public::Lang;
use crate::state::AppState;

/// The account at `id` within the admin's reach, or 404.
pub async fn account(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<StaffAccount, ApiError> {
    let home = admin_place(user)?;
    find_under(&state.db, &home, id)
        .await?
        .ok_or(ApiError::NotFound)
}

fn values_of(a: &StaffAccount) -> StaffForm {
    StaffForm {
        username: a.username.clone(),
        name: a.display_name.clone(),
        role: a.role.clone(),
        place: a.place.clone(),
        department: a.department.clone().unwrap_or_default(),
        phone: a.phone.clone().unwrap_or_default(),
        id_number: a.id_number.clone().unwrap_or_default(),
        category: a.category.clone().unwrap_or_default(),
    }
}

async fn form_page(
    state: &AppState,
    user: &CurrentUser,
    lang: Lang,
    a: &StaffAccount,
    values: &StaffForm,
    errors: &[StaffError],
    said: Option<&str>,
) -> Result<Response, ApiError> {
    let home = admin_place(user)?;
    let places = places_under(state, &home).await?;
    let departments = departments(state).await?;
    let choices = Choices {
        places: &places,
        departments: &departments,
    };
    let t = |zh, en| lang.t(zh, en);
    let here = format!("/admin/staff/{}", a.id);
    let mut body = format!(
        "<h1>{} <span class=\"mono\">{}</span></h1>",
        t("修改账号", "Edit account"),
        escape(&a.username)
    );
    if let Some(s) = said {
        let _ = write!(
            body,
            "<p class=\"said\" role=\"status\" data-said=\"saved\">{}</p>",
            escape(s)
        );
    }
    let status = if a.disabled {
        t("已停用：不能登录。", "Disabled: cannot sign in.")
    } else if a.must_change {
        t(
            "正常；初始密码尚未修改。",
            "Active; the first password is not changed yet.",
        )
    } else {
        t("正常。", "Active.")
    };
    let _ = write!(
        body,
        "<p data-field=\"status\">{}{status}</p>",
        t("状态：", "Status: ")
    );
    body.push_str(&render(
        lang,
        &lang.link(&here),
        values,
        errors,
        &choices,
        false,
    ));
    let (verb, label) = if a.disabled {
        ("enable", t("启用账号", "Enable the account"))
    } else {
        ("disable", t("停用账号", "Disable the account"))
    };
    let _ = write!(
        body,
        "<div class=\"account-actions\"><form method=\"post\" action=\"{}\"><button type=\"submit\" data-action=\"{verb}\">{label}</button></form>\
         <form method=\"post\" action=\"{}\"><button type=\"submit\" data-action=\"reset-password\">{}</button></form></div>\
         <p class=\"small\">{}</p>",
        escape(&lang.link(&format!("{here}/{verb}"))),
        escape(&lang.link(&format!("{here}/reset-password"))),
        t("重置密码", "Reset the password"),
        t(
            "停用即刻结束该账号的所有登录；重置密码生成新的初始密码，只显示一次，本人登录时须修改。",
            "Disabling ends the account's sessions at once; a reset makes a new first password, shown once, to be changed at sign-in."
        ),
    );
    let mut res = page(lang, t("修改账号", "Edit account"), &here, &body);
    if !errors.is_empty() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `?lang=` and what was just done.
#[derive(Debug, serde::Deserialize)]
pub struct EditQuery {
    /// `en` for English.
    pub lang: Option<String>,
    /// `saved`, `disabled` or `enabled`, after a change.
    pub done: Option<String>,
}

/// The form, filled.
#[utoipa::path(get, path = "/admin/staff/{id}", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English"), ("id" = String, Path, description = "The account's id"), ("done" = Option<String>, Query, description = "`saved`, `disabled` or `enabled`")),
    responses(
        (status = 200, description = "The account's form, filled (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin, or nothing there in reach", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<EditQuery>,
) -> Result<Response, ApiError> {
    let a = account(&state, &user, &id).await?;
    let lang = lang(q.lang.as_deref(), &headers);
    let said = match q.done.as_deref() {
        Some("saved") => Some(lang.t("已保存。", "Saved.")),
        Some("disabled") => Some(lang.t("账号已停用。", "The account is disabled.")),
        Some("enabled") => Some(lang.t("账号已启用。", "The account is enabled.")),
        _ => None,
    };
    form_page(&state, &user, lang, &a, &values_of(&a), &[], said).await
}

/// Saves, or shows the errors.
#[utoipa::path(post, path = "/admin/staff/{id}", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English"), ("id" = String, Path, description = "The account's id")),
    request_body(content = StaffForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 303, description = "Saved; back to the account"),
        (status = 422, description = "Refused: each error at its field, what was typed kept (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin, or nothing there in reach", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
    Form(mut values): Form<StaffForm>,
) -> Result<Response, ApiError> {
    let a = account(&state, &user, &id).await?;
    let lang = lang(q.lang.as_deref(), &headers);
    values.username = a.username.clone();
    let record = match validate_staff(&values.input(), china_date(Utc::now())) {
        Ok(r) => r,
        Err(errors) => return form_page(&state, &user, lang, &a, &values, &errors, None).await,
    };
    match update(&state.db, &user.actor, &a, &record).await {
        Ok(()) => Ok(
            Redirect::to(&lang.link(&format!("/admin/staff/{}?done=saved", a.id))).into_response(),
        ),
        Err(StaffWriteError::Field(e)) => {
            form_page(&state, &user, lang, &a, &values, &[e], None).await
        }
        Err(StaffWriteError::Other(e)) => Err(ApiError::Internal(e)),
    }
}
