//! `GET /admin/staff/new`: the empty form; `POST /admin/staff/new`: checks it (the domain's
//! rules, then what the database knows), and either shows the form again with every error at
//! its field and everything typed kept (422), or adds the account and shows its generated
//! password once.

use std::fmt::Write;

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::Utc;
use domain::clocks::china_date;
use domain::staff::{validate_staff, validate_username};

use super::form::{Choices, StaffForm, departments, render};
use super::{admin_place, lang, page, places_under};
use crate::accounts::staff::StaffWriteError;
use crate::accounts::staff_create::create;
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::html::escape;
use crate::pages::public::Lang;
use crate::state::AppState;

/// `?lang=`.
#[derive(Debug, serde::Deserialize)]
pub struct LangQuery {
    /// `en` for English.
    pub lang: Option<String>,
}

async fn form_page(
    state: &AppState,
    user: &CurrentUser,
    lang: Lang,
    values: &StaffForm,
    errors: &[domain::staff::StaffError],
) -> Result<Response, ApiError> {
    let home = admin_place(user)?;
    let places = places_under(state, &home).await?;
    let departments = departments(state).await?;
    let choices = Choices {
        places: &places,
        departments: &departments,
    };
    let t = |zh, en| lang.t(zh, en);
    let body = format!(
        "<h1>{}</h1><p class=\"small\">{}</p>{}",
        t("新增工作人员账号", "Add a staff account"),
        t(
            "保存后系统生成初始密码，只显示一次；本人首次登录时必须修改。",
            "Saving generates a first password, shown once; its holder must change it at the first sign-in."
        ),
        render(
            lang,
            &lang.link("/admin/staff/new"),
            values,
            errors,
            &choices,
            true
        ),
    );
    let mut res = page(
        lang,
        t("新增工作人员账号", "Add a staff account"),
        "/admin/staff/new",
        &body,
    );
    if !errors.is_empty() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// The empty form (a helper in the admin's county by default).
#[utoipa::path(get, path = "/admin/staff/new", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English")),
    responses(
        (status = 200, description = "The new account form (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin, or nothing there in reach", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Result<Response, ApiError> {
    let lang = lang(q.lang.as_deref(), &headers);
    let values = StaffForm {
        role: "helper".to_owned(),
        ..StaffForm::default()
    };
    form_page(&state, &user, lang, &values, &[]).await
}

/// Adds the account, or shows the form again with its errors.
#[utoipa::path(post, path = "/admin/staff/new", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English")),
    request_body(content = StaffForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "The account added and its first password, shown once (HTML)", content_type = "text/html"),
        (status = 422, description = "Refused: each error at its field, what was typed kept (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin, or nothing there in reach", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
    Form(values): Form<StaffForm>,
) -> Result<Response, ApiError> {
    admin_place(&user)?;
    let lang = lang(q.lang.as_deref(), &headers);
    let mut errors = Vec::new();
    let username = validate_username(&values.username)
        .map_err(|e| errors.push(e))
        .ok();
    let record = validate_staff(&values.input(), china_date(Utc::now()))
        .map_err(|e| errors.extend(e))
        .ok();
    let (Some(username), Some(record)) = (username, record) else {
        return form_page(&state, &user, lang, &values, &errors).await;
    };
    let (id, password) = match create(&state.db, &user.actor, &username, &record).await {
        Ok(done) => done,
        Err(StaffWriteError::Field(e)) => {
            return form_page(&state, &user, lang, &values, &[e]).await;
        }
        Err(StaffWriteError::Other(e)) => return Err(ApiError::Internal(e)),
    };
    Ok(password_page(lang, &username, &id, &password, true))
}

/// The answer that shows a generated password, this once.
pub fn password_page(
    lang: Lang,
    username: &str,
    id: &str,
    password: &str,
    added: bool,
) -> Response {
    let t = |zh, en| lang.t(zh, en);
    let mut body = format!(
        "<h1>{}</h1><p data-said=\"{}\">{} <b class=\"mono\" data-field=\"username\">{}</b></p>",
        if added {
            t("账号已建立", "Account added")
        } else {
            t("密码已重置", "Password reset")
        },
        if added { "added" } else { "reset" },
        t("账号：", "Sign-in name:"),
        escape(username),
    );
    let _ = write!(
        body,
        "<div class=\"password\"><p>{}</p><p><code class=\"mono\" data-field=\"password\">{}</code></p>\
         <p class=\"small\">{}</p></div><p><a href=\"{}\">{}</a>　<a href=\"{}\">{}</a></p>",
        t(
            "初始密码（只显示这一次）：",
            "First password (shown this once):"
        ),
        escape(password),
        t(
            "请当面或电话告知本人，不要截图或转发。本人首次登录时必须改成自己的密码。离开本页后无法再次查看，只能重置。",
            "Hand it over in person or by telephone; do not screenshot or forward it. Its holder must replace it at the first sign-in. It cannot be shown again, only reset."
        ),
        escape(&lang.link(&format!("/admin/staff/{id}"))),
        t("查看该账号", "Open the account"),
        escape(&lang.link("/admin/staff")),
        t("返回账号列表", "Back to the accounts"),
    );
    page(lang, t("初始密码", "First password"), "/admin/staff", &body)
}
