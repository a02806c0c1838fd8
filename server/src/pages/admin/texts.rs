//! `/admin/authorization-texts`: the versions of the 核对授权书 text (version, loaded when and
//! by whom, which is in force), each text in full (`/admin/authorization-texts/{version}`),
//! and a form to load a new version. The form goes through `authorization::store::load_text`,
//! the one write path `POST /api/authorizations/v1/texts` uses (validated, a version taken by
//! another text refused, audited as `authorization.text_loaded`); a refused form comes back
//! (422) with each error at its field and everything typed kept.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::authorization::{AuthorizationText, Scope};
use serde::Deserialize;

use super::texts_render::{TextErrors, Typed, form, scope_code, view};
use super::{Lang, admin_only, respond};
use crate::auth::CurrentUser;
use crate::authorization::store::{self, LoadTextError};
use crate::db::time;
use crate::error::ApiError;
use crate::pages::html::{beijing_time, escape};
use crate::state::AppState;

const HERE: &str = "/admin/authorization-texts";

/// The page's query.
#[derive(Debug, Default, Deserialize)]
pub struct TextsQuery {
    lang: Option<String>,
    /// The version just loaded, to say so.
    loaded: Option<String>,
}

/// The versions and the form.
#[utoipa::path(get, path = "/admin/authorization-texts", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English"), ("loaded" = Option<String>, Query, description = "The version just loaded")),
    responses(
        (status = 200, description = "Every version (loaded when, by whom, in force) and the form for a new one (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Query(q): Query<TextsQuery>,
) -> Result<Response, ApiError> {
    admin_only(&user)?;
    let lang = Lang::of(q.lang.as_deref(), &headers);
    let typed = Typed::from_text(&store::text_in_force(&state.db).await?);
    page(
        &state,
        lang,
        StatusCode::OK,
        q.loaded.as_deref(),
        &typed,
        &Vec::new(),
    )
    .await
}

/// One version in full.
#[utoipa::path(get, path = "/admin/authorization-texts/{version}", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English"), ("version" = String, Path, description = "A text version, e.g. `2026-1`")),
    responses(
        (status = 200, description = "The text in full (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin, or no such version", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(version): Path<String>,
    Query(q): Query<TextsQuery>,
) -> Result<Response, ApiError> {
    admin_only(&user)?;
    let lang = Lang::of(q.lang.as_deref(), &headers);
    let text = store::text(&state.db, &version)
        .await?
        .ok_or(ApiError::NotFound)?;
    let body = format!(
        "<h1>{}{}</h1>{}<p><a href=\"{}\">{}</a></p>",
        escape(lang.t("授权书文本 ", "Authorization text ")),
        escape(&text.version),
        view(lang, &text),
        escape(&lang.link(HERE)),
        escape(lang.t("返回版本列表", "Back to the versions")),
    );
    let here = format!("{HERE}/{}", urlencoding_path(&text.version));
    Ok(respond(
        lang,
        StatusCode::OK,
        lang.t("授权书文本", "Authorization text"),
        &here,
        &body,
    ))
}

/// A version as a path segment (versions are short codes such as `2026-1`).
fn urlencoding_path(v: &str) -> String {
    v.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-._~".contains(c) {
                c.to_string()
            } else {
                c.to_string().bytes().map(|b| format!("%{b:02X}")).collect()
            }
        })
        .collect()
}

/// Loads a new version through the API's own write path.
#[utoipa::path(post, path = "/admin/authorization-texts", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English")),
    request_body(content = String, content_type = "application/x-www-form-urlencoded",
        description = "`version`, `title_zh`, `title_en`, `body_zh`, `body_en`, `purpose_zh`, `purpose_en`, `validity_months` and `scopes` (repeated)"),
    responses(
        (status = 303, description = "Loaded (or the same text again); back to the list"),
        (status = 422, description = "Refused: each error at its field, what was typed kept (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Query(q): Query<TextsQuery>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    admin_only(&user)?;
    let lang = Lang::of(q.lang.as_deref(), &headers);
    let mut typed = Typed::default();
    for (k, v) in pairs {
        match k.as_str() {
            "version" => typed.version = v,
            "title_zh" => typed.title_zh = v,
            "title_en" => typed.title_en = v,
            "body_zh" => typed.body_zh = v,
            "body_en" => typed.body_en = v,
            "purpose_zh" => typed.purpose_zh = v,
            "purpose_en" => typed.purpose_en = v,
            "validity_months" => typed.validity_months = v,
            "scopes" => typed.scopes.push(v),
            _ => {}
        }
    }
    let (text, mut errors) = parse(&typed);
    if errors.is_empty() {
        match store::load_text(&state.db, &text, &user.user.0.to_string()).await {
            Ok(new) => {
                tracing::info!(version = %text.version, new, "authorization text loaded from the admin page");
                let to = lang.link(&format!(
                    "{HERE}?loaded={}",
                    urlencoding_path(&text.version)
                ));
                return Ok(Redirect::to(&to).into_response());
            }
            Err(e @ LoadTextError::VersionTaken(_)) => {
                let message = match lang {
                    Lang::Zh => e.to_string(),
                    Lang::En => {
                        "This version is loaded already with another text; use a new version number"
                            .to_owned()
                    }
                };
                errors.push(("version", "version_taken", message));
            }
            Err(LoadTextError::Invalid(m)) => errors.push(("version", "text_invalid", m)),
            Err(LoadTextError::Db(e)) => return Err(e.into()),
        }
    }
    page(
        &state,
        lang,
        StatusCode::UNPROCESSABLE_ENTITY,
        None,
        &typed,
        &errors,
    )
    .await
}

/// The text as typed, with every field's error (the domain's rules, plus a number of months).
fn parse(typed: &Typed) -> (AuthorizationText, TextErrors) {
    let lines = |s: &str| -> Vec<String> {
        s.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut errors = TextErrors::new();
    let validity_months = match typed.validity_months.trim().parse::<u32>() {
        Ok(m) => m,
        Err(_) => {
            errors.push((
                "validity_months",
                "not_number",
                "有效期请填整数个月".to_owned(),
            ));
            1
        }
    };
    let scopes: Vec<Scope> = Scope::ALL
        .into_iter()
        .filter(|s| typed.scopes.contains(&scope_code(*s)))
        .collect();
    let text = AuthorizationText {
        version: typed.version.trim().to_owned(),
        title_zh: typed.title_zh.trim().to_owned(),
        title_en: typed.title_en.trim().to_owned(),
        body_zh: lines(&typed.body_zh),
        body_en: lines(&typed.body_en),
        scopes,
        purpose_zh: typed.purpose_zh.trim().to_owned(),
        purpose_en: typed.purpose_en.trim().to_owned(),
        validity_months,
    };
    for (at, message) in text.field_errors() {
        if !errors.iter().any(|(f, _, _)| *f == at) {
            errors.push((at, "invalid", message));
        }
    }
    (text, errors)
}

async fn page(
    state: &AppState,
    lang: Lang,
    status: StatusCode,
    loaded: Option<&str>,
    typed: &Typed,
    errors: &TextErrors,
) -> Result<Response, ApiError> {
    let rows: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT t.version, t.loaded_at, t.loaded_by, u.display_name FROM authorization_texts t \
         LEFT JOIN users u ON u.id = t.loaded_by ORDER BY t.loaded_at, t.version",
    )
    .fetch_all(state.db.pool())
    .await?;
    let in_force = store::text_in_force(&state.db).await?.version;
    let mut body = format!(
        "<h1>{}</h1><p class=\"hint\">{}</p>",
        escape(lang.t("授权书文本", "Authorization texts")),
        escape(lang.t(
            "社会救助家庭经济状况核对授权书的各个版本。最后导入的版本用于新签的授权书。",
            "The versions of the household economic check authorization. The one loaded last is signed from now on.",
        ))
    );
    if let Some(v) = loaded {
        body.push_str(&format!(
            "<p class=\"said\" role=\"status\" data-said=\"loaded\">{}{}</p>",
            escape(lang.t("已导入版本 ", "Loaded version ")),
            escape(v)
        ));
    }
    body.push_str(&format!(
        "<div class=\"region\" role=\"region\" tabindex=\"0\" aria-label=\"{}\"><table data-table=\"texts\"><thead><tr>",
        escape(lang.t("版本", "Versions"))
    ));
    for h in [
        lang.t("版本", "Version"),
        lang.t("导入时间", "Loaded"),
        lang.t("导入人", "By"),
        lang.t("状态", "Status"),
    ] {
        body.push_str(&format!("<th scope=\"col\">{}</th>", escape(h)));
    }
    body.push_str("</tr></thead><tbody>");
    for (version, at, by, name) in rows {
        let at = match time::from_db(&at) {
            Ok(t) => beijing_time(t),
            Err(_) => at,
        };
        let by = match (by.as_str(), name) {
            ("builtin", _) => lang.t("随版本内置", "Shipped with the release").to_owned(),
            (_, Some(name)) => name,
            (_, None) => lang.t("管理员", "An administrator").to_owned(),
        };
        let force = version == in_force;
        body.push_str(&format!(
            "<tr data-version=\"{v}\" data-in-force=\"{force}\"><td><a href=\"{href}\">{v}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&at),
            escape(&by),
            if force { escape(lang.t("现行", "In force")) } else { String::new() },
            v = escape(&version),
            href = escape(&lang.link(&format!("{HERE}/{}", urlencoding_path(&version)))),
        ));
    }
    body.push_str("</tbody></table></div>");
    body.push_str(&form(lang, typed, errors));
    Ok(respond(
        lang,
        status,
        lang.t("授权书文本", "Authorization texts"),
        HERE,
        &body,
    ))
}
