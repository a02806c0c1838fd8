//! `GET /admin/staff/import`: the staff import's form; `POST /admin/staff/import` (multipart:
//! `file` — CSV or XLSX, read by [`crate::pages::import_table`] — or `data` — the previewed file sent back, base64 — with `action` `preview` or
//! `commit`), the registry import's preview-and-commit in small:
//!
//! - preview: every row with its verdict (accepted, or rejected with every error at its
//!   column and the line named), nothing written;
//! - commit: the same checks again; if any row is rejected nothing is written; otherwise every
//!   account is added in one transaction (each audited like one added by the form) and the
//!   generated passwords are shown this once.
//!
//! Columns (first line, or the first sheet's first row): `username,name,role,place,department,phone,id_number,category`;
//! role and category by code or by their Chinese name.

use std::collections::HashSet;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::Utc;
use domain::clocks::china_date;
use domain::identity::MobilePhone;
use domain::role::Role;
use domain::staff::{
    StaffCategory, StaffError, StaffField, StaffInput, StaffRecord, validate_staff,
    validate_username,
};

use super::import_render::{form, passwords, report};
use super::new::LangQuery;
use super::{admin_place, lang};
use crate::accounts::staff::StaffWriteError;
use crate::accounts::staff_create::{check_new, insert_new};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::import_table::{Upload, blank, carried, read_table, read_upload};
use crate::state::AppState;

/// The largest file, in bytes, and the most rows.
pub const MAX_FILE: usize = 512 * 1024;
/// The most rows in one file.
pub const MAX_ROWS: usize = 2000;

/// The columns, in order.
pub const COLUMNS: [&str; 8] = [
    "username",
    "name",
    "role",
    "place",
    "department",
    "phone",
    "id_number",
    "category",
];

/// One row as written.
#[derive(Debug, Default)]
struct Raw {
    username: String,
    name: String,
    role: String,
    place: String,
    department: String,
    phone: String,
    id_number: String,
    category: String,
}

/// A line of the file: its number and its row.
type Line = (usize, Raw);

/// One row's verdict.
pub struct Verdict {
    /// 1-based line of the file (the headings are line 1).
    pub line: usize,
    /// The sign-in name as written.
    pub username: String,
    /// The name as written.
    pub name: String,
    /// The place as written.
    pub place: String,
    /// What is wrong, each at its column.
    pub errors: Vec<StaffError>,
    /// The account to add, when nothing is wrong.
    pub record: Option<(String, StaffRecord)>,
}

fn code_of_role(raw: &str) -> String {
    let raw = raw.trim();
    Role::ALL
        .into_iter()
        .find(|r| r.name_zh() == raw)
        .map_or_else(|| raw.to_owned(), |r| r.code().to_owned())
}

fn code_of_category(raw: &str) -> String {
    let raw = raw.trim();
    StaffCategory::ALL
        .into_iter()
        .find(|c| c.label_zh() == raw)
        .map_or_else(|| raw.to_owned(), |c| c.code().to_owned())
}

/// Reads the file (CSV or XLSX), or says why it cannot.
fn read(bytes: &[u8]) -> Result<Vec<Line>, String> {
    let mut table = read_table(bytes)?.into_iter();
    let mut headers = table.next().unwrap_or_default();
    while headers.last().is_some_and(String::is_empty) {
        headers.pop();
    }
    if headers != COLUMNS {
        return Err(format!("第一行须为列标题：{}", COLUMNS.join(",")));
    }
    let rows: Vec<Line> = table
        .enumerate()
        .filter(|(_, cells)| !blank(cells))
        .map(|(i, cells)| {
            let mut cells = cells.into_iter();
            let mut next = || cells.next().unwrap_or_default();
            let raw = Raw {
                username: next(),
                name: next(),
                role: next(),
                place: next(),
                department: next(),
                phone: next(),
                id_number: next(),
                category: next(),
            };
            (i + 2, raw)
        })
        .collect();
    if rows.is_empty() {
        return Err("文件里没有账号".to_owned());
    }
    if rows.len() > MAX_ROWS {
        return Err(format!("一次最多导入 {MAX_ROWS} 行"));
    }
    Ok(rows)
}

/// Every row's verdict: the domain's checks, repeats within the file, and what the database
/// knows.
async fn verdicts(
    state: &AppState,
    user: &CurrentUser,
    rows: Vec<Line>,
) -> Result<Vec<Verdict>, ApiError> {
    let today = china_date(Utc::now());
    let mut conn = state.db.pool().acquire().await?;
    let mut usernames = HashSet::new();
    let mut phones = HashSet::new();
    let mut out = Vec::with_capacity(rows.len());
    for (line, raw) in rows {
        let mut errors = Vec::new();
        let username = validate_username(&raw.username)
            .map_err(|e| errors.push(e))
            .ok();
        let input = StaffInput {
            name: raw.name.clone(),
            role: code_of_role(&raw.role),
            place: raw.place.clone(),
            department: raw.department.clone(),
            phone: raw.phone.clone(),
            id_number: raw.id_number.clone(),
            category: code_of_category(&raw.category),
        };
        let record = validate_staff(&input, today)
            .map_err(|e| errors.extend(e))
            .ok();
        if let Some(u) = &username
            && !usernames.insert(u.clone())
        {
            errors.push(StaffError::new(
                StaffField::Username,
                "username_repeated",
                "与上面某一行的账号重复".to_owned(),
                "the same sign-in name is on an earlier line".to_owned(),
            ));
        }
        if let Ok(p) = MobilePhone::parse(&raw.phone)
            && !phones.insert(p.expose().to_owned())
        {
            errors.push(StaffError::new(
                StaffField::Phone,
                "phone_repeated",
                "与上面某一行的手机号码重复".to_owned(),
                "the same mobile number is on an earlier line".to_owned(),
            ));
        }
        if let (Some(u), Some(r)) = (&username, &record) {
            match check_new(&mut conn, &user.actor, u, r).await {
                Ok(()) => {}
                Err(StaffWriteError::Field(e)) => errors.push(e),
                Err(StaffWriteError::Other(e)) => return Err(ApiError::Internal(e)),
            }
        }
        let record = match (username, record) {
            (Some(u), Some(r)) if errors.is_empty() => Some((u, r)),
            _ => None,
        };
        out.push(Verdict {
            line,
            username: raw.username,
            name: raw.name,
            place: raw.place,
            errors,
            record,
        });
    }
    Ok(out)
}

/// The form.
#[utoipa::path(get, path = "/admin/staff/import", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English")),
    responses(
        (status = 200, description = "The staff import form (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin, or nothing there in reach", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn get(
    user: CurrentUser,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Result<Response, ApiError> {
    admin_place(&user)?;
    Ok(form(lang(q.lang.as_deref(), &headers), None))
}

/// Preview or commit.
#[utoipa::path(post, path = "/admin/staff/import", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English")),
    request_body(content = String, content_type = "multipart/form-data",
        description = "file (CSV or XLSX) or data (the previewed file, base64), action (preview | commit)"),
    responses(
        (status = 200, description = "The preview, or the accounts added and their first passwords (HTML)", content_type = "text/html"),
        (status = 422, description = "A file that cannot be read, or rejected rows: nothing written (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin, or nothing there in reach", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
    sent: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    admin_place(&user)?;
    let lang = lang(q.lang.as_deref(), &headers);
    let sent = match sent {
        Ok(form) => read_upload(form).await,
        Err(_) => Err("上传未完成 / Upload incomplete".to_owned()),
    };
    let (bytes, commit) = match sent {
        Ok(Upload {
            bytes: Some(bytes),
            commit,
            ..
        }) => (bytes, commit),
        Ok(_) => {
            return Ok(form(
                lang,
                Some("请选择要导入的 CSV 或 XLSX 文件 / Choose a CSV or XLSX file"),
            ));
        }
        Err(message) => return Ok(form(lang, Some(&message))),
    };
    if bytes.len() > MAX_FILE {
        return Ok(form(
            lang,
            Some("文件太大（最大 512 KB） / The file is too large"),
        ));
    }
    let rows = match read(&bytes) {
        Ok(rows) => rows,
        Err(message) => return Ok(form(lang, Some(&message))),
    };
    let verdicts = verdicts(&state, &user, rows).await?;
    let rejected = verdicts.iter().any(|v| v.record.is_none());
    if !commit || rejected {
        return Ok(report(lang, &verdicts, &carried(&bytes), commit));
    }
    let mut tx = state.db.begin_write().await?;
    let mut added = Vec::with_capacity(verdicts.len());
    for v in &verdicts {
        let Some((username, record)) = &v.record else {
            continue;
        };
        let (_, password) = insert_new(&mut tx, &user.actor, username, record, "import")
            .await
            .map_err(|e| ApiError::Internal(e.into()))?;
        added.push((username.clone(), record.name.expose().to_owned(), password));
    }
    tx.commit().await?;
    Ok(passwords(lang, &added))
}
