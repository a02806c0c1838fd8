//! `GET /county/helper-report?period=2026-2[&township=CODE][&format=xlsx|csv]`: the county
//! helper report (社会救助申请事项帮办代办工作台账, seed 000 attachment 2) for one reporting
//! period, on A4 landscape, as XLSX or as CSV, with exactly the attachment's columns and its
//! 分管领导 / 经办人 / 联系电话 footer. The page also shows the due date and where each
//! township stands: reported on time, reminded (the week before the due date), or late.
//!
//! "Reported" means a township's staff marked the period's report as submitted
//! (`POST /county/helper-report/submit`, an audited action kept in the audit log: no new
//! table); a township is late when the due date has passed without that mark, or the mark
//! came after it.
//!
//! A county supervisor sees every township of the county (or one, with `township`); the
//! staff of a township only theirs; anyone else gets 404. Every print and export is audited.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use domain::clocks::china_date;
use domain::reports::{Deadline, ReportPeriod, due_status};
use domain::role::Role;
use serde::Deserialize;
use utoipa::IntoParams;

use super::access::{Reach, reach};
use super::export::{self, Sheet};
use super::helper_report_rows::{HEADINGS, ReportRow, rows};
use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::html::{date_zh, escape, page_with};
use crate::state::AppState;

/// The audit action that marks a township's report as submitted.
pub const SUBMIT_ACTION: &str = "county.submit_helper_report";

/// The report asked for.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// The reporting period, `2026-2` (the second of 2026: 26 June to 25 September); the one
    /// holding today when left out.
    pub period: Option<String>,
    /// One township's code (a supervisor's choice); all the caller may see when left out.
    pub township: Option<String>,
    /// `html` (the default), `xlsx` or `csv`.
    pub format: Option<String>,
}

/// The output asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The printable page.
    Html,
    /// A workbook.
    Xlsx,
    /// Comma-separated values.
    Csv,
}

impl Format {
    /// Reads `format`.
    pub fn parse(raw: Option<&str>) -> Result<Format, ApiError> {
        match raw.map(str::trim).unwrap_or("") {
            "" | "html" => Ok(Format::Html),
            "xlsx" => Ok(Format::Xlsx),
            "csv" => Ok(Format::Csv),
            other => Err(ApiError::BadRequest(format!(
                "格式“{}”不支持，请用 html、xlsx 或 csv",
                other.chars().take(20).collect::<String>()
            ))),
        }
    }

    /// Its name in the audit log.
    pub fn code(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
        }
    }
}

/// The period asked for, or the one holding today.
pub fn period_of(raw: Option<&str>) -> Result<ReportPeriod, ApiError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(ReportPeriod::containing(china_date(Utc::now()))),
        Some(code) => ReportPeriod::parse(code).ok_or_else(|| {
            ApiError::BadRequest("报送期别请写成 2026-2 的形式（每年第 1 至 3 期）".to_owned())
        }),
    }
}

/// The report.
#[utoipa::path(get, path = "/county/helper-report", tag = "reports", params(ReportQuery),
    responses(
        (status = 200, description = "The report: an A4 page, or an XLSX or CSV file"),
        (status = 400, description = "Unknown period or format"),
        (status = 401, description = "Not signed in"),
        (status = 404, description = "Not for this account, or an unknown township"),
    ),
    security(("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ReportQuery>,
) -> Result<Response, ApiError> {
    let format = Format::parse(q.format.as_deref())?;
    let report = period_of(q.period.as_deref())?;
    let reach = reach(&state, &user, q.township.as_deref()).await?;
    let rows = rows(&state, &user, &reach, report.period()).await?;
    let entry = AuditEntry::by(&user.actor, "county.print_helper_report")
        .on("place", reach.place.as_str(), Some(reach.place.as_str()))
        .with_detail(serde_json::json!({
            "period": report.code(),
            "format": format.code(),
            "rows": rows.len(),
        }));
    audit::append_standalone(&state.db, &entry).await?;
    let cells: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| r.cells(i + 1))
        .collect();
    let title = format!("{}社会救助申请事项帮办代办工作台账", reach.name);
    let sheet = || Sheet {
        name: "帮办代办工作台账",
        title: format!("{title}（{}）", report.name_zh()),
        headings: &HEADINGS,
        highlight: vec![false; cells.len()],
        rows: cells.clone(),
        footer: Some(FOOTER.to_owned()),
    };
    let filename = format!("helper-report-{}-{}", reach.place.as_str(), report.code());
    match format {
        Format::Xlsx => export::xlsx(&format!("{filename}.xlsx"), &[sheet()]),
        Format::Csv => export::csv(&format!("{filename}.csv"), &sheet()),
        Format::Html => {
            let submitted = submissions(&state, &reach, report).await?;
            let today = china_date(Utc::now());
            let standing: Vec<(String, Deadline)> = reach
                .townships
                .iter()
                .map(|t| {
                    let on = submitted.get(t.code.as_str()).copied();
                    (t.name.clone(), due_status(report, on, today))
                })
                .collect();
            let own = matches!(
                user.actor.role,
                Role::WindowClerk | Role::Verifier | Role::DepartmentOfficer
            );
            let body = html(&title, report, &rows, &standing, q.township.as_deref(), own);
            Ok(Html(page_with(
                &title,
                "print-page",
                &body,
                &[crate::pages::LANDSCAPE],
            ))
            .into_response())
        }
    }
}

/// The form's footer line.
const FOOTER: &str = "分管领导：　　　　　　经办人：　　　　　　联系电话：";

/// The audit key of a township's report for a period.
pub fn submission_key(township: &str, report: ReportPeriod) -> String {
    format!("{township}:{}", report.code())
}

/// The (Beijing) day each township of `reach` first marked `report` as submitted.
async fn submissions(
    state: &AppState,
    reach: &Reach,
    report: ReportPeriod,
) -> Result<HashMap<String, NaiveDate>, ApiError> {
    let marks: Vec<(Option<String>, String)> = sqlx::query_as(
        "SELECT record_id, at FROM audit_log WHERE action = $1 AND place_code LIKE $2",
    )
    .bind(SUBMIT_ACTION)
    .bind(format!("{}%", reach.place.as_str()))
    .fetch_all(state.db.pool())
    .await?;
    let mut out: HashMap<String, NaiveDate> = HashMap::new();
    for (id, at) in marks {
        let Some((township, code)) = id.as_deref().and_then(|i| i.split_once(':')) else {
            continue;
        };
        let Ok(at) = DateTime::parse_from_rfc3339(&at) else {
            continue;
        };
        if code != report.code() {
            continue;
        }
        let day = china_date(at.with_timezone(&Utc));
        out.entry(township.to_owned())
            .and_modify(|d| *d = (*d).min(day))
            .or_insert(day);
    }
    Ok(out)
}

fn html(
    title: &str,
    report: ReportPeriod,
    rows: &[ReportRow],
    standing: &[(String, Deadline)],
    township: Option<&str>,
    can_submit: bool,
) -> String {
    let link = |r: ReportPeriod, format: &str| {
        let mut q = format!("/county/helper-report?period={}", r.code());
        if let Some(t) = township.filter(|t| !t.trim().is_empty()) {
            q.push_str(&format!("&township={}", escape(t)));
        }
        if !format.is_empty() {
            q.push_str(&format!("&format={format}"));
        }
        q.replace('&', "&amp;")
    };
    let mut out =
        String::from("<article class=\"form ledger county\" data-notice=\"helper-report\">");
    out.push_str(&format!(
        "<nav class=\"screen-only hint\"><a href=\"{}\">上一期</a>　<a href=\"{}\">下一期</a>　\
         <a href=\"{}\" data-export=\"xlsx\">导出 XLSX</a>　<a href=\"{}\" data-export=\"csv\">导出 CSV</a>　\
         请用浏览器的“打印”功能横向打印本页（A4 横向）。 / Print with the browser (A4 landscape).</nav>",
        link(report.previous(), ""),
        link(report.next(), ""),
        link(report, "xlsx"),
        link(report, "csv"),
    ));
    out.push_str(&format!(
        "<h1>{}</h1><p class=\"period\" data-field=\"period\">报送期间：{}　　报送截止：<span data-field=\"due\">{}</span>前　　共 {} 条</p>",
        escape(title),
        escape(&report.name_zh()),
        date_zh(report.due_on()),
        rows.len(),
    ));
    out.push_str("<section class=\"screen-only standing\" data-field=\"standing\"><h2>各乡镇（街道）报送情况</h2><ul>");
    for (name, d) in standing {
        let class = match d {
            Deadline::Late | Deadline::SubmittedLate(_) => "late",
            Deadline::Remind => "remind",
            _ => "ok",
        };
        let when = match d {
            Deadline::Submitted(day) | Deadline::SubmittedLate(day) => {
                format!("（{}）", date_zh(*day))
            }
            _ => String::new(),
        };
        out.push_str(&format!(
            "<li class=\"{class}\">{}：{}{when}</li>",
            escape(name),
            d.label_zh()
        ));
    }
    let late: Vec<&str> = standing
        .iter()
        .filter(|(_, d)| d.is_late())
        .map(|(n, _)| n.as_str())
        .collect();
    out.push_str(&format!(
        "</ul><p data-field=\"late\">逾期乡镇（街道）：{}</p><p class=\"small\">“已报送”指乡镇工作人员在本页确认报送（记入审计日志）；截止日后仍未确认，或确认晚于截止日，列为逾期。截止前 7 天起提醒。</p></section>",
        if late.is_empty() { "无".to_owned() } else { escape(&late.join("、")) }
    ));
    if can_submit && report.period().from <= china_date(Utc::now()) {
        out.push_str(&format!(
            "<form class=\"screen-only\" method=\"post\" action=\"/county/helper-report/submit\">\
             <input type=\"hidden\" name=\"period\" value=\"{}\">\
             <button type=\"submit\" data-action=\"submit-report\">确认本乡镇（街道）本期台账已报送县民政局</button></form>",
            report.code()
        ));
    }
    out.push_str(&super::helper_report_table::table(rows));
    out.push_str(&format!(
        "<p class=\"signed\">{FOOTER}</p><p class=\"small\">注：每季度（6 月 25 日、9 月 25 日、12 月 25 日前）各报送一次。\
         <span class=\"screen-only\">屏幕上委托人姓名已作遮挡，打印件显示全名。</span></p></article>"
    ));
    out
}
