//! Sending an absent adult the link to sign ([`super::link`]) by text message, and which links
//! of a draft are still open.

use axum::http::{HeaderMap, header};
use chrono::{Duration, Utc};
use domain::ids::MemberId;
use uuid::Uuid;

use super::Home;
use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::auth::token::{hash, new_token};
use crate::db::time;
use crate::error::ApiError;
use crate::state::AppState;

/// How long a link holds.
pub const LINK_DAYS: i64 = 7;

/// Sends `member` a link to sign the draft `app`, by text message to `phone`; audited.
pub async fn send(
    state: &AppState,
    user: &CurrentUser,
    headers: &HeaderMap,
    (home, app): (&Home, Uuid),
    member: MemberId,
    phone: &str,
) -> Result<(), ApiError> {
    let token = new_token();
    let now = Utc::now();
    sqlx::query(
        "INSERT INTO resident_sign_links (token_sha256, application_id, member_id, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(hash(&token))
    .bind(app.to_string())
    .bind(member.to_string())
    .bind(time::to_db(now + Duration::days(LINK_DAYS)))
    .execute(state.db.pool())
    .await?;
    let text = format!(
        "【一门受理】{} 在网上申请社会救助，请您签家庭经济状况核对授权书：{}/my/apply/sign/{token}（{LINK_DAYS} 天内有效）。不认识请忽略。",
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
            "member": member.to_string(),
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

/// The members of draft `app` with a link still open.
pub async fn waiting(state: &AppState, app: Uuid) -> Result<Vec<Uuid>, ApiError> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT member_id FROM resident_sign_links WHERE application_id = $1 \
         AND used_at IS NULL AND expires_at > $2",
    )
    .bind(app.to_string())
    .bind(time::now())
    .fetch_all(state.db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(m,)| Uuid::parse_str(&m).ok())
        .collect())
}
