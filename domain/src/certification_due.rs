//! Which households must still certify (待遇资格认证, issue 20 point 8), from the records a
//! phone or the server holds: a household's grants are its cases' approved items, its
//! recipient the applicant (or the first member), and it is to certify while the period is
//! open, it holds a monthly aid and no certification of the period is recorded — saved on the
//! phone and not yet sent counts, so a household certified offline leaves the list at once.
//! The helper's phone lists them apart from its task list; the server's pages use the same
//! [`grants_of`] and [`recipient_of`].

use chrono::NaiveDate;

use crate::certification::{CertificationRecord, Grant, Period, Status, status};
use crate::clocks::china_date;
use crate::household::{Household, Member, Relation};
use crate::ids::HouseholdId;
use crate::sync::CaseRecord;
use crate::workflow::AmountPeriod;

/// The approved items of a case, as grants.
pub fn grants_of(case: &CaseRecord) -> Vec<Grant> {
    case.case
        .items()
        .iter()
        .filter_map(|item| {
            let decision = item.decision.as_ref()?;
            let amount = decision.approved?;
            Some(Grant {
                approved_on: china_date(decision.decided_at),
                monthly: amount.period == AmountPeriod::Monthly,
            })
        })
        .collect()
}

/// The member receiving the aid, whose photo a certification takes: the applicant, or the
/// first member of a household that names none.
pub fn recipient_of(household: &Household) -> Option<&Member> {
    household
        .members
        .iter()
        .find(|m| m.relation == Relation::Applicant)
        .or(household.members.first())
}

/// One household still to certify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ToCertify {
    /// The household.
    pub household: HouseholdId,
    /// The period it is due in.
    pub period: Period,
}

/// The households among `households` that are due on `today` (China date): a monthly aid
/// among their `cases`' grants, no certification of the period among `certifications`, the
/// period still open. In the order of `households`; a household without members is left out
/// (nobody to photograph).
pub fn to_certify(
    households: &[Household],
    cases: &[CaseRecord],
    certifications: &[CertificationRecord],
    today: NaiveDate,
) -> Vec<ToCertify> {
    let period = Period::containing(today);
    households
        .iter()
        .filter(|h| recipient_of(h).is_some())
        .filter_map(|h| {
            let grants: Vec<Grant> = cases
                .iter()
                .filter(|c| c.household == h.id)
                .flat_map(grants_of)
                .collect();
            let days: Vec<NaiveDate> = certifications
                .iter()
                .filter(|c| c.household == h.id && c.year == period.year)
                .map(|c| china_date(c.certified_at))
                .collect();
            (status(&grants, &days, &period, today) == Status::Due).then_some(ToCertify {
                household: h.id,
                period,
            })
        })
        .collect()
}

#[cfg(test)]
#[path = "certification_due_tests.rs"]
mod tests;
