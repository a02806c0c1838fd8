//! The entrustment (委托) of a helper by a resident, and its termination (终止帮办代办).
//!
//! Seed 000 二(四)2: residents entrust "以电话、网络委托或填写帮办代办救助申请" (by phone, online,
//! or by filling in the form, which a helper does in person or on a visit); 二(四)5: an
//! entrustment ends only when the applicant says so explicitly ("申请人需明确授意"), and the
//! helper then hands the materials back ("及时完成相关资料移交"). The service is voluntary
//! (二(一)1), so the signature is the resident's consent.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::attachment::AttachmentRef;
use super::error::{FieldworkError, check_not_future, check_text, collected};
use super::field::Field;
use super::ids::EntrustmentId;
use crate::catalogue::{AidItemCode, Catalogue};
use crate::household::Household;
use crate::identity::PersonName;
use crate::ids::{CaseId, HouseholdId, MemberId, UserId};

/// The longest termination reason, in characters.
pub const MAX_REASON_CHARS: i64 = 500;
/// The longest name of a returned material, in characters.
pub const MAX_MATERIAL_NAME_CHARS: i64 = 50;

/// One entrustment as synced (its JSON is the record's body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntrustmentRecord {
    /// Made by the phone.
    pub id: EntrustmentId,
    /// The entrusting person's household.
    pub household: HouseholdId,
    /// The entrusting person (委托人), a member of that household.
    pub entrusting_member: MemberId,
    /// Their name as on the ID card, for the ledger (委托人姓名).
    pub entrusting_name: PersonName,
    /// The helper entrusted.
    pub helper: UserId,
    /// The aid items entrusted (帮办代办事项内容): at least one, each once, each in the catalogue.
    pub items: Vec<AidItemCode>,
    /// The main request among them, which later decides the case's lead department.
    #[serde(default)]
    pub main_item: Option<AidItemCode>,
    /// How the entrustment came in.
    pub channel: EntrustmentChannel,
    /// When it was received (受理时间 of the helper ledger).
    pub received_at: DateTime<Utc>,
    /// The resident's on-screen signature. Required, except for a remote entrustment, where it
    /// is collected later, before any case is submitted (see [`Self::needs_signature`]).
    #[serde(default)]
    pub signature: Option<AttachmentRef>,
    /// Cases opened under it, each once; empty until the first case exists.
    #[serde(default)]
    pub cases: Vec<CaseId>,
    /// Set when the entrustment ends; it is active until then.
    #[serde(default)]
    pub termination: Option<Termination>,
}

/// How the resident entrusted the helper (seed 000 二(四)2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntrustmentChannel {
    /// By telephone (电话委托): nobody is there to sign.
    Phone,
    /// Online, through the county's WeChat account (网络委托): nobody is there to sign either.
    Online,
    /// At the village service point, face to face (当面委托).
    InPerson,
    /// During a household visit (走访时委托).
    Visit,
}

impl EntrustmentChannel {
    /// Every channel, in form order.
    pub const ALL: [EntrustmentChannel; 4] = [
        EntrustmentChannel::Phone,
        EntrustmentChannel::Online,
        EntrustmentChannel::InPerson,
        EntrustmentChannel::Visit,
    ];

    /// Chinese label, also the ledger's 备注.
    pub fn name_zh(self) -> &'static str {
        match self {
            EntrustmentChannel::Phone => "电话委托",
            EntrustmentChannel::Online => "网络委托",
            EntrustmentChannel::InPerson => "当面委托",
            EntrustmentChannel::Visit => "走访时委托",
        }
    }

    /// Whether the resident was not with the helper, so the signature comes later.
    pub fn is_remote(self) -> bool {
        matches!(self, EntrustmentChannel::Phone | EntrustmentChannel::Online)
    }
}

/// Whether an entrustment still runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntrustmentStatus {
    /// The helper acts for the resident.
    Active,
    /// Ended (已终止); the materials were handed back.
    Terminated,
}

/// The end of an entrustment, with the hand-over of materials (资料移交).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Termination {
    /// When.
    pub at: DateTime<Utc>,
    /// On whose initiative.
    pub cause: TerminationCause,
    /// Why, in the resident's or helper's words.
    pub reason: String,
    /// Every material handed back: at least one.
    pub materials_returned: Vec<ReturnedMaterial>,
    /// The resident's signature acknowledging the termination and the hand-over.
    pub signature: AttachmentRef,
}

/// Why an entrustment ends (seed 000 二(四)5: "因事项自身原因或申请人要求终止"); either way the
/// applicant must say so explicitly, so both carry the resident's signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TerminationCause {
    /// The resident asked (申请人要求终止).
    ResidentRequest,
    /// The matter itself cannot go on (事项自身原因), and the resident agreed.
    MatterEnded,
}

impl TerminationCause {
    /// Chinese label.
    pub fn name_zh(self) -> &'static str {
        match self {
            TerminationCause::ResidentRequest => "申请人要求终止",
            TerminationCause::MatterEnded => "因事项自身原因终止",
        }
    }
}

/// One kind of document handed back, with how many copies or pages.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReturnedMaterial {
    /// What it is, e.g. 户口簿.
    pub name: String,
    /// How many; at least 1.
    pub count: i64,
}

impl EntrustmentRecord {
    /// Active or terminated.
    pub fn status(&self) -> EntrustmentStatus {
        match self.termination {
            None => EntrustmentStatus::Active,
            Some(_) => EntrustmentStatus::Terminated,
        }
    }

    /// Whether the helper still acts for the resident.
    pub fn is_active(&self) -> bool {
        self.termination.is_none()
    }

    /// Whether the resident's signature must still be collected: an active remote
    /// entrustment without one. No case under it may be submitted until it is.
    pub fn needs_signature(&self) -> bool {
        self.is_active() && self.channel.is_remote() && self.signature.is_none()
    }

    /// Whether a case under this entrustment may be submitted now (the intake is the
    /// resident's request only once they have signed).
    pub fn ready_to_submit(&self) -> Result<(), FieldworkError> {
        if !self.is_active() {
            Err(FieldworkError::NotActive)
        } else if self.signature.is_none() {
            Err(FieldworkError::SignatureMissing)
        } else {
            Ok(())
        }
    }

    /// Checks the record against the catalogue; lists every problem.
    pub fn validate(
        &self,
        catalogue: &Catalogue,
        now: DateTime<Utc>,
    ) -> Result<(), Vec<FieldworkError>> {
        let mut errors = Vec::new();
        if self.items.is_empty() {
            errors.push(FieldworkError::NoItems);
        }
        let known = catalogue.item_codes();
        let mut seen = HashSet::new();
        for (i, item) in self.items.iter().enumerate() {
            let index = i as i64;
            if !seen.insert(item) {
                let item = item.clone();
                errors.push(FieldworkError::DuplicateItem { index, item });
            } else if !known.contains(item) {
                let item = item.clone();
                errors.push(FieldworkError::UnknownItem { index, item });
            }
        }
        if let Some(main) = &self.main_item
            && !self.items.contains(main)
        {
            let item = main.clone();
            errors.push(FieldworkError::MainItemNotEntrusted { item });
        }
        if self.signature.is_none() && !self.channel.is_remote() {
            errors.push(FieldworkError::SignatureMissing);
        }
        check_not_future(self.received_at, now, Field::ReceivedAt, &mut errors);
        let mut cases = HashSet::new();
        for (i, case) in self.cases.iter().enumerate() {
            if !cases.insert(case) {
                errors.push(FieldworkError::DuplicateCase { index: i as i64 });
            }
        }
        if let Some(t) = &self.termination {
            t.check(self.received_at, now, &mut errors);
        }
        collected(errors)
    }

    /// Checks that the entrusting person belongs to `household` (and that it is theirs).
    pub fn check_household(&self, household: &Household) -> Result<(), FieldworkError> {
        let member = household
            .members
            .iter()
            .any(|m| m.id == self.entrusting_member);
        if household.id == self.household && member {
            Ok(())
        } else {
            Err(FieldworkError::NotInHousehold)
        }
    }

    /// Records a case opened under the entrustment (once); a terminated one opens none.
    pub fn link_case(&mut self, case: CaseId) -> Result<(), FieldworkError> {
        if !self.is_active() {
            return Err(FieldworkError::NotActive);
        }
        if !self.cases.contains(&case) {
            self.cases.push(case);
        }
        Ok(())
    }

    /// Terminates the entrustment (终止帮办代办), checked at `now`. Refused, with every
    /// problem, if it is already terminated or the termination is incomplete; then nothing
    /// changes.
    pub fn terminate(
        &mut self,
        termination: Termination,
        now: DateTime<Utc>,
    ) -> Result<(), Vec<FieldworkError>> {
        let mut errors = Vec::new();
        if !self.is_active() {
            errors.push(FieldworkError::NotActive);
        }
        termination.check(self.received_at, now, &mut errors);
        collected(errors)?;
        self.termination = Some(termination);
        Ok(())
    }
}

impl Termination {
    fn check(
        &self,
        received_at: DateTime<Utc>,
        now: DateTime<Utc>,
        errors: &mut Vec<FieldworkError>,
    ) {
        if self.at < received_at {
            errors.push(FieldworkError::TerminatedBeforeEntrusted);
        }
        check_not_future(self.at, now, Field::TerminationAt, errors);
        check_text(
            &self.reason,
            Field::TerminationReason,
            true,
            MAX_REASON_CHARS,
            errors,
        );
        if self.materials_returned.is_empty() {
            errors.push(FieldworkError::NothingReturned);
        }
        for (i, m) in self.materials_returned.iter().enumerate() {
            let index = i as i64;
            check_text(
                &m.name,
                Field::ReturnedMaterialName { index },
                true,
                MAX_MATERIAL_NAME_CHARS,
                errors,
            );
            if m.count < 1 {
                errors.push(FieldworkError::BadCount {
                    index,
                    count: m.count,
                });
            }
        }
    }
}
