//! Small helpers for the server-rendered pages: escaping, the page frame, dates in Beijing.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// Escapes text for HTML content and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A whole page: `title` (already plain text, escaped here) and `body` (HTML, escaped by the
/// caller). Styles come from the stylesheet only: the page policy allows no inline style.
pub fn page(title: &str, body_class: &str, body: &str) -> String {
    page_with(title, body_class, body, &[])
}

/// [`page`] with further stylesheets after the common one (e.g. the landscape page rule). The
/// page's referrer policy is `same-origin` (the server's header says `no-referrer`): under
/// `no-referrer` a browser sends `Origin: null` with a form's POST (the county report's submit
/// mark), which the cross-site check rightly refuses; `same-origin` still sends nothing to
/// other sites.
pub fn page_with(title: &str, body_class: &str, body: &str, stylesheets: &[&str]) -> String {
    let more: String = stylesheets
        .iter()
        .map(|href| format!("<link rel=\"stylesheet\" href=\"{}\">", escape(href)))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\">\
         <meta name=\"referrer\" content=\"same-origin\">\
         <title>{}</title><link rel=\"stylesheet\" href=\"{}\">{more}</head>\
         <body class=\"{}\">{body}</body></html>",
        escape(title),
        super::STYLESHEET,
        escape(body_class),
    )
}

fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// `2026年12月01日 10:00:00` in Beijing time.
pub fn beijing_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&beijing())
        .format("%Y年%m月%d日 %H:%M:%S（北京时间）")
        .to_string()
}

/// `2026年12月01日`.
pub fn date_zh(day: NaiveDate) -> String {
    day.format("%Y年%m月%d日").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
