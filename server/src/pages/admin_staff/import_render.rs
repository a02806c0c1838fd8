//! The staff import's pages: the upload form, the preview or refusal listing every row with
//! its verdict (rejected rows first, each error at its column), and the generated passwords
//! after a commit, shown this once. Every value is escaped.

use std::fmt::Write;

use axum::http::StatusCode;
use axum::response::Response;

use super::import::{COLUMNS, MAX_ROWS, Verdict};
use super::page;
use crate::pages::html::escape;
use crate::pages::public::Lang;

const HERE: &str = "/admin/staff/import";

fn upload(lang: Lang, out: &mut String) {
    let _ = write!(
        out,
        "<form class=\"staff-form\" method=\"post\" action=\"{}\" enctype=\"multipart/form-data\">\
         <div class=\"field\"><label for=\"f-file\">{}</label><input id=\"f-file\" type=\"file\" name=\"file\" accept=\".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\" required></div>\
         <input type=\"hidden\" name=\"action\" value=\"preview\">\
         <button type=\"submit\" data-action=\"preview\">{}</button></form>",
        escape(&lang.link(HERE)),
        lang.t(
            "账号文件（CSV UTF-8 或 XLSX）",
            "Accounts file (CSV UTF-8 or XLSX)"
        ),
        lang.t("预览", "Preview"),
    );
}

/// The upload form, with what went wrong last, if anything.
pub fn form(lang: Lang, message: Option<&str>) -> Response {
    let t = |zh, en| lang.t(zh, en);
    let mut out = format!(
        "<h1>{}</h1>",
        t("导入工作人员账号", "Import staff accounts")
    );
    if let Some(m) = message {
        let _ = write!(
            out,
            "<div class=\"errors\" role=\"alert\" data-said=\"refused\"><p>{}</p></div>",
            escape(m)
        );
    }
    let _ = write!(
        out,
        "<p>{} <code class=\"mono\">{}</code></p><p class=\"small\">{}</p>",
        t("第一行（XLSX 为第一个工作表的第一行）为列标题：", "First line (XLSX: the first sheet's first row), the headings:"),
        COLUMNS.join(","),
        lang.t(
            &format!("角色、人员类别可写代码或中文名称（如 帮办代办员、网格员）；部门、电话、身份证号码、人员类别可留空。最多 {MAX_ROWS} 行。先预览每一行的校验结果；只要有一行被拒绝，整份文件都不会导入。每个账号生成初始密码，导入后只显示一次。"),
            &format!("Role and category by code or Chinese name; department, phone, ID number and category may be blank. At most {MAX_ROWS} rows. Preview first: a file with any rejected row imports nothing. Each account gets a first password, shown once after the import."),
        ),
    );
    upload(lang, &mut out);
    let mut res = page(
        lang,
        t("导入工作人员账号", "Import staff accounts"),
        HERE,
        &out,
    );
    if message.is_some() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    res
}

/// The preview, or the refusal of a commit with a rejected row (nothing written).
pub fn report(lang: Lang, verdicts: &[Verdict], data: &str, refused: bool) -> Response {
    let t = |zh, en| lang.t(zh, en);
    let rejected = verdicts.iter().filter(|v| v.record.is_none()).count();
    let mut out = format!(
        "<h1>{}</h1>",
        t("导入工作人员账号", "Import staff accounts")
    );
    let said = match (rejected, refused) {
        (0, _) => format!(
            "{} {} / {}",
            t("共", "Rows:"),
            verdicts.len(),
            t(
                "全部可以导入，请核对后确认。",
                "all can be imported; check and confirm."
            )
        ),
        (n, false) => format!(
            "{} {n} {}",
            t("被拒绝的行：", "Rejected rows:"),
            t(
                "。有被拒绝的行，整份文件不会导入：请改正后重新上传。",
                ". A file with a rejected row imports nothing: correct it and upload again."
            )
        ),
        (n, true) => format!(
            "{} {n} {}",
            t("被拒绝的行：", "Rejected rows:"),
            t("。未导入任何一行。", ". Nothing was imported.")
        ),
    };
    let _ = write!(
        out,
        "<p role=\"status\" data-said=\"{}\" data-rejected=\"{rejected}\">{}</p>",
        if refused { "refused" } else { "preview" },
        escape(&said)
    );
    let _ = write!(
        out,
        "<div class=\"scroll\"><table class=\"staff\" data-field=\"verdicts\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        t("行", "Line"),
        t("账号", "Sign-in name"),
        t("姓名", "Name"),
        t("所在地", "Place"),
        t("结果", "Verdict"),
    );
    let order = verdicts
        .iter()
        .filter(|v| v.record.is_none())
        .chain(verdicts.iter().filter(|v| v.record.is_some()));
    for v in order {
        let verdict = if v.errors.is_empty() {
            t("可导入", "Accepted").to_owned()
        } else {
            v.errors
                .iter()
                .map(|e| {
                    format!(
                        "<span data-error=\"{}\">{}：{}</span>",
                        e.code,
                        e.field.code(),
                        escape(lang.t(&e.message_zh, &e.message_en))
                    )
                })
                .collect::<Vec<_>>()
                .join("<br>")
        };
        let _ = write!(
            out,
            "<tr data-line=\"{}\"{}><td>{}</td><td class=\"mono\">{}</td><td>{}</td><td class=\"mono\">{}</td><td>{verdict}</td></tr>",
            v.line,
            if v.errors.is_empty() {
                ""
            } else {
                " class=\"rejected\""
            },
            v.line,
            escape(&v.username),
            escape(&v.name),
            escape(&v.place),
        );
    }
    out.push_str("</tbody></table></div>");
    if rejected == 0 && !refused {
        let _ = write!(
            out,
            "<form method=\"post\" action=\"{}\" enctype=\"multipart/form-data\">\
             <input type=\"hidden\" name=\"data\" value=\"{}\"><input type=\"hidden\" name=\"action\" value=\"commit\">\
             <button type=\"submit\" data-action=\"commit\">{}</button></form>",
            escape(&lang.link(HERE)),
            escape(data),
            t("确认导入", "Import"),
        );
    }
    upload(lang, &mut out);
    let mut res = page(
        lang,
        t("导入工作人员账号", "Import staff accounts"),
        HERE,
        &out,
    );
    if rejected > 0 {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    res
}

/// The accounts added and their first passwords, this once.
pub fn passwords(lang: Lang, added: &[(String, String, String)]) -> Response {
    let t = |zh, en| lang.t(zh, en);
    let mut out = format!(
        "<h1>{}</h1><p data-said=\"imported\">{} {}</p><p class=\"small\">{}</p>",
        t("账号已导入", "Accounts imported"),
        t("已导入账号数：", "Accounts added:"),
        added.len(),
        t(
            "下列初始密码只显示这一次：请逐一当面或电话告知本人，本人首次登录时必须修改。",
            "These first passwords are shown this once: hand each over in person or by telephone; each must be changed at the first sign-in."
        ),
    );
    let _ = write!(
        out,
        "<div class=\"scroll\"><table class=\"staff\" data-field=\"passwords\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        t("账号", "Sign-in name"),
        t("姓名", "Name"),
        t("初始密码", "First password"),
    );
    for (username, name, password) in added {
        let _ = write!(
            out,
            "<tr data-username=\"{}\"><td class=\"mono\">{}</td><td>{}</td><td class=\"mono\" data-field=\"password\">{}</td></tr>",
            escape(username),
            escape(username),
            escape(name),
            escape(password),
        );
    }
    let _ = write!(
        out,
        "</tbody></table></div><p><a href=\"{}\">{}</a></p>",
        escape(&lang.link("/admin/staff")),
        t("返回账号列表", "Back to the accounts")
    );
    page(lang, t("账号已导入", "Accounts imported"), HERE, &out)
}
