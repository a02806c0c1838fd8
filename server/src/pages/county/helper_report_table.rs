//! The county helper report's table as HTML: the attachment's columns; the entrusting
//! person's name masked on screen and in full on paper (the form needs it).

use super::helper_report_rows::{HEADINGS, ReportRow};
use crate::pages::html::escape;

/// The table.
pub fn table(rows: &[ReportRow]) -> String {
    let mut out =
        String::from("<table class=\"grid county-table\" data-field=\"rows\"><thead><tr>");
    for h in HEADINGS {
        out.push_str(&format!("<th>{}</th>", escape(h)));
    }
    out.push_str("</tr></thead><tbody>");
    for (i, r) in rows.iter().enumerate() {
        out.push_str(&format!(
            "<tr><td class=\"no\">{}</td><td>{}</td><td>{}</td>\
             <td><span class=\"screen-only\">{}</span><span class=\"print-only\">{}</span></td>\
             <td>{}</td><td>{}</td><td class=\"no\">{}</td><td>{}</td><td>{}</td><td class=\"no\">{}</td><td>{}</td></tr>",
            i + 1,
            escape(&r.township_name),
            escape(&r.village_name),
            escape(&r.entrusting_masked),
            escape(&r.entrusting_person),
            escape(&r.helper),
            escape(&r.items),
            r.received_on,
            escape(&r.limit),
            escape(&r.result),
            escape(&r.reply_on),
            escape(&r.notes),
        ));
    }
    if rows.is_empty() {
        out.push_str(&format!(
            "<tr><td colspan=\"{}\" class=\"empty\">本期间内没有帮办代办事项。</td></tr>",
            HEADINGS.len()
        ));
    }
    out.push_str("</tbody></table>");
    out
}
