//! The authorization texts page's HTML: the versions, one text in full, and the form to load a
//! new version with each error at its field.

use domain::authorization::{AuthorizationText, Scope};

use super::Lang;
use super::catalogue_render::field;
use crate::pages::html::escape;

/// The new-version form as typed (kept as typed when refused).
#[derive(Debug, Clone, Default)]
pub struct Typed {
    pub version: String,
    pub title_zh: String,
    pub title_en: String,
    pub body_zh: String,
    pub body_en: String,
    pub purpose_zh: String,
    pub purpose_en: String,
    pub validity_months: String,
    pub scopes: Vec<String>,
}

impl Typed {
    /// The form filled from a text (the one in force), with the version left for the admin.
    pub fn from_text(t: &AuthorizationText) -> Typed {
        Typed {
            version: String::new(),
            title_zh: t.title_zh.clone(),
            title_en: t.title_en.clone(),
            body_zh: t.body_zh.join("\n"),
            body_en: t.body_en.join("\n"),
            purpose_zh: t.purpose_zh.clone(),
            purpose_en: t.purpose_en.clone(),
            validity_months: t.validity_months.to_string(),
            scopes: t.scopes.iter().map(|s| scope_code(*s)).collect(),
        }
    }
}

/// A scope's stable code (its JSON name).
pub fn scope_code(s: Scope) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Errors by field name (`version`, `body_zh`, …) with their code and message.
pub type TextErrors = Vec<(&'static str, &'static str, String)>;

fn error_at(errors: &TextErrors, name: &str) -> Option<(&'static str, String)> {
    errors
        .iter()
        .find(|(at, _, _)| *at == name)
        .map(|(_, code, m)| (*code, m.clone()))
}

fn area(name: &str, label: &str, value: &str, error: Option<(&str, String)>) -> String {
    let (invalid, said) = match error {
        Some((code, message)) => (
            format!(" aria-invalid=\"true\" aria-describedby=\"e-{name}\""),
            format!(
                "<p class=\"error\" id=\"e-{name}\" data-error=\"{code}\">{}</p>",
                escape(&message)
            ),
        ),
        None => (String::new(), String::new()),
    };
    format!(
        "<div class=\"field\" data-field=\"{name}\"><label for=\"f-{name}\">{}</label>\
         <textarea class=\"prose\" id=\"f-{name}\" name=\"{name}\"{invalid}>{}</textarea>{said}</div>",
        escape(label),
        escape(value),
    )
}

/// The new-version form.
pub fn form(lang: Lang, typed: &Typed, errors: &TextErrors) -> String {
    let mut out = format!(
        "<section id=\"form\" aria-labelledby=\"form-h\"><h2 id=\"form-h\">{}</h2><p class=\"hint\">{}</p>",
        escape(lang.t("导入新版本", "Load a new version")),
        escape(lang.t(
            "已按现行文本填好，改动后填一个新的版本号。新版本导入后立即生效；已签的授权书仍按签署时的版本。版本号一经使用，内容不能再改。正文每行一段。",
            "Filled in from the text in force: change it and give a new version number. It is in force at once; signed authorizations keep their version. A version's text never changes once loaded. One paragraph a line.",
        )),
    );
    if !errors.is_empty() {
        out.push_str(&format!(
            "<p class=\"failed\" role=\"alert\" data-said=\"refused\">{}</p>",
            escape(lang.t(
                "没有导入：请按下面的提示改正后再试。",
                "Not loaded: correct what is marked below, then try again.",
            ))
        ));
    }
    out.push_str(&format!(
        "<form class=\"text\" method=\"post\" action=\"{}\">",
        escape(&lang.link("/admin/authorization-texts"))
    ));
    let e = |n| error_at(errors, n);
    out.push_str(&field(
        "version",
        lang.t("版本号（如 2027-1）", "Version (e.g. 2027-1)"),
        &typed.version,
        e("version"),
        " autocomplete=\"off\" required",
    ));
    out.push_str(&field(
        "title_zh",
        lang.t("标题", "Title (Chinese)"),
        &typed.title_zh,
        e("title_zh"),
        "",
    ));
    out.push_str(&area(
        "body_zh",
        lang.t("正文", "Text (Chinese)"),
        &typed.body_zh,
        e("body_zh"),
    ));
    out.push_str(&field(
        "title_en",
        lang.t("英文标题", "Title (English)"),
        &typed.title_en,
        e("title_en"),
        "",
    ));
    out.push_str(&area(
        "body_en",
        lang.t("英文正文", "Text (English)"),
        &typed.body_en,
        e("body_en"),
    ));
    out.push_str(&field(
        "purpose_zh",
        lang.t("用途", "Purpose (Chinese)"),
        &typed.purpose_zh,
        e("purpose_zh"),
        "",
    ));
    out.push_str(&field(
        "purpose_en",
        lang.t("英文用途", "Purpose (English)"),
        &typed.purpose_en,
        e("purpose_en"),
        "",
    ));
    out.push_str(&field(
        "validity_months",
        lang.t("有效期（月）", "Valid for (months)"),
        &typed.validity_months,
        e("validity_months"),
        " inputmode=\"numeric\" autocomplete=\"off\"",
    ));
    let scope_error = e("scopes");
    out.push_str(&format!(
        "<fieldset class=\"field{}\" data-field=\"scopes\"><legend>{}</legend>",
        if scope_error.is_some() {
            " invalid\" aria-describedby=\"e-scopes"
        } else {
            ""
        },
        escape(lang.t("核对范围", "Checks authorized"))
    ));
    for s in Scope::ALL {
        let code = scope_code(s);
        out.push_str(&format!(
            "<label><input type=\"checkbox\" name=\"scopes\" value=\"{code}\"{}> {}</label>",
            if typed.scopes.contains(&code) {
                " checked"
            } else {
                ""
            },
            escape(if lang == Lang::En {
                s.name_en()
            } else {
                s.name_zh()
            })
        ));
    }
    if let Some((code, message)) = scope_error {
        out.push_str(&format!(
            "<p class=\"error\" id=\"e-scopes\" data-error=\"{code}\">{}</p>",
            escape(&message)
        ));
    }
    out.push_str(&format!(
        "</fieldset><button type=\"submit\">{}</button></form></section>",
        escape(lang.t("导入", "Load"))
    ));
    out
}

/// One text in full.
pub fn view(lang: Lang, text: &AuthorizationText) -> String {
    let (title, body, purpose) = match lang {
        Lang::Zh => (&text.title_zh, &text.body_zh, &text.purpose_zh),
        Lang::En => (&text.title_en, &text.body_en, &text.purpose_en),
    };
    let mut out = format!(
        "<article class=\"text\" data-version=\"{}\"><h2>{}</h2>",
        escape(&text.version),
        escape(title)
    );
    for p in body {
        out.push_str(&format!("<p>{}</p>", escape(p)));
    }
    let scopes: Vec<&str> = text
        .scopes
        .iter()
        .map(|s| {
            if lang == Lang::En {
                s.name_en()
            } else {
                s.name_zh()
            }
        })
        .collect();
    out.push_str(&format!(
        "<dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>SHA-256</dt><dd><code>{}</code></dd></dl></article>",
        escape(lang.t("核对范围", "Checks")),
        escape(&scopes.join(lang.t("、", ", "))),
        escape(lang.t("用途", "Purpose")),
        escape(purpose),
        escape(lang.t("有效期", "Valid for")),
        escape(&match lang {
            Lang::Zh => format!("{} 个月", text.validity_months),
            Lang::En => format!("{} months", text.validity_months),
        }),
        text.sha256(),
    ));
    out
}
