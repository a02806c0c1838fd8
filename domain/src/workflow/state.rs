//! Where a case stands ([`CaseState`]) and who must act next ([`Party`]).

use serde::{Deserialize, Serialize};

use crate::department::DepartmentCode;

/// The phase of one application (Wuhai attachment 1, Tongnan 五(四)).
///
/// The three handling phases `Routed`, `InPublicNotice` and `Decided` are derived from the
/// per-item progress after every item event, so they can never disagree with the items.
/// Urgent acceptance (先行受理) is not a separate phase: it is an `Accepted` (or later) case whose
/// [`crate::workflow::Case::outstanding_materials`] is not empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// Being filled in by the applicant or a helper; nothing is sent yet.
    Draft,
    /// Sent to the window, which checks the materials.
    Submitted,
    /// The window sent ONE notice listing every missing material (补证); the clock waits.
    SupplementRequested,
    /// The applicant answered the notice; the window checks the materials again.
    Resubmitted,
    /// Declined as not social assistance, with a written reason and a referral (不予受理). Ends the case.
    NotAccepted,
    /// Accepted (受理, possibly 先行受理); verification runs; waiting to be routed.
    Accepted,
    /// Routed to the departments (分办/转办); at least one item awaits its decision.
    Routed,
    /// Every item is decided; approved items that need it are publicly posted (公示).
    InPublicNotice,
    /// Every item is decided and every notice is over: the window must tell the applicant.
    Decided,
    /// The applicant was told the result (反馈); waiting for evaluation and closing.
    ResultNotified,
    /// Handling finished (办结), with or without the applicant's evaluation.
    Closed,
    /// Filed (归档). Nothing happens to an archived case.
    Archived,
    /// Withdrawn by the applicant or their helper (撤回).
    Withdrawn,
    /// Ended at the applicant's request (申请人要求终止).
    Terminated,
}

impl CaseState {
    /// Every state, in flow order.
    pub const ALL: [CaseState; 14] = [
        CaseState::Draft,
        CaseState::Submitted,
        CaseState::SupplementRequested,
        CaseState::Resubmitted,
        CaseState::NotAccepted,
        CaseState::Accepted,
        CaseState::Routed,
        CaseState::InPublicNotice,
        CaseState::Decided,
        CaseState::ResultNotified,
        CaseState::Closed,
        CaseState::Archived,
        CaseState::Withdrawn,
        CaseState::Terminated,
    ];

    /// The Chinese name shown on screens and printed forms.
    pub fn name_zh(self) -> &'static str {
        match self {
            CaseState::Draft => "草稿",
            CaseState::Submitted => "已提交待审查",
            CaseState::SupplementRequested => "待补正材料",
            CaseState::Resubmitted => "已补正待审查",
            CaseState::NotAccepted => "不予受理",
            CaseState::Accepted => "已受理",
            CaseState::Routed => "已分办",
            CaseState::InPublicNotice => "公示中",
            CaseState::Decided => "已办结待反馈",
            CaseState::ResultNotified => "已反馈结果",
            CaseState::Closed => "已结案",
            CaseState::Archived => "已归档",
            CaseState::Withdrawn => "已撤回",
            CaseState::Terminated => "已终止",
        }
    }

    /// The English name, as `Display` prints it.
    pub fn name_en(self) -> &'static str {
        match self {
            CaseState::Draft => "draft",
            CaseState::Submitted => "submitted",
            CaseState::SupplementRequested => "supplement requested",
            CaseState::Resubmitted => "resubmitted",
            CaseState::NotAccepted => "not accepted",
            CaseState::Accepted => "accepted",
            CaseState::Routed => "routed",
            CaseState::InPublicNotice => "in public notice",
            CaseState::Decided => "decided",
            CaseState::ResultNotified => "result notified",
            CaseState::Closed => "closed",
            CaseState::Archived => "archived",
            CaseState::Withdrawn => "withdrawn",
            CaseState::Terminated => "terminated",
        }
    }

    /// Still being handled: it may be withdrawn, terminated or supervised.
    pub fn is_open(self) -> bool {
        !self.is_terminal()
    }

    /// Handling has ended. The only command a terminal case still takes is `Archive`
    /// (filing the record, which changes no outcome); an archived case takes none.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            CaseState::NotAccepted
                | CaseState::Closed
                | CaseState::Archived
                | CaseState::Withdrawn
                | CaseState::Terminated
        )
    }
}

impl std::fmt::Display for CaseState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name_en())
    }
}

/// Who must act next on a case (see [`crate::workflow::Case::pending_on`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "party", content = "department", rename_all = "snake_case")]
pub enum Party {
    /// The applicant or their helper: fill in, submit, bring materials.
    Applicant,
    /// The township window (受理窗口).
    Window,
    /// The township verification team (核查机构).
    Verifier,
    /// The officers of one department, for its undecided items.
    Department(DepartmentCode),
    /// The township's leader in charge (街道（镇）分管领导): agrees to the routing.
    Leader,
}

impl Party {
    /// The Chinese name shown on progress screens.
    pub fn name_zh(&self) -> String {
        match self {
            Party::Applicant => "申请人".to_owned(),
            Party::Window => "受理窗口".to_owned(),
            Party::Verifier => "核查机构".to_owned(),
            Party::Department(d) => format!("救助部门（{}）", d.as_str()),
            Party::Leader => "分管领导".to_owned(),
        }
    }
}
