//! The places import's pages: the upload form (the columns, the sample file), the preview or
//! refusal listing every row with its verdict (rejected rows first, each error named by its
//! line and column), and what a commit wrote. Every value is escaped.

use std::fmt::Write;

use axum::http::StatusCode;
use axum::response::Response;
use domain::jurisdiction::{PlaceField, VillageChange};

use super::places_import_read::{Counts, HEADINGS, MAX_ROWS, Verdict};
use super::{Lang, respond};
use crate::pages::html::escape;

const HERE: &str = "/admin/places/import";

fn title(lang: Lang) -> &'static str {
    lang.t("导入村（社区）", "Import villages")
}

fn upload(lang: Lang, out: &mut String) {
    let _ = write!(
        out,
        "<form class=\"import\" method=\"post\" action=\"{}\" enctype=\"multipart/form-data\">\
         <div class=\"field\"><label for=\"f-file\">{}</label><input id=\"f-file\" type=\"file\" name=\"file\" \
         accept=\".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\" required></div>\
         <input type=\"hidden\" name=\"action\" value=\"preview\">\
         <button type=\"submit\" data-action=\"preview\">{}</button></form>",
        escape(&lang.link(HERE)),
        lang.t(
            "村（社区）文件（CSV UTF-8 或 XLSX）",
            "Villages file (CSV UTF-8 or XLSX)"
        ),
        lang.t("预览", "Preview"),
    );
}

fn page(lang: Lang, status: StatusCode, body: &str) -> Response {
    respond(lang, status, title(lang), HERE, body)
}

/// The upload form, with why the last file could not be read, if so (then 422).
pub fn form(lang: Lang, message: Option<&str>) -> Response {
    let mut out = format!("<h1>{}</h1>", title(lang));
    if let Some(m) = message {
        let _ = write!(
            out,
            "<p class=\"failed\" role=\"alert\" data-said=\"refused\">{}</p>",
            escape(m)
        );
    }
    let _ = write!(
        out,
        "<p>{} <code>{}</code></p><p class=\"hint\">{}</p><p><a href=\"{}\" download data-action=\"sample\">{}</a></p>",
        lang.t("第一行为列标题（XLSX 为第一个工作表的第一行）：", "The first row holds the headings (XLSX: the first sheet's):"),
        escape(&HEADINGS.join(",")),
        escape(&if lang == Lang::En {
            format!("One village or community per row: its 12-digit code (the first 9 digits are its township's), name, English name (may be empty), registered population (a whole number; empty if unknown). A new code adds a village; an existing one's name and population are updated. At most {MAX_ROWS} rows. Preview first: a file with any rejected row imports nothing.")
        } else {
            format!("每行一个村（社区）：12 位区划代码（前 9 位为所属乡镇（街道）代码）、名称、英文名称（可空）、实有人口（整数，未知可空）。新代码即新增村（社区）；已有的代码更新其名称和实有人口。最多 {MAX_ROWS} 行。先预览每一行的校验结果；只要有一行被拒绝，整份文件都不会导入。")
        }),
        escape(&lang.link("/admin/places/import/sample.csv")),
        lang.t("下载样例文件（现有村（社区），原样导入不会改变任何内容）", "Download the sample (the villages as they stand; importing it as it is changes nothing)"),
    );
    upload(lang, &mut out);
    let _ = write!(
        out,
        "<p><a href=\"{}\">{}</a></p>",
        escape(&lang.link("/admin/places")),
        lang.t("返回行政区划", "Back to the jurisdiction")
    );
    let status = if message.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    page(lang, status, &out)
}

fn column(columns: &[String; 4], field: PlaceField) -> &str {
    &columns[match field {
        PlaceField::Code => 0,
        PlaceField::NameZh => 1,
        PlaceField::NameEn => 2,
        PlaceField::Population => 3,
    }]
}

fn verdict_text(lang: Lang, v: &Verdict, columns: &[String; 4]) -> String {
    let number = |p: Option<i64>| p.map_or_else(|| "—".to_owned(), |n| n.to_string());
    match &v.result {
        Ok(VillageChange::Add(_)) => lang.t("新增", "New").to_owned(),
        Ok(VillageChange::Unchanged(_)) => lang.t("无变化", "Unchanged").to_owned(),
        Ok(VillageChange::Update { before, after, .. }) => {
            let mut said = lang.t("更新", "Update").to_owned();
            if before.name_zh != after.name_zh {
                let _ = write!(
                    said,
                    "：{} → {}",
                    escape(&before.name_zh),
                    escape(&after.name_zh)
                );
            }
            if before.population != after.population {
                let _ = write!(
                    said,
                    "：{} {} → {}",
                    lang.t("实有人口", "population"),
                    number(before.population),
                    number(after.population)
                );
            }
            said
        }
        Err(errors) => errors
            .iter()
            .map(|(field, e)| {
                let message = match lang {
                    Lang::Zh => e.message_zh(),
                    Lang::En => e.message_en(),
                };
                format!(
                    "<span data-error=\"{}\" data-column=\"{}\">{}{}{}「{}」：{}</span>",
                    e.code(),
                    field.name(),
                    lang.t("第 ", "Line "),
                    v.line,
                    lang.t(" 行", ""),
                    escape(column(columns, *field)),
                    escape(&message)
                )
            })
            .collect::<Vec<_>>()
            .join("<br>"),
    }
}

/// The preview; the refusal of a commit with a rejected row (nothing written); or, with
/// `done`, what the commit wrote.
pub fn report(
    lang: Lang,
    verdicts: &[Verdict],
    columns: &[String; 4],
    (name, data): &(&str, String),
    commit: bool,
    done: Option<Counts>,
) -> Response {
    let c = done.unwrap_or_else(|| Counts::of(verdicts));
    let mut out = format!("<h1>{}</h1>", title(lang));
    let counts = format!(
        "{} {}，{} {}，{} {}",
        lang.t("新增", "new:"),
        c.added,
        lang.t("更新", "updated:"),
        c.updated,
        lang.t("无变化", "unchanged:"),
        c.unchanged
    );
    let (class, said, text) = match (done, c.rejected, commit) {
        (Some(_), _, _) if c.added + c.updated == 0 => (
            "said",
            "nothing",
            lang.t(
                "文件与现有区划一致，没有写入任何内容。",
                "The file matches the tree: nothing was written.",
            )
            .to_owned(),
        ),
        (Some(_), _, _) => (
            "said",
            "imported",
            format!("{}{counts}", lang.t("已导入：", "Imported: ")),
        ),
        (None, 0, _) => (
            "said",
            "preview",
            format!(
                "{}{counts}。{}",
                lang.t("全部可以导入：", "Every row can be imported: "),
                lang.t("请核对后确认。", "check, then confirm.")
            ),
        ),
        (None, n, false) => (
            "failed",
            "preview",
            format!(
                "{}{n}{}",
                lang.t("被拒绝的行：", "Rejected rows: "),
                lang.t(
                    "。有被拒绝的行，整份文件不会导入：请改正后重新上传。",
                    ". A file with a rejected row imports nothing: correct it and upload again."
                )
            ),
        ),
        (None, n, true) => (
            "failed",
            "refused",
            format!(
                "{}{n}{}",
                lang.t("被拒绝的行：", "Rejected rows: "),
                lang.t("。未导入任何一行。", ". Nothing was imported.")
            ),
        ),
    };
    let _ = write!(
        out,
        "<p class=\"{class}\" role=\"status\" data-said=\"{said}\" data-rejected=\"{}\">{}</p>",
        c.rejected,
        escape(&text)
    );
    if !name.is_empty() {
        let _ = write!(
            out,
            "<p class=\"hint\">{}{}</p>",
            lang.t("文件：", "File: "),
            escape(name)
        );
    }
    let _ = write!(
        out,
        "<div class=\"region\" role=\"region\" tabindex=\"0\" aria-label=\"{}\"><table data-table=\"verdicts\"><thead><tr>",
        escape(lang.t("逐行校验结果", "Each row's verdict"))
    );
    for h in [
        lang.t("行", "Line"),
        columns[0].as_str(),
        columns[1].as_str(),
        columns[3].as_str(),
        lang.t("结果", "Verdict"),
    ] {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>");
    let order = verdicts
        .iter()
        .filter(|v| v.result.is_err())
        .chain(verdicts.iter().filter(|v| v.result.is_ok()));
    for v in order {
        let _ = write!(
            out,
            "<tr data-line=\"{}\"{}><td class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            v.line,
            if v.result.is_err() {
                " class=\"rejected\""
            } else {
                ""
            },
            v.line,
            escape(&v.row.code),
            escape(&v.row.name_zh),
            escape(&v.row.population),
            verdict_text(lang, v, columns),
        );
    }
    out.push_str("</tbody></table></div>");
    if done.is_none() && c.rejected == 0 && !commit {
        let _ = write!(
            out,
            "<form class=\"import\" method=\"post\" action=\"{}\" enctype=\"multipart/form-data\">\
             <input type=\"hidden\" name=\"data\" value=\"{}\"><input type=\"hidden\" name=\"name\" value=\"{}\">\
             <input type=\"hidden\" name=\"action\" value=\"commit\">\
             <button type=\"submit\" data-action=\"commit\">{}</button></form>",
            escape(&lang.link(HERE)),
            escape(data),
            escape(name),
            lang.t("确认导入", "Import"),
        );
    }
    if done.is_none() {
        upload(lang, &mut out);
    }
    let _ = write!(
        out,
        "<p><a href=\"{}\" data-action=\"places\">{}</a></p>",
        escape(&lang.link("/admin/places")),
        lang.t("返回行政区划", "Back to the jurisdiction")
    );
    let status = if c.rejected > 0 {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    page(lang, status, &out)
}
