//! The dashboard's HTML: each section a chart (where a person would rather look than read)
//! followed by its table. Every value is escaped; no inline style.

use std::collections::HashMap;
use std::fmt::Write;

use chrono::NaiveDate;
use domain::catalogue::{AidItemCode, Catalogue};
use domain::workflow::{CaseState, Channel};
use uuid::Uuid;

use super::chart::{Bar, bars};
use super::query::{Clock, Hardship};
use super::stats::{Activity, Counts, RATINGS, Satisfaction, Standing, StepAverage};
use crate::pages::html::{date_zh, escape};
use crate::pages::notice::case_number;

/// Names to show instead of codes.
pub struct Names<'a> {
    /// Places by code.
    pub places: &'a HashMap<String, String>,
    /// Departments by code.
    pub departments: &'a HashMap<String, String>,
    /// Staff by id.
    pub staff: &'a HashMap<Uuid, String>,
    /// The catalogue (item names).
    pub catalogue: &'a Catalogue,
}

impl Names<'_> {
    fn place(&self, code: &str) -> String {
        if code.is_empty() {
            return "（县级）".to_owned();
        }
        self.places
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    }
    fn item(&self, code: &str) -> String {
        self.catalogue
            .item(&AidItemCode(code.to_owned()))
            .map_or_else(|| code.to_owned(), |i| i.name_zh.clone())
    }
}

/// The Chinese name of a state code.
pub fn state_zh(code: &str) -> String {
    CaseState::ALL
        .iter()
        .find(|s| crate::projection::row::code(*s) == code)
        .map_or_else(|| code.to_owned(), |s| s.name_zh().to_owned())
}

/// The Chinese name of a channel code.
pub fn channel_zh(code: &str) -> String {
    Channel::ALL
        .iter()
        .find(|c| crate::projection::row::code(*c) == code)
        .map_or_else(|| code.to_owned(), |c| c.name_zh().to_owned())
}

/// A clock's step in Chinese.
pub fn step_zh(step: &str) -> &'static str {
    match step {
        "route" => "分办（受理后1个工作日内）",
        "decision" => "部门办理",
        "reroute" => "转办（退回后1个工作日内）",
        "tell" => "告知单项结果（2个工作日内）",
        "notify" => "反馈办理结果（2个工作日内）",
        _ => "其他",
    }
}

fn table(caption: &str, head: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = format!(
        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">\
         <table class=\"data\"><caption>{}</caption><thead><tr>",
        escape(caption),
        escape(caption)
    );
    for h in head {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>");
    for r in rows {
        out.push_str("<tr>");
        for cell in r {
            // Cells are HTML built by the caller (escaped there).
            let _ = write!(out, "<td>{cell}</td>");
        }
        out.push_str("</tr>");
    }
    if rows.is_empty() {
        let _ = write!(
            out,
            "<tr><td colspan=\"{}\" class=\"empty\">本期间没有记录。</td></tr>",
            head.len()
        );
    }
    out.push_str("</tbody></table></div>");
    out
}

fn counted(
    id: &str,
    title: &str,
    rows: &[(String, usize)],
    name: impl Fn(&str) -> String,
) -> String {
    let total: usize = rows.iter().map(|r| r.1).sum();
    let list: Vec<Bar> = rows
        .iter()
        .map(|(k, n)| Bar {
            label: name(k),
            value: *n as f64,
            text: n.to_string(),
            warn: false,
        })
        .collect();
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|(k, n)| vec![escape(&name(k)), n.to_string(), percent(*n, total)])
        .collect();
    format!(
        "<section class=\"panel\" data-section=\"{id}\"><h3>{}</h3>{}{}</section>",
        escape(title),
        bars(id, title, &list),
        table(title, &["分类", "件数", "占比"], &lines)
    )
}

fn percent(n: usize, total: usize) -> String {
    if total == 0 {
        "—".to_owned()
    } else {
        format!("{:.0}%", n as f64 * 100.0 / total as f64)
    }
}

/// Section 1: the four counts.
pub fn counts(c: &Counts, total: usize, names: &Names<'_>) -> String {
    format!(
        "<section data-section=\"counts\"><h2>案件数量（本期受理登记 {total} 件）</h2>\
         <div class=\"panels\">{}{}{}{}</div></section>",
        counted("by-state", "按办理状态", &c.state, state_zh),
        counted("by-township", "按乡镇（街道）", &c.township, |k| {
            names.place(k)
        }),
        counted("by-item", "按救助事项", &c.item, |k| names.item(k)),
        counted("by-channel", "按申请渠道", &c.channel, channel_zh),
    )
}

/// Section 2: the clocks near or past their last day.
pub fn deadlines(clocks: &[(Clock, Standing)], names: &Names<'_>) -> String {
    let rows: Vec<Vec<String>> = clocks
        .iter()
        .map(|(c, s)| {
            let (class, text) = match s {
                Standing::Past(n) => ("late", format!("已超期 {n} 个工作日")),
                Standing::Near(0) => ("near", "今日到期".to_owned()),
                Standing::Near(n) => ("near", format!("剩余 {n} 个工作日")),
            };
            let who = match (&c.department, c.first_asker) {
                (Some(d), _) => names
                    .departments
                    .get(d)
                    .cloned()
                    .unwrap_or_else(|| d.clone()),
                (None, Some(u)) => format!(
                    "受理窗口（首问负责人：{}）",
                    names.staff.get(&u).map_or("", String::as_str)
                ),
                (None, None) => "受理窗口".to_owned(),
            };
            vec![
                format!(
                    "<a href=\"/cases/{}\" data-case=\"{}\">{}</a>",
                    c.case,
                    c.case,
                    escape(&case_number(c.case))
                ),
                escape(&names.place(c.township.as_deref().unwrap_or(""))),
                escape(step_zh(&c.step)),
                escape(&c.item.as_deref().map(|i| names.item(i)).unwrap_or_default()),
                escape(&date_zh(c.due_on)),
                format!("<span class=\"{class}\">{}</span>", escape(&text)),
                escape(&who),
            ]
        })
        .collect();
    format!(
        "<section data-section=\"deadlines\"><h2>临近或超过时限的案件（{} 项）</h2>\
         <p class=\"small\">临近：剩余不超过1个工作日；按工作日计算（法定节假日、调休上班日已计入）。</p>{}</section>",
        clocks.len(),
        table(
            "临近或超过时限",
            &[
                "案件编号",
                "乡镇（街道）",
                "环节",
                "事项",
                "期限",
                "情况",
                "责任人"
            ],
            &rows
        )
    )
}

fn days(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_owned(), |d| format!("{d:.1}"))
}

/// Section 3: average working days per step against the limits.
pub fn steps(steps: &[StepAverage]) -> String {
    let list: Vec<Bar> = steps
        .iter()
        .map(|s| Bar {
            label: s.step.name_zh().to_owned(),
            value: s.average.unwrap_or(0.0),
            text: format!("{} / 限{}", days(s.average), days(s.limit)),
            warn: matches!((s.average, s.limit), (Some(a), Some(l)) if a > l),
        })
        .collect();
    let rows: Vec<Vec<String>> = steps
        .iter()
        .map(|s| {
            vec![
                escape(s.step.name_zh()),
                s.cases.to_string(),
                days(s.average),
                days(s.limit),
                s.late.to_string(),
            ]
        })
        .collect();
    let title = "各环节平均用时（工作日）";
    format!(
        "<section data-section=\"steps\"><h2>{title}</h2>{}{}<p class=\"small\">受理时限为本地默认值\
         （附件要求当场审核，留1个工作日），待确认；部门办理的时限为各案件事项时限（含批准的延期）的平均。</p></section>",
        bars("steps", title, &list),
        table(
            title,
            &["环节", "已完成件数", "平均用时", "时限", "超时件数"],
            &rows
        )
    )
}

/// Section 4: satisfaction.
pub fn satisfaction(s: &Satisfaction) -> String {
    let list: Vec<Bar> = RATINGS
        .iter()
        .zip(&s.counts)
        .map(|((_, zh), n)| Bar {
            label: (*zh).to_owned(),
            value: *n as f64,
            text: n.to_string(),
            warn: false,
        })
        .collect();
    let rows: Vec<Vec<String>> = RATINGS
        .iter()
        .zip(&s.counts)
        .map(|((_, zh), n)| vec![escape(zh), n.to_string(), percent(*n, s.rated)])
        .collect();
    let rate = s
        .satisfied_rate
        .map_or_else(|| "—".to_owned(), |r| format!("{:.0}%", r * 100.0));
    format!(
        "<section data-section=\"satisfaction\"><h2>满意度</h2>\
         <p data-field=\"satisfied-rate\">满意率（基本满意及以上）：<strong>{rate}</strong>；\
         已评价 {} 件，已反馈未评价 {} 件。</p>{}{}</section>",
        s.rated,
        s.unrated,
        bars("ratings", "评价分布", &list),
        table("评价分布", &["评价", "件数", "占比"], &rows)
    )
}

/// Section 5: hardship reports and how fast each was answered.
pub fn hardship(reports: &[(Hardship, Option<i64>)], names: &Names<'_>) -> String {
    let rows: Vec<Vec<String>> = reports
        .iter()
        .map(|(h, within)| {
            let village = h
                .place
                .village()
                .map(|v| names.place(v.as_str()))
                .unwrap_or_default();
            let case = h.case.map_or_else(
                || "未立案".to_owned(),
                |c| format!("<a href=\"/cases/{c}\">{}</a>", escape(&case_number(c))),
            );
            let opt = |d: Option<NaiveDate>| d.map(date_zh).unwrap_or_else(|| "—".to_owned());
            vec![
                escape(&date_zh(h.reported_on)),
                escape(&village),
                escape(&h.category),
                case,
                escape(&opt(h.opened_on)),
                escape(&opt(h.answered_on)),
                within.map_or_else(|| "尚未答复".to_owned(), |n| format!("{n} 个工作日")),
            ]
        })
        .collect();
    let answered: Vec<i64> = reports.iter().filter_map(|(_, w)| *w).collect();
    let average =
        (!answered.is_empty()).then(|| answered.iter().sum::<i64>() as f64 / answered.len() as f64);
    format!(
        "<section data-section=\"hardship\"><h2>困难报告及答复（{} 件，已答复 {} 件，平均 {} 个工作日）</h2>{}</section>",
        reports.len(),
        answered.len(),
        days(average),
        table(
            "困难报告",
            &[
                "报告日期",
                "村（社区）",
                "情况",
                "案件",
                "立案日期",
                "窗口答复日期",
                "答复用时"
            ],
            &rows
        )
    )
}

/// Section 6: helpers' activity per village.
pub fn activity(lines: &[(String, Activity)], names: &Names<'_>) -> String {
    let list: Vec<Bar> = lines
        .iter()
        .map(|(v, a)| {
            let n = a.entrustments + a.visits + a.evaluations;
            Bar {
                label: names.place(v),
                value: n as f64,
                text: n.to_string(),
                warn: false,
            }
        })
        .collect();
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|(v, a)| {
            vec![
                escape(&names.place(v)),
                a.entrustments.to_string(),
                a.visits.to_string(),
                a.evaluations.to_string(),
            ]
        })
        .collect();
    let title = "帮办代办员工作量（按村）";
    format!(
        "<section data-section=\"activity\"><h2>{title}</h2>{}{}</section>",
        bars("activity", title, &list),
        table(title, &["村（社区）", "委托代办", "走访", "评价"], &rows)
    )
}
