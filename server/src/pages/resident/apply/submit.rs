//! `POST /my/apply/submit`: the draft becomes what the helper's phone would send — the case
//! (网上申请, the resident its applicant), its items, the authorization package (unless the
//! household's still holds), the materials checklist and the submission with the resident's
//! reason — applied by the one push path in one batch, then the photos and signature images
//! uploaded through the attachments path onto their records. The operations' ids are made
//! from the draft's, so a second press (or a resend after a dropped answer) is answered from
//! the first and writes nothing twice.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::authorization::{
    AuthorizationRecord, Collected, Consent, IdentityCheck, online_package, unsigned,
};
use domain::catalogue::AidItemCode;
use domain::clocks::china_date;
use domain::fieldwork::{
    AUTHORIZATION, AttachmentRef, MaterialEntry, MaterialStatus, MaterialsRecord, required_for,
};
use domain::ids::{AuthorizationId, CaseId, HouseholdId, MemberId};
use domain::sync::{OpBody, Outcome, RecordKind};
use domain::workflow::{Channel, Command};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::draft::{self, Application};
use super::page::{View, show};
use super::{Home, home, signing};
use crate::attachments::AttachmentError;
use crate::auth::CurrentUser;
use crate::authorization::identity;
use crate::error::ApiError;
use crate::pages::public::Lang;
use crate::pages::resident::Resident;
use crate::pages::resident::actions::push_ops;
use crate::pages::resident::supplement::upload;
use crate::security::client_address::client_address;
use crate::state::AppState;

/// The id of the draft's `n`th operation (or record): the same for every send of the draft.
pub fn derived(draft: Uuid, n: u8) -> Uuid {
    let digest = Sha256::digest(format!("onedoor-apply/{draft}/{n}"));
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// The handler.
#[utoipa::path(post, path = "/my/apply/submit", tag = "pages",
    responses(
        (status = 303, description = "Sent (or sent before): on to the case's page"),
        (status = 200, description = "Not signed in: the sign-in"),
        (status = 400, description = "Nothing chosen yet, or a consent still unsigned: the step that says so"),
        (status = 403, description = "A staff account"),
        (status = 404, description = "No household lists the resident"),
        (status = 409, description = "The push refused it: the page with the rule's words"),
    ),
    security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Resident { user, lang }: Resident,
) -> Result<Response, ApiError> {
    let refuse = |step: u8, status: StatusCode, text: String| {
        let view = View {
            step,
            said: Some((false, text)),
            ..View::default()
        };
        show(&state, &user, lang, status, view)
    };
    let Some(home) = home(&state, user.user).await? else {
        return show(&state, &user, lang, StatusCode::NOT_FOUND, View::default()).await;
    };
    let Some(app) = draft::current(&state, user.user, home.household.id.0).await? else {
        // Sent a moment ago (a second press): the case it made.
        if let Some(id) = last_sent(&state, &user, &home).await? {
            let to = lang.link(&format!("/my/cases/{id}?done=apply"));
            return Ok(Redirect::to(&to).into_response());
        }
        let text = lang.t(
            "请先选想申请的救助。",
            "Please choose the assistance first.",
        );
        return refuse(1, StatusCode::BAD_REQUEST, text.to_owned()).await;
    };
    if app.draft.items.is_empty() {
        let text = lang.t(
            "请先选想申请的救助。",
            "Please choose the assistance first.",
        );
        return refuse(1, StatusCode::BAD_REQUEST, text.to_owned()).await;
    }
    let now = Utc::now();
    let today = china_date(now);
    let reused = signing::reusable(&state, &home.household, today).await?;
    let plan = signing::plan(&home.household, today, &app.draft).unwrap_or_default();
    let signed = signing::signed(&plan, &app.draft);
    if reused.is_none() && (plan.is_empty() || !unsigned(&plan, &signed).is_empty()) {
        let text = lang.t(
            "授权书还没有签全，签好了才能交。",
            "The authorization is not signed by everyone yet.",
        );
        return refuse(3, StatusCode::BAD_REQUEST, text.to_owned()).await;
    }
    let package = match &reused {
        Some(_) => None,
        None => Some(package(&state, &home, (&app, &plan), &user, now).await?),
    };
    let ops = operations(
        &state,
        &home,
        &app,
        &user,
        (package.as_ref(), reused.as_deref()),
    )?;
    let from = client_address(&headers, peer, &state.auth.proxies);
    let outcomes = push_ops(&state, (&user, &from), ops).await?;
    if let Some(message) = outcomes.iter().find_map(refusal) {
        tracing::warn!(application = %app.id, "online application refused: {message}");
        let text = match lang {
            Lang::Zh => format!("没有交成：{message}"),
            Lang::En => format!("Not sent: {message}"),
        };
        return refuse(4, StatusCode::CONFLICT, text).await;
    }
    files(&state, &user, &app, package.as_ref()).await?;
    draft::mark_submitted(&state, app.id).await?;
    let to = lang.link(&format!("/my/cases/{}?done=apply", app.id));
    Ok(Redirect::to(&to).into_response())
}

fn refusal(outcome: &Outcome) -> Option<String> {
    match outcome {
        Outcome::Applied { .. } => None,
        Outcome::Conflict { message_zh, .. } | Outcome::Rejected { message_zh, .. } => {
            Some(message_zh.clone())
        }
    }
}

/// The resident's most recently sent draft of the household.
async fn last_sent(
    state: &AppState,
    user: &CurrentUser,
    home: &Home,
) -> Result<Option<Uuid>, ApiError> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT id FROM resident_applications WHERE user_id = $1 AND household_id = $2 \
         AND submitted_at IS NOT NULL ORDER BY submitted_at DESC LIMIT 1",
    )
    .bind(user.user.to_string())
    .bind(home.household.id.to_string())
    .fetch_optional(state.db.pool())
    .await?;
    Ok(row.and_then(|(id,)| Uuid::parse_str(&id).ok()))
}

/// The authorization package of the draft's signatures that fit the plan (`signed`, by
/// member), each with the server's proof of its signer's code; the members the resident
/// marked as unable to sign themselves are marked without full capacity.
async fn package(
    state: &AppState,
    home: &Home,
    (app, plan): (&Application, &[Consent]),
    user: &CurrentUser,
    now: chrono::DateTime<Utc>,
) -> Result<AuthorizationRecord, ApiError> {
    let text = crate::authorization::store::text_in_force(&state.db).await?;
    let household = home.household.id;
    let mut collected = Vec::new();
    // Each signature by the signer the plan names, with that signer (a member, or the guardian
    // from outside the household, whom the package then names without a member).
    let fitting = app.draft.signatures.iter().filter_map(|s| {
        plan.iter()
            .find(|c| c.member.0 == s.member && c.signer.key() == s.signer)
            .map(|c| (s, c))
    });
    for (s, consent) in fitting {
        let Some(c) = app.draft.confirmed.iter().find(|c| c.signer == s.signer) else {
            continue;
        };
        let member = MemberId(s.member);
        let image = AttachmentRef::parse(&s.image).map_err(|e| ApiError::Internal(e.into()))?;
        collected.push(Collected {
            member,
            signer: consent.signer.clone(),
            image,
            strokes: s.strokes.clone(),
            identity: IdentityCheck::OneTimeCode {
                phone_masked: c.phone_masked.clone(),
                proof: identity::proof_for(
                    &state.authorization,
                    household,
                    member,
                    &c.phone_masked,
                    c.at,
                ),
                confirmed_at: c.at,
            },
            signed_at: s.at.min(now),
        });
    }
    let id = AuthorizationId(derived(app.id, 10));
    Ok(online_package(
        id,
        &home.household,
        &text,
        user.user,
        (&collected, &app.draft.limited()),
        now,
    ))
}

/// The push: the case, its items, the authorization, the checklist, the submission.
fn operations(
    state: &AppState,
    home: &Home,
    app: &Application,
    user: &CurrentUser,
    (package, reused): (Option<&AuthorizationRecord>, Option<&[AuthorizationRecord]>),
) -> Result<Vec<(Uuid, OpBody)>, ApiError> {
    let case = CaseId(app.id);
    let household = HouseholdId(app.household);
    let items: Vec<AidItemCode> = app.draft.items.iter().cloned().map(AidItemCode).collect();
    let catalogue = state.reference.catalogue();
    let now = Utc::now();
    let covering = |member: MemberId| -> Option<AuthorizationId> {
        match (package, reused) {
            (Some(p), _) => Some(p.id),
            (None, Some(records)) => records
                .iter()
                .find(|r| r.members.iter().any(|m| m.member == member))
                .map(|r| r.id),
            _ => None,
        }
    };
    let entries = required_for(&catalogue, &items, &home.household, china_date(now))
        .into_iter()
        .map(|r| {
            let field = match r.member {
                Some(m) => format!("{}.{}", r.material.as_str(), m.0),
                None => r.material.as_str().to_owned(),
            };
            let photo = app.draft.photos.iter().find(|(f, _)| *f == field);
            let status = if r.material.as_str() == AUTHORIZATION {
                match r.member.and_then(covering) {
                    Some(authorization) => MaterialStatus::Authorized { authorization },
                    None => MaterialStatus::Missing,
                }
            } else {
                match photo.and_then(|(_, sha)| AttachmentRef::parse(sha).ok()) {
                    Some(sha) => MaterialStatus::Photographed { photos: vec![sha] },
                    None => MaterialStatus::Missing,
                }
            };
            MaterialEntry {
                material: r.material,
                member: r.member,
                status,
            }
        })
        .collect();
    let checklist = MaterialsRecord {
        id: case,
        household,
        collected_by: user.user,
        updated_at: now,
        entries,
    };
    let mut ops = vec![
        (
            derived(app.id, 0),
            OpBody::CreateCase {
                id: case,
                household,
                channel: Channel::Online,
                applicant: Some(user.user),
                referred_by: None,
            },
        ),
        (
            derived(app.id, 1),
            OpBody::CaseCommand {
                id: case,
                base_version: 1,
                command: Command::EditDraft {
                    primary: items.first().cloned(),
                    items,
                },
                reason: None,
            },
        ),
    ];
    if let Some(p) = package {
        ops.push((
            derived(app.id, 2),
            OpBody::SaveFieldRecord {
                kind: RecordKind::Authorization,
                id: p.id.0,
                base_version: None,
                body: json(p)?,
            },
        ));
    }
    ops.push((
        derived(app.id, 3),
        OpBody::SaveFieldRecord {
            kind: RecordKind::Materials,
            id: app.id,
            base_version: None,
            body: json(&checklist)?,
        },
    ));
    ops.push((
        derived(app.id, 4),
        OpBody::CaseCommand {
            id: case,
            base_version: 2,
            command: Command::Submit,
            reason: Some(app.draft.reason.clone()),
        },
    ));
    Ok(ops)
}

/// Serialises a record for an operation's body.
fn json<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, ApiError> {
    serde_json::to_value(value).map_err(|e| ApiError::Internal(e.into()))
}

/// Uploads the draft's photos onto the checklist and the signatures onto the authorization,
/// by the attachments path; a file already there is answered as complete.
async fn files(
    state: &AppState,
    user: &CurrentUser,
    app: &Application,
    package: Option<&AuthorizationRecord>,
) -> Result<(), ApiError> {
    let mut wanted: Vec<((RecordKind, Uuid), String)> = app
        .draft
        .photos
        .iter()
        .map(|(_, sha)| ((RecordKind::Materials, app.id), sha.clone()))
        .collect();
    if let Some(p) = package {
        for s in &p.signatures {
            wanted.push((
                (RecordKind::Authorization, p.id.0),
                s.mark.image().as_str().to_owned(),
            ));
        }
    }
    for (record, sha) in wanted {
        let Some(bytes) = draft::file(state, app.id, &sha).await? else {
            continue;
        };
        match upload(state, user, record, &sha, &bytes).await {
            Ok(()) => {}
            Err(AttachmentError::Db(e)) => return Err(e.into()),
            Err(AttachmentError::Io(e)) => return Err(ApiError::Internal(e.into())),
            Err(other) => tracing::warn!(application = %app.id, "a file was not attached: {other}"),
        }
    }
    Ok(())
}
