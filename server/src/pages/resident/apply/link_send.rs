//! Sending an absent signer the link to sign ([`super::link`]) by text message — an adult for
//! their own consent, or a guardian of the household for the member they sign for — and which
//! links of a draft are still open.

use axum::http::{HeaderMap, header};
use chrono::{Duration, Utc};
use domain::authorization::Consent;
use uuid::Uuid;

use super::{Home, signing};
use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::auth::token::{hash, new_token};
use crate::db::time;
use crate::error::ApiError;
use crate::state::AppState;

/// How long a link holds.
pub const LINK_DAYS: i64 = 7;

/// Sends the signer of `consent` a link to sign it in the draft `app`, by text message to
/// `phone`; audited. The link keeps who signs, so that it stops opening once the plan no
/// longer has them sign this consent ([`super::link`]).
pub async fn send(
    state: &AppState,
    user: &CurrentUser,
    headers: &HeaderMap,
    (home, app): (&Home, Uuid),
    consent: &Consent,
    phone: &str,
) -> Result<(), ApiError> {
    let token = new_token();
    let now = Utc::now();
    sqlx::query(
        "INSERT INTO resident_sign_links \
         (token_sha256, application_id, member_id, signer_id, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash(&token))
    .bind(app.to_string())
    .bind(consent.member.to_string())
    .bind(consent.signer.key().to_string())
    .bind(time::to_db(now + Duration::days(LINK_DAYS)))
    .execute(state.db.pool())
    .await?;
    let what = if consent.by_guardian() {
        format!(
            "请您作为监护人，替 {} 签家庭经济状况核对授权书",
            signing::masked(&home.household, consent.member)
        )
    } else {
        "请您签家庭经济状况核对授权书".to_owned()
    };
    let text = format!(
        "【一门受理】{} 在网上申请社会救助，{what}：{}/my/apply/sign/{token}（{LINK_DAYS} 天内有效）。不认识请忽略。",
        home.me.name.masked(),
        base(headers),
    );
    if let Err(e) = state.auth.sms.send(phone, &text).await {
        tracing::warn!(error = %e, "sign link not sent");
    }
    let entry = AuditEntry::by(&user.actor, "application.sign_link_sent")
        .on(
            "household",
            home.household.id.0,
            Some(home.household.place.as_str()),
        )
        .with_detail(serde_json::json!({
            "application": app.to_string(),
            "member": consent.member.to_string(),
            "signer": consent.signer.key().to_string(),
            "phone": domain::identity::mask_phone(phone),
        }));
    audit::append_standalone(&state.db, &entry).await?;
    Ok(())
}

/// The address the link starts with: the page's own origin as the browser sent it.
fn base(headers: &HeaderMap) -> String {
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| o.starts_with("http"));
    match origin {
        Some(o) => o.trim_end_matches('/').to_owned(),
        None => {
            let host = headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("localhost");
            format!("http://{host}")
        }
    }
}

/// The consents of draft `app` with a link still open, as (member, signer); a link from
/// before signers were kept is the member's own.
pub async fn waiting(state: &AppState, app: Uuid) -> Result<Vec<(Uuid, Uuid)>, ApiError> {
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT member_id, signer_id FROM resident_sign_links WHERE application_id = $1 \
         AND used_at IS NULL AND expires_at > $2",
    )
    .bind(app.to_string())
    .bind(time::now())
    .fetch_all(state.db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(m, s)| {
            let member = Uuid::parse_str(&m).ok()?;
            let signer = match s {
                Some(s) => Uuid::parse_str(&s).ok()?,
                None => member,
            };
            Some((member, signer))
        })
        .collect())
}

/// Closes the open links of draft `app` whose consent `plan` no longer has (the member marked
/// as unable to sign, their guardian changed, or unticked): they stay closed even if the
/// resident chooses as before again (a new link is sent then). Answers how many.
pub async fn close_unplanned(
    state: &AppState,
    app: Uuid,
    plan: &[Consent],
) -> Result<u64, ApiError> {
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT token_sha256, member_id, signer_id FROM resident_sign_links \
         WHERE application_id = $1 AND used_at IS NULL",
    )
    .bind(app.to_string())
    .fetch_all(state.db.pool())
    .await?;
    let mut closed = 0;
    for (token, member, signer) in rows {
        let signer = signer.unwrap_or_else(|| member.clone());
        let planned = plan
            .iter()
            .any(|c| c.member.to_string() == member && c.signer.key().to_string() == signer);
        if planned {
            continue;
        }
        closed += sqlx::query(
            "UPDATE resident_sign_links SET used_at = $1 WHERE token_sha256 = $2 AND used_at IS NULL",
        )
        .bind(time::now())
        .bind(&token)
        .execute(state.db.pool())
        .await?
        .rows_affected();
    }
    Ok(closed)
}
