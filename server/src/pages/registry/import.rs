//! `GET /county/registry/import`: the roster import's form (CSV or XLSX, the columns, the
//! sample file); `POST /county/registry/import` (multipart: `file`, or `data` — the previewed
//! file sent back, base64 — with `action` `preview` or `commit`):
//!
//! - preview: every row with its verdict (accepted, or rejected with every reason at its
//!   column), nothing written;
//! - commit: the same verdicts again; if any row is rejected nothing is written and the report
//!   names each rejected row and why; otherwise every row becomes one registry record
//!   (`RegistryRecord::Roster`) saved through the push path in one push (one transaction):
//!   the operation id and the record id are derived from the file's SHA-256 and the row's
//!   line, so the same file committed twice is written once (the push answers the first
//!   answers), and each operation is audited there.
//!
//! Who may import: the township's window clerk (rows of their township only) and the county's
//! supervisor (the county); others see the form's refusal. A row placed outside the
//! importer's reach is rejected like any bad row.

use std::collections::HashMap;
use std::net::SocketAddr;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{ConnectInfo, Multipart, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use chrono::{NaiveDate, Utc};
use domain::clocks::china_date;
use domain::jurisdiction::{Level, PlaceCode};
use domain::registry::{RegistryRecord, RosterEntry, RowError, check_row};
use domain::sync::{OpBody, Outcome, RecordKind};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::gather::Gathered;
use super::import_read::{Row, read};
use super::{import_render, may_write};
use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::checks::Scope;
use crate::pages::county::access::Reach;
use crate::pages::import_table::{carried, read_upload};
use crate::pages::resident::actions::push_ops;
use crate::security::client_address::client_address;
use crate::state::AppState;

/// The largest file, in bytes.
pub const MAX_FILE: usize = 2 * 1024 * 1024;
/// The largest request (the file, or the file again as base64 with the commit).
pub const MAX_BODY: usize = MAX_FILE * 2;

/// One row's verdict.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// The row as read.
    pub row: Row,
    /// The record it makes, when accepted.
    pub record: Option<RosterEntry>,
    /// Why not, when rejected.
    pub errors: Vec<RowError>,
    /// Already written by an earlier commit of this very file.
    pub already: bool,
}

/// Derives a stable id from the file's hash, the row's line and a purpose (a UUID of version
/// 8, "custom"): the same row of the same file always gets the same operation and record.
pub fn derived_id(purpose: &str, file_sha256: &str, line: u32) -> Uuid {
    let digest = Sha256::digest(format!(
        "onedoor/registry-import/{purpose}/{file_sha256}/{line}"
    ));
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    Uuid::from_bytes(bytes)
}

/// The village a row names: by code, or by the township's and the village's names.
fn village_of(row: &Row, names: &HashMap<String, String>) -> Option<PlaceCode> {
    if let Ok(code) = PlaceCode::parse(row.village.trim())
        && code.level() == Level::Village
        && names.contains_key(code.as_str())
    {
        return Some(code);
    }
    let wanted = (row.township.trim(), row.village.trim());
    names
        .iter()
        .filter_map(|(code, name)| Some((PlaceCode::parse(code).ok()?, name)))
        .filter(|(code, name)| code.level() == Level::Village && name.as_str() == wanted.1)
        .find(|(code, _)| {
            code.township().is_some_and(|t| {
                wanted.0.is_empty()
                    || t.as_str() == wanted.0
                    || names.get(t.as_str()).is_some_and(|n| n == wanted.0)
            })
        })
        .map(|(code, _)| code)
}

/// Every row's verdict.
pub fn verdicts(
    rows: Vec<Row>,
    file_sha256: &str,
    (reach, gathered): (&Reach, &Gathered),
    user: &CurrentUser,
    today: NaiveDate,
) -> Vec<Verdict> {
    let mut seen: HashMap<(String, &'static str), u32> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let id = derived_id("record", file_sha256, row.line);
        let mut errors = Vec::new();
        let place = village_of(&row, &gathered.place_names);
        match &place {
            None => errors.push(RowError::at(
                "村（社区）",
                format!(
                    "找不到“{}{}”，请填写本县的乡镇和村（社区）名称",
                    row.township, row.village
                ),
            )),
            Some(p) if !reach.covers(p) => errors.push(RowError::at(
                "村（社区）",
                "不在您的管辖范围内（乡镇窗口只能导入本乡镇的对象）",
            )),
            Some(_) => {}
        }
        let checked = check_row(&row.input, today)
            .map_err(|e| errors.extend(e))
            .ok();
        let mut already = false;
        if let Some(c) = &checked {
            let key = (c.head_id.clone(), c.category.code());
            if let Some(first) = seen.get(&key) {
                errors.push(RowError::at(
                    "身份证号码",
                    format!("与第 {first} 行同一人同一类别，重复"),
                ));
            } else {
                seen.insert(key, row.line);
            }
            already = gathered.roster.iter().any(|r| r.id == id);
            let listed = gathered.entries.iter().find(|e| {
                e.head_id == c.head_id
                    && e.category == c.category
                    && e.end.is_none()
                    && !matches!(&e.source, domain::registry::Source::Imported { record } if *record == id.to_string())
            });
            if let Some(e) = listed {
                errors.push(RowError::at(
                    "身份证号码",
                    match e.source {
                        domain::registry::Source::Cases { .. } => {
                            "此人此类别已在册（来自审批案件）"
                        }
                        domain::registry::Source::Imported { .. } => {
                            "此人此类别已在册（来自此前导入的名册）"
                        }
                    },
                ));
            }
        }
        let record = match (checked, place) {
            (Some(c), Some(place)) if errors.is_empty() => Some(RosterEntry {
                id,
                place,
                category: c.category,
                head_name: c.head_name,
                head_id: c.head_id,
                members: c.members,
                monthly_fen: c.monthly_fen,
                start: c.start,
                end: c.end,
                stopped_from: c.stopped_from,
                file_sha256: file_sha256.to_owned(),
                line: row.line,
                imported_by: user.actor.user,
            }),
            _ => None,
        };
        out.push(Verdict {
            row,
            record,
            errors,
            already,
        });
    }
    out
}

/// The import form.
#[utoipa::path(get, path = "/county/registry/import", tag = "pages",
    responses(
        (status = 200, description = "The import form (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not a supervisor or township staff", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn get(State(state): State<AppState>, user: CurrentUser) -> Result<Response, ApiError> {
    let scope = Scope::of(&state, &user, None).await?;
    Ok(Html(import_render::form(&scope.reach, may_write(&user), None)).into_response())
}

/// The sample roster (the demo's `registry_sample.csv`), which the import accepts as it is.
#[utoipa::path(get, path = "/county/registry/import/sample.csv", tag = "pages",
    responses(
        (status = 200, description = "A sample roster (CSV, UTF-8)", content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not a supervisor or township staff", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn sample(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, ApiError> {
    Scope::of(&state, &user, None).await?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                axum::http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"registry-sample.csv\"",
            ),
        ],
        crate::demo::registry::SAMPLE_CSV,
    )
        .into_response())
}

/// Previews or commits a roster.
#[utoipa::path(post, path = "/county/registry/import", tag = "pages",
    request_body(content = String, content_type = "multipart/form-data",
        description = "file (CSV or XLSX) or data (the previewed file, base64), name, action (preview | commit)"),
    responses(
        (status = 200, description = "The preview, or the commit's report (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not a supervisor or township staff", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    user: CurrentUser,
    form: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let scope = Scope::of(&state, &user, None).await?;
    let refuse = |message: String| -> Result<Response, ApiError> {
        Ok(Html(import_render::form(
            &scope.reach,
            may_write(&user),
            Some(&message),
        ))
        .into_response())
    };
    if !may_write(&user) {
        return refuse("只有乡镇窗口受理员和县级监管人员可以导入名册".to_owned());
    }
    let sent = match form {
        Ok(form) => read_upload(form).await,
        Err(_) => Err("上传未完成，文件可能太大（最大 2 MB）".to_owned()),
    };
    let sent = match sent {
        Ok(s) => s,
        Err(message) => return refuse(message),
    };
    let Some(bytes) = sent.bytes else {
        return refuse("请选择要导入的 CSV 或 XLSX 文件".to_owned());
    };
    if bytes.len() > MAX_FILE {
        return refuse("文件超过 2 MB，请拆分后分别导入".to_owned());
    }
    let rows = match read(&bytes) {
        Ok(rows) => rows,
        Err(message) => return refuse(message),
    };
    let hash = hex::encode(Sha256::digest(&bytes));
    let gathered = super::gather::gather(state.db.pool(), &scope.county).await?;
    let today = china_date(Utc::now());
    let verdicts = verdicts(rows, &hash, (&scope.reach, &gathered), &user, today);
    let rejected = verdicts.iter().filter(|v| v.record.is_none()).count();
    let file = import_render::File {
        name: &sent.name,
        hash: &hash,
        data: &carried(&bytes),
    };
    if !sent.commit || rejected > 0 {
        let stage = if sent.commit {
            import_render::Stage::Refused
        } else {
            import_render::Stage::Preview
        };
        return Ok(
            Html(import_render::report(&scope.reach, &file, &verdicts, stage)).into_response(),
        );
    }
    let already = verdicts.iter().all(|v| v.already);
    let mut ops = Vec::with_capacity(verdicts.len());
    for v in &verdicts {
        let Some(record) = &v.record else { continue };
        let body = serde_json::to_value(RegistryRecord::Roster(record.clone()))
            .map_err(|e| ApiError::Internal(e.into()))?;
        let op = derived_id("op", &hash, v.row.line);
        ops.push((
            op,
            OpBody::SaveFieldRecord {
                kind: RecordKind::Registry,
                id: record.id,
                base_version: None,
                body,
            },
        ));
    }
    let from = client_address(&headers, peer, &state.auth.proxies);
    let outcomes = push_ops(&state, (&user, &from), ops).await?;
    let refused: Vec<(u32, String)> = verdicts
        .iter()
        .zip(&outcomes)
        .filter_map(|(v, o)| match o {
            Outcome::Applied { .. } => None,
            Outcome::Rejected { message_zh, .. } | Outcome::Conflict { message_zh, .. } => {
                Some((v.row.line, message_zh.clone()))
            }
        })
        .collect();
    if !already {
        let entry = AuditEntry::by(&user.actor, "registry.import")
            .on(
                "place",
                scope.reach.place.as_str(),
                Some(scope.reach.place.as_str()),
            )
            .with_detail(serde_json::json!({
                "file_sha256": hash,
                "rows": verdicts.len(),
                "refused": refused.len(),
            }));
        audit::append_standalone(&state.db, &entry).await?;
    }
    let stage = if already {
        import_render::Stage::Again
    } else {
        import_render::Stage::Committed(&refused)
    };
    Ok(Html(import_render::report(&scope.reach, &file, &verdicts, stage)).into_response())
}
