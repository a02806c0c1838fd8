//! The import's pages: the upload form, and the preview or report listing every row with its
//! verdict (rejected rows first, each reason at its column). Every value is escaped.

use std::fmt::Write;

use domain::identity::{mask_id_number, mask_name};

use super::import::{MAX_FILE, Verdict};
use super::import_read::{HEADINGS, MAX_ROWS};
use super::yuan;
use crate::pages::county::access::Reach;
use crate::pages::html::{escape, page_with};

/// The file being imported.
pub struct File<'a> {
    /// Its name as uploaded.
    pub name: &'a str,
    /// Its SHA-256.
    pub hash: &'a str,
    /// Its bytes, base64, for the commit.
    pub data: &'a str,
}

/// Which page.
#[derive(Clone, Copy)]
pub enum Stage<'a> {
    /// Before the commit.
    Preview,
    /// A commit refused because a row was rejected: nothing written.
    Refused,
    /// Committed; rows the push refused after all (with why), if any.
    Committed(&'a [(u32, String)]),
    /// This file was committed before: nothing written again.
    Again,
}

fn frame(title: &str, body: &str) -> String {
    page_with(
        title,
        "dashboard-page",
        &format!("<main class=\"dashboard\" data-page=\"registry-import\">{body}</main>"),
        &[crate::pages::dashboard::STYLESHEET],
    )
}

fn upload(out: &mut String) {
    let _ = write!(
        out,
        "<form class=\"period-form\" method=\"post\" action=\"/county/registry/import\" enctype=\"multipart/form-data\">\
         <label>名册文件（CSV 或 XLSX，不超过 {} MB、{MAX_ROWS} 行） Roster file\
         <input type=\"file\" name=\"file\" accept=\".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\" required></label>\
         <input type=\"hidden\" name=\"action\" value=\"preview\">\
         <button type=\"submit\" data-action=\"preview\">预览 Preview</button></form>",
        MAX_FILE / 1024 / 1024
    );
}

/// The upload form, with a message about the last attempt if any.
pub fn form(reach: &Reach, may_write: bool, message: Option<&str>) -> String {
    let mut out = format!(
        "<h1>{}救助对象名册导入 <span class=\"en\">Import a recipient roster</span></h1>\
         <p class=\"screen-only small\"><a href=\"/county/registry\">救助对象名册 Registry</a></p>",
        escape(&reach.name)
    );
    if let Some(m) = message {
        let _ = write!(
            out,
            "<p class=\"late\" role=\"alert\" data-said=\"refused\">{}</p>",
            escape(m)
        );
    }
    if !may_write {
        out.push_str("<p>只有乡镇窗口受理员（本乡镇）和县级监管人员（全县）可以导入名册。 / Only a township's window clerk or the county supervisor may import.</p>");
        return frame("救助对象名册导入", &out);
    }
    let _ = write!(
        out,
        "<p>第一行为列标题：{}（终止年月、停发年月可留空）。金额以元为单位，年月写作 2026-03。\
         先预览每一行的校验结果；只要有一行被拒绝，整份文件都不会导入。 \
         / First row: the headings. Preview first; a file with any rejected row imports nothing.</p>\
         <p class=\"small\"><a href=\"/county/registry/import/sample.csv\" download>下载示例文件 Sample CSV</a></p>",
        HEADINGS.join("、")
    );
    upload(&mut out);
    frame("救助对象名册导入", &out)
}

/// The preview or the report.
pub fn report(reach: &Reach, file: &File<'_>, verdicts: &[Verdict], stage: Stage<'_>) -> String {
    let rejected: Vec<&Verdict> = verdicts.iter().filter(|v| v.record.is_none()).collect();
    let mut out = format!(
        "<h1>{}救助对象名册导入 <span class=\"en\">Import a recipient roster</span></h1>\
         <p class=\"screen-only small\"><a href=\"/county/registry\">救助对象名册 Registry</a>　<a href=\"/county/registry/import\">重新选择文件 Another file</a></p>\
         <p class=\"small\">文件：{}（SHA-256 {}…）</p>",
        escape(&reach.name),
        escape(file.name),
        escape(file.hash.get(..12).unwrap_or(file.hash)),
    );
    let summary = format!(
        "共 {} 行，可导入 {} 行，拒绝 {} 行。",
        verdicts.len(),
        verdicts.len() - rejected.len(),
        rejected.len()
    );
    let (said, kind) = match stage {
        Stage::Preview if rejected.is_empty() => {
            (format!("{summary}请核对后确认导入。"), "preview")
        }
        Stage::Preview => (
            format!("{summary}有被拒绝的行，整份文件不会导入：请改正下列行后重新上传。"),
            "preview",
        ),
        Stage::Refused => (
            format!("{summary}未导入任何一行：请改正被拒绝的行后重新上传。"),
            "refused",
        ),
        Stage::Committed([]) => (
            format!("已导入 {} 行。 / Imported.", verdicts.len()),
            "committed",
        ),
        Stage::Committed(refused) => (
            format!(
                "已导入 {} 行；{} 行在写入时被拒绝：{}",
                verdicts.len() - refused.len(),
                refused.len(),
                refused
                    .iter()
                    .map(|(l, m)| format!("第 {l} 行：{m}"))
                    .collect::<Vec<_>>()
                    .join("；")
            ),
            "partial",
        ),
        Stage::Again => (
            format!(
                "此文件已于此前导入（{} 行），未重复写入。 / Already imported: nothing written again.",
                verdicts.len()
            ),
            "again",
        ),
    };
    let _ = write!(
        out,
        "<p role=\"status\" data-said=\"{kind}\" data-rows=\"{}\" data-rejected=\"{}\" class=\"{}\">{}</p>",
        verdicts.len(),
        rejected.len(),
        if rejected.is_empty() { "" } else { "late" },
        escape(&said)
    );
    if matches!(stage, Stage::Preview) && rejected.is_empty() {
        let _ = write!(
            out,
            "<form class=\"period-form\" method=\"post\" action=\"/county/registry/import\" enctype=\"multipart/form-data\">\
             <input type=\"hidden\" name=\"data\" value=\"{}\"><input type=\"hidden\" name=\"name\" value=\"{}\">\
             <input type=\"hidden\" name=\"action\" value=\"commit\">\
             <button type=\"submit\" data-action=\"commit\">确认导入 {} 行 Commit</button></form>",
            escape(file.data),
            escape(file.name),
            verdicts.len()
        );
    }
    if !rejected.is_empty() {
        let _ = write!(
            out,
            "<section data-section=\"rejected\"><h2>被拒绝的行（{}） <span class=\"small\">Rejected rows</span></h2>",
            rejected.len()
        );
        table(&mut out, &rejected);
        out.push_str("</section>");
    }
    let all: Vec<&Verdict> = verdicts.iter().collect();
    let _ = write!(
        out,
        "<section data-section=\"rows\"><h2>全部行（{}） <span class=\"small\">Every row</span></h2>",
        all.len()
    );
    table(&mut out, &all);
    out.push_str("</section><p class=\"small\">户主姓名、身份证号在页面上已作遮挡。</p>");
    if !matches!(stage, Stage::Committed(_) | Stage::Again) {
        upload(&mut out);
    }
    page_with(
        "救助对象名册导入",
        "dashboard-page",
        &format!("<main class=\"dashboard\" data-page=\"registry-import\">{out}</main>"),
        &[crate::pages::dashboard::STYLESHEET],
    )
}

fn table(out: &mut String, verdicts: &[&Verdict]) {
    out.push_str(
        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"导入行\"><table class=\"data\"><thead><tr>\
         <th scope=\"col\">行号</th><th scope=\"col\">结果</th><th scope=\"col\">乡镇（街道）</th><th scope=\"col\">村（社区）</th>\
         <th scope=\"col\">类别</th><th scope=\"col\">户主</th><th scope=\"col\">身份证号码</th><th scope=\"col\">保障人数</th>\
         <th scope=\"col\">月保障金额（元）</th><th scope=\"col\">起始年月</th><th scope=\"col\">原因</th></tr></thead><tbody>",
    );
    for v in verdicts {
        let i = &v.row.input;
        let reasons = v
            .errors
            .iter()
            .map(|e| format!("{}：{}", e.column, e.message_zh))
            .collect::<Vec<_>>()
            .join("；");
        let _ = write!(
            out,
            "<tr data-line=\"{}\" data-verdict=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td data-field=\"reasons\">{}</td></tr>",
            v.row.line,
            if v.record.is_some() {
                "accepted"
            } else {
                "rejected"
            },
            v.row.line,
            if v.record.is_some() {
                "可导入"
            } else {
                "拒绝"
            },
            escape(&v.row.township),
            escape(&v.row.village),
            escape(&i.category),
            escape(&mask_name(&i.head_name)),
            escape(&mask_id_number(&i.head_id)),
            escape(&i.members),
            escape(
                &v.record
                    .as_ref()
                    .map_or_else(|| i.amount_yuan.clone(), |r| yuan(r.monthly_fen))
            ),
            escape(&i.start),
            escape(&reasons),
        );
    }
    out.push_str("</tbody></table></div>");
}
