//! Least privilege as one table (issue 22 point 9): what each role may do, with which
//! records, by where the record stands to the user.
//!
//! [`rights`] is the table: a pure function of role, [`Action`] and [`Scope`]. [`permits`]
//! applies it to a signed-in [`Actor`] and a record's [`RecordScope`]: the server consults it
//! for every write it takes (households, case commands, field records) and the admin's
//! routes; reads go through `jurisdiction::can_see`, which a property test holds equal to
//! `permits(.., Action::ReadRecords, ..)`. The README's table is generated from this one
//! ([`markdown_table`]) and a test fails when they differ.
//!
//! Three choices the table makes (issue 22 point 9):
//! * the admin manages accounts and reference data and reads no household data;
//! * the supervisor reads and supervises (督办) but edits no household or field record;
//! * a helper withdraws, terminates or evaluates a case only under an entrustment that names
//!   the case ([`Scope::Entrusted`]), not merely because it lies in their village;
//! * the recipient registry's records (an imported roster row, a periodic review done,
//!   [`RecordKind::Registry`]) are kept by the township's window clerk for their township and
//!   by the county's supervisor for the county (issue 21 point 3): the supervisor's one
//!   household-data write besides pressing on cases, since the county keeps the database of
//!   people in difficulty (seed 002 五(二)1). Nobody else saves them.

mod online;
mod table;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use online::{OnlineApplicationError, resident_may_open};
pub use table::{markdown_table, rights};

use serde::{Deserialize, Serialize};

use crate::jurisdiction::{Actor, RecordScope};
use crate::role::Role;
use crate::sync::RecordKind;
use crate::workflow::CommandKind;

/// Something a user asks the server to do or to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "action", content = "of", rename_all = "snake_case")]
pub enum Action {
    /// Read household data: households, cases, field records and their attachments (sync pull,
    /// case pages, print forms).
    ReadRecords,
    /// Register a household or edit one.
    EditHousehold,
    /// Open a case (`CommandKind::Create`, judged on its household) or issue a workflow command.
    Case(CommandKind),
    /// Save a field record: entrustment, visit, hardship report, evaluation, materials,
    /// authorization (`Household` and `Case` are never saved whole: always refused).
    Record(RecordKind),
    /// Create, disable and reset accounts; import staff and places.
    ManageAccounts,
    /// Change reference data: the public notice text, the authorization text, the catalogue.
    ManageReference,
    /// Read the ledgers and reports of the user's place (routing ledger, helper ledger).
    ReadReports,
}

impl Action {
    /// Every action, in the order of the README's table.
    pub fn all() -> Vec<Action> {
        let mut all = vec![Action::ReadRecords, Action::EditHousehold];
        all.push(Action::Case(CommandKind::Create));
        all.extend(CommandKind::ALL.iter().map(|k| Action::Case(*k)));
        all.extend(FIELD_RECORDS.iter().map(|k| Action::Record(*k)));
        all.push(Action::Record(RecordKind::Registry));
        all.extend([
            Action::ReadReports,
            Action::ManageAccounts,
            Action::ManageReference,
        ]);
        all
    }

    /// Whether the action touches household data (everything but account and reference
    /// administration).
    pub fn is_household_data(self) -> bool {
        !matches!(self, Action::ManageAccounts | Action::ManageReference)
    }

    /// Whether the action changes household data.
    pub fn is_household_write(self) -> bool {
        matches!(
            self,
            Action::EditHousehold | Action::Case(_) | Action::Record(_)
        )
    }

    /// The action's name in the README's table.
    pub fn name(self) -> String {
        match self {
            Action::ReadRecords => "read household data".to_owned(),
            Action::EditHousehold => "register or edit a household".to_owned(),
            Action::Case(k) => format!("case: {} ({})", k.name_en(), k.name_zh()),
            Action::Record(k) => format!("save a field record: {}", k.code()),
            Action::ManageAccounts => "manage accounts".to_owned(),
            Action::ManageReference => "manage reference data".to_owned(),
            Action::ReadReports => "read ledgers and reports".to_owned(),
        }
    }
}

/// The field records a phone or desk saves whole.
pub const FIELD_RECORDS: [RecordKind; 6] = [
    RecordKind::Entrustment,
    RecordKind::Visit,
    RecordKind::Hardship,
    RecordKind::Evaluation,
    RecordKind::Materials,
    RecordKind::Authorization,
];

/// How a record stands to the user. Several can hold at once; an action is allowed when the
/// table allows it for any of them. A record none holds for is outside the user's reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The resident's own application: they are its applicant account.
    Own,
    /// A helper entrusted with this very case: an entrustment they took names it. The server
    /// establishes it from the stored entrustments.
    Entrusted,
    /// A helper the record is shared with (entrusted with the household, or its author)
    /// wherever it lies.
    Attached,
    /// Inside the user's place; for a department officer, inside it and routed to their
    /// department.
    Place,
}

impl Scope {
    /// Every scope, in the README's order.
    pub const ALL: [Scope; 4] = [Scope::Own, Scope::Entrusted, Scope::Attached, Scope::Place];

    /// The scope's word in the README's table.
    pub fn code(self) -> &'static str {
        match self {
            Scope::Own => "own",
            Scope::Entrusted => "entrusted",
            Scope::Attached => "attached",
            Scope::Place => "place",
        }
    }
}

/// The scopes that hold between `actor` and `record`; `entrusted` says whether an entrustment
/// by this actor names the record's case (only ever true for a helper). An actor whose role,
/// place and department do not fit together ([`Actor::validate`]) stands in no scope.
pub fn scopes(actor: &Actor, record: &RecordScope, entrusted: bool) -> Vec<Scope> {
    if actor.validate().is_err() {
        return Vec::new();
    }
    let inside = actor.place.contains(&record.place);
    let routed = actor
        .department
        .as_ref()
        .is_some_and(|d| record.departments.contains(d));
    let mut out = Vec::new();
    if record.owner == Some(actor.user) {
        out.push(Scope::Own);
    }
    if entrusted && actor.role == Role::Helper {
        out.push(Scope::Entrusted);
    }
    if record.helpers.contains(&actor.user) {
        out.push(Scope::Attached);
    }
    if inside && (actor.role != Role::DepartmentOfficer || routed) {
        out.push(Scope::Place);
    }
    out
}

/// Whether `actor` may take `action` on `record` (see [`scopes`] for `entrusted`).
pub fn permits(actor: &Actor, action: Action, record: &RecordScope, entrusted: bool) -> bool {
    scopes(actor, record, entrusted)
        .into_iter()
        .any(|s| rights(actor.role, action, s))
}

/// Whether `actor` may take `action` at their own place: for what concerns the installation
/// rather than a record (accounts, reference data, the place's reports).
pub fn permits_here(actor: &Actor, action: Action) -> bool {
    actor.validate().is_ok() && rights(actor.role, action, Scope::Place)
}

/// Whether the action needs to know if the helper is entrusted with the case: the server
/// looks the entrustments up only then.
pub fn needs_entrustment(action: Action) -> bool {
    Role::ALL
        .into_iter()
        .any(|role| rights(role, action, Scope::Entrusted) && !rights(role, action, Scope::Place))
}
