//! `/admin/notices`: the holiday notices (国务院办公厅节假日安排) per year, those shipped
//! with the release and those an admin loaded since, which years are still provisional, and a
//! form to load a year's notice as the JSON the API takes (`domain::calendar::YearNotice`,
//! the shape of `domain/data/holidays/*.json`). The form goes through
//! `reference::load_notice`, the one write path `POST /api/admin/calendar/notices` uses
//! (checked, stored, applied at once, audited as `reference.load_notice`); a refused notice
//! comes back with the reason and the text kept.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Datelike, Utc};
use domain::calendar::YearNotice;
use serde::Deserialize;

use super::{Lang, admin_only, respond};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::html::{beijing_time, escape};
use crate::reference::{NoticeError, load_notice};
use crate::state::AppState;

/// The page's query.
#[derive(Debug, Default, Deserialize)]
pub struct NoticesQuery {
    lang: Option<String>,
    /// The year just loaded, to say so.
    loaded: Option<i32>,
}

/// The form as posted.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct NoticeForm {
    #[serde(default)]
    json: String,
}

/// The notices.
#[utoipa::path(get, path = "/admin/notices", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English"), ("loaded" = Option<i32>, Query, description = "The year just loaded")),
    responses(
        (status = 200, description = "The holiday notices loaded, and the form (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin, or nothing there in reach", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Query(q): Query<NoticesQuery>,
) -> Result<Response, ApiError> {
    admin_only(&user)?;
    let lang = Lang::of(q.lang.as_deref(), &headers);
    page(&state, lang, StatusCode::OK, q.loaded, "", None).await
}

/// A year's notice loaded through the API's own write path.
#[utoipa::path(post, path = "/admin/notices", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English")),
    request_body(content = NoticeForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 303, description = "Loaded; back to the notices"),
        (status = 422, description = "Refused: each error at its field, what was typed kept (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin, or nothing there in reach", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Query(q): Query<NoticesQuery>,
    Form(form): Form<NoticeForm>,
) -> Result<Response, ApiError> {
    admin_only(&user)?;
    let lang = Lang::of(q.lang.as_deref(), &headers);
    match load_notice(
        &state.db,
        &state.reference,
        &form.json,
        &user.user.0.to_string(),
    )
    .await
    {
        Ok(year) => {
            tracing::info!(year, "holiday notice loaded from the admin page");
            let to = lang.link(&format!("/admin/notices?loaded={year}"));
            Ok(Redirect::to(&to).into_response())
        }
        Err(NoticeError::Invalid(reason)) => {
            page(
                &state,
                lang,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                &form.json,
                Some(&reason),
            )
            .await
        }
        Err(NoticeError::Db(e)) => Err(e.into()),
    }
}

async fn page(
    state: &AppState,
    lang: Lang,
    status: StatusCode,
    loaded: Option<i32>,
    typed: &str,
    refused: Option<&str>,
) -> Result<Response, ApiError> {
    let calendar = state.reference.calendar();
    let stored: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT n.year, n.loaded_at, u.display_name FROM calendar_notices n \
         LEFT JOIN users u ON u.id = n.loaded_by ORDER BY n.year",
    )
    .fetch_all(state.db.pool())
    .await?;
    let this_year = Utc::now().year();
    let mut body = format!(
        "<h1>{}</h1>",
        escape(lang.t("节假日通知", "Holiday notices"))
    );
    if let Some(year) = loaded.filter(|y| !calendar.is_provisional(*y)) {
        body.push_str(&format!(
            "<p class=\"said\" role=\"status\" data-said=\"loaded\">{}</p>",
            escape(&match lang {
                Lang::Zh => format!("{year} 年的节假日通知已导入，办理期限即按新安排计算。"),
                Lang::En => format!("The {year} notice is loaded; deadlines follow it now."),
            })
        ));
    }
    let provisional: Vec<i32> = [this_year, this_year + 1]
        .into_iter()
        .filter(|y| calendar.is_provisional(*y))
        .collect();
    if !provisional.is_empty() {
        let years = provisional
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join("、");
        body.push_str(&format!(
            "<p class=\"failed\" data-said=\"provisional\">{}</p>",
            escape(&match lang {
                Lang::Zh => format!(
                    "{years} 年的通知尚未导入：这些年份的期限按法定节假日推算，仅供参考。"
                ),
                Lang::En => format!(
                    "No notice yet for {years}: deadlines there are estimated from the statutory holidays."
                ),
            })
        ));
    }
    body.push_str(&format!(
        "<div class=\"region\" role=\"region\" tabindex=\"0\" aria-label=\"{}\"><table data-table=\"notices\"><thead><tr>",
        escape(lang.t("已有的通知", "Notices"))
    ));
    for h in [
        lang.t("年份", "Year"),
        lang.t("通知", "Notice"),
        lang.t("放假", "Days off"),
        lang.t("调休上班", "Make-up working days"),
        lang.t("来源", "Loaded"),
    ] {
        body.push_str(&format!("<th scope=\"col\">{}</th>", escape(h)));
    }
    body.push_str("</tr></thead><tbody>");
    for year in calendar.loaded_years() {
        let Some(notice) = calendar.notice(year) else {
            continue;
        };
        let source = match stored.iter().find(|(y, _, _)| *y == i64::from(year)) {
            Some((_, at, by)) => {
                let at = DateTime::parse_from_rfc3339(at)
                    .map(|t| beijing_time(t.with_timezone(&Utc)))
                    .unwrap_or_else(|_| at.clone());
                format!(
                    "{}{}{}",
                    lang.t("管理员导入：", "Loaded by "),
                    by.as_deref().unwrap_or(""),
                    match lang {
                        Lang::Zh => format!("，{at}"),
                        Lang::En => format!(", {at}"),
                    }
                )
            }
            None => lang.t("随版本内置", "Shipped with the release").to_owned(),
        };
        body.push_str(&notice_row(lang, notice, &source));
    }
    body.push_str("</tbody></table></div>");
    body.push_str(&form(lang, typed, refused));
    Ok(respond(
        lang,
        status,
        lang.t("节假日通知", "Holiday notices"),
        "/admin/notices",
        &body,
    ))
}

fn notice_row(lang: Lang, notice: &YearNotice, source: &str) -> String {
    let off: Vec<String> = notice
        .holidays
        .iter()
        .map(|h| {
            let name = if lang == Lang::En {
                &h.name_en
            } else {
                &h.name_zh
            };
            let ranges: Vec<String> = h
                .off
                .iter()
                .map(|r| format!("{}–{}", r.from.format("%m-%d"), r.to.format("%m-%d")))
                .collect();
            format!("{name} {}", ranges.join("、"))
        })
        .collect();
    let make_up: Vec<String> = notice
        .make_up_working_days
        .iter()
        .map(|d| d.format("%m-%d").to_string())
        .collect();
    format!(
        "<tr data-year=\"{year}\"><td>{year}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        escape(&notice.source.title),
        escape(&off.join("；")),
        escape(&make_up.join("、")),
        escape(source),
        year = notice.year,
    )
}

const EXAMPLE: &str = r#"{
  "year": 2027,
  "source": {"title": "国务院办公厅关于2027年部分节假日安排的通知", "document_number": null, "published_on": "2026-11-20"},
  "holidays": [
    {"name_zh": "元旦", "name_en": "New Year's Day", "off": [{"from": "2027-01-01", "to": "2027-01-03"}]}
  ],
  "make_up_working_days": []
}"#;

fn form(lang: Lang, typed: &str, refused: Option<&str>) -> String {
    let mut out = format!(
        "<section aria-labelledby=\"load-h\"><h2 id=\"load-h\">{}</h2><p class=\"hint\">{}</p>\
         <details><summary>{}</summary><pre>{}</pre></details>",
        escape(lang.t("导入一年的通知", "Load a year's notice")),
        escape(lang.t(
            "把国务院办公厅通知按下面的格式写成 JSON 粘贴到这里。已导入的年份不能换成不同的安排。",
            "Paste the State Council notice as JSON in the format below. A year already loaded cannot be replaced by a different arrangement.",
        )),
        escape(lang.t("格式示例", "Example")),
        escape(EXAMPLE),
    );
    let (invalid, said) = match refused {
        Some(reason) => (
            " aria-invalid=\"true\" aria-describedby=\"e-json\"",
            format!(
                "<p class=\"failed\" role=\"alert\" data-said=\"refused\">{}</p>\
                 <p class=\"error\" id=\"e-json\" data-error=\"notice_invalid\">{}</p>",
                escape(lang.t(
                    "没有导入：请改正后再试。",
                    "Not loaded: correct it and try again.",
                )),
                escape(reason)
            ),
        ),
        None => ("", String::new()),
    };
    out.push_str(&format!(
        "<form class=\"notice\" method=\"post\" action=\"{}\">{said}<div class=\"field\" data-field=\"json\">\
         <label for=\"f-json\">{}</label><textarea id=\"f-json\" name=\"json\" spellcheck=\"false\" required{invalid}>{}</textarea></div>\
         <button type=\"submit\">{}</button></form></section>",
        escape(&lang.link("/admin/notices")),
        escape(lang.t("通知（JSON）", "Notice (JSON)")),
        escape(typed),
        escape(lang.t("导入", "Load")),
    ))
    ;
    out
}
