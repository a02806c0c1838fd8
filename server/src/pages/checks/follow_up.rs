//! `POST /county/checks/follow-up` (form: `key`, `note`, `done`): a follow-up mark (跟进) on a
//! finding, recorded like the helper report's submit mark as an audited action
//! (`checks.follow_up` on `data_check` `key`, placed at the finding's township, the note and
//! done/not in its detail): the audit log is append-only and hash-chained, so there is no new
//! table and no second write path for records. The page shows each finding's latest mark with
//! who and when. Whoever may see the finding may mark it; a key the caller cannot see (or that
//! no longer names a finding) gets 404, so marks cannot be planted on other townships.

use std::collections::HashMap;

use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use domain::jurisdiction::PlaceCode;
use serde::Deserialize;
use sqlx::AnyPool;
use utoipa::ToSchema;

use super::{Scope, load};
use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;

/// The audited action of a follow-up mark.
pub const ACTION: &str = "checks.follow_up";

/// The longest note kept, in characters.
pub const NOTE_MAX: usize = 300;

/// A follow-up mark as asked for.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FollowUpForm {
    /// The finding's key, as the page gives it.
    pub key: String,
    /// What was done or found (no full ID number, phone or name).
    #[serde(default)]
    pub note: String,
    /// `true` (or `on`, a ticked box) when the follow-up is finished.
    #[serde(default)]
    pub done: Option<String>,
}

/// A finding's latest mark.
#[derive(Debug, Clone)]
pub struct Mark {
    /// The note.
    pub note: String,
    /// Finished or not.
    pub done: bool,
    /// Who marked it.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// Records a follow-up mark, then shows the checks again at the finding.
#[utoipa::path(post, path = "/county/checks/follow-up", tag = "pages",
    request_body(content = FollowUpForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 303, description = "Marked; back to the checks"),
        (status = 400, description = "No key, or a note too long", body = crate::error::ErrorBody),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not a supervisor or township staff, or no such finding in reach", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    user: CurrentUser,
    form: Result<Form<FollowUpForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let scope = Scope::of(&state, &user, None).await?;
    let Ok(Form(form)) = form else {
        return Err(ApiError::BadRequest("请选择要跟进的疑点".to_owned()));
    };
    let note = form.note.trim();
    if note.chars().count() > NOTE_MAX {
        return Err(ApiError::BadRequest(format!(
            "跟进情况请控制在 {NOTE_MAX} 字以内"
        )));
    }
    let done = matches!(form.done.as_deref(), Some("true" | "on" | "1"));
    let findings = load(&state, &scope).await?;
    let finding = findings
        .iter()
        .find(|f| f.key == form.key)
        .ok_or(ApiError::NotFound)?;
    // Placed at the first of its townships the caller reaches, so that township's staff see it.
    let place = finding
        .townships
        .iter()
        .find(|t| {
            PlaceCode::parse(t)
                .ok()
                .is_some_and(|p| scope.reach.covers(&p))
        })
        .cloned()
        .unwrap_or_else(|| scope.reach.place.as_str().to_owned());
    let entry = AuditEntry::by(&user.actor, ACTION)
        .on("data_check", &finding.key, Some(&place))
        .with_detail(serde_json::json!({
            "check": finding.kind.code(),
            "note": note,
            "done": done,
        }));
    audit::append_standalone(&state.db, &entry).await?;
    Ok(Redirect::to(&format!("/county/checks#{}", anchor(&finding.key))).into_response())
}

/// The HTML id of a finding's row.
pub fn anchor(key: &str) -> String {
    format!(
        "f-{}",
        key.chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            })
            .collect::<String>()
    )
}

/// The latest mark of every finding marked within `county`.
pub async fn marks(pool: &AnyPool, county: &PlaceCode) -> Result<HashMap<String, Mark>, ApiError> {
    let rows: Vec<(Option<String>, String, String, Option<String>)> = sqlx::query_as(
        "SELECT a.record_id, a.at, a.detail, u.display_name FROM audit_log a \
         LEFT JOIN users u ON u.id = a.actor_user \
         WHERE a.action = $1 AND a.place_code LIKE $2 ORDER BY a.seq",
    )
    .bind(ACTION)
    .bind(format!("{}%", county.as_str()))
    .fetch_all(pool)
    .await?;
    let mut out = HashMap::new();
    for (key, at, detail, by) in rows {
        let (Some(key), Ok(at)) = (key, DateTime::parse_from_rfc3339(&at)) else {
            continue;
        };
        let detail: serde_json::Value = serde_json::from_str(&detail).unwrap_or_default();
        out.insert(
            key,
            Mark {
                note: detail["note"].as_str().unwrap_or_default().to_owned(),
                done: detail["done"].as_bool().unwrap_or(false),
                by: by.unwrap_or_default(),
                at: at.with_timezone(&Utc),
            },
        );
    }
    Ok(out)
}
