//! The checks' page and export rows: a summary of counts by check, then one table per check,
//! each finding with its masked subject, what is wrong, its cases (one tap to each), who
//! follows it up, and the latest follow-up mark with who and when; on screen each row also has
//! the follow-up form. Every value is escaped; no inline style.

use std::collections::HashMap;
use std::fmt::Write;

use domain::checks::CheckKind;
use uuid::Uuid;

use super::findings::Finding;
use super::follow_up::{Mark, NOTE_MAX, anchor};
use crate::pages::html::{beijing_time, escape};
use crate::pages::notice::case_number;

/// The export's column headings, in order.
pub const HEADINGS: [&str; 10] = [
    "序号",
    "疑点类别",
    "乡镇（街道）",
    "村（社区）",
    "对象",
    "疑点情况",
    "相关案件",
    "跟进责任人",
    "跟进情况",
    "跟进记录人及时间",
];

fn case_no(id: &str) -> String {
    Uuid::parse_str(id).map_or_else(|_| id.to_owned(), case_number)
}

fn mark_text(mark: Option<&Mark>) -> (String, String) {
    match mark {
        Some(m) => (
            format!(
                "{}{}",
                if m.done { "已办结" } else { "跟进中" },
                if m.note.is_empty() {
                    String::new()
                } else {
                    format!("：{}", m.note)
                }
            ),
            format!("{} {}", m.by, beijing_time(m.at)),
        ),
        None => ("未跟进".to_owned(), String::new()),
    }
}

/// One export row.
pub fn cells(no: usize, f: &Finding, marks: &HashMap<String, Mark>) -> Vec<String> {
    let (state, who) = mark_text(marks.get(&f.key));
    vec![
        no.to_string(),
        f.kind.name_zh().to_owned(),
        f.township_names.clone(),
        f.village_name.clone(),
        f.subject.clone(),
        f.detail.clone(),
        f.cases
            .iter()
            .map(|c| case_no(c))
            .collect::<Vec<_>>()
            .join("、"),
        f.follower.clone(),
        state,
        who,
    ]
}

/// The whole page's body.
pub fn page(
    title: &str,
    found: &[Finding],
    marks: &HashMap<String, Mark>,
    township: Option<&str>,
) -> String {
    // The page frame (`html::page_with`) keeps a same-origin referrer, so the follow-up form's
    // POST carries its Origin.
    let mut out = String::from("<main class=\"dashboard\" data-page=\"checks\">");
    let link = |format: &str| match township.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => format!("/county/checks?township={}&amp;format={format}", escape(t)),
        None => format!("/county/checks?format={format}"),
    };
    let _ = write!(
        out,
        "<h1>{} <span class=\"en\">Data checks for follow-up</span></h1>\
         <p class=\"screen-only small\"><a href=\"{}\" data-export=\"xlsx\">导出 XLSX</a>　\
         <a href=\"{}\" data-export=\"csv\">导出 CSV</a>　<a href=\"/county/dashboard\">监管看板</a>　\
         <a href=\"/county/certification\">资格认证</a>　\
         请用浏览器的“打印”功能横向打印本页（A4 横向）。 / Print with the browser (A4 landscape).</p>",
        escape(title),
        link("xlsx"),
        link("csv"),
    );
    out.push_str(
        "<section data-section=\"summary\"><h2>疑点汇总 <span class=\"small\">Summary</span></h2>\
         <div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"疑点汇总\">\
         <table class=\"data\"><thead><tr><th scope=\"col\">疑点类别</th><th scope=\"col\">疑点数</th>\
         <th scope=\"col\">未办结</th></tr></thead><tbody>",
    );
    for kind in CheckKind::ALL {
        let of: Vec<&Finding> = found.iter().filter(|f| f.kind == kind).collect();
        let open = of
            .iter()
            .filter(|f| !marks.get(&f.key).is_some_and(|m| m.done))
            .count();
        let _ = write!(
            out,
            "<tr data-check=\"{code}\"><td><a href=\"#{code}\">{}</a><br><span class=\"small\">{}</span></td>\
             <td data-field=\"count\">{}</td><td>{open}</td></tr>",
            kind.name_zh(),
            kind.name_en(),
            of.len(),
            code = kind.code(),
        );
    }
    out.push_str("</tbody></table></div></section>");
    let mut no = 0;
    for kind in CheckKind::ALL {
        let of: Vec<&Finding> = found.iter().filter(|f| f.kind == kind).collect();
        let _ = write!(
            out,
            "<section data-section=\"{code}\" id=\"{code}\"><h2>{}（{}）</h2>",
            kind.name_zh(),
            of.len(),
            code = kind.code(),
        );
        if of.is_empty() {
            out.push_str("<p class=\"small\">未发现疑点。 / Nothing found.</p></section>");
            continue;
        }
        let _ = write!(
            out,
            "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table class=\"data\"><thead><tr>",
            kind.name_zh()
        );
        for h in HEADINGS.iter().filter(|h| **h != "疑点类别") {
            let _ = write!(out, "<th scope=\"col\">{h}</th>");
        }
        out.push_str("</tr></thead><tbody>");
        for f in of {
            no += 1;
            row(&mut out, no, f, marks.get(&f.key));
        }
        out.push_str("</tbody></table></div></section>");
    }
    out.push_str(
        "<p class=\"small\">对象的姓名、身份证号已作遮挡；疑点每日按当时数据重新比对，已办结的疑点若仍存在会继续列出。\
         跟进情况请勿填写完整的身份证号、电话或姓名。</p></main>",
    );
    out
}

fn row(out: &mut String, no: usize, f: &Finding, mark: Option<&Mark>) {
    let (state, who) = mark_text(mark);
    let id = anchor(&f.key);
    let cases = f
        .cases
        .iter()
        .map(|c| {
            format!(
                "<a href=\"/cases/{}\" data-case=\"{}\">{}</a>",
                escape(c),
                escape(c),
                escape(&case_no(c))
            )
        })
        .collect::<Vec<_>>()
        .join("<br>");
    let _ = write!(
        out,
        "<tr id=\"{id}\" data-key=\"{}\"{}><td>{no}</td><td>{}</td><td>{}</td>\
         <td data-field=\"subject\">{}</td><td>{}</td><td>{cases}</td>\
         <td data-field=\"follower\">{}</td><td data-field=\"mark\">{}",
        escape(&f.key),
        if mark.is_some_and(|m| m.done) {
            " class=\"done\""
        } else {
            ""
        },
        escape(&f.township_names),
        escape(&f.village_name),
        escape(&f.subject),
        escape(&f.detail),
        escape(&f.follower),
        escape(&state),
    );
    let _ = write!(
        out,
        "<form class=\"screen-only follow-up\" method=\"post\" action=\"/county/checks/follow-up\">\
         <input type=\"hidden\" name=\"key\" value=\"{}\">\
         <label>跟进情况 <input type=\"text\" name=\"note\" maxlength=\"{NOTE_MAX}\" autocomplete=\"off\"></label> \
         <label><input type=\"checkbox\" name=\"done\" value=\"true\"> 已办结</label> \
         <button type=\"submit\" data-action=\"follow-up\">记录跟进</button></form></td>\
         <td data-field=\"marked-by\">{}</td></tr>",
        escape(&f.key),
        escape(&who),
    );
}
