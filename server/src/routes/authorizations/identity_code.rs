//! `POST /api/authorizations/v1/identity-codes` and `…/identity-codes/confirm`: the online
//! identity check of a signer (本人手机验证码) while the helper's phone is online. The code
//! goes to the phone registered for the signer in the household as the server holds it; the
//! confirmation answers the server's proof, which the phone puts into the signature
//! ([`domain::authorization::IdentityCheck::OneTimeCode`]) and the push checks.
//!
//! Only a user who may act on the household (its village's helper, the township's staff)
//! reaches either; an unknown household and one outside the caller's rights get the same 404.
//! Refusals carry a `code` for the phone to say in its own language. Confirmations are counted
//! before they are checked, per account and per client address ([`crate::auth::limits`]); a
//! right code is forgiven, so only wrong guesses use up the allowance (and each code dies after
//! 5 wrong tries anyway).

/// Confirmations one account may try within [`CONFIRM_WINDOW_MINUTES`].
pub const MAX_CONFIRMS_PER_ACCOUNT: i64 = 10;
/// Confirmations one client address may try within the window.
pub const MAX_CONFIRMS_PER_ADDRESS: i64 = 20;
/// The window.
pub const CONFIRM_WINDOW_MINUTES: i64 = 15;

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use chrono::{Duration, Utc};
use domain::authorization::IdentityMethod;
use domain::household::Household;
use domain::ids::MemberId;
use domain::jurisdiction::{RecordScope, can_act};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::auth::limits::{self, Limit};
use crate::authorization::identity::{self, Confirmed, IdentityCodeError};
use crate::error::ApiError;
use crate::routes::auth::client_address;
use crate::state::AppState;

/// Send a code to `signer`'s phone.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SendCode {
    /// The household.
    pub household: Uuid,
    /// Who signs: the member, or the household member who signs for them as guardian.
    pub signer: Uuid,
}

/// Where the code went.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CodeSent {
    /// The phone, masked (`138****5678`).
    pub phone_masked: String,
}

/// Confirm the code `signer` received, for the consents they give.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmCode {
    /// The household.
    pub household: Uuid,
    /// The members whose consent the signer gives (themselves, and those they sign for as
    /// guardian): one proof each, from one code. At least one, at most the household's size.
    pub members: Vec<Uuid>,
    /// Who received the code.
    pub signer: Uuid,
    /// The six digits.
    pub code: String,
}

/// The server's proofs, one per member asked for.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CodesConfirmed {
    /// In the order asked.
    pub confirmations: Vec<CodeConfirmed>,
}

/// The server's proof, for one signature.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CodeConfirmed {
    /// Whose consent.
    pub member: Uuid,
    /// The phone the code went to, masked.
    pub phone_masked: String,
    /// The proof (`<key id>.<signature hex>`).
    pub proof: String,
    /// When the code was confirmed.
    pub confirmed_at: chrono::DateTime<Utc>,
}

/// Sends a one-time code to the signer's phone.
#[utoipa::path(post, path = "/api/authorizations/v1/identity-codes", tag = "authorizations",
    request_body = SendCode,
    responses((status = 200, body = CodeSent),
              (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
              (status = 404, description = "No such household, or not the caller's", body = crate::error::ErrorBody),
              (status = 422, description = "`no_phone`, `not_member` or `method_not_allowed`", body = crate::error::ErrorBody),
              (status = 429, description = "A code went to that phone a moment ago", body = crate::error::ErrorBody)),
    security(("session" = [])))]
pub async fn send(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(body): Json<SendCode>,
) -> Result<Json<CodeSent>, ApiError> {
    allowed(&state)?;
    let (household, scope) = household_of(&state, &user, body.household).await?;
    let signer = member_of(&household, body.signer)?;
    let now = Utc::now();
    let phone_masked = identity::send_code(
        &state.db,
        &state.auth.codes,
        &*state.auth.sms,
        &household,
        signer,
        now,
    )
    .await
    .map_err(refused)?;
    let entry = AuditEntry::by(&user.actor, "authorization.identity_code_sent")
        .on("household", household.id.0, Some(scope.place.as_str()))
        .with_detail(serde_json::json!({ "signer": signer.to_string(), "phone": phone_masked }));
    audit::append_standalone(&state.db, &entry).await?;
    Ok(Json(CodeSent { phone_masked }))
}

/// Confirms the code and answers the server's proof.
#[utoipa::path(post, path = "/api/authorizations/v1/identity-codes/confirm", tag = "authorizations",
    request_body = ConfirmCode,
    responses((status = 200, body = CodesConfirmed),
              (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
              (status = 404, description = "No such household, or not the caller's", body = crate::error::ErrorBody),
              (status = 422, description = "`wrong_code`, `no_phone`, `not_member`, `no_members` or `method_not_allowed`", body = crate::error::ErrorBody),
              (status = 429, description = "Too many wrong codes from this account or address", body = crate::error::ErrorBody)),
    security(("session" = [])))]
pub async fn confirm(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    user: CurrentUser,
    Json(body): Json<ConfirmCode>,
) -> Result<Json<CodesConfirmed>, ApiError> {
    allowed(&state)?;
    let now = Utc::now();
    let address = client_address(&headers, peer, &state.auth.proxies);
    let window = Duration::minutes(CONFIRM_WINDOW_MINUTES);
    let counted = limits::admit(
        &state.db,
        &[
            Limit::new(
                format!("identity-confirm:{}", user.actor.user),
                MAX_CONFIRMS_PER_ACCOUNT,
                window,
            ),
            Limit::new(
                format!("identity-confirm-address:{address}"),
                MAX_CONFIRMS_PER_ADDRESS,
                window,
            ),
        ],
        now,
    )
    .await?
    .map_err(|wait| ApiError::TooManyRequests {
        retry_after_seconds: wait,
    })?;
    let (household, scope) = household_of(&state, &user, body.household).await?;
    let members = body
        .members
        .iter()
        .map(|m| member_of(&household, *m))
        .collect::<Result<Vec<_>, _>>()?;
    let Some(first) = members.first().copied() else {
        return Err(ApiError::refused(
            "no_members",
            "请指明签署人为哪位成员确认",
        ));
    };
    if members.len() > household.members.len() {
        return Err(ApiError::refused("no_members", "成员重复"));
    }
    let signer = member_of(&household, body.signer)?;
    let Confirmed {
        phone_masked,
        proof,
        confirmed_at,
    } = identity::confirm_code(
        &state.db,
        &state.auth.codes,
        &state.authorization,
        &household,
        first,
        signer,
        &body.code,
        now,
    )
    .await
    .map_err(refused)?;
    limits::forgive(&state.db, counted).await?;
    let mut confirmations = vec![CodeConfirmed {
        member: first.0,
        phone_masked: phone_masked.clone(),
        proof,
        confirmed_at,
    }];
    for member in &members[1..] {
        confirmations.push(CodeConfirmed {
            member: member.0,
            phone_masked: phone_masked.clone(),
            proof: identity::proof_for(
                &state.authorization,
                household.id,
                *member,
                &phone_masked,
                confirmed_at,
            ),
            confirmed_at,
        });
    }
    let entry = AuditEntry::by(&user.actor, "authorization.identity_confirmed")
        .on("household", household.id.0, Some(scope.place.as_str()))
        .with_detail(serde_json::json!({
            "members": members.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "signer": signer.to_string(),
            "phone": phone_masked,
        }));
    audit::append_standalone(&state.db, &entry).await?;
    Ok(Json(CodesConfirmed { confirmations }))
}

fn allowed(state: &AppState) -> Result<(), ApiError> {
    if state
        .identity_methods
        .contains(&IdentityMethod::OneTimeCode)
    {
        Ok(())
    } else {
        Err(ApiError::refused(
            "method_not_allowed",
            "本地区未启用手机验证码核验，请改用当面核验",
        ))
    }
}

/// The household as the server holds it, if the caller may act on it.
async fn household_of(
    state: &AppState,
    user: &CurrentUser,
    id: Uuid,
) -> Result<(Household, RecordScope), ApiError> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT scope, body FROM records WHERE kind = 'household' AND id = $1")
            .bind(id.to_string())
            .fetch_optional(state.db.pool())
            .await?;
    let (scope, body) = row.ok_or(ApiError::NotFound)?;
    let scope: RecordScope =
        serde_json::from_str(&scope).map_err(|e| ApiError::Internal(e.into()))?;
    if !can_act(&user.actor, &scope) {
        return Err(ApiError::NotFound);
    }
    let household: Household =
        serde_json::from_str(&body).map_err(|e| ApiError::Internal(e.into()))?;
    Ok((household, scope))
}

fn member_of(household: &Household, id: Uuid) -> Result<MemberId, ApiError> {
    household
        .members
        .iter()
        .find(|m| m.id.0 == id)
        .map(|m| m.id)
        .ok_or_else(|| ApiError::refused("not_member", "此人不是该家庭的成员"))
}

fn refused(e: IdentityCodeError) -> ApiError {
    match e {
        IdentityCodeError::NoPhone => ApiError::refused("no_phone", e.to_string()),
        IdentityCodeError::WrongCode => ApiError::refused("wrong_code", e.to_string()),
        IdentityCodeError::TooSoon(wait) => ApiError::TooManyRequests {
            retry_after_seconds: wait,
        },
        IdentityCodeError::Send(e) => {
            tracing::warn!(error = %e, "identity code not sent");
            ApiError::refused("send_failed", "短信发送失败，请稍后再试或改用当面核验")
        }
        IdentityCodeError::Db(e) => e.into(),
    }
}
