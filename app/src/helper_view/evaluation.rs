//! What the evaluation page needs about one case: the case, the entrustment it was handled
//! under, the evaluations already recorded, and what to show the resident.

use domain::catalogue::Catalogue;
use domain::fieldwork::{EntrustmentId, Evaluation};
use domain::ids::CaseId;
use domain::sync::CaseRecord;

use super::PhoneRecords;

/// One case ready to be (or already) rated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationSubject {
    /// The case.
    pub record: CaseRecord,
    /// The entrustment that lists it, if the phone has one.
    pub entrustment: Option<EntrustmentId>,
    /// Every evaluation on the phone (of any case: the rules look for this one's).
    pub evaluations: Vec<Evaluation>,
    /// The applicant, masked.
    pub applicant: Option<String>,
    /// The items' Chinese names.
    pub items_zh: String,
}

/// The case `id` as the evaluation page shows it; `None` if the phone does not hold it.
pub fn evaluation_subject(
    records: &PhoneRecords,
    id: CaseId,
    catalogue: &Catalogue,
) -> Option<EvaluationSubject> {
    let record = records.case(id)?.clone();
    let items_zh = record
        .case
        .requested_items()
        .iter()
        .map(|c| catalogue.item(c).map_or(c.as_str(), |i| i.name_zh.as_str()))
        .collect::<Vec<_>>()
        .join("、");
    Some(EvaluationSubject {
        entrustment: records.entrustment_of(id).map(|e| e.id),
        evaluations: records.evaluations.clone(),
        applicant: records.masked_applicant(record.household),
        items_zh,
        record,
    })
}
