//! The roles of the one-door system (DOMAIN.md, "Who uses it").

use serde::{Deserialize, Serialize};

/// What a user does in the system. A user has exactly one role and one place in the
/// jurisdiction tree; a department officer is also bound to one department.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 困难群众、申请人: applies, signs, checks progress, rates the service.
    Resident,
    /// 帮办代办员、救助协理员、网格员: intake on a resident's behalf, visits, hardship reports.
    Helper,
    /// 社会救助服务窗口: checks materials, accepts, routes, tells the applicant.
    WindowClerk,
    /// 核查机构: economic check, home survey, democratic appraisal, public notice.
    Verifier,
    /// 救助部门经办人: decides the items of their department.
    DepartmentOfficer,
    /// 县（区）民政局: sees every case and deadline in the county.
    Supervisor,
    /// Runs the installation: accounts, jurisdiction tree, catalogue, calendar.
    Admin,
    /// 街道（镇）分管领导: agrees to routing before the window hands a case to the
    /// departments (乌海 附件4 第一条) and is told first when a clock is late; reads the cases of
    /// their own township, edits no household.
    TownshipLeader,
}

impl Role {
    /// Every role, in the order screens list them.
    pub const ALL: [Role; 8] = [
        Role::Resident,
        Role::Helper,
        Role::WindowClerk,
        Role::Verifier,
        Role::DepartmentOfficer,
        Role::Supervisor,
        Role::Admin,
        Role::TownshipLeader,
    ];

    /// The stable code used on the wire and in the database.
    pub fn code(self) -> &'static str {
        match self {
            Role::Resident => "resident",
            Role::Helper => "helper",
            Role::WindowClerk => "window_clerk",
            Role::Verifier => "verifier",
            Role::DepartmentOfficer => "department_officer",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
            Role::TownshipLeader => "township_leader",
        }
    }

    /// The role for a stable code, if there is one.
    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The Chinese name shown on staff screens and printed forms.
    pub fn name_zh(self) -> &'static str {
        match self {
            Role::Resident => "申请人",
            Role::Helper => "帮办代办员",
            Role::WindowClerk => "窗口受理员",
            Role::Verifier => "核查人员",
            Role::DepartmentOfficer => "部门经办人",
            Role::Supervisor => "县级监管",
            Role::Admin => "系统管理员",
            Role::TownshipLeader => "分管领导",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(Role::from_code("mayor"), None);
    }
}
