//! The helper's certification of eligibility for a household (待遇资格认证, issue 20 point
//! 8: "the helper can certify for someone who cannot"): the household, nothing changed or
//! what changed, a live photo of the recipient and, only with consent, the location. Kept as
//! a draft on every change; it becomes a [`CertificationRecord`] made in the helper's own
//! name, checked with the domain's rules (the server's), each problem at its field in the
//! page's language.

use chrono::{DateTime, Utc};
use domain::certification::{
    CertificationError, CertificationId, CertificationRecord, CertifiedBy, Changes, Location,
    Period,
};
use domain::certification_due::recipient_of;
use domain::clocks::china_date;
use domain::fieldwork::{self, AttachmentRef};
use domain::household::Household;
use domain::ids::UserId;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::FormError;
use super::location::Locatable;
use crate::records::Account;

/// Where the certification form keeps its draft.
pub const CERTIFY_DRAFT: &str = "draft:certify";

/// The form as filled in.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CertifyDraft {
    /// The household's id; empty until one is picked.
    pub household: String,
    /// Something changed in the household, its income or property.
    #[serde(default)]
    pub changed: bool,
    /// What changed, in the family's words.
    #[serde(default)]
    pub description: String,
    /// The recipient's photo (at most one is kept; the last taken counts).
    #[serde(default)]
    pub photos: Vec<String>,
    /// The recipient agreed to the location being recorded.
    #[serde(default)]
    pub location_consent: bool,
    /// The location, only with consent.
    #[serde(default)]
    pub location: Option<fieldwork::Location>,
}

impl Locatable for CertifyDraft {
    fn location_consent(&self) -> bool {
        self.location_consent
    }
    fn location(&self) -> Option<fieldwork::Location> {
        self.location
    }
    fn set_consent(&mut self, consent: bool) {
        self.location_consent = consent;
        if !consent {
            self.location = None;
        }
    }
    fn set_location(&mut self, location: fieldwork::Location) {
        self.location = Some(location);
    }
}

/// A problem of the form: no household chosen, or one of the domain's refusals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertifyProblem {
    /// No household chosen (or one the phone does not hold).
    Household,
    /// The account on the phone is unreadable.
    Account,
    /// The domain's rules.
    Rule(CertificationError),
}

impl CertifyProblem {
    /// The field it belongs at.
    pub fn field(self) -> &'static str {
        match self {
            CertifyProblem::Household => "household",
            CertifyProblem::Account => "form",
            CertifyProblem::Rule(e) => e.field(),
        }
    }

    /// What to fix, in Chinese or English.
    pub fn message(self, english: bool) -> &'static str {
        match (self, english) {
            (CertifyProblem::Household, false) => "请选择要认证的家庭。",
            (CertifyProblem::Household, true) => "Please choose the household.",
            (CertifyProblem::Account, false) => "登录信息有误，请重新登录。",
            (CertifyProblem::Account, true) => "The sign-in is unreadable: please sign in again.",
            (CertifyProblem::Rule(e), false) => e.message_zh(),
            (CertifyProblem::Rule(e), true) => e.message_en(),
        }
    }

    /// As a form error at its field.
    pub fn at_field(self, english: bool) -> FormError {
        FormError::at(self.field(), self.message(english).to_owned())
    }
}

impl CertifyDraft {
    /// The certification of `household` (the one chosen, as the phone holds it), made by the
    /// helper signed in as `account` at `now`, or every problem of the form.
    pub fn to_record(
        &self,
        id: Uuid,
        account: &Account,
        household: Option<&Household>,
        now: DateTime<Utc>,
    ) -> Result<CertificationRecord, Vec<CertifyProblem>> {
        let mut problems = Vec::new();
        let household = household.filter(|h| h.id.0.to_string() == self.household.trim());
        let recipient = household.and_then(recipient_of);
        if recipient.is_none() {
            problems.push(CertifyProblem::Household);
        }
        let helper = Uuid::parse_str(&account.user).ok().map(UserId);
        if helper.is_none() {
            problems.push(CertifyProblem::Account);
        }
        let (Some(household), Some(recipient), Some(user)) = (household, recipient, helper) else {
            return Err(problems);
        };
        let record = CertificationRecord {
            id: CertificationId(id),
            household: household.id,
            recipient: recipient.id,
            year: Period::containing(china_date(now)).year,
            certified_at: now,
            by: CertifiedBy::Helper { user },
            changes: if self.changed {
                Changes::Changed {
                    description: self.description.trim().to_owned(),
                }
            } else {
                Changes::None
            },
            photo: self
                .photos
                .last()
                .and_then(|p| AttachmentRef::parse(p).ok()),
            location_consent: self.location_consent,
            location: self
                .location
                .filter(|_| self.location_consent)
                .map(|l| Location {
                    lat_e6: l.latitude_e6,
                    lon_e6: l.longitude_e6,
                }),
        };
        problems.extend(record.validate(now).into_iter().map(CertifyProblem::Rule));
        if let Err(e) = record.check_household(household) {
            problems.push(CertifyProblem::Rule(e));
        }
        if problems.is_empty() {
            Ok(record)
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
#[path = "certify_tests.rs"]
mod tests;
