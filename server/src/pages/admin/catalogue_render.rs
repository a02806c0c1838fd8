//! The catalogue page's HTML: the open local-limit form with each error at its field, then the
//! items with the limit that applies in the county, where it comes from, and the actions.

use domain::catalogue::{AidItem, Catalogue, LimitErrors, LimitField, LocalLimitInput};
use domain::jurisdiction::PlaceCode;

use super::Lang;
use crate::pages::html::escape;

/// The form open on the page, if any.
#[derive(Debug, Clone)]
pub struct Open {
    /// The item whose local limit is edited.
    pub item: AidItem,
    /// What was typed (or the current local limit).
    pub typed: LocalLimitInput,
    /// What is wrong, field by field.
    pub errors: LimitErrors,
}

/// One labelled input with its error (`code`, message) under it: the admin pages' field.
pub fn field(
    name: &str,
    label: &str,
    value: &str,
    error: Option<(&str, String)>,
    extra: &str,
) -> String {
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
         <input id=\"f-{name}\" name=\"{name}\" value=\"{}\"{extra}{invalid}>{said}</div>",
        escape(label),
        escape(value),
    )
}

fn name(lang: Lang, item: &AidItem) -> &str {
    if lang == Lang::En {
        &item.name_en
    } else {
        &item.name_zh
    }
}

fn form(lang: Lang, catalogue: &Catalogue, county: &PlaceCode, open: &Open) -> String {
    let code = open.item.code.as_str();
    let ceiling = match catalogue.policy_ceiling(&open.item.code, county) {
        Some(c) => match lang {
            Lang::Zh => format!(
                "政策规定 {} 个工作日、可延长 {} 个工作日：本县只能缩短。",
                c.days, c.extension_days
            ),
            Lang::En => format!(
                "The regulation sets {} working days, extendable by {}: a local limit may only shorten it.",
                c.days, c.extension_days
            ),
        },
        None => lang
            .t(
                "目录中的时限是本地默认值，以本县文件为准（1 至 60 个工作日）。",
                "The catalogue's limit is only a local default; the county document decides (1 to 60 working days).",
            )
            .to_owned(),
    };
    let mut out = format!(
        "<section id=\"form\" aria-labelledby=\"form-h\"><h2 id=\"form-h\">{}{}</h2><p class=\"hint\">{}</p>",
        escape(lang.t("本县办理时限：", "Local time limit: ")),
        escape(name(lang, &open.item)),
        escape(&ceiling),
    );
    if !open.errors.is_empty() {
        out.push_str(&format!(
            "<p class=\"failed\" role=\"alert\" data-said=\"refused\">{}</p>",
            escape(lang.t(
                "没有保存：请按下面的提示改正后再保存。",
                "Not saved: correct what is marked below, then save again.",
            ))
        ));
    }
    let error = |f: LimitField| {
        open.errors.iter().find(|(at, _)| *at == f).map(|(_, e)| {
            (
                e.code(),
                match lang {
                    Lang::Zh => e.message_zh(),
                    Lang::En => e.message_en(),
                },
            )
        })
    };
    out.push_str(&format!(
        "<form class=\"place\" method=\"post\" action=\"{}\">",
        escape(&lang.link(&format!("/admin/catalogue/{code}")))
    ));
    let numeric = " inputmode=\"numeric\" autocomplete=\"off\"";
    out.push_str(&field(
        "days",
        lang.t("办理时限（工作日）", "Time limit (working days)"),
        &open.typed.days,
        error(LimitField::Days),
        &format!("{numeric} required"),
    ));
    out.push_str(&field(
        "extension_days",
        lang.t(
            "可延长（工作日，没有填 0）",
            "Extension (working days, 0 if none)",
        ),
        &open.typed.extension_days,
        error(LimitField::ExtensionDays),
        numeric,
    ));
    out.push_str(&field(
        "source",
        lang.t("依据（文件名称、文号）", "Source (document and number)"),
        &open.typed.source,
        error(LimitField::Source),
        " autocomplete=\"off\" required",
    ));
    out.push_str(&format!(
        "<button type=\"submit\">{}</button></form><p><a href=\"{}\">{}</a></p></section>",
        escape(lang.t("保存", "Save")),
        escape(&lang.link("/admin/catalogue")),
        escape(lang.t("取消", "Cancel")),
    ));
    out
}

/// The whole page's body.
pub fn render(
    lang: Lang,
    catalogue: &Catalogue,
    county: &PlaceCode,
    open: Option<&Open>,
    said: Option<String>,
) -> String {
    let mut body = format!(
        "<h1>{}</h1><p class=\"hint\">{}</p>",
        escape(lang.t("救助事项目录", "Aid catalogue")),
        escape(&match lang {
            Lang::Zh => format!(
                "目录第 {} 版。时限按工作日计，适用于本县（{}）。本县有文件规定的，可设置本县时限；政策规定的时限只能缩短。修改后新的办理期限即按本县时限计算，手机同步目录时取得。",
                catalogue.data().version,
                county.as_str()
            ),
            Lang::En => format!(
                "Catalogue version {}. Limits in working days, as they apply in this county ({}). Where a county document sets a limit, enter it here; a regulation's limit may only be shortened. New deadlines follow it at once.",
                catalogue.data().version,
                county.as_str()
            ),
        })
    );
    if let Some(said) = said {
        body.push_str(&format!(
            "<p class=\"said\" role=\"status\" data-said=\"saved\">{}</p>",
            escape(&said)
        ));
    }
    if let Some(open) = open {
        body.push_str(&form(lang, catalogue, county, open));
    }
    body.push_str(&format!(
        "<div class=\"region\" role=\"region\" tabindex=\"0\" aria-label=\"{}\"><table data-table=\"catalogue\"><thead><tr>",
        escape(lang.t("救助事项", "Aid items"))
    ));
    for h in [
        lang.t("事项", "Item"),
        lang.t("牵头部门", "Lead department"),
        lang.t("办理时限", "Time limit"),
        lang.t("可延长", "Extension"),
        lang.t("时限依据", "Source of the limit"),
        lang.t("公示天数", "Public notice days"),
        lang.t("操作", "Actions"),
    ] {
        body.push_str(&format!("<th scope=\"col\">{}</th>", escape(h)));
    }
    body.push_str("</tr></thead><tbody>");
    for item in catalogue.items() {
        body.push_str(&row(lang, catalogue, county, item));
    }
    body.push_str("</tbody></table></div>");
    body
}

fn row(lang: Lang, catalogue: &Catalogue, county: &PlaceCode, item: &AidItem) -> String {
    let code = item.code.as_str();
    let limit = catalogue
        .time_limit(&item.code, county)
        .unwrap_or(item.time_limit);
    let source = catalogue
        .time_limit_source(&item.code, county)
        .unwrap_or_else(|| item.time_limit_source.clone());
    let local = catalogue
        .data()
        .overrides
        .iter()
        .any(|o| o.item == item.code && o.place_prefix == county.as_str());
    let department = catalogue.department(&item.lead_department).map_or_else(
        || item.lead_department.as_str().to_owned(),
        |d| {
            if lang == Lang::En {
                d.name_en.clone()
            } else {
                d.name_zh.clone()
            }
        },
    );
    let mut actions = format!(
        "<a href=\"{}#form\" data-action=\"edit\">{}</a>",
        escape(&lang.link(&format!("/admin/catalogue?edit={code}"))),
        escape(if local {
            lang.t("修改本县时限", "Change local limit")
        } else {
            lang.t("设置本县时限", "Set local limit")
        })
    );
    if local {
        actions.push_str(&format!(
            "<form method=\"post\" action=\"{}\"><button type=\"submit\" class=\"quiet\" data-action=\"remove\">{}</button></form>",
            escape(&lang.link(&format!("/admin/catalogue/{code}/remove"))),
            escape(lang.t("取消本县时限", "Remove local limit"))
        ));
    }
    let tag = if local {
        format!(
            " <span class=\"flag\" data-local=\"true\">{}</span>",
            lang.t("本县", "local")
        )
    } else {
        String::new()
    };
    format!(
        "<tr data-item=\"{code}\"><td>{}{tag}</td><td>{}</td><td class=\"num\" data-field=\"days\">{}</td>\
         <td class=\"num\" data-field=\"extension_days\">{}</td><td data-field=\"source\">{}</td><td class=\"num\">{}</td><td>{actions}</td></tr>",
        escape(name(lang, item)),
        escape(&department),
        limit.days,
        limit.extension_days,
        escape(source.label_zh()),
        item.public_notice_days
            .map(|d| d.to_string())
            .unwrap_or_default(),
    )
}
