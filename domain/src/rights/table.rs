//! The table itself, and its rendering for the README.

use super::{Action, Scope};
use crate::role::Role;
use crate::sync::RecordKind;
use crate::workflow::{CommandKind, role_may};

/// Whether `role` may take `action` on a record that stands to the user in `scope`.
///
/// Case commands are first the workflow's own table of who issues what
/// (`workflow::role_may`); this one adds where.
pub fn rights(role: Role, action: Action, scope: Scope) -> bool {
    use Scope::{Attached, Entrusted, Own, Place};
    if action == Action::Record(RecordKind::Registry) {
        // The registry: the township's window and the county's supervisor, at their place.
        return scope == Place && matches!(role, Role::WindowClerk | Role::Supervisor);
    }
    match role {
        // A resident acts on their own application only, wherever it lies.
        Role::Resident => {
            scope == Own
                && match action {
                    Action::ReadRecords => true,
                    Action::Case(k) => role_may(k, role),
                    Action::Record(k) => is_field_record(k),
                    _ => false,
                }
        }
        Role::Helper => match action {
            Action::ReadRecords => matches!(scope, Entrusted | Attached | Place),
            Action::EditHousehold => matches!(scope, Attached | Place),
            // The applicant's own choices: the helper makes them only as the one entrusted
            // with this case (issue 22 point 9), not for any case in their village.
            Action::Case(
                CommandKind::Withdraw | CommandKind::Terminate | CommandKind::Evaluate,
            )
            | Action::Record(RecordKind::Evaluation) => scope == Entrusted,
            Action::Case(k) => role_may(k, role) && matches!(scope, Entrusted | Attached | Place),
            Action::Record(k) => {
                is_field_record(k) && matches!(scope, Entrusted | Attached | Place)
            }
            Action::ReadReports => scope == Place,
            Action::ManageAccounts | Action::ManageReference => false,
        },
        Role::WindowClerk | Role::Verifier | Role::DepartmentOfficer => {
            scope == Place
                && match action {
                    Action::ReadRecords | Action::EditHousehold | Action::ReadReports => true,
                    Action::Case(k) => role_may(k, role),
                    Action::Record(k) => is_field_record(k),
                    Action::ManageAccounts | Action::ManageReference => false,
                }
        }
        // Reads the county and presses on cases (督办); edits nothing of a household's.
        Role::Supervisor => {
            scope == Place
                && match action {
                    Action::ReadRecords | Action::ReadReports => true,
                    Action::Case(k) => role_may(k, role),
                    _ => false,
                }
        }
        // 分管领导: reads the township's cases and reports and agrees to routing (乌海 附件4
        // 第一条); edits no household and saves no field record.
        Role::TownshipLeader => {
            scope == Place
                && match action {
                    Action::ReadRecords | Action::ReadReports => true,
                    Action::Case(k) => role_may(k, role),
                    _ => false,
                }
        }
        // Runs the installation; reads no household data (issue 22 point 9).
        Role::Admin => {
            scope == Place && matches!(action, Action::ManageAccounts | Action::ManageReference)
        }
    }
}

fn is_field_record(kind: RecordKind) -> bool {
    super::FIELD_RECORDS.contains(&kind)
}

/// The table as Markdown: one row per action, one column per role, each cell the scopes in
/// which the role may take the action (`–` for none). The README holds exactly this between
/// its `rights-table` markers.
pub fn markdown_table() -> String {
    let mut out = String::from("| action |");
    for role in Role::ALL {
        out.push_str(&format!(" {} |", role.code()));
    }
    out.push_str("\n|---|");
    for _ in Role::ALL {
        out.push_str("---|");
    }
    out.push('\n');
    for action in Action::all() {
        out.push_str(&format!("| {} |", action.name()));
        for role in Role::ALL {
            let scopes: Vec<&str> = Scope::ALL
                .into_iter()
                .filter(|s| rights(role, action, *s))
                .map(Scope::code)
                .collect();
            let cell = if scopes.is_empty() {
                "–".to_owned()
            } else {
                scopes.join(", ")
            };
            out.push_str(&format!(" {cell} |"));
        }
        out.push('\n');
    }
    out
}
