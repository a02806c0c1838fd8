//! Announcing, sending and fetching attachments, with every access checked against the
//! record the attachment belongs to.

use domain::jurisdiction::{Actor, can_act};
use domain::sync::RecordKind;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::files::AttachmentFiles;
use super::kind::sniff;
use super::links::{link, may_link, scope_of};
use super::{MAX_CHUNK, MAX_SIZE};
use crate::db::{Db, time};

/// A phone announces a file it is about to send.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BeginUpload {
    /// The whole file's SHA-256, 64 lowercase hex digits.
    pub sha256: String,
    /// Its size in bytes.
    pub size: i64,
    /// The kind of record it belongs to (a `RecordKind` code: `household`, `case`,
    /// `entrustment`, `visit`, `hardship`, `evaluation`, `materials` or `authorization`: its
    /// signature images and, read only by the verification team, its ID-card photos).
    pub record_kind: String,
    /// That record's id.
    pub record_id: Uuid,
}

/// Where an upload stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct UploadState {
    /// The upload to send chunks to (`None` once complete).
    pub upload_id: Option<String>,
    /// The file's SHA-256.
    pub sha256: String,
    /// Its size.
    pub size: i64,
    /// Bytes the server holds: the next chunk starts here.
    pub received: i64,
    /// The file is kept and linked to the record.
    pub complete: bool,
    /// Its type by content, once complete.
    pub media_type: Option<String>,
}

pub use super::error::AttachmentError;
pub(super) use super::error::Result;

pub(super) fn check_sha(sha: &str) -> Result<()> {
    let ok = sha.len() == 64 && sha.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if ok {
        Ok(())
    } else {
        Err(AttachmentError::BadRequest(
            "sha256 须为 64 位小写十六进制".to_owned(),
        ))
    }
}

fn complete(sha: &str, size: i64, media_type: String) -> UploadState {
    UploadState {
        upload_id: None,
        sha256: sha.to_owned(),
        size,
        received: size,
        complete: true,
        media_type: Some(media_type),
    }
}

/// Starts (or resumes) the upload of a file for a record the caller may act on, or at once
/// links the kept file when the caller may link it ([`may_link`]).
/// A new upload must fit in the caller's `quota` of unfinished ones.
pub async fn begin(
    db: &Db,
    actor: &Actor,
    req: &BeginUpload,
    quota: super::UploadQuota,
) -> Result<UploadState> {
    check_sha(&req.sha256)?;
    if req.size > MAX_SIZE {
        return Err(AttachmentError::TooLarge);
    }
    if req.size < 1 {
        return Err(AttachmentError::BadRequest("文件是空的".to_owned()));
    }
    let kind = RecordKind::from_code(&req.record_kind)
        .ok_or_else(|| AttachmentError::BadRequest("未知的记录类型".to_owned()))?;
    let id = req.record_id.to_string();
    let mut tx = db.begin_write().await?;
    let scope = scope_of(&mut tx, kind.code(), &id).await?;
    let Some(scope) = scope.filter(|s| can_act(actor, s)) else {
        return Err(AttachmentError::NotFound);
    };
    let kept: Option<(i64, String)> =
        sqlx::query_as("SELECT size, media_type FROM attachments WHERE sha256 = $1")
            .bind(&req.sha256)
            .fetch_optional(&mut *tx)
            .await?;
    // A kept file the caller may not link is answered as a file the server never saw (its
    // size is not told either): the bytes, sent in full, are what give a right to it.
    let kept = match kept {
        Some(kept) => may_link(&mut tx, actor, &req.sha256, kind.code(), &id, false)
            .await?
            .then_some(kept),
        None => None,
    };
    if let Some((size, media_type)) = kept {
        if size != req.size {
            return Err(AttachmentError::BadRequest(
                "大小与已有的同一文件不符".to_owned(),
            ));
        }
        link(
            &mut tx,
            actor,
            &req.sha256,
            kind.code(),
            &id,
            scope.place.as_str(),
        )
        .await?;
        tx.commit().await?;
        return Ok(complete(&req.sha256, size, media_type));
    }
    let user = actor.user.0.to_string();
    let existing: Option<(String, i64, i64)> = sqlx::query_as(
        "SELECT id, size, received FROM uploads \
         WHERE user_id = $1 AND sha256 = $2 AND record_kind = $3 AND record_id = $4",
    )
    .bind(&user)
    .bind(&req.sha256)
    .bind(kind.code())
    .bind(&id)
    .fetch_optional(&mut *tx)
    .await?;
    let (upload, received) = match existing {
        Some((upload, size, received)) if size == req.size => (upload, received),
        Some((upload, ..)) => {
            sqlx::query("UPDATE uploads SET size = $1, received = 0 WHERE id = $2")
                .bind(req.size)
                .bind(&upload)
                .execute(&mut *tx)
                .await?;
            (upload, 0)
        }
        None => {
            super::quota::check(&mut tx, &user, req.size, quota).await?;
            let upload = Uuid::now_v7().to_string();
            sqlx::query(
                "INSERT INTO uploads (id, user_id, sha256, size, received, record_kind, \
                 record_id, created_at) VALUES ($1, $2, $3, $4, 0, $5, $6, $7)",
            )
            .bind(&upload)
            .bind(&user)
            .bind(&req.sha256)
            .bind(req.size)
            .bind(kind.code())
            .bind(&id)
            .bind(time::now())
            .execute(&mut *tx)
            .await?;
            (upload, 0)
        }
    };
    tx.commit().await?;
    Ok(UploadState {
        upload_id: Some(upload),
        sha256: req.sha256.clone(),
        size: req.size,
        received,
        complete: false,
        media_type: None,
    })
}

type UploadRow = (String, i64, i64, String, String);

async fn own_upload(db: &Db, actor: &Actor, upload: &str) -> Result<UploadRow> {
    let row: Option<UploadRow> = sqlx::query_as(
        "SELECT sha256, size, received, record_kind, record_id FROM uploads \
         WHERE id = $1 AND user_id = $2",
    )
    .bind(upload)
    .bind(actor.user.0.to_string())
    .fetch_optional(db.pool())
    .await?;
    row.ok_or(AttachmentError::NotFound)
}

/// How far the caller's upload has come (to resume after a dropped connection).
pub async fn status(db: &Db, actor: &Actor, upload: &str) -> Result<UploadState> {
    let (sha256, size, received, ..) = own_upload(db, actor, upload).await?;
    Ok(UploadState {
        upload_id: Some(upload.to_owned()),
        sha256,
        size,
        received,
        complete: false,
        media_type: None,
    })
}

/// Takes the chunk that starts at `offset`; after the last one checks the whole file.
pub async fn put_chunk(
    db: &Db,
    files: &AttachmentFiles,
    actor: &Actor,
    upload: &str,
    offset: i64,
    bytes: &[u8],
) -> Result<UploadState> {
    let (sha256, size, received, kind, id) = own_upload(db, actor, upload).await?;
    if offset != received {
        return Err(AttachmentError::WrongOffset { received });
    }
    if bytes.is_empty() || bytes.len() > MAX_CHUNK {
        return Err(AttachmentError::BadRequest(format!(
            "每块须为 1 字节到 {} KB",
            MAX_CHUNK / 1024
        )));
    }
    let end = offset + bytes.len() as i64;
    if end > size {
        return Err(AttachmentError::BadRequest(
            "超出了声明的文件大小".to_owned(),
        ));
    }
    files.write_at(upload, offset as u64, bytes).await?;
    let mut tx = db.begin_write().await?;
    let moved = sqlx::query("UPDATE uploads SET received = $1 WHERE id = $2 AND received = $3")
        .bind(end)
        .bind(upload)
        .bind(offset)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    if moved == 0 {
        // Another request of the same upload got there first.
        let (.., now, _, _) = own_upload(db, actor, upload).await?;
        return Err(AttachmentError::WrongOffset { received: now });
    }
    if end < size {
        return Ok(UploadState {
            upload_id: Some(upload.to_owned()),
            sha256,
            size,
            received: end,
            complete: false,
            media_type: None,
        });
    }
    finish(db, files, actor, upload, &sha256, size, &kind, &id).await
}

#[allow(clippy::too_many_arguments)]
async fn finish(
    db: &Db,
    files: &AttachmentFiles,
    actor: &Actor,
    upload: &str,
    sha256: &str,
    size: i64,
    kind: &str,
    id: &str,
) -> Result<UploadState> {
    let (hash, head) = files.finish_partial(upload, size as u64).await?;
    let mut tx = db.begin_write().await?;
    if hash != sha256 {
        sqlx::query("UPDATE uploads SET received = 0 WHERE id = $1")
            .bind(upload)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        files.discard(upload).await;
        return Err(AttachmentError::HashMismatch);
    }
    let Some(media_type) = sniff(&head) else {
        sqlx::query("DELETE FROM uploads WHERE id = $1")
            .bind(upload)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        files.discard(upload).await;
        return Err(AttachmentError::NotAllowedType);
    };
    // The record may have moved out of the caller's reach while the file was on its way.
    let scope = scope_of(&mut tx, kind, id).await?;
    let Some(scope) = scope.filter(|s| can_act(actor, s)) else {
        return Err(AttachmentError::NotFound);
    };
    // Having sent the bytes, the caller has the file; only an ID-card photo's protection
    // still stands in the way.
    if !may_link(&mut tx, actor, sha256, kind, id, true).await? {
        sqlx::query("DELETE FROM uploads WHERE id = $1")
            .bind(upload)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        files.discard(upload).await;
        return Err(AttachmentError::NotFound);
    }
    files.keep(upload, sha256).await?;
    sqlx::query(
        "INSERT INTO attachments (sha256, size, media_type, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(sha256)
    .bind(size)
    .bind(media_type)
    .bind(time::now())
    .bind(actor.user.0.to_string())
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO attachment_senders (sha256, user_id, sent_at) VALUES ($1, $2, $3) \
         ON CONFLICT DO NOTHING",
    )
    .bind(sha256)
    .bind(actor.user.0.to_string())
    .bind(time::now())
    .execute(&mut *tx)
    .await?;
    link(&mut tx, actor, sha256, kind, id, scope.place.as_str()).await?;
    sqlx::query("DELETE FROM uploads WHERE id = $1")
        .bind(upload)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(complete(sha256, size, media_type.to_owned()))
}
