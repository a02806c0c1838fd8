//! `GET /admin/staff/import`: the staff import's form; `POST /admin/staff/import` (multipart:
//! `file`, or `data` — the previewed file sent back, base64 — with `action` `preview` or
//! `commit`), the registry import's preview-and-commit in small:
//!
//! - preview: every row with its verdict (accepted, or rejected with every error at its
//!   column and the line named), nothing written;
//! - commit: the same checks again; if any row is rejected nothing is written; otherwise every
//!   account is added in one transaction (each audited like one added by the form) and the
//!   generated passwords are shown this once.
//!
//! Columns (first line): `username,name,role,place,department,phone,id_number,category`;
//! role and category by code or by their Chinese name.

use std::collections::HashSet;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::Utc;
use domain::clocks::china_date;
use domain::identity::MobilePhone;
use domain::role::Role;
use domain::staff::{
    StaffCategory, StaffError, StaffField, StaffInput, StaffRecord, validate_staff,
    validate_username,
};
use serde::Deserialize;

use super::import_render::{form, passwords, report};
use super::new::LangQuery;
use super::{admin_place, lang};
use crate::accounts::staff::StaffWriteError;
use crate::accounts::staff_create::{check_new, insert_new};
use crate::auth::CurrentUser;
use crate::error::ApiError;
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

#[derive(Debug, Deserialize)]
struct Raw {
    username: String,
    name: String,
    role: String,
    place: String,
    #[serde(default)]
    department: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    id_number: String,
    #[serde(default)]
    category: String,
}

/// A line of the file: its number and its row, or why it cannot be read.
type Line = (usize, Result<Raw, String>);

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

/// Reads the CSV, or says why it cannot.
fn read(bytes: &[u8]) -> Result<Vec<Line>, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "文件须为 UTF-8 编码的 CSV".to_owned())?;
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|_| "读不出第一行的列标题".to_owned())?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    if headers != COLUMNS {
        return Err(format!("第一行须为列标题：{}", COLUMNS.join(",")));
    }
    let rows: Vec<_> = reader
        .deserialize::<Raw>()
        .enumerate()
        .map(|(i, r)| (i + 2, r.map_err(|e| format!("读不出这一行：{e}"))))
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
        let raw = match raw {
            Ok(r) => r,
            Err(message) => {
                let e = StaffError::new(
                    StaffField::Username,
                    "row_unreadable",
                    message.clone(),
                    message,
                );
                out.push(Verdict {
                    line,
                    username: String::new(),
                    name: String::new(),
                    place: String::new(),
                    errors: vec![e],
                    record: None,
                });
                continue;
            }
        };
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
pub async fn get(
    user: CurrentUser,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Result<Response, ApiError> {
    admin_place(&user)?;
    Ok(form(lang(q.lang.as_deref(), &headers), None))
}

/// Preview or commit.
pub async fn post(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
    sent: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    admin_place(&user)?;
    let lang = lang(q.lang.as_deref(), &headers);
    let Ok(mut sent) = sent else {
        return Ok(form(lang, Some("上传未完成 / Upload incomplete")));
    };
    let mut bytes = None;
    let mut commit = false;
    while let Ok(Some(field)) = sent.next_field().await {
        match field.name().unwrap_or_default() {
            "file" => {
                bytes = field
                    .bytes()
                    .await
                    .ok()
                    .map(|b| b.to_vec())
                    .filter(|b| !b.is_empty())
                    .or(bytes)
            }
            "data" => {
                let text = field.text().await.unwrap_or_default();
                bytes = STANDARD
                    .decode(text.trim())
                    .ok()
                    .filter(|b| !b.is_empty())
                    .or(bytes);
            }
            "action" => commit = field.text().await.unwrap_or_default() == "commit",
            _ => {}
        }
    }
    let Some(bytes) = bytes else {
        return Ok(form(
            lang,
            Some("请选择要导入的 CSV 文件 / Choose a CSV file"),
        ));
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
        return Ok(report(lang, &verdicts, &STANDARD.encode(&bytes), commit));
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
