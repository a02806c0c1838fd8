//! `GET /county/helper-roster[?township=CODE][&format=xlsx|csv]`: the helper roster
//! (社会救助帮办代办工作人员名单, seed 000 attachment 3) from the helper accounts and the
//! places, with each village's required number of helpers by its population (at least one;
//! two over 1,000: `helpers_required`), the villages short of it highlighted and named in
//! 备注, and a village with no helper at all listed with its shortfall.
//!
//! 身份证号码, 电话 and 人员类别 are the account's (the administrator enters them at
//! `/admin/staff`); a column the account does not fill stays blank rather than guessed. The
//! page masks ID numbers and phones on screen and prints them in full (the roster the county
//! collects needs them); the exports carry them in full. Who may see it: as for the helper
//! report. Every print and export is audited.

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use domain::identity::{mask_id_number, mask_phone};
use domain::jurisdiction::{PlaceCode, helpers_required};
use domain::staff::StaffCategory;
use serde::Deserialize;
use utoipa::IntoParams;

use super::access::{Reach, reach};
use super::export::{self, Sheet};
use super::helper_report::Format;
use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::html::{escape, page_with};
use crate::state::AppState;

/// The attachment's column headings, in order.
pub const HEADINGS: [&str; 8] = [
    "序号",
    "乡镇（街道）",
    "村（社区）",
    "姓名",
    "身份证号码",
    "电话",
    "人员类别（社区工作者、社会工作者、救助协理员、网格员、社会救助购买服务等人员）",
    "备注",
];

/// The headings of the second table: each village's helpers against its population.
pub const STAFFING_HEADINGS: [&str; 6] = [
    "乡镇（街道）",
    "村（社区）",
    "实有人口",
    "应配人数",
    "现有人数",
    "缺额",
];

/// The roster asked for.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RosterQuery {
    /// One township's code (a supervisor's choice); all the caller may see when left out.
    pub township: Option<String>,
    /// `html` (the default), `xlsx` or `csv`.
    pub format: Option<String>,
}

/// One row of the roster.
struct Line {
    cells: Vec<String>,
    phone: String,
    id_number: String,
    short: bool,
}

/// A helper account's roster columns: name, phone, place, ID number, category code.
type Helper = (
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
);

/// One village's staffing.
struct Staffing {
    township: String,
    village: String,
    population: Option<i64>,
    required: i64,
    present: i64,
}

/// The roster.
#[utoipa::path(get, path = "/county/helper-roster", tag = "reports", params(RosterQuery),
    responses(
        (status = 200, description = "The roster: an A4 page, or an XLSX or CSV file"),
        (status = 400, description = "Unknown format"),
        (status = 401, description = "Not signed in"),
        (status = 404, description = "Not for this account, or an unknown township"),
    ),
    security(("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<RosterQuery>,
) -> Result<Response, ApiError> {
    let format = Format::parse(q.format.as_deref())?;
    let reach = reach(&state, &user, q.township.as_deref()).await?;
    let helpers: Vec<Helper> = sqlx::query_as(
        "SELECT display_name, phone, place_code, id_number, staff_category FROM users \
         WHERE role = 'helper' \
         AND disabled = $1 AND place_code LIKE $2 ORDER BY place_code, display_name",
    )
    .bind(false)
    .bind(format!("{}%", reach.place.as_str()))
    .fetch_all(state.db.pool())
    .await?;
    let (lines, staffing) = build(&reach, &helpers);
    let entry = AuditEntry::by(&user.actor, "county.print_helper_roster")
        .on("place", reach.place.as_str(), Some(reach.place.as_str()))
        .with_detail(serde_json::json!({
            "format": format.code(),
            "rows": lines.len(),
        }));
    audit::append_standalone(&state.db, &entry).await?;
    let title = format!("{}社会救助帮办代办工作人员名单", reach.name);
    let roster = Sheet {
        name: "工作人员名单",
        title: title.clone(),
        headings: &HEADINGS,
        rows: lines.iter().map(|l| l.cells.clone()).collect(),
        highlight: lines.iter().map(|l| l.short).collect(),
        footer: None,
    };
    let filename = format!("helper-roster-{}", reach.place.as_str());
    match format {
        Format::Csv => export::csv(&format!("{filename}.csv"), &roster),
        Format::Xlsx => {
            let second = Sheet {
                name: "配备情况",
                title: format!("{}村（社区）帮办代办员配备情况", reach.name),
                headings: &STAFFING_HEADINGS,
                rows: staffing.iter().map(Staffing::cells).collect(),
                highlight: staffing.iter().map(|s| s.present < s.required).collect(),
                footer: None,
            };
            export::xlsx(&format!("{filename}.xlsx"), &[roster, second])
        }
        Format::Html => {
            let body = html(&title, &lines, &staffing, q.township.as_deref());
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

impl Staffing {
    fn cells(&self) -> Vec<String> {
        vec![
            self.township.clone(),
            self.village.clone(),
            self.population.map_or_else(String::new, |p| p.to_string()),
            self.required.to_string(),
            self.present.to_string(),
            (self.required - self.present).max(0).to_string(),
        ]
    }
}

/// The roster's lines and each village's staffing, village by village.
fn build(reach: &Reach, helpers: &[Helper]) -> (Vec<Line>, Vec<Staffing>) {
    let mut lines = Vec::new();
    let mut staffing = Vec::new();
    let mut no = 0;
    for v in &reach.villages {
        let township = v
            .code
            .township()
            .map_or_else(String::new, |t| reach.township_name(&t).to_owned());
        let here: Vec<&Helper> = helpers
            .iter()
            .filter(|(_, _, place, _, _)| {
                PlaceCode::parse(place)
                    .ok()
                    .and_then(|p| p.village())
                    .is_some_and(|p| p == v.code)
            })
            .collect();
        let required = helpers_required(v.population);
        let present = i64::try_from(here.len()).unwrap_or(i64::MAX);
        let short = present < required;
        let note = if short && present == 0 {
            format!("未配备帮办代办员，应配 {required} 名")
        } else if short {
            format!(
                "应配 {required} 名，现有 {present} 名，缺 {} 名",
                required - present
            )
        } else {
            String::new()
        };
        for (name, phone, _, id_number, category) in &here {
            no += 1;
            let phone = phone.clone().unwrap_or_default();
            let id_number = id_number.clone().unwrap_or_default();
            let category = category
                .as_deref()
                .and_then(StaffCategory::from_code)
                .map_or("", StaffCategory::label_zh);
            lines.push(Line {
                cells: vec![
                    no.to_string(),
                    township.clone(),
                    v.name.clone(),
                    name.clone(),
                    id_number.clone(),
                    phone.clone(),
                    category.to_owned(),
                    note.clone(),
                ],
                phone,
                id_number,
                short,
            });
        }
        if here.is_empty() {
            lines.push(Line {
                cells: vec![
                    String::new(),
                    township.clone(),
                    v.name.clone(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    note,
                ],
                phone: String::new(),
                id_number: String::new(),
                short,
            });
        }
        staffing.push(Staffing {
            township,
            village: v.name.clone(),
            population: v.population,
            required,
            present,
        });
    }
    (lines, staffing)
}

fn html(title: &str, lines: &[Line], staffing: &[Staffing], township: Option<&str>) -> String {
    let mut out =
        String::from("<article class=\"form ledger county\" data-notice=\"helper-roster\">");
    let link = |format: &str| match township.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => format!(
            "/county/helper-roster?township={}&amp;format={format}",
            escape(t)
        ),
        None => format!("/county/helper-roster?format={format}"),
    };
    out.push_str(&format!(
        "<nav class=\"screen-only hint\"><a href=\"{}\" data-export=\"xlsx\">导出 XLSX</a>　\
         <a href=\"{}\" data-export=\"csv\">导出 CSV</a>　\
         请用浏览器的“打印”功能横向打印本页（A4 横向）。 / Print with the browser (A4 landscape).</nav>",
        link("xlsx"),
        link("csv"),
    ));
    out.push_str(&format!("<h1>{}</h1>", escape(title)));
    out.push_str("<table class=\"grid county-table\" data-field=\"rows\"><thead><tr>");
    for h in HEADINGS {
        out.push_str(&format!("<th>{}</th>", escape(h)));
    }
    out.push_str("</tr></thead><tbody>");
    for l in lines {
        out.push_str(&format!(
            "<tr{}>",
            if l.short { " class=\"short\"" } else { "" }
        ));
        for (i, c) in l.cells.iter().enumerate() {
            if i == 4 && !l.id_number.is_empty() {
                out.push_str(&format!(
                    "<td><span class=\"screen-only\">{}</span><span class=\"print-only\">{}</span></td>",
                    escape(&mask_id_number(&l.id_number)),
                    escape(&l.id_number)
                ));
            } else if i == 5 && !l.phone.is_empty() {
                out.push_str(&format!(
                    "<td><span class=\"screen-only\">{}</span><span class=\"print-only\">{}</span></td>",
                    escape(&mask_phone(&l.phone)),
                    escape(&l.phone)
                ));
            } else {
                out.push_str(&format!("<td>{}</td>", escape(c)));
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table><p class=\"small\">");
    // The "blank, to be filled in" sentence only while some helper's account lacks them.
    if lines
        .iter()
        .any(|l| !l.cells[3].is_empty() && (l.id_number.is_empty() || l.cells[6].is_empty()))
    {
        out.push_str("身份证号码、人员类别：部分账户中尚未登记，留空待填（系统管理员可在“工作人员账号”中补录）。");
    }
    out.push_str(
        "屏幕上身份证号码和电话号码已作遮挡，打印件显示全号。黄色底纹为帮办代办员未配足的村（社区）。</p>",
    );
    out.push_str("<h2>村（社区）帮办代办员配备情况</h2><table class=\"grid\" data-field=\"staffing\"><thead><tr>");
    for h in STAFFING_HEADINGS {
        out.push_str(&format!("<th>{h}</th>"));
    }
    out.push_str("</tr></thead><tbody>");
    for s in staffing {
        let short = s.present < s.required;
        out.push_str(&format!(
            "<tr{}>",
            if short { " class=\"short\"" } else { "" }
        ));
        for c in s.cells() {
            out.push_str(&format!("<td>{}</td>", escape(&c)));
        }
        out.push_str("</tr>");
    }
    out.push_str(
        "</tbody></table><p class=\"small\">每个村（社区）至少配备 1 名帮办代办员，实有人口 1000 人以上的至少 2 名；人口未登记的按 1 名计。</p></article>",
    );
    out
}
