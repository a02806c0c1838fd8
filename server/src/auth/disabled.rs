//! A disabled account's phone (issue 22 point 13): every request with its session is answered
//! 403 `account_disabled`, so the phone knows to delete the personal data it holds — and its
//! last push, of what was recorded before the account was disabled, is still taken, so that
//! nothing a helper recorded in good faith is lost with the phone's copy.

use chrono::{DateTime, Utc};
use domain::department::DepartmentCode;
use domain::ids::UserId;
use domain::jurisdiction::{Actor, PlaceCode};
use domain::role::Role;
use domain::sync::PushRequest;

use super::token;
use crate::db::{Db, time};
use crate::error::ApiError;

/// The refusal's code: the phone deletes its personal data and says why.
pub const ACCOUNT_DISABLED: &str = "account_disabled";

/// A disabled session's row: account id, role, place, department, when the session ended.
type HolderRow = (String, String, String, Option<String>, Option<String>);

/// The disabled account `token`'s session belonged to, and when that session ended (when the
/// account was disabled, or now if it has not been ended yet). `None`: no such session, or
/// the account is not disabled.
pub async fn holder(db: &Db, token: &str) -> Result<Option<(Actor, DateTime<Utc>)>, ApiError> {
    let row: Option<HolderRow> = sqlx::query_as(
        "SELECT u.id, u.role, u.place_code, u.department_code, s.ended_at \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND u.disabled",
    )
    .bind(token::hash(token))
    .fetch_optional(db.pool())
    .await
    .map_err(anyhow::Error::from)?;
    let Some((id, role, place, department, ended)) = row else {
        return Ok(None);
    };
    let actor = Actor {
        user: UserId(id.parse().map_err(anyhow::Error::from)?),
        role: Role::from_code(&role).ok_or_else(|| anyhow::anyhow!("unknown role in users"))?,
        place: PlaceCode::parse(&place).map_err(|e| anyhow::anyhow!("bad place: {e}"))?,
        department: department.map(DepartmentCode),
    };
    let ended = match ended {
        Some(at) => time::from_db(&at)?,
        None => Utc::now(),
    };
    Ok(Some((actor, ended)))
}

/// The phone's sign-in lapsed: the session `token` names was last used longer ago than
/// `wipe_after` (and so has ended long since).
pub async fn lapsed(db: &Db, token: &str, wipe_after: chrono::Duration) -> Result<bool, ApiError> {
    let seen: Option<(String,)> =
        sqlx::query_as("SELECT last_seen_at FROM sessions WHERE token_hash = $1")
            .bind(token::hash(token))
            .fetch_optional(db.pool())
            .await
            .map_err(anyhow::Error::from)?;
    Ok(match seen {
        Some((seen,)) => Utc::now() - time::from_db(&seen)? > wipe_after,
        None => false,
    })
}

/// The actor whose last push `req` is, when `token` is a disabled account's session and every
/// operation was made before the account was disabled; otherwise the `account_disabled`
/// refusal (what was made after is not trusted: the account was disabled for a reason, a
/// stolen phone perhaps). Audited as `auth.final_push`.
pub async fn final_push(db: &Db, token: &str, req: &PushRequest) -> Result<Actor, ApiError> {
    let Some((actor, ended)) = holder(db, token).await? else {
        return Err(ApiError::account_disabled());
    };
    if req.ops.iter().any(|op| op.made_at > ended) {
        return Err(ApiError::account_disabled());
    }
    let entry = crate::audit::AuditEntry::by(&actor, "auth.final_push")
        .with_detail(serde_json::json!({ "ops": req.ops.len() }));
    crate::audit::append_standalone(db, &entry)
        .await
        .map_err(anyhow::Error::from)?;
    Ok(actor)
}
