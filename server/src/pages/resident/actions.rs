//! The applicant's two forms after a result: rating the service (the helper's phone's scale:
//! 满意 / 基本满意 / 不满意, recorded as the workflow's `Evaluate`) and asking for a review
//! (申请复核, the workflow's `RequestReview`, the reason required). Each form is made into one
//! sync operation (`CaseCommand`) with the operation id the form carries, and applied by
//! [`crate::sync::push::push`], the function behind `POST /api/sync/v1/push`: exactly once,
//! checked against the case's scope and the workflow's rules, audited. No second write path.

use axum::Form;
use axum::extract::rejection::{FormRejection, PathRejection};
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::fieldwork::Rating;
use domain::ids::{CaseId, DeviceId, OpId};
use domain::sync::{OpBody, Operation, Outcome, PushRequest, RejectCode};
use domain::workflow::Command;
use serde::Deserialize;
use uuid::Uuid;

use super::case_page::{Said, not_found, rating_code, show};
use super::{Resident, mine};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::public::Lang;
use crate::security::client_address::client_address;
use crate::state::AppState;
use crate::sync::{PushEnv, push};

/// The device the resident's web forms push as: one for every resident, since an operation's
/// id, not its device, makes it unique.
const WEB_FORMS: DeviceId = DeviceId(Uuid::from_u128(0x6d79_2d63_6173_6573_0000_0000_0000_0001));

/// The longest comment or reason, in characters.
const MAX_TEXT_CHARS: usize = 500;

/// What the two forms send.
#[derive(Debug, Default, Deserialize)]
pub struct ActionForm {
    /// The operation id the page made.
    pub op: Option<String>,
    /// The case version the page showed.
    pub version: Option<String>,
    /// The rating's code (rating form).
    pub rating: Option<String>,
    /// The resident's words (rating form, optional).
    pub comment: Option<String>,
    /// Why the resident disagrees (review form, required).
    pub reason: Option<String>,
}

/// `POST /my/cases/{id}/rate`.
pub async fn rate(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    path: Result<Path<Uuid>, PathRejection>,
    resident: Resident,
    form: Result<Form<ActionForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let rating = Rating::ALL
        .into_iter()
        .find(|r| Some(rating_code(*r)) == form.rating.as_deref());
    let command = rating.map(|r| Command::Evaluate {
        satisfaction: r.satisfaction(),
    });
    let text = form.comment.clone();
    let from = client_address(&headers, peer, &state.auth.proxies);
    act(&state, &from, path, resident, form, command, text, "rated").await
}

/// `POST /my/cases/{id}/review`.
pub async fn review(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    path: Result<Path<Uuid>, PathRejection>,
    resident: Resident,
    form: Result<Form<ActionForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let text = form.reason.clone();
    let command = Some(Command::RequestReview);
    let from = client_address(&headers, peer, &state.auth.proxies);
    act(&state, &from, path, resident, form, command, text, "review").await
}

#[allow(clippy::too_many_arguments)]
async fn act(
    state: &AppState,
    from: &str,
    path: Result<Path<Uuid>, PathRejection>,
    resident: Resident,
    form: ActionForm,
    command: Option<Command>,
    text: Option<String>,
    done: &str,
) -> Result<Response, ApiError> {
    let Resident { user, lang } = resident;
    let Ok(Path(id)) = path else {
        return Ok(not_found(lang));
    };
    // Another household's case, or none: the same 404, before anything is tried.
    if mine::case_of(state, user.user, id).await?.is_none() {
        return Ok(not_found(lang));
    }
    let refuse = |text: &str| Said::Refused(text.to_owned());
    let op = form.op.as_deref().and_then(|o| Uuid::parse_str(o).ok());
    let version = form
        .version
        .as_deref()
        .and_then(|v| v.trim().parse::<i64>().ok());
    let (Some(op), Some(version), Some(command)) = (op, version, command) else {
        let said = refuse(lang.t(
            "没有收到完整的内容，请在下面重新填一次。",
            "Something was missing: please fill in the form below again.",
        ));
        return show(state, &user, id, lang, StatusCode::BAD_REQUEST, said).await;
    };
    let text = text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    if text
        .as_ref()
        .is_some_and(|t| t.chars().count() > MAX_TEXT_CHARS)
    {
        let said = refuse(lang.t("最多写 500 个字。", "At most 500 characters."));
        return show(state, &user, id, lang, StatusCode::BAD_REQUEST, said).await;
    }
    let outcome = push_one(state, (&user, from), op, id, version, command, text).await?;
    let (status, message) = match outcome {
        Some(Outcome::Applied { .. }) => {
            let to = lang.link(&format!("/my/cases/{id}?done={done}"));
            return Ok(Redirect::to(&to).into_response());
        }
        Some(Outcome::Conflict { message_zh, .. }) => (StatusCode::CONFLICT, message_zh),
        Some(Outcome::Rejected { code, message_zh }) => (
            match code {
                RejectCode::NotFound => return Ok(not_found(lang)),
                RejectCode::Forbidden => StatusCode::FORBIDDEN,
                RejectCode::Invalid | RejectCode::IdReused => StatusCode::BAD_REQUEST,
            },
            message_zh,
        ),
        None => (StatusCode::INTERNAL_SERVER_ERROR, String::new()),
    };
    let said = Said::Refused(match lang {
        Lang::Zh => format!("没有办成：{message}"),
        Lang::En => format!("Not done: {message}"),
    });
    show(state, &user, id, lang, status, said).await
}

/// Applies one case command by the push path; answers its outcome.
async fn push_one(
    state: &AppState,
    (user, from): (&CurrentUser, &str),
    op: Uuid,
    id: Uuid,
    version: i64,
    command: Command,
    text: Option<String>,
) -> Result<Option<Outcome>, ApiError> {
    let body = OpBody::CaseCommand {
        id: CaseId(id),
        base_version: version,
        command,
        reason: text,
    };
    let outcomes = push_ops(state, (user, from), vec![(op, body)]).await?;
    Ok(outcomes.into_iter().next())
}

/// Applies operations by the push path, in one batch (one transaction), made now; answers
/// each one's outcome in order. The same form sent twice (a double tap, a reload) answers the
/// first answers again: the operation's time is the server's, not one the form could claim, so
/// a resend differs from the first send in its time and the push would take it for an id
/// reused.
pub(crate) async fn push_ops(
    state: &AppState,
    (user, from): (&CurrentUser, &str),
    ops: Vec<(Uuid, OpBody)>,
) -> Result<Vec<Outcome>, ApiError> {
    let mut earlier = Vec::with_capacity(ops.len());
    for (op, _) in &ops {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT result FROM sync_ops WHERE op_id = $1 AND user_id = $2")
                .bind(op.to_string())
                .bind(user.user.to_string())
                .fetch_optional(state.db.pool())
                .await?;
        match row.and_then(|(r,)| serde_json::from_str::<Outcome>(&r).ok()) {
            Some(outcome) => earlier.push(outcome),
            None => break,
        }
    }
    if !ops.is_empty() && earlier.len() == ops.len() {
        return Ok(earlier);
    }
    let now = Utc::now();
    let request = PushRequest {
        device: WEB_FORMS,
        ops: ops
            .into_iter()
            .map(|(id, body)| Operation {
                id: OpId(id),
                made_at: now,
                body,
            })
            .collect(),
    };
    // The same environment the phones' push gets (routes/sync/push.rs): one write path.
    let (catalogue, calendar) = (state.reference.catalogue(), state.reference.calendar());
    let env = PushEnv {
        catalogue: &catalogue,
        authorization: Some(&state.authorization),
        identity_methods: &state.identity_methods,
        offline_allowance: state.housekeeping.offline_allowance,
        calendar: Some(&calendar),
        client_address: Some(from),
    };
    let answer = push::push(&state.db, env, &user.actor, &request, now).await?;
    Ok(answer.results.into_iter().map(|r| r.outcome).collect())
}
