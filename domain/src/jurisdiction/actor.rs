//! Who is asking: a user with their role, place and (for a department officer) department.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::level::Level;
use super::place_code::PlaceCode;
use crate::department::DepartmentCode;
use crate::ids::UserId;
use crate::role::Role;

/// The signed-in user as the access rules see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// The account.
    pub user: UserId,
    /// The one role the account has.
    pub role: Role,
    /// Where the account works (for a resident: where they live).
    pub place: PlaceCode,
    /// The department a department officer works for; nobody else has one.
    pub department: Option<DepartmentCode>,
}

/// The highest and lowest level (county is highest) each role may be placed at:
///
/// * resident: anywhere (their home; it plays no part in what they see);
/// * helper: a village (covering its grids) or a single grid — helpers work door to door;
/// * window clerk, verifier, department officer: a township/street office or the county
///   (county-level service window, verification team, department);
/// * supervisor (县级民政局) and admin: the county;
/// * township leader (街道（镇）分管领导): a township/street office only.
pub fn allowed_levels(role: Role) -> (Level, Level) {
    match role {
        Role::Resident => (Level::County, Level::Grid),
        Role::Helper => (Level::Village, Level::Grid),
        Role::WindowClerk | Role::Verifier | Role::DepartmentOfficer => {
            (Level::County, Level::Township)
        }
        Role::Supervisor | Role::Admin => (Level::County, Level::County),
        // 街道（镇）分管领导: one township, its own.
        Role::TownshipLeader => (Level::Township, Level::Township),
    }
}

/// Why an actor's combination of role, place and department is impossible; such an actor is
/// refused everything by [`access`](super::access()).
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ActorError {
    /// A department officer without a (non-blank) department.
    #[error("a department officer must be bound to a department; choose one")]
    MissingDepartment,
    /// A role other than department officer with a department.
    #[error("a {} has no department; remove it or make the account a department officer", role.code())]
    UnexpectedDepartment {
        /// The actor's role.
        role: Role,
    },
    /// Placed higher than the role works (a helper at a county).
    #[error("a {} cannot be placed at {} level; the highest allowed is {}", role.code(), level.name_zh(), highest.name_zh())]
    PlaceTooHigh {
        /// The actor's role.
        role: Role,
        /// The level they were placed at.
        level: Level,
        /// The highest level allowed.
        highest: Level,
    },
    /// Placed lower than the role works (a window clerk in a village).
    #[error("a {} cannot be placed at {} level; the lowest allowed is {}", role.code(), level.name_zh(), lowest.name_zh())]
    PlaceTooLow {
        /// The actor's role.
        role: Role,
        /// The level they were placed at.
        level: Level,
        /// The lowest level allowed.
        lowest: Level,
    },
}

impl ActorError {
    /// The message in Chinese, for the admin's account screen.
    pub fn message_zh(&self) -> String {
        match self {
            ActorError::MissingDepartment => "部门经办人必须指定所属部门".to_owned(),
            ActorError::UnexpectedDepartment { role } => {
                format!(
                    "{}不属于任何部门，请去掉部门或改为部门经办人",
                    role.name_zh()
                )
            }
            ActorError::PlaceTooHigh {
                role,
                level,
                highest,
            } => format!(
                "{}不能设在{}一级，最高只能到{}",
                role.name_zh(),
                level.name_zh(),
                highest.name_zh()
            ),
            ActorError::PlaceTooLow {
                role,
                level,
                lowest,
            } => format!(
                "{}不能设在{}一级，最低只能到{}",
                role.name_zh(),
                level.name_zh(),
                lowest.name_zh()
            ),
        }
    }
}

impl Actor {
    /// Checks that the role, place and department fit together (see [`allowed_levels`]).
    pub fn validate(&self) -> Result<(), ActorError> {
        let role = self.role;
        match (&self.department, role) {
            (Some(d), Role::DepartmentOfficer) if !d.as_str().trim().is_empty() => {}
            (_, Role::DepartmentOfficer) => return Err(ActorError::MissingDepartment),
            (Some(_), _) => return Err(ActorError::UnexpectedDepartment { role }),
            (None, _) => {}
        }
        let level = self.place.level();
        let (highest, lowest) = allowed_levels(role);
        if level < highest {
            return Err(ActorError::PlaceTooHigh {
                role,
                level,
                highest,
            });
        }
        if level > lowest {
            return Err(ActorError::PlaceTooLow {
                role,
                level,
                lowest,
            });
        }
        Ok(())
    }
}
