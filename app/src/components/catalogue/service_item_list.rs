//! Every service item with its department, time limit, public notice and urgent acceptance;
//! conditions, materials and legal basis fold out (`<details>`, no script needed).
//!
//! The list is static text in two languages, so it is built as one HTML string per language
//! rather than as reactive views: a fine-grained view per label cost the first load tens of
//! kilobytes of WASM for text that only ever changes with the language.

use std::fmt::Write;

use domain::catalogue::{AidItem, ItemKind, MaterialScope};
use leptos::prelude::*;

use super::catalogue;
use crate::i18n::{Locale, t, td_string, use_i18n};

/// The list, in catalogue order.
#[component]
pub fn ServiceItemList() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="catalogue-title" data-testid="service-items">
            <h2 id="catalogue-title">{t!(i18n, home.catalogue_title)}</h2>
            <ul class="service-items" inner_html=move || items_html(i18n.get_locale())></ul>
        </section>
    }
}

/// `<li>` elements for every item, in `locale`.
fn items_html(locale: Locale) -> String {
    let mut out = String::with_capacity(16 * 1024);
    for item in catalogue().items() {
        item_html(&mut out, item, locale);
    }
    out
}

fn item_html(out: &mut String, item: &AidItem, locale: Locale) {
    let en = locale == Locale::en;
    let pick = |zh: &str, en_text: &str| -> String { escape(if en { en_text } else { zh }) };
    let department = catalogue()
        .department(&item.lead_department)
        .map(|d| pick(&d.name_zh, &d.name_en))
        .unwrap_or_default();
    let _ = write!(
        out,
        r#"<li class="service-item" data-item="{code}"><details><summary><span class="service-name">{name}</span>"#,
        code = escape(item.code.0.as_str()),
        name = pick(&item.name_zh, &item.name_en),
    );
    if item.kind == ItemKind::Status {
        badge(out, "badge", td_string!(locale, home.catalogue_status));
    }
    let limit = item.time_limit;
    let _ = write!(
        out,
        r#"<span class="service-meta">{dl}: {department} · {ll}: {days} {wd} ({ext} {ext_days})</span>"#,
        dl = td_string!(locale, home.catalogue_department),
        ll = td_string!(locale, home.catalogue_limit),
        days = limit.days,
        wd = td_string!(locale, home.working_days),
        ext = td_string!(locale, home.catalogue_extension),
        ext_days = limit.extension_days,
    );
    if let Some(d) = item.public_notice_days {
        let text = format!(
            "{} {d} {}",
            td_string!(locale, home.catalogue_notice),
            td_string!(locale, home.days)
        );
        badge(out, "badge", &text);
    }
    if item.urgent_acceptance {
        badge(
            out,
            "badge urgent",
            td_string!(locale, home.catalogue_urgent),
        );
    }
    out.push_str("</summary>");
    heading(out, td_string!(locale, home.catalogue_conditions));
    out.push_str("<ul>");
    for c in &item.conditions_zh {
        let _ = write!(out, r#"<li lang="zh-CN">{}</li>"#, escape(c));
    }
    out.push_str("</ul>");
    heading(out, td_string!(locale, home.catalogue_materials));
    out.push_str("<ul>");
    for m in &item.materials {
        let label = catalogue()
            .material(&m.material)
            .map(|x| pick(&x.name_zh, &x.name_en))
            .unwrap_or_default();
        let _ = write!(out, "<li>{label}");
        let scope = match m.scope {
            MaterialScope::Household => None,
            MaterialScope::PerMember => Some(td_string!(locale, home.per_member)),
            MaterialScope::PerAdultMember => Some(td_string!(locale, home.per_adult)),
        };
        if let Some(s) = scope {
            let _ = write!(out, r#" <span class="muted"> · {s}</span>"#);
        }
        if m.condition.is_some() {
            let _ = write!(
                out,
                r#" <span class="muted"> · {}</span>"#,
                td_string!(locale, home.if_applicable)
            );
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    heading(out, td_string!(locale, home.catalogue_basis));
    let _ = write!(
        out,
        r#"<p lang="zh-CN">{}</p></details></li>"#,
        escape(&item.legal_basis)
    );
}

fn badge(out: &mut String, class: &str, text: &str) {
    let _ = write!(out, r#"<span class="{class}">{}</span>"#, escape(text));
}

fn heading(out: &mut String, text: &str) {
    let _ = write!(out, "<h3>{}</h3>", escape(text));
}

/// Text made safe inside HTML elements and quoted attributes.
fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            c => s.push(c),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn every_item_in_both_languages() {
        let zh = items_html(Locale::zh_CN);
        let en = items_html(Locale::en);
        let n = catalogue().items().len();
        assert_eq!(zh.matches(r#"<li class="service-item""#).count(), n);
        assert_eq!(en.matches(r#"<li class="service-item""#).count(), n);
        assert!(zh.contains("最低生活保障"));
        assert!(en.contains("Minimum living allowance"));
    }
}
