//! `/admin/places/import`: villages and communities from a CSV or XLSX file (issue 21 point
//! 5), through the imports' preview and all-or-nothing commit
//! ([`crate::pages::import_table`]):
//!
//! - `GET`: the form, with the columns and the sample file;
//! - `GET /admin/places/import/sample.csv`: the sample — the villages under the admin's
//!   townships as the tree holds them, so it imports as it is and changes nothing;
//! - `POST` (multipart: `file`, or `data` — the previewed file sent back, base64 — with
//!   `action` `preview` or `commit`): every row's verdict by `domain::jurisdiction::
//!   check_village_rows` (a new village by `check_new_village`, an existing one's names and
//!   population by `check_edit`), each rejected row named by line and column and why; a commit
//!   with any rejected row writes nothing; otherwise every addition and change is written in
//!   one transaction, each audited as the form's are (`admin.add_place`, `admin.edit_place`,
//!   with `source: import`) plus one `admin.import_places` row for the file. A village the
//!   file leaves as it stands is not written, so the same file twice writes nothing new.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use domain::jurisdiction::{PlaceEditError, PlaceField, VillageChange, check_village_rows};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::places_import_read::{Counts, HEADINGS, MAX_FILE, Verdict, known, read};
use super::places_import_render::{form, report};
use super::{Lang, LangQuery, admin_only};
use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::import_table::{carried, read_upload};
use crate::state::AppState;

/// The form.
#[utoipa::path(get, path = "/admin/places/import", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English")),
    responses(
        (status = 200, description = "The places import form (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn get(
    user: CurrentUser,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Result<Response, ApiError> {
    admin_only(&user)?;
    let lang = Lang::of(q.lang.as_deref(), &headers);
    Ok(form(lang, None))
}

/// The sample file: the villages under the admin's townships as they stand.
#[utoipa::path(get, path = "/admin/places/import/sample.csv", tag = "admin",
    responses(
        (status = 200, description = "The sample (CSV, UTF-8)", content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn sample(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, ApiError> {
    admin_only(&user)?;
    let mut villages: Vec<_> = known(&state)
        .await?
        .into_iter()
        .filter(|(c, _)| {
            c.level() == domain::jurisdiction::Level::Village && user.actor.place.contains(c)
        })
        .collect();
    villages.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let fail = |e: csv::Error| ApiError::Internal(e.into());
    out.write_record(HEADINGS).map_err(fail)?;
    for (code, p) in &villages {
        let population = p.population.map(|n| n.to_string()).unwrap_or_default();
        out.write_record([code.as_str(), &p.name_zh, &p.name_en, &population])
            .map_err(fail)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"places-sample.csv\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        bytes,
    )
        .into_response())
}

/// Previews or commits a file.
#[utoipa::path(post, path = "/admin/places/import", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English")),
    request_body(content = String, content_type = "multipart/form-data",
        description = "file (CSV or XLSX) or data (the previewed file, base64), name, action (preview | commit)"),
    responses(
        (status = 200, description = "The preview, or what the commit wrote (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin", body = crate::error::ErrorBody),
        (status = 422, description = "A file that cannot be read, or rejected rows: nothing written (HTML)", content_type = "text/html"),
    ),
    security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
    sent: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    admin_only(&user)?;
    let lang = Lang::of(q.lang.as_deref(), &headers);
    let sent = match sent {
        Ok(sent) => read_upload(sent).await,
        Err(_) => Err("上传未完成，请重新选择文件".to_owned()),
    };
    let sent = match sent {
        Ok(sent) => sent,
        Err(message) => return Ok(form(lang, Some(&message))),
    };
    let Some(bytes) = sent.bytes else {
        return Ok(form(lang, Some("请选择要导入的 CSV 或 XLSX 文件")));
    };
    if bytes.len() > MAX_FILE {
        return Ok(form(lang, Some("文件超过 512 KB，请拆分后分别导入")));
    }
    let (rows, columns) = match read(&bytes) {
        Ok(read) => read,
        Err(message) => return Ok(form(lang, Some(&message))),
    };
    let tree = known(&state).await?;
    let checked = check_village_rows(
        &rows.iter().map(|(_, r)| r.clone()).collect::<Vec<_>>(),
        &user.actor.place,
        |c| tree.get(c).cloned(),
    );
    let verdicts: Vec<Verdict> = rows
        .into_iter()
        .zip(checked)
        .map(|((line, row), result)| Verdict { line, row, result })
        .collect();
    let counts = Counts::of(&verdicts);
    let file = (sent.name.as_str(), carried(&bytes));
    if !sent.commit || counts.rejected > 0 {
        return Ok(report(lang, &verdicts, &columns, &file, sent.commit, None));
    }
    let hash = hex::encode(Sha256::digest(&bytes));
    let mut tx = state.db.begin_write().await?;
    let mut taken = None;
    for v in &verdicts {
        match &v.result {
            Ok(VillageChange::Add(new)) => {
                // Another admin may have added the same code since the tree was read.
                let exists: Option<(String,)> =
                    sqlx::query_as("SELECT code FROM places WHERE code = $1")
                        .bind(new.code.as_str())
                        .fetch_optional(&mut *tx)
                        .await?;
                if exists.is_some() {
                    taken = Some(v.line);
                    break;
                }
                let township = new.code.parent().unwrap_or_else(|| new.code.clone());
                sqlx::query(
                    "INSERT INTO places (code, parent_code, level, name_zh, name_en, population) \
                     VALUES ($1, $2, 'village', $3, $4, $5)",
                )
                .bind(new.code.as_str())
                .bind(township.as_str())
                .bind(&new.place.name_zh)
                .bind(&new.place.name_en)
                .bind(new.place.population)
                .execute(&mut *tx)
                .await?;
                let entry = AuditEntry::by(&user.actor, "admin.add_place")
                    .on("place", new.code.as_str(), Some(new.code.as_str()))
                    .with_detail(json!({ "before": null, "after": new.place,
                        "parent": township.as_str(), "source": "import" }));
                audit::append(&mut tx, &entry).await?;
            }
            Ok(VillageChange::Update {
                code,
                before,
                after,
            }) => {
                sqlx::query(
                    "UPDATE places SET name_zh = $1, name_en = $2, population = $3 WHERE code = $4",
                )
                .bind(&after.name_zh)
                .bind(&after.name_en)
                .bind(after.population)
                .bind(code.as_str())
                .execute(&mut *tx)
                .await?;
                let entry = AuditEntry::by(&user.actor, "admin.edit_place")
                    .on("place", code.as_str(), Some(code.as_str()))
                    .with_detail(json!({ "before": before, "after": after, "source": "import" }));
                audit::append(&mut tx, &entry).await?;
            }
            Ok(VillageChange::Unchanged(_)) | Err(_) => {}
        }
    }
    if let Some(line) = taken {
        drop(tx);
        let mut verdicts = verdicts;
        if let Some(at) = verdicts.iter_mut().find(|w| w.line == line) {
            at.result = Err(vec![(PlaceField::Code, PlaceEditError::CodeTaken)]);
        }
        return Ok(report(lang, &verdicts, &columns, &file, true, None));
    }
    if counts.added + counts.updated > 0 {
        let place = user.actor.place.as_str();
        let entry = AuditEntry::by(&user.actor, "admin.import_places")
            .on("place", place, Some(place))
            .with_detail(json!({
                "file_sha256": hash,
                "rows": verdicts.len(),
                "added": counts.added,
                "updated": counts.updated,
                "unchanged": counts.unchanged,
            }));
        audit::append(&mut tx, &entry).await?;
    }
    tx.commit().await?;
    Ok(report(lang, &verdicts, &columns, &file, true, Some(counts)))
}
