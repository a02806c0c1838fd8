//! The temporary-aid facts of a case, computed from its records, so the routing's hint
//! (对受理审查的非临时救助申请，符合临时救助条件的，要告知并帮助申请临时救助: 乌海 二(二)五)
//! rests on what is known, not on defaults.

use crate::fieldwork::{HardshipCategory, HardshipReport, HardshipUrgency};
use crate::household::{Health, Household};
use crate::workflow::Case;

use super::HardshipFacts;

/// What the case's records say about sudden hardship (临时救助 conditions, 《社会救助暂行办法》
/// 第九章; 国发〔2014〕47号):
///
/// * a sudden event: a hardship report on the household or the case of an illness, accident,
///   disaster, death or sudden loss of income, or a damaged home;
/// * sudden essential spending: a member seriously ill (重特大疾病), or a report of one;
/// * basic living at risk now: an urgent report (急难), or the window accepted the case first
///   because it was urgent (先行受理).
///
/// Reports about other households or cases are ignored.
pub fn hardship_facts(
    case: &Case,
    household: Option<&Household>,
    reports: &[HardshipReport],
) -> HardshipFacts {
    let ours: Vec<&HardshipReport> = reports
        .iter()
        .filter(|r| {
            r.case == Some(case.id()) || household.is_some_and(|h| r.household == Some(h.id))
        })
        .collect();
    let sudden_report = ours.iter().any(|r| {
        matches!(
            r.category,
            HardshipCategory::SeriousIllness
                | HardshipCategory::Accident
                | HardshipCategory::Disaster
                | HardshipCategory::DeathInFamily
                | HardshipCategory::SuddenIncomeLoss
        )
    });
    let damaged = household.is_some_and(|h| h.housing_damaged);
    let seriously_ill = household.is_some_and(|h| {
        h.members
            .iter()
            .any(|m| matches!(m.health, Health::SeriousIllness))
    }) || ours
        .iter()
        .any(|r| r.category == HardshipCategory::SeriousIllness);
    let urgent =
        ours.iter().any(|r| r.urgency == HardshipUrgency::Urgent) || case.accepted_urgently();
    HardshipFacts {
        sudden_event: sudden_report || damaged,
        sudden_expense: seriously_ill,
        basic_living_at_risk: urgent,
    }
}
