//! The entrustment page's parts: the list, a new entrustment, one entrustment with its late
//! signature, and its termination with the hand-over of materials.

mod entrustment_list;
mod new_entrustment;
mod termination_form;
mod termination_summary;
mod the_entrustment;

pub use entrustment_list::EntrustmentList;
pub use new_entrustment::NewEntrustment;
pub use termination_form::TerminationForm;
pub use termination_summary::TerminationSummary;
pub use the_entrustment::TheEntrustment;

use domain::fieldwork::EntrustmentRecord;

use crate::components::catalogue::catalogue;

/// The entrusted items' Chinese names, joined with 、.
pub(crate) fn item_names(r: &EntrustmentRecord) -> String {
    r.items
        .iter()
        .map(|i| {
            catalogue()
                .item(i)
                .map_or_else(|| i.0.clone(), |it| it.name_zh.clone())
        })
        .collect::<Vec<_>>()
        .join("、")
}
