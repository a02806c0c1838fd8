//! The helper's records on the phone turned into what the domain's task list and ledger take:
//! which cases are the helper's, each with its household, and the rows the pages show. Pure
//! (the records are read by [`load`]), so it is tested natively.

mod certify;
mod evaluation;
mod ledger;
mod load;
mod tasks;

pub use certify::{CertifyRow, certify_rows};
pub use evaluation::{EvaluationSubject, evaluation_subject};
pub use ledger::{
    HelperNames, Village, helper_name_of, ledger_rows, quarters, village_name_from_address,
    villages,
};
pub use load::load;
pub use tasks::{Due, TaskRow, for_account, task_rows};

use domain::fieldwork::{EntrustmentRecord, Evaluation, HardshipReport, HelperCase, Visit};
use domain::household::{Household, Relation};
use domain::ids::{CaseId, HouseholdId, UserId};
use domain::sync::CaseRecord;

/// Everything on the phone the helper's pages are made from.
#[derive(Debug, Clone, Default)]
pub struct PhoneRecords {
    /// The households of the helper's villages.
    pub households: Vec<Household>,
    /// The cases of those households (`case` records).
    pub cases: Vec<CaseRecord>,
    /// Entrustments of the village, the helper's own and others'.
    pub entrustments: Vec<EntrustmentRecord>,
    /// Evaluations recorded, also those only saved on this phone so far.
    pub evaluations: Vec<Evaluation>,
    /// Hardship reports.
    pub hardship_reports: Vec<HardshipReport>,
    /// Household visits.
    pub visits: Vec<Visit>,
    /// The households' verification authorizations.
    pub authorizations: Vec<domain::authorization::AuthorizationSummary>,
    /// The households' certifications of eligibility, also those only saved on this phone
    /// so far (not one the server refused).
    pub certifications: Vec<domain::certification::CertificationRecord>,
}

impl PhoneRecords {
    /// A household on the phone.
    pub fn household(&self, id: HouseholdId) -> Option<&Household> {
        self.households.iter().find(|h| h.id == id)
    }

    /// A case on the phone.
    pub fn case(&self, id: CaseId) -> Option<&CaseRecord> {
        self.cases.iter().find(|c| c.case.id() == id)
    }

    /// The helper's own entrustments.
    pub fn entrustments_of(&self, helper: UserId) -> Vec<EntrustmentRecord> {
        self.entrustments
            .iter()
            .filter(|e| e.helper == helper)
            .cloned()
            .collect()
    }

    /// The entrustment a case was opened under, if the phone has it.
    pub fn entrustment_of(&self, case: CaseId) -> Option<&EntrustmentRecord> {
        self.entrustments.iter().find(|e| e.cases.contains(&case))
    }

    /// The helper's cases, each with its household: those they opened and those listed in
    /// their entrustments. A case whose household is not on the phone is left out (its
    /// deadlines depend on where the household lives).
    pub fn helper_cases(&self, helper: UserId) -> Vec<HelperCase<'_>> {
        self.cases
            .iter()
            .filter(|c| {
                c.case.created_by().user == helper
                    || self
                        .entrustments
                        .iter()
                        .any(|e| e.helper == helper && e.cases.contains(&c.case.id()))
            })
            .filter_map(|c| {
                self.household(c.household).map(|household| HelperCase {
                    case: &c.case,
                    household,
                })
            })
            .collect()
    }

    /// The applicant's name, masked (`王*英`), as every list shows it.
    pub fn masked_applicant(&self, household: HouseholdId) -> Option<String> {
        applicant_name(self.household(household)?).map(|n| n.masked())
    }
}

/// The applicant of a household.
pub fn applicant_name(h: &Household) -> Option<&domain::identity::PersonName> {
    h.members
        .iter()
        .find(|m| m.relation == Relation::Applicant)
        .map(|m| &m.name)
}

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod tests;
