//! A case's status for the people who follow it (the applicant checking progress, the helper,
//! the window): where it stands and since when, without the household's personal data.

use chrono::{DateTime, Utc};
use domain::jurisdiction::{Actor, RecordScope, can_see};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::case_ops::CaseRecord;
use super::store::decode;
use crate::db::time;

/// Where a case stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CaseStatus {
    /// The case.
    pub id: Uuid,
    /// The workflow state's code (`submitted`, `accepted`, …).
    pub state: String,
    /// The state in Chinese, for the screen.
    pub state_zh: String,
    /// The case's version (each command adds one).
    pub version: i64,
    /// Requested aid items' codes.
    pub requested_items: Vec<String>,
    /// The lead department's code, once routed.
    pub lead: Option<String>,
    /// When it reached the window.
    pub submitted_at: Option<DateTime<Utc>>,
    /// When it was accepted.
    pub accepted_at: Option<DateTime<Utc>>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// The status from a case's stored columns, or `None` when the caller may not see it.
pub fn status_of(
    actor: &Actor,
    id: Uuid,
    scope: &str,
    body: &str,
    updated_at: &str,
) -> Result<Option<CaseStatus>, sqlx::Error> {
    let scope: RecordScope = decode(scope)?;
    if !can_see(actor, &scope) {
        return Ok(None);
    }
    let record: CaseRecord = decode(body)?;
    let case = &record.case;
    let state = case.state();
    Ok(Some(CaseStatus {
        id,
        state: serde_json::to_value(state)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        state_zh: state.name_zh().to_owned(),
        version: case.version(),
        requested_items: case.requested_items().iter().map(|c| c.0.clone()).collect(),
        lead: case.lead().map(|d| d.0.clone()),
        submitted_at: case.submitted_at(),
        accepted_at: case.accepted_at(),
        updated_at: time::from_db(updated_at).unwrap_or_else(|_| Utc::now()),
    }))
}
