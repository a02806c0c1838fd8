//! The jurisdiction tree page's HTML: the open form (a place's edit, or a new village under a
//! township) with its errors at their fields, then the tree as one table in its own
//! scrolling region.

use domain::jurisdiction::{
    FieldErrors, Level, PlaceCode, PlaceEditError, PlaceField, helpers_required,
};

use super::Lang;
use super::places::Row;
use crate::pages::html::escape;

/// What was typed into the open form (kept as typed when refused).
#[derive(Debug, Clone, Default)]
pub struct Typed {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub population: String,
}

/// The form open on the page.
#[derive(Debug, Clone)]
pub enum Open {
    /// None: the tree alone.
    None,
    /// A place's names and population.
    Edit {
        code: PlaceCode,
        typed: Typed,
        errors: FieldErrors,
    },
    /// A new village under a township.
    Add {
        township: PlaceCode,
        typed: Typed,
        errors: FieldErrors,
    },
}

fn message(lang: Lang, e: &PlaceEditError) -> String {
    match lang {
        Lang::Zh => e.message_zh(),
        Lang::En => e.message_en(),
    }
}

fn field(
    lang: Lang,
    f: PlaceField,
    label: &str,
    value: &str,
    errors: &FieldErrors,
    extra: &str,
) -> String {
    let name = f.name();
    let error = errors.iter().find(|(at, _)| *at == f).map(|(_, e)| e);
    let (invalid, said) = match error {
        Some(e) => (
            format!(" aria-invalid=\"true\" aria-describedby=\"e-{name}\""),
            format!(
                "<p class=\"error\" id=\"e-{name}\" data-error=\"{}\">{}</p>",
                e.code(),
                escape(&message(lang, e))
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

fn form(lang: Lang, rows: &[Row], open: &Open) -> String {
    let (heading, action, typed, errors, with_code) = match open {
        Open::None => return String::new(),
        Open::Edit {
            code,
            typed,
            errors,
        } => {
            let name = rows
                .iter()
                .find(|r| &r.code == code)
                .map_or("", |r| r.name_zh.as_str());
            (
                format!("{}{name}（{}）", lang.t("修改：", "Edit: "), code.as_str()),
                format!("/admin/places/{}", code.as_str()),
                typed,
                errors,
                false,
            )
        }
        Open::Add {
            township,
            typed,
            errors,
        } => {
            let name = rows
                .iter()
                .find(|r| &r.code == township)
                .map_or("", |r| r.name_zh.as_str());
            (
                format!(
                    "{}{name}{}",
                    lang.t("在", "New village or community in "),
                    lang.t("下添加村（社区）", "")
                ),
                format!("/admin/places/{}/villages", township.as_str()),
                typed,
                errors,
                true,
            )
        }
    };
    let mut out = format!(
        "<section id=\"form\" aria-labelledby=\"form-h\"><h2 id=\"form-h\">{}</h2>",
        escape(&heading)
    );
    if !errors.is_empty() {
        out.push_str(&format!(
            "<p class=\"failed\" role=\"alert\" data-said=\"refused\">{}</p>",
            escape(lang.t(
                "没有保存：请按下面的提示改正后再保存。",
                "Not saved: correct what is marked below, then save again.",
            ))
        ));
    }
    out.push_str(&format!(
        "<form class=\"place\" method=\"post\" action=\"{}\">",
        escape(&lang.link(&action))
    ));
    if with_code {
        out.push_str(&field(
            lang,
            PlaceField::Code,
            lang.t("区划代码（12 位）", "Code (12 digits)"),
            &typed.code,
            errors,
            " inputmode=\"numeric\" autocomplete=\"off\" required",
        ));
    }
    out.push_str(&field(
        lang,
        PlaceField::NameZh,
        lang.t("中文名称", "Chinese name"),
        &typed.name_zh,
        errors,
        " required",
    ));
    out.push_str(&field(
        lang,
        PlaceField::NameEn,
        lang.t("英文或拼音名称", "English or pinyin name"),
        &typed.name_en,
        errors,
        "",
    ));
    out.push_str(&field(
        lang,
        PlaceField::Population,
        lang.t(
            "实有人口（人，未知可留空）",
            "Population (leave empty if unknown)",
        ),
        &typed.population,
        errors,
        " inputmode=\"numeric\" autocomplete=\"off\"",
    ));
    out.push_str(&format!(
        "<button type=\"submit\">{}</button></form><p><a href=\"{}\">{}</a></p></section>",
        escape(lang.t("保存", "Save")),
        escape(&lang.link("/admin/places")),
        escape(lang.t("取消", "Cancel")),
    ));
    out
}

/// The whole page's body.
pub fn render(lang: Lang, rows: &[Row], open: &Open, saved: Option<&Row>) -> String {
    let mut out = format!(
        "<h1>{}</h1><p class=\"hint\">{}</p>",
        escape(lang.t("行政区划", "Jurisdiction")),
        escape(lang.t(
            "每个村（社区）至少配备 1 名帮办代办员，实有人口超过 1000 人的至少 2 名；人口未登记的按 1 名计。黄色底纹为未配足的村（社区）。",
            "Each village or community needs at least 1 helper, 2 where over 1,000 people live; an unknown population counts as 1. Villages short of helpers are highlighted.",
        ))
    );
    out.push_str(&format!(
        "<p><a href=\"{}\" data-action=\"import\">{}</a></p>",
        escape(&lang.link("/admin/places/import")),
        escape(lang.t(
            "从 CSV 或 XLSX 文件导入村（社区）",
            "Import villages from a CSV or XLSX file"
        ))
    ));
    if let Some(row) = saved {
        out.push_str(&format!(
            "<p class=\"said\" role=\"status\" data-said=\"saved\">{}{}</p>",
            escape(lang.t("已保存：", "Saved: ")),
            escape(&row.name_zh)
        ));
    }
    out.push_str(&form(lang, rows, open));
    let headings = [
        lang.t("区划代码", "Code"),
        lang.t("名称", "Name"),
        lang.t("实有人口", "Population"),
        lang.t("应配帮办员", "Helpers needed"),
        lang.t("现有帮办员", "Helpers"),
        lang.t("操作", "Actions"),
    ];
    out.push_str(&format!(
        "<div class=\"region\" role=\"region\" tabindex=\"0\" aria-label=\"{}\"><table data-table=\"places\"><thead><tr>",
        escape(lang.t("区划列表", "Places"))
    ));
    for h in headings {
        out.push_str(&format!("<th scope=\"col\">{}</th>", escape(h)));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str(&tree_row(lang, row));
    }
    out.push_str("</tbody></table></div>");
    out
}

fn tree_row(lang: Lang, row: &Row) -> String {
    let code = row.code.as_str();
    let level = row.code.level();
    let population = row.population.map(|p| p.to_string()).unwrap_or_default();
    let edit = format!(
        "<a href=\"{}#form\">{}</a>",
        escape(&lang.link(&format!("/admin/places?edit={code}"))),
        escape(lang.t("修改", "Edit"))
    );
    let indent = match level {
        Level::County => "",
        Level::Township => "　",
        _ => "　　",
    };
    let name = if lang == Lang::En && !row.name_en.is_empty() {
        format!("{} ({})", row.name_zh, row.name_en)
    } else {
        row.name_zh.clone()
    };
    if level != Level::Village {
        let add = if level == Level::Township {
            format!(
                " · <a href=\"{}#form\" data-action=\"add\">{}</a>",
                escape(&lang.link(&format!("/admin/places?add={code}"))),
                escape(lang.t("添加村（社区）", "Add a village"))
            )
        } else {
            String::new()
        };
        return format!(
            "<tr id=\"place-{code}\" data-place=\"{code}\" class=\"{}\"><td>{code}</td><td>{indent}{}</td>\
             <td class=\"num\" data-field=\"population\">{population}</td><td></td><td></td><td>{edit}{add}</td></tr>",
            if level == Level::Township {
                "township"
            } else {
                "county"
            },
            escape(&name),
        );
    }
    let required = helpers_required(row.population);
    let short = row.helpers < required;
    let flag = if short {
        format!(
            " <span class=\"flag\">{}{}{}</span>",
            lang.t("缺 ", "short by "),
            required - row.helpers,
            lang.t(" 名", "")
        )
    } else {
        String::new()
    };
    format!(
        "<tr id=\"place-{code}\" data-place=\"{code}\" data-short=\"{short}\"{}><td>{code}</td><td>{indent}{}</td>\
         <td class=\"num\" data-field=\"population\">{population}</td>\
         <td class=\"num\" data-field=\"required\">{required}</td>\
         <td class=\"num\" data-field=\"present\">{}{flag}</td><td>{edit}</td></tr>",
        if short { " class=\"short\"" } else { "" },
        escape(&name),
        row.helpers,
    )
}
