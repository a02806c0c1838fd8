//! `GET /county/certification[?township=CODE][&year=YYYY][&format=xlsx|csv]`: who has and
//! has not certified their eligibility this year (待遇资格认证, issue 20 point 8) — every
//! household of the reach that receives a monthly aid, with its status, when and by whom it
//! certified, and whether it said something changed; counts per township. Names and ID
//! numbers masked; the photo and the location are never listed. An A4 page, an XLSX workbook
//! or a CSV file. The same reach as the data checks (a county supervisor the county, a
//! township's window clerk or verifier their township, 404 for anyone else); audited.

use std::collections::HashMap;
use std::fmt::Write;

use axum::extract::{Query, State};
use axum::response::Response;
use chrono::Utc;
use domain::certification::{
    CertificationRecord, CertifiedBy, Changes, Grant, Period, Status, status,
};
use domain::clocks::china_date;
use domain::household::{Household, Relation};
use domain::identity::{mask_id_number, mask_name};
use domain::sync::CaseRecord;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::checks::Scope;
use crate::pages::county::export;
use crate::pages::county::helper_report::Format;
use crate::pages::html::escape;
use crate::state::AppState;
use crate::sync::store::decode;

/// The list asked for.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CertificationQuery {
    /// One township's code (a supervisor's choice); all the caller may see when left out.
    pub township: Option<String>,
    /// The period's year; this year when left out.
    pub year: Option<i32>,
    /// `html` (the default), `xlsx` or `csv`.
    pub format: Option<String>,
}

/// One household's line.
pub struct Line {
    township: String,
    village: String,
    recipient: String,
    id_number: String,
    status: Status,
    certified_on: String,
    by: &'static str,
    changes: String,
}

/// The export's column headings.
pub const HEADINGS: [&str; 9] = [
    "序号",
    "乡镇（街道）",
    "村（社区）",
    "救助对象",
    "身份证号",
    "认证情况",
    "认证日期",
    "认证人",
    "家庭情况",
];

fn cells(no: usize, l: &Line) -> Vec<String> {
    vec![
        no.to_string(),
        l.township.clone(),
        l.village.clone(),
        l.recipient.clone(),
        l.id_number.clone(),
        l.status.name_zh().to_owned(),
        l.certified_on.clone(),
        l.by.to_owned(),
        l.changes.clone(),
    ]
}

/// The lines of the scope for `period`, overdue and due first.
async fn lines(state: &AppState, scope: &Scope, period: &Period) -> Result<Vec<Line>, ApiError> {
    let pool = state.db.pool();
    let prefix = format!("{}%", scope.county.as_str());
    let read = |kind: &'static str| {
        sqlx::query_as::<_, (String,)>(
            "SELECT body FROM records WHERE kind = $1 AND place_code LIKE $2",
        )
        .bind(kind)
        .bind(prefix.clone())
        .fetch_all(pool)
    };
    let mut grants: HashMap<String, Vec<Grant>> = HashMap::new();
    for (body,) in read("case").await? {
        if let Ok(case) = decode::<CaseRecord>(&body) {
            grants
                .entry(case.household.0.to_string())
                .or_default()
                .extend(crate::certify::grants_of(&case));
        }
    }
    let mut certified: HashMap<String, Vec<CertificationRecord>> = HashMap::new();
    for (body,) in read("certification").await? {
        if let Ok(c) = decode::<CertificationRecord>(&body) {
            certified
                .entry(c.household.0.to_string())
                .or_default()
                .push(c);
        }
    }
    let today = china_date(Utc::now());
    let mut out = Vec::new();
    for (body,) in read("household").await? {
        let Ok(h) = decode::<Household>(&body) else {
            continue;
        };
        if !scope.reach.covers(&h.place) {
            continue;
        }
        let id = h.id.0.to_string();
        let done = certified.get(&id).map(Vec::as_slice).unwrap_or_default();
        let days = crate::certify::days(done);
        let standing = status(
            grants.get(&id).map(Vec::as_slice).unwrap_or_default(),
            &days,
            period,
            today,
        );
        if standing == Status::NotRequired {
            continue;
        }
        let this = done.iter().find(|c| c.year == period.year);
        let recipient = h
            .members
            .iter()
            .find(|m| this.is_some_and(|c| c.recipient == m.id))
            .or(h.members.iter().find(|m| m.relation == Relation::Applicant))
            .or(h.members.first());
        let township = h.place.township();
        let village = h.place.village();
        out.push(Line {
            township: township
                .map(|t| scope.reach.township_name(&t).to_owned())
                .unwrap_or_default(),
            village: village
                .map(|v| scope.reach.village_name(&v).to_owned())
                .unwrap_or_default(),
            recipient: recipient
                .map(|m| mask_name(m.name.expose()))
                .unwrap_or_default(),
            id_number: recipient
                .map(|m| mask_id_number(m.id_number.expose()))
                .unwrap_or_default(),
            status: standing,
            certified_on: this
                .map(|c| china_date(c.certified_at).format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            by: match this.map(|c| c.by) {
                Some(CertifiedBy::Recipient) => "本人",
                Some(CertifiedBy::Guardian { .. }) => "家属（监护人）代认证",
                Some(CertifiedBy::Helper { .. }) => "帮办员代认证",
                None => "",
            },
            changes: match this.map(|c| &c.changes) {
                Some(Changes::None) => "无变化".to_owned(),
                Some(Changes::Changed { description }) => format!("有变化：{description}"),
                None => String::new(),
            },
        });
    }
    out.sort_by(|a, b| {
        (a.status, &a.township, &a.village, &a.recipient).cmp(&(
            b.status,
            &b.township,
            &b.village,
            &b.recipient,
        ))
    });
    Ok(out)
}

/// The certification list.
#[utoipa::path(get, path = "/county/certification", tag = "pages", params(CertificationQuery),
    responses(
        (status = 200, description = "Who has and has not certified: an A4 page (HTML), or an XLSX or CSV file"),
        (status = 400, description = "Unknown format", body = crate::error::ErrorBody),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not a supervisor or township staff, or an unknown township or year", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<CertificationQuery>,
) -> Result<Response, ApiError> {
    let format = Format::parse(q.format.as_deref())?;
    let scope = Scope::of(&state, &user, q.township.as_deref()).await?;
    let this_year = Period::containing(china_date(Utc::now())).year;
    let year = q.year.unwrap_or(this_year);
    let period = Period::of_year(year)
        .filter(|_| (2000..=this_year).contains(&year))
        .ok_or(ApiError::NotFound)?;
    let found = lines(&state, &scope, &period).await?;
    let entry = AuditEntry::by(&user.actor, "certification.view")
        .on(
            "place",
            scope.reach.place.as_str(),
            Some(scope.reach.place.as_str()),
        )
        .with_detail(
            serde_json::json!({ "format": format.code(), "year": year, "households": found.len() }),
        );
    audit::append_standalone(&state.db, &entry).await?;
    let title = format!("{}{}年社会救助对象待遇资格认证情况", scope.reach.name, year);
    let sheet = || export::Sheet {
        name: "资格认证",
        title: title.clone(),
        headings: &HEADINGS,
        rows: found
            .iter()
            .enumerate()
            .map(|(i, l)| cells(i + 1, l))
            .collect(),
        highlight: found
            .iter()
            .map(|l| l.status != Status::Certified)
            .collect(),
        footer: None,
    };
    let filename = format!("certification-{}-{year}", scope.reach.place.as_str());
    export::list(format, &filename, sheet, &title, || {
        page(&title, &found, &q, year)
    })
}

fn page(title: &str, found: &[Line], q: &CertificationQuery, year: i32) -> String {
    let township = q
        .township
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let link = |format: &str| match township {
        Some(t) => format!(
            "/county/certification?township={}&amp;year={year}&amp;format={format}",
            escape(t)
        ),
        None => format!("/county/certification?year={year}&amp;format={format}"),
    };
    let mut out = String::from("<main class=\"dashboard\" data-page=\"certification\">");
    let _ = write!(
        out,
        "<h1>{} <span class=\"en\">Eligibility certification</span></h1>\
         <p class=\"screen-only small\"><a href=\"{}\" data-export=\"xlsx\">导出 XLSX</a>　\
         <a href=\"{}\" data-export=\"csv\">导出 CSV</a>　<a href=\"/county/dashboard\">监管看板</a>　\
         <a href=\"/county/checks\">疑点比对</a>　\
         请用浏览器的“打印”功能横向打印本页（A4 横向）。 / Print with the browser (A4 landscape).</p>\
         <p class=\"small\">认证年度：{year}年1月1日至12月31日（本地默认，待确认）。享受按月发放救助（低保、特困等）的家庭每年认证一次。</p>",
        escape(title),
        link("xlsx"),
        link("csv"),
    );
    // Counts per township.
    let mut towns: Vec<&str> = found.iter().map(|l| l.township.as_str()).collect();
    towns.sort_unstable();
    towns.dedup();
    out.push_str(
        "<section data-section=\"summary\"><h2>各乡镇汇总 <span class=\"small\">By township</span></h2>\
         <div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"各乡镇汇总\">\
         <table class=\"data\"><thead><tr><th scope=\"col\">乡镇（街道）</th><th scope=\"col\">应认证</th>\
         <th scope=\"col\">已认证</th><th scope=\"col\">未认证</th></tr></thead><tbody>",
    );
    for t in &towns {
        let of: Vec<&Line> = found.iter().filter(|l| l.township == *t).collect();
        let done = of.iter().filter(|l| l.status == Status::Certified).count();
        let _ = write!(
            out,
            "<tr data-township=\"{t}\"><td>{t}</td><td data-field=\"required\">{}</td>\
             <td data-field=\"certified\">{done}</td><td data-field=\"not-certified\">{}</td></tr>",
            of.len(),
            of.len() - done,
            t = escape(t),
        );
    }
    if towns.is_empty() {
        out.push_str(
            "<tr><td colspan=\"4\">没有需要认证的家庭。 / No household to certify.</td></tr>",
        );
    }
    out.push_str("</tbody></table></div></section>");
    out.push_str(
        "<section data-section=\"households\"><h2>认证名单 <span class=\"small\">Households</span></h2>\
         <div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"认证名单\"><table class=\"data\"><thead><tr>",
    );
    for h in HEADINGS {
        let _ = write!(out, "<th scope=\"col\">{h}</th>");
    }
    out.push_str("</tr></thead><tbody>");
    for (i, l) in found.iter().enumerate() {
        let _ = write!(out, "<tr data-status=\"{}\">", l.status.code());
        for c in cells(i + 1, l) {
            let _ = write!(out, "<td>{}</td>", escape(&c));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div></section></main>");
    out
}
