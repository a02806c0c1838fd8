//! `POST /county/helper-report/submit` (form: `period=2026-2`): a township's staff mark the
//! township's helper report for a period as sent to the county. The mark is an audited action
//! (`county.submit_helper_report`, keyed `township:period`, in the audit log: append-only and
//! hash-chained, so no new table and no second write path for records); the report page reads
//! the earliest mark to tell on time from late. Only staff placed at a township (window clerk,
//! verifier, department officer) mark, and only their own township; anyone else gets 404.
//! Marking again is allowed and changes nothing (the earliest mark counts).

use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::clocks::china_date;
use domain::jurisdiction::Level;
use domain::role::Role;
use serde::Deserialize;
use utoipa::ToSchema;

use super::helper_report::{SUBMIT_ACTION, period_of, submission_key};
use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;

/// The mark asked for.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SubmitForm {
    /// The reporting period, `2026-2`.
    pub period: String,
}

/// Marks the caller's township's report for the period as submitted, then shows the report.
#[utoipa::path(post, path = "/county/helper-report/submit", tag = "reports",
    request_body(content = SubmitForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 303, description = "Marked; on to the report of that period"),
        (status = 400, description = "Unknown period, or one that has not begun"),
        (status = 401, description = "Not signed in"),
        (status = 404, description = "Not township staff"),
    ),
    security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    user: CurrentUser,
    form: Result<Form<SubmitForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let actor = &user.actor;
    let township_staff = matches!(
        actor.role,
        Role::WindowClerk | Role::Verifier | Role::DepartmentOfficer
    ) && actor.place.level() == Level::Township;
    if !township_staff {
        return Err(ApiError::NotFound);
    }
    let Ok(Form(form)) = form else {
        return Err(ApiError::BadRequest("请写明报送期别，如 2026-2".to_owned()));
    };
    let report = period_of(Some(&form.period))?;
    if report.period().from > china_date(Utc::now()) {
        return Err(ApiError::BadRequest("该期尚未开始，不能报送".to_owned()));
    }
    let township = actor.place.as_str();
    let entry = AuditEntry::by(actor, SUBMIT_ACTION)
        .on(
            "helper_report",
            submission_key(township, report),
            Some(township),
        )
        .with_detail(serde_json::json!({ "period": report.code() }));
    audit::append_standalone(&state.db, &entry).await?;
    Ok(Redirect::to(&format!("/county/helper-report?period={}", report.code())).into_response())
}
