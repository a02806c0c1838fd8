//! The township leader's approval before routing (分管领导同意后分办).
//!
//! 乌海 附件4 第一条: 社会救助受理窗口**报经分管领导同意后**将社会救助事项转交给相关社会救助部门
//! 处理. The registration form (附件5) has the field for it: 街道（镇）分管领导意见, signed and
//! dated. So every accepted case waits for the leader's 同意分办 before the window routes it
//! ([`leader_approval_required`]); the leader may instead return it to the window with a
//! reason (退回), and the window asks again once it has revised the case. The routing clock
//! still runs from acceptance (附件4 第二条: 受理审核后1个工作日内装封转出), so the leader's
//! time counts against it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::command::{Actor, CommandKind};

/// Where the rule comes from, for screens and documentation.
pub const APPROVAL_SOURCE: &str =
    "乌海 附件4 第一条：社会救助受理窗口报经分管领导同意后将社会救助事项转交给相关社会救助部门处理";

/// Whether a routing command needs the township leader's approval first.
///
/// * `Route` (分办, the case handed to the departments): always (乌海 附件4 第一条, above).
/// * `Reroute` (an item a department returned, routed again to another): no new approval.
///   A local default, to be confirmed: the leader agreed to hand the case to the departments;
///   the seed's 1 working day for the new routing (附件4 第二条) leaves no time for a second
///   round, and a disputed item goes to civil affairs (潼南 五(四)2), not back to the leader.
pub fn leader_approval_required(kind: CommandKind) -> bool {
    kind == CommandKind::Route
}

/// Where the leader's approval of a case stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalStatus {
    /// Waiting for the leader (also every case accepted before the rule existed).
    #[default]
    Awaiting,
    /// The leader returned it to the window (退回) with a reason; the window asks again.
    Returned,
    /// The leader agreed (同意分办): the window may route.
    Approved,
}

impl ApprovalStatus {
    /// The Chinese words on screens.
    pub fn name_zh(self) -> &'static str {
        match self {
            ApprovalStatus::Awaiting => "待分管领导审批",
            ApprovalStatus::Returned => "分管领导已退回",
            ApprovalStatus::Approved => "分管领导已同意分办",
        }
    }
}

/// One opinion of the leader, as the registration form prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaderOpinion {
    /// Agreed (同意分办) or returned (退回).
    pub approved: bool,
    /// The leader.
    pub by: Actor,
    /// When.
    pub at: DateTime<Utc>,
    /// The opinion's words (the reason of a return).
    pub text: Option<String>,
}
