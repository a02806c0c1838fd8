//! The households the helper's phone lists for certifying eligibility (待遇资格认证), apart
//! from the task list: those the domain's rule says are due (`certification_due`), with the
//! applicant masked and the address, as every list shows a household.

use chrono::NaiveDate;
use domain::certification_due::to_certify;
use domain::ids::HouseholdId;

use super::PhoneRecords;

/// One household to certify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertifyRow {
    /// The household.
    pub household: HouseholdId,
    /// `地址 · 王*英`.
    pub label: String,
    /// The period's year.
    pub year: i32,
    /// The period's last day.
    pub closes: NaiveDate,
}

/// The households on the phone still to certify on `today`, by address.
pub fn certify_rows(records: &PhoneRecords, today: NaiveDate) -> Vec<CertifyRow> {
    let mut rows: Vec<CertifyRow> = to_certify(
        &records.households,
        &records.cases,
        &records.certifications,
        today,
    )
    .into_iter()
    .filter_map(|due| {
        let h = records.household(due.household)?;
        let who = records.masked_applicant(due.household).unwrap_or_default();
        Some(CertifyRow {
            household: due.household,
            label: format!("{} · {who}", h.address),
            year: due.period.year,
            closes: due.period.closes,
        })
    })
    .collect();
    rows.sort_by(|a, b| a.label.cmp(&b.label));
    rows
}
