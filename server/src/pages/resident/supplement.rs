//! `POST /my/cases/{id}/supplement`: the applicant answers the window's supplement notice
//! (补正) with a photo of each listed material, nothing else.
//!
//! Each photo goes the helper's phone's way: uploaded as an attachment of the case's materials
//! checklist (`crate::attachments`, checked by content), then the checklist, with the photos in
//! the listed entries (and an entry for each material the case now requires that it never
//! listed: `supplement_form::open`), saved by the push path; once every listed photo is in, the case is
//! resubmitted (`Resubmit`) in the same push. A photo refused (not an image, too large) is
//! named at its field and the good ones are kept: the page shows them as received, so nothing
//! already chosen is lost. A field for a material the notice does not list refuses the whole
//! form before anything is kept.

use std::net::SocketAddr;

use axum::extract::multipart::Field;
use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::PathRejection;
use axum::extract::{ConnectInfo, Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::fieldwork::{AttachmentRef, MaterialStatus};
use domain::ids::CaseId;
use domain::sync::{OpBody, Outcome, RecordKind};
use domain::workflow::Command;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::actions::push_ops;
use super::case_page::{Said, not_found, show_with};
use super::supplement_form;
pub use super::supplement_form::MAX_PHOTO;
use super::{Resident, mine};
use crate::attachments::{self, AttachmentError, BeginUpload, MAX_CHUNK};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::public::Lang;
use crate::security::client_address::client_address;
use crate::state::AppState;

/// The form's whole body: a few photos of a few MB each.
pub const MAX_BODY: usize = 8 * MAX_PHOTO;

/// One file field as received.
pub(super) struct Photo {
    pub field: String,
    pub bytes: Vec<u8>,
    pub too_large: bool,
}

/// What the form sent.
#[derive(Default)]
struct Sent {
    op: Option<Uuid>,
    op2: Option<Uuid>,
    photos: Vec<Photo>,
}

/// The handler.
#[utoipa::path(post, path = "/my/cases/{id}/supplement", tag = "pages",
    params(("id" = Uuid, Path, description = "The case")),
    request_body(content = String, content_type = "multipart/form-data",
        description = "`op`, `op2` (operation ids) and one image file per listed material, named by its code (`code.member` per member)"),
    responses(
        (status = 303, description = "Every listed photo received: the case is resubmitted"),
        (status = 200, description = "Not a resident: the page that says so, or the sign-in"),
        (status = 400, description = "A photo refused or missing, or a material not on the notice: the page, with the message at the field"),
        (status = 403, description = "A staff account"),
        (status = 404, description = "Not one of the resident's cases"),
        (status = 409, description = "The case or its checklist changed meanwhile"),
        (status = 413, description = "The form is too large"),
    ),
    security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    path: Result<Path<Uuid>, PathRejection>,
    Resident { user, lang }: Resident,
    form: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let Ok(Path(id)) = path else {
        return Ok(not_found(lang));
    };
    let Some(m) = mine::case_of(&state, user.user, id).await? else {
        return Ok(not_found(lang));
    };
    let Some(notice) = supplement_form::open(&state, &m).await? else {
        let said = Said::Refused(
            lang.t(
                "这件申请现在不用补交材料。",
                "This application does not wait for papers now.",
            )
            .to_owned(),
        );
        return show_with(&state, &user, id, lang, StatusCode::BAD_REQUEST, said, &[]).await;
    };
    let refuse = |status, text: &str| {
        let said = Said::Refused(text.to_owned());
        show_with(&state, &user, id, lang, status, said, &[])
    };
    let sent = match form {
        Ok(form) => read(form).await,
        Err(_) => None,
    };
    let Some(sent) = sent else {
        let text = lang.t(
            "照片没有收全，可能太大了。请一张一张地交。",
            "The photos did not all arrive, perhaps too large: send them one at a time.",
        );
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, text).await;
    };
    let (Some(op), Some(op2)) = (sent.op, sent.op2) else {
        let text = lang.t(
            "没有收到完整的内容，请在下面重新选照片。",
            "Something was missing: please choose the photos below again.",
        );
        return refuse(StatusCode::BAD_REQUEST, text).await;
    };
    // Only what the notice lists, and not yet received.
    let open: Vec<String> = notice
        .asked
        .iter()
        .filter(|a| !a.done)
        .map(|a| a.field())
        .collect();
    if sent.photos.iter().any(|p| !open.contains(&p.field)) {
        let text = lang.t(
            "只能交补正通知上列出的材料，别的不用交。",
            "Only the papers the notice lists can be sent, nothing else.",
        );
        return refuse(StatusCode::BAD_REQUEST, text).await;
    }
    let from = client_address(&headers, peer, &state.auth.proxies);
    let (kept, mut errors) = keep(&state, &user, id, lang, sent.photos).await?;
    let mut checklist = notice.checklist.clone();
    for (field, sha) in &kept {
        if let Some(a) = notice.asked.iter().find(|a| a.field() == *field) {
            checklist.entries[a.entry].status = MaterialStatus::Photographed {
                photos: vec![sha.clone()],
            };
        }
    }
    let still: Vec<&String> = open
        .iter()
        .filter(|f| !kept.iter().any(|(k, _)| k == *f))
        .collect();
    for field in &still {
        if !errors.iter().any(|(f, _)| f == *field) {
            let text = lang.t("请给这一样拍一张照片。", "Please take a photo of this one.");
            errors.push(((*field).clone(), text.to_owned()));
        }
    }
    let mut ops = Vec::new();
    if !kept.is_empty() {
        checklist.updated_at = Utc::now();
        let body = serde_json::to_value(&checklist).map_err(|e| ApiError::Internal(e.into()))?;
        ops.push((
            op,
            OpBody::SaveFieldRecord {
                kind: RecordKind::Materials,
                id,
                base_version: Some(notice.version),
                body,
            },
        ));
    }
    let resubmit = still.is_empty();
    if resubmit {
        ops.push((
            op2,
            OpBody::CaseCommand {
                id: CaseId(id),
                base_version: m.version,
                command: Command::Resubmit,
                reason: None,
            },
        ));
    }
    let outcomes = if ops.is_empty() {
        Vec::new()
    } else {
        push_ops(&state, (&user, &from), ops).await?
    };
    if let Some(refused) = outcomes.iter().find_map(not_applied) {
        let (status, message) = refused;
        let said = Said::Refused(match lang {
            Lang::Zh => format!("没有办成：{message}"),
            Lang::En => format!("Not done: {message}"),
        });
        return show_with(&state, &user, id, lang, status, said, &errors).await;
    }
    if resubmit {
        let to = lang.link(&format!("/my/cases/{id}?done=supplement"));
        return Ok(Redirect::to(&to).into_response());
    }
    let said = Said::Refused(
        lang.t(
            "还差下面标出的照片。已经收到的不用再交。",
            "The photos marked below are still missing. What was received need not be sent again.",
        )
        .to_owned(),
    );
    show_with(
        &state,
        &user,
        id,
        lang,
        StatusCode::BAD_REQUEST,
        said,
        &errors,
    )
    .await
}

/// An outcome other than applied, as a status and the rule's words.
fn not_applied(outcome: &Outcome) -> Option<(StatusCode, String)> {
    match outcome {
        Outcome::Applied { .. } => None,
        Outcome::Conflict { message_zh, .. } => Some((StatusCode::CONFLICT, message_zh.clone())),
        Outcome::Rejected { code, message_zh } => Some((
            match code {
                domain::sync::RejectCode::NotFound => StatusCode::NOT_FOUND,
                domain::sync::RejectCode::Forbidden => StatusCode::FORBIDDEN,
                _ => StatusCode::BAD_REQUEST,
            },
            message_zh.clone(),
        )),
    }
}

/// Reads the form; `None` when it could not be read whole (too large, broken).
async fn read(mut form: Multipart) -> Option<Sent> {
    let mut sent = Sent::default();
    while let Some(field) = form.next_field().await.ok()? {
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "op" | "op2" => {
                let text = field.text().await.ok()?;
                let parsed = Uuid::parse_str(text.trim()).ok();
                if name == "op" {
                    sent.op = parsed;
                } else {
                    sent.op2 = parsed;
                }
            }
            _ => {
                let photo = read_photo(name, field).await?;
                // A file input left empty sends an empty part: nothing chosen.
                if photo.too_large || !photo.bytes.is_empty() {
                    sent.photos.push(photo);
                }
            }
        }
    }
    Some(sent)
}

/// One file, kept in memory up to [`MAX_PHOTO`]; beyond that only noted as too large.
pub(super) async fn read_photo(field: String, mut part: Field<'_>) -> Option<Photo> {
    let mut photo = Photo {
        field,
        bytes: Vec::new(),
        too_large: false,
    };
    while let Some(chunk) = part.chunk().await.ok()? {
        if photo.too_large || photo.bytes.len() + chunk.len() > MAX_PHOTO {
            photo.too_large = true;
            photo.bytes = Vec::new();
        } else {
            photo.bytes.extend_from_slice(&chunk);
        }
    }
    Some(photo)
}

/// Uploads every acceptable photo as an attachment of the case's checklist; answers the
/// fields kept with their files, and the refused ones with why.
async fn keep(
    state: &AppState,
    user: &CurrentUser,
    case: Uuid,
    lang: Lang,
    photos: Vec<Photo>,
) -> Result<(Vec<(String, AttachmentRef)>, Vec<(String, String)>), ApiError> {
    let mut kept: Vec<(String, AttachmentRef)> = Vec::new();
    let mut errors = Vec::new();
    for photo in photos {
        if let Some(text) = refusal(lang, &photo) {
            errors.push((photo.field, text.to_owned()));
            continue;
        }
        let sha = hex::encode(Sha256::digest(&photo.bytes));
        if kept.iter().any(|(_, s)| s.as_str() == sha) {
            let text = lang.t(
                "这张照片和上面的一样。请拍这一样材料。",
                "This is the same photo as above. Please photograph this paper.",
            );
            errors.push((photo.field, text.to_owned()));
            continue;
        }
        match upload(
            state,
            user,
            (RecordKind::Materials, case),
            &sha,
            &photo.bytes,
        )
        .await
        {
            Ok(()) => {
                let sha = AttachmentRef::parse(&sha).map_err(|e| ApiError::Internal(e.into()))?;
                kept.push((photo.field, sha));
            }
            Err(AttachmentError::Db(e)) => return Err(e.into()),
            Err(AttachmentError::Io(e)) => return Err(ApiError::Internal(e.into())),
            Err(other) => errors.push((photo.field, other.to_string())),
        }
    }
    Ok((kept, errors))
}

/// Why a photo is refused (too large, not an image), if it is.
pub(super) fn refusal(lang: Lang, photo: &Photo) -> Option<&'static str> {
    if photo.too_large {
        Some(lang.t(
            "这张照片太大了（最多 10 MB）。请重新拍一张。",
            "This photo is too large (at most 10 MB). Please take another.",
        ))
    } else if !attachments::sniff(&photo.bytes).is_some_and(|t| t.starts_with("image/")) {
        Some(lang.t(
            "这不是照片。请拍一张照片，或选手机里的照片。",
            "This is not a photo. Please take one, or choose one from the phone.",
        ))
    } else {
        None
    }
}

/// The attachments' own path: announce, then the chunks, as the helper's phone sends them,
/// for the record `kind`/`id` (which must exist).
pub(super) async fn upload(
    state: &AppState,
    user: &CurrentUser,
    (kind, id): (RecordKind, Uuid),
    sha: &str,
    bytes: &[u8],
) -> Result<(), AttachmentError> {
    let begin = BeginUpload {
        sha256: sha.to_owned(),
        size: bytes.len() as i64,
        record_kind: kind.code().to_owned(),
        record_id: id,
    };
    let quota = state.housekeeping.upload_quota;
    let mut at = attachments::begin(&state.db, &user.actor, &begin, quota).await?;
    while !at.complete {
        let Some(upload) = at.upload_id.clone() else {
            break;
        };
        let start = at.received as usize;
        let end = (start + MAX_CHUNK).min(bytes.len());
        at = attachments::put_chunk(
            &state.db,
            &state.attachments,
            &user.actor,
            &upload,
            at.received,
            &bytes[start..end],
        )
        .await?;
    }
    Ok(())
}
