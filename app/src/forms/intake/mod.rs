//! The guided intake on a resident's behalf (委托代办申请): household and members, income and
//! property, the entrustment, the items with the main one and the reason, and the materials
//! checklist. The window's walk-in registration (窗口受理) is the same intake without the
//! entrustment: the applicant is at the window, and the case goes to the inbox on saving. The draft is saved on every change; [`IntakeDraft::plan`] turns it into the
//! records and operations the phone saves in one transaction.

pub mod authorization;
pub mod authorization_fix;
pub mod case;
pub mod changes;
pub mod materials;
pub mod members;
pub mod signer;
mod steps_plan;

use chrono::{DateTime, NaiveDate, Utc};
use domain::authorization::AuthorizationRecord;
use domain::catalogue::{AidItemCode, Catalogue, HouseholdFacts, MemberFacts};
use domain::fieldwork::EntrustmentRecord;
use domain::household::Household;
use domain::ids::{CaseId, HouseholdId, UserId};
use domain::sync::CaseRecord;
use domain::workflow;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use self::authorization::AuthorizationDraft;
use self::case::{CasePlan, NewCase, plan_case};
use self::materials::MaterialDraft;
use self::members::HouseholdDraft;
use super::FormError;
use super::entrustment::EntrustmentDraft;

/// The steps, in order; the draft remembers where the helper was.
pub const STEPS: [&str; 7] = [
    "household",
    "money",
    "entrustment",
    "items",
    "authorization",
    "materials",
    "review",
];

/// The steps of a walk-in at the window: no entrustment (the applicant applies in person).
pub const WALK_IN_STEPS: [&str; 6] = [
    "household",
    "money",
    "items",
    "authorization",
    "materials",
    "review",
];

/// The whole intake as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IntakeDraft {
    /// Which of [`STEPS`] is open.
    pub step: usize,
    /// The household (new, or one on the phone).
    pub household: HouseholdDraft,
    /// The household is on the phone already (registered before): it is not created again.
    pub known_household: bool,
    /// The entrustment.
    pub entrustment: EntrustmentDraft,
    /// The entrustment is on the phone already (made on the entrustment page).
    pub known_entrustment: bool,
    /// The case's id, made once.
    pub case: String,
    /// Requested item codes.
    pub items: Vec<String>,
    /// The main request's code.
    pub primary: String,
    /// Why the household applies (申请理由).
    pub reason: String,
    /// The checklist.
    pub materials: Vec<MaterialDraft>,
    /// The verification authorization: reused, or signed now.
    #[serde(default)]
    pub authorization: AuthorizationDraft,
    /// Registered at the window for an applicant in person (窗口受理): no entrustment, the
    /// case comes in by the window and is submitted on saving.
    #[serde(default)]
    pub walk_in: bool,
    /// How a request registered at the window came in: `window` (in person, the default),
    /// `hotline` (by telephone) or `referral` (sent on by another township, named in
    /// `referred_by`).
    #[serde(default)]
    pub came_by: String,
    /// The township or office that referred it (外镇转来).
    #[serde(default)]
    pub referred_by: String,
}

/// What saving the intake writes.
#[derive(Debug, Clone)]
pub struct IntakePlan {
    /// The household as it now stands.
    pub household: Household,
    /// Whether it is new on the server.
    pub create_household: bool,
    /// The entrustment, linked to the case (none for a walk-in at the window).
    pub entrustment: Option<EntrustmentRecord>,
    /// The case's creation and commands.
    pub case: CasePlan,
    /// The authorization package (or addendum) signed in this intake.
    pub authorization: Option<AuthorizationRecord>,
    /// The materials checklist, with its attachments.
    pub materials: Vec<MaterialDraft>,
    /// Whether the case goes to the window now (the resident has signed).
    pub submitted: bool,
}

/// Where the plan starts from: what the phone holds of this intake's records.
#[derive(Debug, Clone, Default)]
pub struct Stored {
    /// The case, once saved before (a draft waiting for a signature, or a fix).
    pub case: Option<CaseRecord>,
    /// The entrustment, once saved before.
    pub entrustment: Option<EntrustmentRecord>,
    /// The household's authorizations on the phone (as pulled: countersigned or not).
    pub authorizations: Vec<AuthorizationRecord>,
    /// What the installation accepts in a package, as the phone last learned it.
    pub accepted: authorization::Accepted,
}

impl IntakeDraft {
    /// Whether this draft is the intake started from `entrustment` (or, without one, from
    /// `household`): what a reload of that page opens again.
    pub fn started_from(&self, entrustment: Option<Uuid>, household: Option<Uuid>) -> bool {
        let same = |id: &str, wanted: Uuid| Uuid::parse_str(id).is_ok_and(|id| id == wanted);
        match (entrustment, household) {
            (Some(e), _) => self.known_entrustment && same(&self.entrustment.id, e),
            (None, Some(h)) => self.known_household && same(&self.household.id, h),
            (None, None) => false,
        }
    }

    /// How the case comes in: entrusted to a helper, or at the window in person, by
    /// telephone or referred by another township (whose name is checked here, at its field).
    fn new_case(&self, id: CaseId, household: HouseholdId) -> Result<NewCase, Vec<FormError>> {
        let channel = match (self.walk_in, self.came_by.as_str()) {
            (false, _) => workflow::Channel::Entrusted,
            (true, "hotline") => workflow::Channel::Hotline,
            (true, "referral") => workflow::Channel::Referral,
            (true, _) => workflow::Channel::Window,
        };
        let referred_by = (channel == workflow::Channel::Referral).then(|| self.referred_by.trim());
        if let Some(from) = referred_by
            && (from.is_empty() || from.chars().count() > workflow::REFERRER_MAX_CHARS)
        {
            let message = workflow::WorkflowError::ReferrerRequired.message_zh();
            return Err(vec![FormError::at("referred_by", message)]);
        }
        Ok(NewCase {
            id,
            household,
            channel,
            referred_by: referred_by.map(str::to_owned),
        })
    }

    /// The steps of this intake, in order.
    pub fn steps(&self) -> &'static [&'static str] {
        if self.walk_in { &WALK_IN_STEPS } else { &STEPS }
    }

    /// The open step's name.
    pub fn step_name(&self) -> &'static str {
        let steps = self.steps();
        steps[self.step.min(steps.len() - 1)]
    }

    /// A new walk-in registration at the window, with fresh ids from `new_id`.
    pub fn new_walk_in(new_id: impl FnMut() -> Uuid) -> Self {
        IntakeDraft {
            walk_in: true,
            ..IntakeDraft::new(new_id)
        }
    }

    /// A new intake with fresh ids from `new_id`.
    pub fn new(mut new_id: impl FnMut() -> Uuid) -> Self {
        let mut draft = IntakeDraft {
            case: new_id().to_string(),
            ..IntakeDraft::default()
        };
        draft.household.id = new_id().to_string();
        draft.household.members = vec![members::MemberDraft::new(new_id(), true)];
        draft.entrustment.id = new_id().to_string();
        draft.entrustment.channel = "in_person".to_owned();
        draft
    }

    /// The requested items as codes.
    pub fn item_codes(&self) -> Vec<AidItemCode> {
        self.items.iter().map(|c| AidItemCode(c.clone())).collect()
    }

    /// Every problem of the items step.
    pub fn items_errors(&self, catalogue: &Catalogue) -> Vec<FormError> {
        let mut errors = Vec::new();
        if self.items.is_empty() {
            errors.push(FormError::at("items", "请至少选择一项救助事项".to_owned()));
        }
        for code in &self.items {
            if catalogue.item(&AidItemCode(code.clone())).is_none() {
                errors.push(FormError::at("items", format!("未知的救助事项：{code}")));
            }
        }
        if self.items.len() > 1 && !self.items.contains(&self.primary) {
            errors.push(FormError::at(
                "primary",
                "申请多项救助时，请标明主要事项（决定牵头部门）".to_owned(),
            ));
        }
        errors
    }

    /// The primary item: the one marked, or the only one.
    pub fn primary_code(&self) -> Option<AidItemCode> {
        if self.items.contains(&self.primary) {
            Some(AidItemCode(self.primary.clone()))
        } else if let [only] = self.items.as_slice() {
            Some(AidItemCode(only.clone()))
        } else {
            None
        }
    }

    /// The household's facts as typed so far (a member whose ID number is not complete yet
    /// counts as an adult: the checklist then asks for their signature rather than forget it).
    pub fn facts(&self, today: NaiveDate) -> HouseholdFacts {
        use domain::household::{Employment, Health};
        HouseholdFacts {
            members: self
                .household
                .members
                .iter()
                .filter_map(|m| {
                    let member = Uuid::parse_str(&m.id).ok().map(domain::ids::MemberId)?;
                    let adult = domain::identity::IdNumber::parse(m.id_number.trim(), today)
                        .map_or(true, |n| n.is_adult(today));
                    Some(MemberFacts {
                        member,
                        adult,
                        has_disability: !m.disability.is_empty(),
                        has_illness: Health::from_code(&m.health).is_some_and(Health::is_ill),
                        is_student: m.employment == Employment::Student.code(),
                        unemployed: m.employment == Employment::Unemployed.code(),
                    })
                })
                .collect(),
            has_housing_damage: self.household.housing_damaged,
        }
    }

    /// Rebuilds the checklist for the items and household as they now are, keeping what was
    /// filled in.
    pub fn refresh_materials(&mut self, catalogue: &Catalogue, today: NaiveDate) {
        let required = catalogue.required_materials(&self.item_codes(), &self.facts(today));
        self.materials = materials::checklist(&self.materials, &required);
    }

    /// Everything saving writes, or every problem of every step. The entrustment carries the
    /// same items; the case goes to the window only once the resident has signed.
    pub fn plan(
        &self,
        helper: &workflow::Actor,
        stored: Stored,
        catalogue: &Catalogue,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<IntakePlan, Vec<FormError>> {
        let mut errors = Vec::new();
        let household = self
            .household
            .to_household(today)
            .map_err(|e| errors.extend(e));
        errors.extend(self.items_errors(catalogue));
        let case_id = Uuid::parse_str(&self.case).map(CaseId);
        let (Ok(household), Ok(case_id), true) = (household, case_id, errors.is_empty()) else {
            return Err(errors);
        };
        let mut lines = self.materials.clone();
        let signed = self.plan_authorization(&mut lines, &household, &stored, helper, now)?;
        let found = materials::unfinished(&lines, catalogue);
        if !found.is_empty() {
            return Err(found);
        }
        let entrustment = if self.walk_in {
            None
        } else {
            Some(self.plan_entrustment(&household, helper, &stored, catalogue, case_id, now)?)
        };
        // In person at the window the applicant applies as they stand there; on a helper's
        // phone the case goes once the resident has signed the entrustment.
        let submitted = self.walk_in
            || entrustment
                .as_ref()
                .is_some_and(|e| e.ready_to_submit().is_ok());
        let items = self.item_codes();
        let primary = self.primary_code();
        let already_submitted = stored
            .case
            .as_ref()
            .is_some_and(|c| c.case.state() != workflow::CaseState::Draft);
        let new = self.new_case(case_id, household.id)?;
        let case = plan_case(
            stored.case,
            new,
            &items,
            primary.as_ref(),
            &self.reason,
            submitted && !already_submitted,
            helper,
            now,
        )
        .map_err(|m| vec![FormError::at("case", m)])?;
        let plan = IntakePlan {
            create_household: !self.known_household,
            household,
            entrustment,
            case,
            authorization: signed.record,
            materials: lines,
            submitted,
        };
        if let Some(record) = changes::materials_record(&plan, UserId(helper.user.0), now) {
            let required = catalogue.required_materials(&items, &self.facts(today));
            let found = materials::problems(&record, &required, catalogue, now);
            if !found.is_empty() {
                return Err(found);
            }
        }
        Ok(plan)
    }
}

#[cfg(test)]
mod walk_in_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reload_reopens_the_draft_of_the_same_entrustment_or_household_only() {
        let (e, h, other) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let mut d = IntakeDraft::new(|| Uuid::from_u128(9));
        d.entrustment.id = e.to_string();
        d.household.id = h.to_string();
        assert!(
            !d.started_from(Some(e), None),
            "a new intake is not the entrustment's"
        );
        d.known_entrustment = true;
        d.known_household = true;
        assert!(d.started_from(Some(e), None));
        assert!(!d.started_from(Some(other), None));
        assert!(d.started_from(None, Some(h)));
        assert!(!d.started_from(None, Some(other)));
        assert!(!d.started_from(None, None));
    }
}
