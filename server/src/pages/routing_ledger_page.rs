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
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use domain::calendar::{Calendar, Dated, Deadline};
use domain::catalogue::{AidItemCode, Catalogue};
use domain::clocks::china_date;
use domain::department::DepartmentCode;
use domain::household::{Household, Relation};
use domain::ids::UserId;
use domain::jurisdiction::{Level, PlaceCode, RecordScope, can_see};
use domain::sync::CaseRecord;
use domain::workflow::{Event, EventBody};
use serde::Deserialize;
use uuid::Uuid;

use super::case_print::decode;
use super::html::{date_zh, escape, page_with};
use super::notice::{case_number, department_name, item_name, item_names};
use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;

/// The longest period one print covers.
const MAX_DAYS: i64 = 366;

/// The period asked for; both ends inclusive, Beijing days.
#[derive(Debug, Deserialize)]
pub struct Dates {
    /// First day, `YYYY-MM-DD`; the first of `to`'s month when left out.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`; today when left out.
    pub to: Option<String>,
}

/// One line of the ledger.
struct Row {
    at: DateTime<Utc>,
    case: Uuid,
    applicant: String,
    items: String,
    department: String,
    lead: bool,
    what: &'static str,
    deadline: String,
    outcome: String,
    by: UserId,
}

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
    let (from, to) = period(&dates)?;
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

/// The period asked for, checked.
fn period(dates: &Dates) -> Result<(NaiveDate, NaiveDate), ApiError> {
    let parse = |raw: &str| {
        NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
            ApiError::BadRequest(format!("日期“{raw}”无法识别，请写成 2026-12-01 的形式"))
        })
    };
    let to = match dates.to.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(raw) => parse(raw)?,
        None => china_date(Utc::now()),
    };
    let from = match dates.from.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(raw) => parse(raw)?,
        None => to.with_day(1).unwrap_or(to),
    };
    if from > to {
        return Err(ApiError::BadRequest("开始日期不能晚于结束日期".to_owned()));
    }
    if (to - from).num_days() >= MAX_DAYS {
        return Err(ApiError::BadRequest(format!(
            "一次最多打印 {MAX_DAYS} 天的台账，请缩短期间"
        )));
    }
    Ok((from, to))
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

/// One case's rows.
struct CaseRows<'a> {
    record: &'a CaseRecord,
    applicant: &'a str,
    place: &'a PlaceCode,
    catalogue: &'a Catalogue,
    calendar: &'a Calendar,
}

impl CaseRows<'_> {
    fn rows(&self) -> Vec<Row> {
        let events = &self.record.events;
        let lead = self.record.case.lead();
        let mut rows = Vec::new();
        for (i, e) in events.iter().enumerate() {
            let later = &events[i + 1..];
            match &e.body {
                EventBody::Routed { lead, items } => {
                    let mut departments: Vec<(&DepartmentCode, Vec<AidItemCode>)> = Vec::new();
                    for (item, d) in items {
                        match departments.iter_mut().find(|entry| entry.0 == d) {
                            Some((_, list)) => list.push(item.clone()),
                            None => departments.push((d, vec![item.clone()])),
                        }
                    }
                    for (d, list) in departments {
                        let outcome = list
                            .iter()
                            .filter_map(|item| self.fate(item, d, later))
                            .collect::<Vec<_>>()
                            .join("；");
                        rows.push(self.row(e, &list, d, d == lead, "分办", outcome));
                    }
                }
                EventBody::ItemReturned { item, department } => {
                    let deadline = self
                        .calendar
                        .route_deadline(china_date(e.at))
                        .map(|d| format!("应于{}前重新分办{}", date_zh(d.value), provisional(&d)))
                        .unwrap_or_default();
                    let mut outcome = format!("退回理由：{}", reason(e));
                    if let Some(to) = rerouted_to(item, later) {
                        outcome.push_str(&format!(
                            "；{}已转{}",
                            date_zh(china_date(to.0.at)),
                            department_name(self.catalogue, to.1)
                        ));
                    }
                    let mut row = self.row(
                        e,
                        std::slice::from_ref(item),
                        department,
                        false,
                        "退回",
                        outcome,
                    );
                    row.deadline = deadline;
                    rows.push(row);
                }
                EventBody::ItemRerouted { item, from, to } => {
                    let why = events[..i]
                        .iter()
                        .rev()
                        .find(|x| matches!(&x.body, EventBody::ItemReturned { item: it, .. } if it == item))
                        .map(reason)
                        .unwrap_or_default();
                    let mut outcome = format!(
                        "由{}退回后转办（退回理由：{}）",
                        department_name(self.catalogue, from),
                        why
                    );
                    if let Some(fate) = self.fate(item, to, later) {
                        outcome.push_str(&format!("；{fate}"));
                    }
                    let is_lead = lead == Some(to);
                    rows.push(self.row(
                        e,
                        std::slice::from_ref(item),
                        to,
                        is_lead,
                        "转办",
                        outcome,
                    ));
                }
                _ => {}
            }
        }
        rows
    }

    /// A row of `items` handed to `department` by event `e`, its deadline the items' decision
    /// limits counted from that day (extensions and pauses granted later are the case's, not
    /// the ledger's: the ledger records what was promised at the handover).
    fn row(
        &self,
        e: &Event,
        items: &[AidItemCode],
        department: &DepartmentCode,
        lead: bool,
        what: &'static str,
        outcome: String,
    ) -> Row {
        let mut deadlines: Vec<(String, String)> = Vec::new();
        for item in items {
            let Some(limit) = self.catalogue.time_limit(item, self.place) else {
                continue;
            };
            let Ok(d) = self
                .calendar
                .decision_deadline(china_date(e.at), limit.days, 0, &[])
            else {
                continue;
            };
            let day = match d.value {
                Deadline::Due { on } => format!(
                    "{}（{} 个工作日）{}",
                    date_zh(on),
                    limit.days,
                    provisional(&d)
                ),
                Deadline::Suspended { .. } => "暂停计算".to_owned(),
            };
            deadlines.push((item_name(self.catalogue, item), day));
        }
        let deadline = if deadlines.iter().all(|(_, d)| *d == deadlines[0].1) {
            deadlines
                .first()
                .map(|(_, d)| d.clone())
                .unwrap_or_default()
        } else {
            deadlines
                .iter()
                .map(|(i, d)| format!("{i}：{d}"))
                .collect::<Vec<_>>()
                .join("；")
        };
        Row {
            at: e.at,
            case: self.record.case.id().0,
            applicant: self.applicant.to_owned(),
            items: item_names(self.catalogue, items),
            department: department_name(self.catalogue, department),
            lead,
            what,
            deadline,
            outcome,
            by: e.by.user,
        }
    }

    /// What became of `item` at `department` after its handover: returned (when, why).
    fn fate(
        &self,
        item: &AidItemCode,
        department: &DepartmentCode,
        later: &[Event],
    ) -> Option<String> {
        let returned = later.iter().find(|x| {
            matches!(&x.body, EventBody::ItemReturned { item: it, department: d } if it == item && d == department)
        })?;
        Some(format!(
            "{}于{}退回（{}）",
            item_name(self.catalogue, item),
            date_zh(china_date(returned.at)),
            reason(returned)
        ))
    }
}

/// Where `item` was routed again after a return, with the event.
fn rerouted_to<'a>(
    item: &AidItemCode,
    later: &'a [Event],
) -> Option<(&'a Event, &'a DepartmentCode)> {
    later.iter().find_map(|x| match &x.body {
        EventBody::ItemRerouted { item: it, to, .. } if it == item => Some((x, to)),
        _ => None,
    })
}

fn reason(e: &Event) -> String {
    e.reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .unwrap_or("未填写")
        .to_owned()
}

fn provisional<T>(d: &Dated<T>) -> &'static str {
    if d.provisional { "（暂定）" } else { "" }
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
