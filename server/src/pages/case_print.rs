//! What a printed case document needs: the case as kept (with its events), its household and
//! the names of the staff who acted on it. For signed-in users who may see the case (the sync
//! pull's rule); anyone else gets the unknown case's 404. Every print is audited.

use std::collections::HashMap;

use domain::household::{Household, Relation};
use domain::ids::UserId;
use domain::jurisdiction::{RecordScope, can_see};
use domain::sync::CaseRecord;
use uuid::Uuid;

use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;

/// A case ready to print.
pub struct PrintedCase {
    /// The case's id.
    pub id: Uuid,
    /// Where it lies and who is attached to it.
    pub scope: RecordScope,
    /// The case with its events.
    pub record: CaseRecord,
    /// Its household as the server holds it.
    pub household: Household,
    /// The display names of the accounts that acted on it.
    pub names: HashMap<UserId, String>,
}

impl PrintedCase {
    /// Loads case `id` for `user`, and audits the print as `action`.
    pub async fn load(
        state: &AppState,
        user: &CurrentUser,
        id: Uuid,
        action: &str,
    ) -> Result<PrintedCase, ApiError> {
        let case = PrintedCase::fetch(state, user, id).await?;
        case.audit(state, user, action).await?;
        Ok(case)
    }

    /// Loads case `id` for `user` without auditing yet: a notice first checks that the case's
    /// history has one to print, and audits only what it prints ([`PrintedCase::audit`]).
    pub async fn fetch(
        state: &AppState,
        user: &CurrentUser,
        id: Uuid,
    ) -> Result<PrintedCase, ApiError> {
        let (scope, body) = stored(state, "case", id).await?.ok_or(ApiError::NotFound)?;
        let scope: RecordScope = decode(&scope)?;
        if !can_see(&user.actor, &scope) {
            return Err(ApiError::NotFound);
        }
        let record: CaseRecord = decode(&body)?;
        let (_, household) = stored(state, "household", record.household.0)
            .await?
            .ok_or(ApiError::NotFound)?;
        let household: Household = decode(&household)?;
        let mut names = HashMap::new();
        for e in &record.events {
            if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(e.by.user) {
                let row: Option<(String,)> =
                    sqlx::query_as("SELECT display_name FROM users WHERE id = $1")
                        .bind(e.by.user.to_string())
                        .fetch_optional(state.db.pool())
                        .await?;
                slot.insert(row.map(|(n,)| n).unwrap_or_default());
            }
        }
        Ok(PrintedCase {
            id,
            scope,
            record,
            household,
            names,
        })
    }

    /// Records in the audit log that `user` printed this case as `action`.
    pub async fn audit(
        &self,
        state: &AppState,
        user: &CurrentUser,
        action: &str,
    ) -> Result<(), ApiError> {
        let entry = AuditEntry::by(&user.actor, action).on(
            "case",
            self.id,
            Some(self.scope.place.as_str()),
        );
        audit::append_standalone(&state.db, &entry).await?;
        Ok(())
    }

    /// The display name of `user` (blank when unknown: the line is then signed by hand).
    pub fn name(&self, user: UserId) -> &str {
        self.names.get(&user).map_or("", String::as_str)
    }

    /// The applicant member of the household.
    pub fn applicant(&self) -> Option<&domain::household::Member> {
        self.household
            .members
            .iter()
            .find(|m| m.relation == Relation::Applicant)
    }
}

async fn stored(
    state: &AppState,
    kind: &str,
    id: Uuid,
) -> Result<Option<(String, String)>, ApiError> {
    Ok(
        sqlx::query_as("SELECT scope, body FROM records WHERE kind = $1 AND id = $2")
            .bind(kind)
            .bind(id.to_string())
            .fetch_optional(state.db.pool())
            .await?,
    )
}

pub(super) fn decode<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, ApiError> {
    serde_json::from_str(json).map_err(|e| ApiError::Internal(e.into()))
}
