//! The registry's page and export: the filter (township, category, month), the month's
//! statistics per category and township with the six movements, the month's movements entry
//! by entry, and the entries listed; names and ID numbers masked. Every value is escaped.

use std::collections::HashMap;
use std::fmt::Write;

use domain::identity::{mask_id_number, mask_name};
use domain::registry::{Category, Entry, Month, MovementKind, Source, movements, stats};

use super::yuan;
use crate::pages::county::access::Reach;
use crate::pages::county::export::Sheet;
use crate::pages::html::escape;

/// The export's column headings, in order.
pub const HEADINGS: [&str; 12] = [
    "序号",
    "救助类别",
    "乡镇（街道）",
    "村（社区）",
    "户主姓名",
    "身份证号码",
    "保障人数",
    "月保障金额（元）",
    "起始年月",
    "终止年月",
    "本月状态",
    "来源",
];

/// What the page shows.
pub struct View<'a> {
    /// The title.
    pub title: String,
    /// The month.
    pub month: Month,
    /// The category chosen, if any.
    pub category: Option<Category>,
    /// The township chosen, if any.
    pub township: Option<&'a str>,
    /// The caller's reach.
    pub reach: &'a Reach,
    /// Place names by code.
    pub names: &'a HashMap<String, String>,
    /// The entries (of the reach and category).
    pub entries: &'a [Entry],
    /// Whether to link the import.
    pub may_import: bool,
}

fn state_of(e: &Entry, month: Month) -> &'static str {
    if !e.listed_in(month) {
        "未在册"
    } else if e.paid_in(month) {
        "正常发放"
    } else {
        "停发"
    }
}

impl View<'_> {
    fn name(&self, code: &str) -> String {
        self.names
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    }

    fn listed(&self) -> Vec<&Entry> {
        self.entries
            .iter()
            .filter(|e| e.listed_in(self.month))
            .collect()
    }

    fn cells(&self, no: usize, e: &Entry) -> Vec<String> {
        vec![
            no.to_string(),
            e.category.name_zh().to_owned(),
            self.name(&e.township),
            self.name(&e.village),
            mask_name(&e.head_name),
            mask_id_number(&e.head_id),
            e.members.to_string(),
            yuan(e.amount_in(self.month)),
            e.start.to_string(),
            e.end.map(|m| m.to_string()).unwrap_or_default(),
            state_of(e, self.month).to_owned(),
            match &e.source {
                Source::Cases { .. } => "审批案件".to_owned(),
                Source::Imported { .. } => "名册导入".to_owned(),
            },
        ]
    }

    /// The export: the entries listed in the month.
    pub fn sheet(&self) -> Sheet<'_> {
        let listed = self.listed();
        Sheet {
            name: "救助对象名册",
            title: self.title.clone(),
            headings: &HEADINGS,
            rows: listed
                .iter()
                .enumerate()
                .map(|(i, e)| self.cells(i + 1, e))
                .collect(),
            highlight: listed.iter().map(|e| !e.paid_in(self.month)).collect(),
            footer: None,
        }
    }

    fn link(&self, format: &str) -> String {
        let mut q = format!("month={}", self.month);
        if let Some(t) = self.township {
            let _ = write!(q, "&amp;township={}", escape(t));
        }
        if let Some(c) = self.category {
            let _ = write!(q, "&amp;category={}", c.code());
        }
        format!("/county/registry?{q}&amp;format={format}")
    }

    fn filter(&self, out: &mut String) {
        out.push_str(
            "<form class=\"period-form screen-only\" method=\"get\" action=\"/county/registry\">",
        );
        if self.reach.townships.len() > 1 || self.township.is_some() {
            out.push_str("<label>乡镇（街道） Township<select name=\"township\"><option value=\"\">全部 All</option>");
            for t in &self.reach.townships {
                let _ = write!(
                    out,
                    "<option value=\"{c}\"{}>{}</option>",
                    if self.township == Some(t.code.as_str()) {
                        " selected"
                    } else {
                        ""
                    },
                    escape(&t.name),
                    c = escape(t.code.as_str()),
                );
            }
            out.push_str("</select></label>");
        }
        out.push_str("<label>救助类别 Category<select name=\"category\"><option value=\"\">全部 All</option>");
        for c in Category::ALL {
            let _ = write!(
                out,
                "<option value=\"{}\"{}>{} {}</option>",
                c.code(),
                if self.category == Some(c) {
                    " selected"
                } else {
                    ""
                },
                c.name_zh(),
                c.name_en()
            );
        }
        let _ = write!(
            out,
            "</select></label><label>月份 Month<input type=\"month\" name=\"month\" value=\"{}\" required></label>\
             <button type=\"submit\">查看 Show</button></form>",
            self.month
        );
    }

    fn statistics(&self, out: &mut String) {
        let s = stats(self.entries, self.month);
        out.push_str(
            "<section data-section=\"stats\"><h2>本月统计 <span class=\"small\">Monthly statistics</span></h2>\
             <div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"本月统计\"><table class=\"data\"><thead><tr>\
             <th scope=\"col\">类别</th><th scope=\"col\">乡镇（街道）</th><th scope=\"col\">上月在册（户）</th>\
             <th scope=\"col\">本月在册（户）</th><th scope=\"col\">保障人数</th><th scope=\"col\">本月发放（元）</th>",
        );
        for k in MovementKind::ALL {
            let _ = write!(
                out,
                "<th scope=\"col\">{}<br><span class=\"small\">{}</span></th>",
                k.name_zh(),
                k.name_en()
            );
        }
        out.push_str("</tr></thead><tbody>");
        if s.is_empty() {
            out.push_str("<tr><td class=\"empty\" colspan=\"12\">本月没有在册对象，也没有变动。 / Nothing listed or moved.</td></tr>");
        }
        for ((category, township), line) in &s {
            let (c, t) = match (category, township) {
                (None, _) => ("合计 Total".to_owned(), String::new()),
                (Some(c), None) => (format!("{}（小计）", c.name_zh()), "全部".to_owned()),
                (Some(c), Some(t)) => (c.name_zh().to_owned(), self.name(t)),
            };
            let _ = write!(
                out,
                "<tr data-stats=\"{}/{}\"><td>{}</td><td>{}</td><td>{}</td><td data-field=\"listed\">{}</td><td>{}</td><td>{}</td>",
                category.map_or("all", Category::code),
                escape(township.as_deref().unwrap_or("all")),
                escape(&c),
                escape(&t),
                line.listed_before,
                line.listed,
                line.members,
                yuan(line.paid_fen),
            );
            for k in MovementKind::ALL {
                let _ = write!(
                    out,
                    "<td data-move=\"{}\">{}<br><span class=\"small\">{} 元</span></td>",
                    k.code(),
                    line.count(k),
                    yuan(line.fen(k))
                );
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table></div><p class=\"small\">本月在册 = 上月在册 + 新增 − 退出；本月发放 = 上月发放 + 新增 − 退出 + 增发 − 减发 − 停发（补发另计）。</p></section>");
    }

    fn moves(&self, out: &mut String) {
        let moved = movements(self.entries, self.month);
        let _ = write!(
            out,
            "<section data-section=\"movements\"><h2>本月动态（{}） <span class=\"small\">This month's movements</span></h2>",
            moved.len()
        );
        if moved.is_empty() {
            out.push_str("<p class=\"small\">本月没有变动。 / No movement.</p></section>");
            return;
        }
        out.push_str(
            "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"本月动态\"><table class=\"data\"><thead><tr>\
             <th scope=\"col\">变动</th><th scope=\"col\">类别</th><th scope=\"col\">村（社区）</th>\
             <th scope=\"col\">户主</th><th scope=\"col\">身份证号码</th><th scope=\"col\">金额（元）</th></tr></thead><tbody>",
        );
        for m in &moved {
            let Some(e) = self.entries.iter().find(|e| e.key == m.key) else {
                continue;
            };
            let _ = write!(
                out,
                "<tr data-movement=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                m.kind.code(),
                m.kind.name_zh(),
                e.category.name_zh(),
                escape(&self.name(&e.village)),
                escape(&mask_name(&e.head_name)),
                escape(&mask_id_number(&e.head_id)),
                yuan(m.fen),
            );
        }
        out.push_str("</tbody></table></div></section>");
    }

    /// The whole page's body.
    pub fn page(&self) -> String {
        let mut out = String::from("<main class=\"dashboard\" data-page=\"registry\">");
        let _ = write!(
            out,
            "<h1>{} <span class=\"en\">Recipient registry</span></h1>\
             <p class=\"screen-only small\"><a href=\"{}\" data-export=\"xlsx\">导出 XLSX</a>　\
             <a href=\"{}\" data-export=\"csv\">导出 CSV</a>　<a href=\"/county/registry/reviews\">定期复核 Reviews</a>　{}\
             <a href=\"/county/dashboard\">监管看板</a>　请用浏览器的“打印”功能横向打印本页（A4 横向）。 / Print with the browser (A4 landscape).</p>",
            escape(&self.title),
            self.link("xlsx"),
            self.link("csv"),
            if self.may_import {
                "<a href=\"/county/registry/import\">导入名册 Import</a>　"
            } else {
                ""
            },
        );
        self.filter(&mut out);
        self.statistics(&mut out);
        self.moves(&mut out);
        let listed = self.listed();
        let _ = write!(
            out,
            "<section data-section=\"entries\"><h2>在册对象（{} 户） <span class=\"small\">Listed this month</span></h2>",
            listed.len()
        );
        if listed.is_empty() {
            out.push_str("<p class=\"small\">本月没有在册对象。 / Nobody listed.</p>");
        } else {
            out.push_str("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"在册对象\"><table class=\"data\"><thead><tr>");
            for h in HEADINGS {
                let _ = write!(out, "<th scope=\"col\">{h}</th>");
            }
            out.push_str("</tr></thead><tbody>");
            for (i, e) in listed.iter().enumerate() {
                let _ = write!(out, "<tr data-entry=\"{}\">", escape(&e.key));
                for c in self.cells(i + 1, e) {
                    let _ = write!(out, "<td>{}</td>", escape(&c));
                }
                out.push_str("</tr>");
            }
            out.push_str("</tbody></table></div>");
        }
        out.push_str(
            "</section><p class=\"small\">户主姓名、身份证号已作遮挡。审批案件的月度救助自受理当月起计发（本地默认，待确认），\
             审批晚于受理的月份计为补发；临时救助按审批当月一次计入。</p></main>",
        );
        out
    }
}
