//! [`CaseRecord`]: the body of a `case` record as the server stores and the phones pull it.

use serde::{Deserialize, Serialize};

use crate::ids::HouseholdId;
use crate::workflow::{Case, Event};

/// A case as synced: the workflow state and its history. Only the server writes it (from
/// workflow commands); a phone shows it and, offline, the same state its own commands lead to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRecord {
    /// The applicant's household.
    pub household: HouseholdId,
    /// The state, rebuilt from `events`.
    pub case: Case,
    /// Every event, oldest first.
    pub events: Vec<Event>,
}
