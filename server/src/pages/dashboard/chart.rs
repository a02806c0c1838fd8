//! Horizontal bar charts drawn by the server as inline SVG: no chart service, nothing
//! fetched, no inline style (the page policy forbids it), only presentation attributes and
//! the dashboard's stylesheet classes. Each chart carries its text alternative (`role="img"`,
//! `<title>` and `<desc>`) and is followed by its table on the page.

use std::fmt::Write;

use super::super::html::escape;

/// One bar: its label, value, the value as printed, and whether it is a warning (late).
pub struct Bar {
    /// What it counts.
    pub label: String,
    /// Its length.
    pub value: f64,
    /// The value as printed beside the bar.
    pub text: String,
    /// Drawn in the warning colour.
    pub warn: bool,
}

const WIDTH: f64 = 400.0;
const LABEL: f64 = 130.0;
const VALUE: f64 = 70.0;
const ROW: f64 = 26.0;

/// Shortens a label to what fits the label column (about 9 CJK characters).
fn fit(label: &str) -> String {
    let n = label.chars().count();
    if n <= 9 {
        label.to_owned()
    } else {
        let mut s: String = label.chars().take(8).collect();
        s.push('…');
        s
    }
}

/// A chart of `bars` with the accessible `title` (its heading too); `id` makes the title and
/// description ids unique on the page.
pub fn bars(id: &str, title: &str, bars: &[Bar]) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let height = ROW * bars.len() as f64 + 8.0;
    let desc = bars
        .iter()
        .map(|b| format!("{}：{}", b.label, b.text))
        .collect::<Vec<_>>()
        .join("；");
    let mut out = format!(
        "<svg class=\"chart\" data-chart=\"{id}\" role=\"img\" viewBox=\"0 0 {WIDTH} {height}\" \
         width=\"100%\" aria-labelledby=\"{id}-title {id}-desc\" \
         xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(&desc)
    );
    let span = WIDTH - LABEL - VALUE;
    for (i, b) in bars.iter().enumerate() {
        let y = 4.0 + ROW * i as f64;
        let w = if max > 0.0 {
            (b.value / max * span).max(if b.value > 0.0 { 2.0 } else { 0.0 })
        } else {
            0.0
        };
        let _ = write!(
            out,
            "<g class=\"bar{}\" aria-hidden=\"true\">\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\" fill=\"#1f1f1f\">{}</text>\
             <rect x=\"{LABEL}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\" rx=\"2\" fill=\"{}\"></rect>\
             <text x=\"{:.1}\" y=\"{}\" font-size=\"13\" fill=\"#1f1f1f\">{}</text></g>",
            if b.warn { " warn" } else { "" },
            LABEL - 6.0,
            y + 15.0,
            escape(&fit(&b.label)),
            y + 2.0,
            ROW - 8.0,
            if b.warn { "#b42318" } else { "#1d5fa8" },
            LABEL + w + 4.0,
            y + 15.0,
            escape(&b.text),
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_has_its_text_alternative_and_one_bar_per_value() {
        let svg = bars(
            "s",
            "按状态",
            &[
                Bar {
                    label: "已分办".into(),
                    value: 4.0,
                    text: "4".into(),
                    warn: false,
                },
                Bar {
                    label: "<x>".into(),
                    value: 0.0,
                    text: "0".into(),
                    warn: true,
                },
            ],
        );
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title id=\"s-title\">按状态</title>"));
        assert!(svg.contains("<desc id=\"s-desc\">已分办：4；&lt;x&gt;：0</desc>"));
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(
            svg.contains("width=\"200.0\""),
            "the largest fills the span"
        );
        assert!(!svg.contains("style="));
        assert_eq!(bars("e", "空", &[]), "");
    }
}
