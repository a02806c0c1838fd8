//! The one access rule: what an actor may do with a record, given where the record lies.
//!
//! The server filters sync pulls and checks every operation with [`access`]; the phone uses
//! the same function to grey out what the user cannot do. A record the actor may not see is
//! answered "not found", so its existence does not leak either.

use serde::{Deserialize, Serialize};

use super::actor::Actor;
use super::place_code::PlaceCode;
use crate::department::DepartmentCode;
use crate::ids::UserId;
use crate::role::Role;

/// What an actor may do with a record, ordered: `None < Read < Act`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// Not even its existence (the server answers "not found").
    None,
    /// See it.
    Read,
    /// See it and take the actions of the actor's role on it.
    Act,
}

/// Where a record (a case and what hangs off it) lies and who is attached to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordScope {
    /// The place of the applicant's household.
    pub place: PlaceCode,
    /// The resident who applied, when they have an account.
    pub owner: Option<UserId>,
    /// The departments the case was routed to (分办/转办).
    pub departments: Vec<DepartmentCode>,
    /// The helpers entrusted with it (委托帮办).
    pub helpers: Vec<UserId>,
}

/// What `actor` may do with `record`. The rules, by role:
///
/// * **Resident**: Act on their own records (`owner` is them), nothing else — wherever the
///   record lies, so a resident who moved still follows their application.
/// * **Helper**: Act on records inside their place (a village helper covers its grids; a grid
///   helper only their grid), and on records they are entrusted with wherever those lie.
/// * **Window clerk, verifier**: Act on records inside their place (township/street office, or
///   county for a county-level window or team).
/// * **Department officer**: Act on records inside their place that were routed to their
///   department; nothing else (not even Read: other departments' cases are none of theirs).
/// * **Supervisor**: Act on everything inside their county — reading every case and pressing
///   on overdue ones (督办) are both part of supervision.
/// * **Admin**: nothing: the admin runs the installation (accounts, reference data), not
///   cases, and reads no household data (issue 22 point 9; `crate::rights`).
///
/// Anything outside the actor's place is `None`, save the two attachments above (owner,
/// entrusted helper). An actor whose role, place and department do not fit together
/// ([`Actor::validate`]) gets `None` for everything: the rule fails closed.
pub fn access(actor: &Actor, record: &RecordScope) -> Access {
    if actor.validate().is_err() {
        return Access::None;
    }
    let inside = actor.place.contains(&record.place);
    let granted = match actor.role {
        Role::Resident => record.owner == Some(actor.user),
        Role::Helper => inside || record.helpers.contains(&actor.user),
        Role::WindowClerk | Role::Verifier | Role::Supervisor | Role::TownshipLeader => inside,
        Role::DepartmentOfficer => {
            inside
                && actor
                    .department
                    .as_ref()
                    .is_some_and(|d| record.departments.contains(d))
        }
        Role::Admin => false,
    };
    if granted { Access::Act } else { Access::None }
}

/// Whether `actor` may see `record` at all.
pub fn can_see(actor: &Actor, record: &RecordScope) -> bool {
    access(actor, record) >= Access::Read
}

/// Whether `actor` may take their role's actions on `record`.
pub fn can_act(actor: &Actor, record: &RecordScope) -> bool {
    access(actor, record) == Access::Act
}
