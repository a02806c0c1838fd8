//! The case workspace's parts: what the case is ([`CaseFacts`]) and what this desk may do
//! with it ([`ActionPanel`]), and what the applicant and helper were told ([`CaseMessages`]).

mod action_fields;
mod action_panel;
mod case_facts;
mod case_messages;

pub use action_panel::ActionPanel;
pub use case_facts::CaseFacts;
pub use case_messages::CaseMessages;

use domain::household::Household;
use domain::ids::CaseId;
use domain::sync::CaseRecord;

use crate::records::RecordState;
use crate::staff_view::{CaseDetail, Desk};

/// A case read from the device, ready to show and act on.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The case's id.
    pub id: CaseId,
    /// The case as the device holds it (with the actions not yet sent applied).
    pub record: CaseRecord,
    /// Where the device's copy stands in sync.
    pub state: RecordState,
    /// Why the server refused the last action, if it did.
    pub message: Option<String>,
    /// Its household.
    pub household: Household,
    /// What the workspace shows.
    pub detail: CaseDetail,
    /// Whose desk.
    pub desk: Desk,
    /// A department officer's department.
    pub department: Option<String>,
}
