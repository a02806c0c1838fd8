//! The parts of [`IntakeDraft::plan`] that build one record each: the entrustment of a
//! helper's intake and the authorization step's package, with the checklist lines it covers.

use chrono::{DateTime, Utc};
use domain::catalogue::Catalogue;
use domain::fieldwork::EntrustmentRecord;
use domain::household::Household;
use domain::ids::{CaseId, UserId};
use domain::workflow;

use super::authorization::{self, AuthorizationPlan};
use super::materials::MaterialDraft;
use super::{IntakeDraft, Stored};
use crate::forms::FormError;

impl IntakeDraft {
    /// The entrustment record of a helper's intake, carrying the intake's items and linked to
    /// its case.
    pub(super) fn plan_entrustment(
        &self,
        household: &Household,
        helper: &workflow::Actor,
        stored: &Stored,
        catalogue: &Catalogue,
        case_id: CaseId,
        now: DateTime<Utc>,
    ) -> Result<EntrustmentRecord, Vec<FormError>> {
        let mut draft = self.entrustment.clone();
        draft.items = self.items.clone();
        draft.main_item = self.primary_code().map(|c| c.0).unwrap_or_default();
        let mut cases = stored
            .entrustment
            .as_ref()
            .map(|e| e.cases.clone())
            .unwrap_or_default();
        if !cases.contains(&case_id) {
            cases.push(case_id);
        }
        let received_at = stored.entrustment.as_ref().map_or(now, |e| e.received_at);
        draft
            .to_record(
                household,
                UserId(helper.user.0),
                cases,
                received_at,
                catalogue,
                now,
            )
            .map_err(|e| {
                e.into_iter()
                    .map(prefixed("entrustment"))
                    .collect::<Vec<_>>()
            })
    }

    /// The authorization step's plan, with the checklist's authorization lines filled from
    /// it: each adult's covered by the authorization that covers them, or all missing when
    /// the signing is put off. Nothing to sign when the items need no authorization.
    pub(super) fn plan_authorization(
        &self,
        lines: &mut [MaterialDraft],
        household: &Household,
        stored: &Stored,
        helper: &workflow::Actor,
        now: DateTime<Utc>,
    ) -> Result<AuthorizationPlan, Vec<FormError>> {
        let needed = lines.iter().any(MaterialDraft::is_signed_on_screen);
        if !needed {
            return Ok(AuthorizationPlan::default());
        }
        let signed = if self.authorization.deferred {
            AuthorizationPlan::default()
        } else {
            authorization::plan(
                &self.authorization,
                household,
                &stored.authorizations,
                UserId(helper.user.0),
                &stored.accepted,
                now,
            )?
        };
        for l in lines.iter_mut().filter(|l| l.is_signed_on_screen()) {
            l.signature = None;
            l.missing = self.authorization.deferred;
            l.authorization = signed
                .covering
                .iter()
                .find(|(m, _)| m.to_string() == l.member)
                .map(|(_, a)| a.to_string());
        }
        Ok(signed)
    }
}

fn prefixed(section: &'static str) -> impl Fn(FormError) -> FormError {
    move |e| FormError {
        path: format!("{section}.{}", e.path),
        message: e.message,
    }
}
