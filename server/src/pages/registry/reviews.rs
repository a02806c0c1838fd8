//! `GET /county/registry/reviews`: the periodic reviews (定期复核) of the caller's reach that
//! are overdue, due within [`DUE_WITHIN_DAYS`] days, or lately done, each with the rule and
//! its source, and who follows it up (the township's window clerks); and
//! `POST /county/registry/reviews` (form: `op`, `key`, `reviewed_on`, `note`): a review done,
//! saved as a registry record (`RegistryRecord::Review`) through the push path under the
//! operation id the form carries, so a resent form records it once.

use std::fmt::Write;
use std::net::SocketAddr;

use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use domain::clocks::china_date;
use domain::identity::{mask_id_number, mask_name};
use domain::registry::reviews::{DUE_WITHIN_DAYS, review_rule};
use domain::registry::roster::NOTE_MAX;
use domain::registry::{
    Category, RegistryRecord, ReviewRecord, ReviewState, ReviewStatus, review_states,
};
use domain::sync::{OpBody, Outcome, RecordKind};
use serde::Deserialize;
use uuid::Uuid;

use super::{RegistryQuery, load, may_write};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::checks::Scope;
use crate::pages::html::{escape, page_with};
use crate::pages::resident::actions::push_ops;
use crate::security::client_address::client_address;
use crate::state::AppState;

/// A review done, as the form sends it.
#[derive(Debug, Default, Deserialize)]
pub struct ReviewForm {
    /// The operation id the page made.
    pub op: Option<String>,
    /// The entry's key.
    pub key: Option<String>,
    /// The day, `YYYY-MM-DD`.
    pub reviewed_on: Option<String>,
    /// What was found.
    pub note: Option<String>,
}

/// The reviews.
#[utoipa::path(get, path = "/county/registry/reviews", tag = "pages", params(RegistryQuery),
    responses(
        (status = 200, description = "The reviews due, overdue and done (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not a supervisor or township staff, or an unknown township", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<RegistryQuery>,
) -> Result<Response, ApiError> {
    page(&state, &user, q.township.as_deref(), None).await
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    township: Option<&str>,
    said: Option<(&str, String)>,
) -> Result<Response, ApiError> {
    let scope = Scope::of(state, user, township).await?;
    let (gathered, entries) = load(state, &scope).await?;
    let today = china_date(Utc::now());
    let done: Vec<(String, NaiveDate)> = gathered
        .done
        .iter()
        .map(|d| (d.key.clone(), d.on))
        .collect();
    let states: Vec<ReviewState> = review_states(&entries, &done, today)
        .into_iter()
        .filter(|s| s.status != ReviewStatus::Scheduled)
        .collect();
    let title = format!("{}救助对象定期复核", scope.reach.name);
    let mut out = String::from("<main class=\"dashboard\" data-page=\"registry-reviews\">");
    let _ = write!(
        out,
        "<h1>{} <span class=\"en\">Periodic reviews</span></h1>\
         <p class=\"screen-only small\"><a href=\"/county/registry\">救助对象名册 Registry</a></p>",
        escape(&title)
    );
    if let Some((key, message)) = &said {
        let _ = write!(
            out,
            "<p class=\"late\" role=\"alert\" data-said=\"{}\">{}</p>",
            escape(key),
            escape(message)
        );
    }
    out.push_str("<section data-section=\"rules\"><h2>复核规则 <span class=\"small\">Rules</span></h2><ul class=\"small\">");
    for c in Category::ALL {
        let r = review_rule(c);
        let _ = write!(
            out,
            "<li>{}：{}（依据：{}）</li>",
            c.name_zh(),
            r.says_zh,
            r.source
        );
    }
    let _ = write!(
        out,
        "<li>到期前 {DUE_WITHIN_DAYS} 日列为“即将到期”（本地默认，待确认）。</li></ul></section>"
    );
    let writable = may_write(user);
    for (status, heading) in [
        (ReviewStatus::Overdue, "已逾期 Overdue"),
        (ReviewStatus::Due, "即将到期 Due"),
    ] {
        let of: Vec<&ReviewState> = states.iter().filter(|s| s.status == status).collect();
        let _ = write!(
            out,
            "<section data-section=\"{}\"><h2>{heading}（{}）</h2>",
            if status == ReviewStatus::Overdue {
                "overdue"
            } else {
                "due"
            },
            of.len()
        );
        if of.is_empty() {
            out.push_str("<p class=\"small\">没有。 / None.</p></section>");
            continue;
        }
        table_head(
            &mut out,
            &[
                "类别",
                "村（社区）",
                "户主",
                "身份证号码",
                "应复核日期",
                "跟进责任人",
                "登记复核",
            ],
        );
        for s in of {
            let Some(e) = entries.iter().find(|e| e.key == s.key) else {
                continue;
            };
            let follower = gathered
                .clerks
                .get(&e.township)
                .map(|n| format!("乡镇窗口：{}", n.join("、")))
                .unwrap_or_else(|| "乡镇窗口（未配备受理员）".to_owned());
            let _ = write!(
                out,
                "<tr data-review=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td data-field=\"follower\">{}</td><td>",
                escape(&e.key),
                e.category.name_zh(),
                escape(
                    gathered
                        .place_names
                        .get(&e.village)
                        .map_or("", String::as_str)
                ),
                escape(&mask_name(&e.head_name)),
                escape(&mask_id_number(&e.head_id)),
                s.due_on,
                escape(&follower),
            );
            if writable {
                let _ = write!(
                    out,
                    "<form class=\"follow-up\" method=\"post\" action=\"/county/registry/reviews\">\
                     <input type=\"hidden\" name=\"op\" value=\"{}\"><input type=\"hidden\" name=\"key\" value=\"{}\">\
                     <label>复核日期 <input type=\"date\" name=\"reviewed_on\" value=\"{today}\" required></label> \
                     <label>复核情况 <input type=\"text\" name=\"note\" maxlength=\"{NOTE_MAX}\" autocomplete=\"off\"></label> \
                     <button type=\"submit\" data-action=\"review\">登记已复核</button></form>",
                    Uuid::now_v7(),
                    escape(&e.key),
                );
            }
            out.push_str("</td></tr>");
        }
        out.push_str("</tbody></table></div></section>");
    }
    let recent: Vec<&ReviewState> = states
        .iter()
        .filter(|s| matches!(s.status, ReviewStatus::Done { .. }))
        .collect();
    let _ = write!(
        out,
        "<section data-section=\"done\"><h2>近期已复核 Done（{}）</h2>",
        recent.len()
    );
    if recent.is_empty() {
        out.push_str("<p class=\"small\">没有。 / None.</p>");
    } else {
        table_head(
            &mut out,
            &["类别", "户主", "复核日期", "复核人", "复核情况", "下次复核"],
        );
        for s in recent {
            let Some(e) = entries.iter().find(|e| e.key == s.key) else {
                continue;
            };
            let d = gathered
                .done
                .iter()
                .filter(|d| d.key == s.key)
                .max_by_key(|d| d.on);
            let _ = write!(
                out,
                "<tr data-done=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&e.key),
                e.category.name_zh(),
                escape(&mask_name(&e.head_name)),
                d.map(|d| d.on.to_string()).unwrap_or_default(),
                escape(d.map_or("", |d| d.by.as_str())),
                escape(d.map_or("", |d| d.note.as_str())),
                s.due_on,
            );
        }
        out.push_str("</tbody></table></div>");
    }
    out.push_str("</section><p class=\"small\">户主姓名、身份证号已作遮挡；复核情况请勿填写完整的身份证号、电话或姓名。</p></main>");
    Ok(Html(page_with(
        &title,
        "dashboard-page",
        &out,
        &[crate::pages::dashboard::STYLESHEET, crate::pages::LANDSCAPE],
    ))
    .into_response())
}

fn table_head(out: &mut String, headings: &[&str]) {
    out.push_str("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"复核清单\"><table class=\"data\"><thead><tr>");
    for h in headings {
        let _ = write!(out, "<th scope=\"col\">{h}</th>");
    }
    out.push_str("</tr></thead><tbody>");
}

/// Records a review done.
#[utoipa::path(post, path = "/county/registry/reviews", tag = "pages",
    request_body(content = String, content_type = "application/x-www-form-urlencoded",
        description = "op (operation id), key (the entry), reviewed_on (YYYY-MM-DD), note"),
    responses(
        (status = 303, description = "Recorded; back to the reviews"),
        (status = 200, description = "Refused: the reviews again with the reason", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not a supervisor or township staff, or no such entry in reach", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    user: CurrentUser,
    form: Result<Form<ReviewForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let scope = Scope::of(&state, &user, None).await?;
    let (_, entries) = load(&state, &scope).await?;
    let key = form.key.unwrap_or_default();
    let entry = entries
        .iter()
        .find(|e| e.key == key)
        .ok_or(ApiError::NotFound)?;
    let op = form
        .op
        .as_deref()
        .and_then(|o| Uuid::parse_str(o).ok())
        .ok_or_else(|| ApiError::BadRequest("表单已过期，请刷新后再登记".to_owned()))?;
    let Some(reviewed_on) = form
        .reviewed_on
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
    else {
        return page(
            &state,
            &user,
            None,
            Some((&key, "请填写复核日期，如 2026-12-01".to_owned())),
        )
        .await;
    };
    let Ok(place) = domain::jurisdiction::PlaceCode::parse(&entry.village) else {
        return Err(ApiError::NotFound);
    };
    let record = RegistryRecord::Review(ReviewRecord {
        id: op,
        entry: key.clone(),
        place,
        reviewed_on,
        note: form.note.unwrap_or_default().trim().to_owned(),
        by: user.actor.user,
    });
    let body = serde_json::to_value(&record).map_err(|e| ApiError::Internal(e.into()))?;
    let save = OpBody::SaveFieldRecord {
        kind: RecordKind::Registry,
        id: op,
        base_version: None,
        body,
    };
    let from = client_address(&headers, peer, &state.auth.proxies);
    let outcome = push_ops(&state, (&user, &from), vec![(op, save)]).await?;
    match outcome.first() {
        Some(Outcome::Applied { .. }) => {
            Ok(Redirect::to("/county/registry/reviews").into_response())
        }
        Some(Outcome::Rejected { message_zh, .. } | Outcome::Conflict { message_zh, .. }) => {
            page(&state, &user, None, Some((&key, message_zh.clone()))).await
        }
        None => Err(ApiError::NotFound),
    }
}
