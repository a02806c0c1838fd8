//! `GET /townships/{code}/routing-ledger?from=YYYY-MM-DD&to=YYYY-MM-DD`: the township's
//! routing ledger (分办、转办台账登记簿: 孟政发〔2023〕34号; 乌海 一门受理 附件4 第六条 及时
//! 整理归档分办（转办）申请事项), kept from the cases' events rather than by hand, on A4
//! landscape. One row per department a routing sent items to (分办: one sub-case each, the
//! lead department marked), per item a department returned as not theirs (退回) and per item
//! routed again (转办), dated within the period, for the cases of households in the township:
//! the case number, the applicant (masked: this is a list), the items, the department, when,
//! the deadline it was given then, and what became of it (returned or routed again, why).
//!
//! For staff who may see the whole township (the jurisdiction rule for a record placed at the
//! township); anyone else, like an unknown township, gets 404. Every print is audited.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use chrono::{NaiveDate, Utc};
use domain::clocks::china_date;
use domain::household::{Household, Relation};
use domain::ids::UserId;
use domain::jurisdiction::{Level, PlaceCode, RecordScope, can_see};
use domain::sync::CaseRecord;
use uuid::Uuid;

use super::case_print::decode;
use super::html::{date_zh, escape, page_with};
use super::notice::case_number;
use super::routing_ledger_rows::{CaseRows, Row};
use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::period::{Dates, Since};
use crate::state::AppState;

/// The ledger.
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(code): Path<String>,
    Query(dates): Query<Dates>,
) -> Result<Response, ApiError> {
    let township = PlaceCode::parse(&code)
        .ok()
        .filter(|p| p.level() == Level::Township)
        .ok_or(ApiError::NotFound)?;
    let whole = RecordScope {
        place: township.clone(),
        owner: None,
        departments: Vec::new(),
        helpers: Vec::new(),
    };
    if !can_see(&user.actor, &whole) {
        return Err(ApiError::NotFound);
    }
    let name: (String,) = sqlx::query_as("SELECT name_zh FROM places WHERE code = $1")
        .bind(township.as_str())
        .fetch_optional(state.db.pool())
        .await?
        .ok_or(ApiError::NotFound)?;
    let (from, to) = dates.checked(Since::MonthStart)?;
    let catalogue = state.reference.catalogue();
    let calendar = state.reference.calendar();
    let households = households(&state, &township).await?;
    let pattern = format!("{}%", township.as_str());
    let cases: Vec<(String, String)> = sqlx::query_as(
        "SELECT scope, body FROM records WHERE kind = 'case' AND place_code LIKE $1",
    )
    .bind(&pattern)
    .fetch_all(state.db.pool())
    .await?;
    let mut rows = Vec::new();
    for (scope, body) in cases {
        let scope: RecordScope = decode(&scope)?;
        if !township.contains(&scope.place) || !can_see(&user.actor, &scope) {
            continue;
        }
        let record: CaseRecord = decode(&body)?;
        let applicant = households
            .get(&record.household.0)
            .and_then(|h| h.members.iter().find(|m| m.relation == Relation::Applicant))
            .map_or_else(String::new, |m| m.name.masked());
        let ctx = CaseRows {
            record: &record,
            applicant: &applicant,
            place: &scope.place,
            catalogue: &catalogue,
            calendar: &calendar,
        };
        rows.extend(
            ctx.rows()
                .into_iter()
                .filter(|r| (from..=to).contains(&china_date(r.at))),
        );
    }
    rows.sort_by_key(|r| (r.at, r.case));
    let names = staff_names(&state, &rows).await?;
    let entry = AuditEntry::by(&user.actor, "township.print_routing_ledger")
        .on("place", township.as_str(), Some(township.as_str()))
        .with_detail(serde_json::json!({
            "from": from.to_string(),
            "to": to.to_string(),
            "rows": rows.len(),
        }));
    audit::append_standalone(&state.db, &entry).await?;
    let body = html(&name.0, from, to, &rows, &names);
    Ok(Html(page_with(
        &format!("{}分办、转办台账", name.0),
        "print-page",
        &body,
        &[super::LANDSCAPE],
    ))
    .into_response())
}

/// The township's households by id.
async fn households(
    state: &AppState,
    township: &PlaceCode,
) -> Result<HashMap<Uuid, Household>, ApiError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, body FROM records WHERE kind = 'household' AND place_code LIKE $1",
    )
    .bind(format!("{}%", township.as_str()))
    .fetch_all(state.db.pool())
    .await?;
    let mut out = HashMap::new();
    for (id, body) in rows {
        if let (Ok(id), Ok(h)) = (Uuid::parse_str(&id), decode::<Household>(&body)) {
            out.insert(id, h);
        }
    }
    Ok(out)
}

/// The display names of the staff who routed, returned or re-routed.
async fn staff_names(state: &AppState, rows: &[Row]) -> Result<HashMap<UserId, String>, ApiError> {
    let mut names = HashMap::new();
    for r in rows {
        if names.contains_key(&r.by) {
            continue;
        }
        let row: Option<(String,)> = sqlx::query_as("SELECT display_name FROM users WHERE id = $1")
            .bind(r.by.to_string())
            .fetch_optional(state.db.pool())
            .await?;
        names.insert(r.by, row.map(|(n,)| n).unwrap_or_default());
    }
    Ok(names)
}

fn html(
    township: &str,
    from: NaiveDate,
    to: NaiveDate,
    rows: &[Row],
    names: &HashMap<UserId, String>,
) -> String {
    let mut out = String::from("<article class=\"form ledger\" data-notice=\"routing-ledger\">");
    out.push_str(
        "<p class=\"screen-only hint\">请用浏览器的“打印”功能横向打印本页（A4 横向）。 \
         / Print this page with the browser's Print command (A4 landscape).</p>",
    );
    out.push_str(&format!(
        "<h1>{}社会救助分办、转办台账登记簿</h1>\
         <p class=\"period\" data-field=\"period\">登记期间：{}至{}　　共 {} 条　　打印日期：{}</p>",
        escape(township),
        date_zh(from),
        date_zh(to),
        rows.len(),
        date_zh(china_date(Utc::now()))
    ));
    out.push_str(
        "<table class=\"grid ledger-table\" data-field=\"rows\"><thead><tr><th>序号</th>\
         <th>案件编号</th><th>申请人</th><th>救助事项</th><th>承办部门</th><th>牵头</th>\
         <th>类别</th><th>分办（转办）时间</th><th>办理时限</th><th>退回、转办情况</th>\
         <th>经办人</th></tr></thead><tbody>",
    );
    for (i, r) in rows.iter().enumerate() {
        out.push_str(&format!(
            "<tr data-case=\"{}\"><td class=\"no\">{}</td><td class=\"mono\">{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td class=\"no\">{}</td><td class=\"no\">{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{}</td></tr>",
            r.case,
            i + 1,
            escape(&case_number(r.case)),
            escape(&r.applicant),
            escape(&r.items),
            escape(&r.department),
            if r.lead { "✓" } else { "" },
            r.what,
            escape(&super::html::beijing_time(r.at).replace("（北京时间）", "")),
            escape(&r.deadline),
            escape(&r.outcome),
            escape(names.get(&r.by).map_or("", String::as_str)),
        ));
    }
    if rows.is_empty() {
        out.push_str(
            "<tr><td colspan=\"11\" class=\"empty\">本期间内没有分办、转办记录。</td></tr>",
        );
    }
    out.push_str(
        "</tbody></table><p class=\"small\">申请人姓名已作遮挡；全名见各案件的登记表。\
         时间为北京时间；办理时限自分办（转办）之日起按工作日计算，不含其后批准的延期。</p>\
         <p class=\"signed\">登记人：<span class=\"fill\"></span>　审核人：<span class=\"fill\"></span>　　\
         年　月　日</p></article>",
    );
    out
}
