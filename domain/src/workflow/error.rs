//! Why a command was refused: [`WorkflowError`].

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::catalogue::{AidItemCode, MaterialCode};
use crate::department::DepartmentCode;
use crate::role::Role;

use super::command::CommandKind;
use super::precondition::PreconditionFailed;
use super::state::CaseState;

/// A refused command, saying why so that the user can act on it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum WorkflowError {
    /// This role never issues this command.
    #[error("a {} may not {command}", role.code())]
    WrongRole {
        /// The actor's role.
        role: Role,
        /// What was attempted.
        command: CommandKind,
    },
    /// A resident acted on someone else's case.
    #[error("only the applicant may {command} on their own case")]
    NotOwnCase {
        /// What was attempted.
        command: CommandKind,
    },
    /// The command does not apply in the case's current state.
    #[error("cannot {command} while the case is {state}")]
    WrongState {
        /// The case's state.
        state: CaseState,
        /// What was attempted.
        command: CommandKind,
    },
    /// A rule of the flow is not met yet.
    #[error("cannot {command}: {failed}")]
    Precondition {
        /// What was attempted.
        command: CommandKind,
        /// Which rule, with details.
        failed: PreconditionFailed,
    },
    /// A department officer acted on another department's item.
    #[error("item {} is decided by {}, not by {}", item.as_str(), expected.as_str(), actual.as_str())]
    WrongDepartment {
        /// The item.
        item: AidItemCode,
        /// The department it was routed to.
        expected: DepartmentCode,
        /// The acting officer's department.
        actual: DepartmentCode,
    },
    /// The item's deadline was already extended once.
    #[error("the decision deadline of item {} was already extended", item.as_str())]
    AlreadyExtended {
        /// The item.
        item: AidItemCode,
    },
    /// The item is not among the case's (routed) items.
    #[error("item {} is not part of this case", item.as_str())]
    UnknownItem {
        /// The item.
        item: AidItemCode,
    },
    /// No objection with this number.
    #[error("objection no. {objection} does not exist in this case")]
    UnknownObjection {
        /// The number given.
        objection: i64,
    },
    /// One notice only (一次性告知): a later supplement notice named materials the window could
    /// already see at the earlier notice, did not name then, and that have not changed since.
    #[error(
        "one notice only: {} were already visible at the earlier notice and have not changed since",
        list(materials)
    )]
    NoticeAlreadyGiven {
        /// Those materials.
        materials: Vec<MaterialCode>,
    },
    /// The action is dated before the case's latest event (backdating is refused).
    #[error("the action is dated {at}, before the case's latest event at {last}")]
    Backdated {
        /// The action's time.
        at: DateTime<Utc>,
        /// The latest event's time.
        last: DateTime<Utc>,
    },
    /// The item was returned twice: a dispute that only civil affairs settles.
    #[error("item {} is disputed (returned twice): civil affairs decides its department", item.as_str())]
    DisputeForCivilAffairs {
        /// The item.
        item: AidItemCode,
    },
    /// The extensions together would pass the catalogue's `extension_days`.
    #[error("item {} may be extended by {cap_days} working days in all; {used_days} are used, {asked_days} more asked", item.as_str())]
    ExtensionOverCap {
        /// The item.
        item: AidItemCode,
        /// The catalogue's cap.
        cap_days: i64,
        /// Working days already granted.
        used_days: i64,
        /// Working days asked now.
        asked_days: i64,
    },
    /// A written reason is required and was empty.
    #[error("{command} needs a written reason")]
    ReasonRequired {
        /// What was attempted.
        command: CommandKind,
    },
    /// A case referred by another township names who referred it (in at most
    /// [`super::REFERRER_MAX_CHARS`] characters).
    #[error("a referred case names the township or office that referred it")]
    ReferrerRequired,
    /// The event stream given to `Case::replay` is not a case history.
    #[error("not a case history: {detail}")]
    BadHistory {
        /// What is wrong with it.
        detail: String,
    },
}

impl WorkflowError {
    /// The message in Chinese, for staff and applicants.
    pub fn message_zh(&self) -> String {
        match self {
            WorkflowError::WrongRole { role, command } => {
                format!("{}无权执行“{}”", role.name_zh(), command.name_zh())
            }
            WorkflowError::NotOwnCase { command } => {
                format!("只能对本人的申请执行“{}”", command.name_zh())
            }
            WorkflowError::WrongState { state, command } => {
                format!(
                    "申请处于“{}”状态，不能执行“{}”",
                    state.name_zh(),
                    command.name_zh()
                )
            }
            WorkflowError::Precondition { command, failed } => {
                format!("不能执行“{}”：{}", command.name_zh(), failed.message_zh())
            }
            WorkflowError::WrongDepartment {
                item,
                expected,
                actual,
            } => format!(
                "事项 {} 由 {} 办理，{} 无权审批",
                item.as_str(),
                expected.as_str(),
                actual.as_str()
            ),
            WorkflowError::AlreadyExtended { item } => {
                format!("事项 {} 已延长过一次办理期限", item.as_str())
            }
            WorkflowError::UnknownItem { item } => {
                format!("本申请没有事项 {}", item.as_str())
            }
            WorkflowError::UnknownObjection { objection } => {
                format!("本申请没有第 {objection} 号异议")
            }
            WorkflowError::NoticeAlreadyGiven { materials } => format!(
                "须一次性告知：{} 在上次补正告知时已可见且未列出，此后也未更换，不能再次要求补正",
                list(materials)
            ),
            WorkflowError::Backdated { at, last } => format!(
                "操作时间 {} 早于本案最近一次办理时间 {}，不能倒签",
                crate::calendar::print::ymd_hm(at),
                crate::calendar::print::ymd_hm(last)
            ),
            WorkflowError::DisputeForCivilAffairs { item } => format!(
                "事项 {} 已被两次退回，存在争议，应由民政部门确定承办部门",
                item.as_str()
            ),
            WorkflowError::ExtensionOverCap {
                item,
                cap_days,
                used_days,
                asked_days,
            } => format!(
                "事项 {} 累计最多延长 {cap_days} 个工作日，已延长 {used_days} 个，本次申请 {asked_days} 个，超出上限",
                item.as_str()
            ),
            WorkflowError::ReasonRequired { command } => {
                format!("“{}”必须填写书面理由", command.name_zh())
            }
            WorkflowError::ReferrerRequired => format!(
                "外镇转来的申请须写明转来的乡镇或单位（不超过{}字）",
                super::REFERRER_MAX_CHARS
            ),
            WorkflowError::BadHistory { detail } => format!("事件记录不完整：{detail}"),
        }
    }
}

/// Material codes for a message, comma-separated.
fn list(materials: &[MaterialCode]) -> String {
    materials
        .iter()
        .map(MaterialCode::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}
