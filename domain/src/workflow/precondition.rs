//! The rules of the flow that a command can fail: [`PreconditionFailed`].

use serde::{Deserialize, Serialize};

use crate::catalogue::{AidItemCode, MaterialCode};
use crate::department::DepartmentCode;
use crate::ids::MemberId;

use super::inputs::VerificationStep;

/// A rule that is not met, with what the user needs to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum PreconditionFailed {
    /// Submit needs at least one requested item.
    #[error("no aid item is requested")]
    NoItemsRequested,
    /// Submit needs a primary item.
    #[error("no primary item is chosen")]
    NoPrimaryItem,
    /// The primary item must be one of the requested items.
    #[error("the primary item {} is not among the requested items", primary.as_str())]
    PrimaryNotRequested {
        /// The primary item given.
        primary: AidItemCode,
    },
    /// An item is listed twice.
    #[error("item {} is listed twice", item.as_str())]
    DuplicateItem {
        /// The item.
        item: AidItemCode,
    },
    /// Materials are missing (accept, confirm complete).
    #[error("materials are missing: {}", codes(missing))]
    MaterialsMissing {
        /// Every missing material.
        missing: Vec<MaterialCode>,
    },
    /// A supplement notice or urgent acceptance needs the missing materials listed.
    #[error("no missing material is listed")]
    NothingMissing,
    /// No requested item allows urgent acceptance and the window did not flag the case urgent.
    #[error("no requested item allows urgent acceptance and the case is not flagged urgent")]
    UrgentNotAllowed,
    /// The referral of a non-acceptance is empty.
    #[error("a non-acceptance must say where to go instead")]
    ReferralRequired,
    /// Some adult members have not signed the verification authorization.
    #[error("adult members without a signed authorization: {}", codes(members))]
    AdultsWithoutAuthorization {
        /// Those members.
        members: Vec<MemberId>,
    },
    /// The verification step was already recorded.
    #[error("the {} is already done", step.name_en())]
    StepAlreadyDone {
        /// The step.
        step: VerificationStep,
    },
    /// Routing lists an item twice.
    #[error("item {} is routed twice", item.as_str())]
    ItemRoutedTwice {
        /// The item.
        item: AidItemCode,
    },
    /// Routing leaves requested items out.
    #[error("requested items are not routed: {}", codes(items))]
    ItemsNotRouted {
        /// Those items.
        items: Vec<AidItemCode>,
    },
    /// The lead must be the primary item's department, or civil affairs when unclear.
    #[error("the lead must be {} (the primary item's department) or civil_affairs, not {}", primary_department.as_str(), lead.as_str())]
    LeadNotResponsible {
        /// The lead given.
        lead: DepartmentCode,
        /// The department the primary item was routed to.
        primary_department: DepartmentCode,
    },
    /// The item is already decided.
    #[error("item {} is already decided", item.as_str())]
    ItemAlreadyDecided {
        /// The item.
        item: AidItemCode,
    },
    /// Approval waits for the materials outstanding since urgent acceptance.
    #[error(
        "materials are still outstanding since urgent acceptance: {}",
        codes(missing)
    )]
    MaterialsOutstanding {
        /// Those materials.
        missing: Vec<MaterialCode>,
    },
    /// Approval of this item needs the economic check.
    #[error("the economic check is not done")]
    EconomicCheckNotDone,
    /// Amounts are never negative.
    #[error("the amount {fen} fen is negative")]
    NegativeAmount {
        /// The amount given.
        fen: i64,
    },
    /// An extension adds at least one working day.
    #[error("an extension must add at least one working day, not {working_days}")]
    ExtensionNotPositive {
        /// The days given.
        working_days: i64,
    },
    /// The item is not an approval that needs public notice, or its notice already started.
    #[error("item {} has no public notice to start", item.as_str())]
    NoNoticeDue {
        /// The item.
        item: AidItemCode,
    },
    /// The item is not publicly posted right now.
    #[error("item {} is not in public notice", item.as_str())]
    NoticeNotOpen {
        /// The item.
        item: AidItemCode,
    },
    /// Objections to the item are unresolved.
    #[error("objections to item {} are unresolved: {objections:?}", item.as_str())]
    ObjectionsPending {
        /// The item.
        item: AidItemCode,
        /// Their numbers.
        objections: Vec<i64>,
    },
    /// The objection was already resolved.
    #[error("objection no. {objection} is already resolved")]
    ObjectionAlreadyResolved {
        /// Its number.
        objection: i64,
    },
    /// Items still wait for their department's decision.
    #[error("items are not decided yet: {}", codes(items))]
    ItemsUndecided {
        /// Those items.
        items: Vec<AidItemCode>,
    },
    /// Public notices are still due or running.
    #[error("public notices are not finished: {}", codes(items))]
    NoticesUnfinished {
        /// Those items.
        items: Vec<AidItemCode>,
    },
    /// The item was returned and waits to be routed again.
    #[error("item {} was returned and waits to be routed again", item.as_str())]
    ItemAwaitingReroute {
        /// The item.
        item: AidItemCode,
    },
    /// Only a returned item is routed again.
    #[error("item {} was not returned", item.as_str())]
    ItemNotReturned {
        /// The item.
        item: AidItemCode,
    },
    /// The window may not send an item back to the department that just returned it.
    #[error("item {} was just returned by {}", item.as_str(), department.as_str())]
    RerouteToReturningDepartment {
        /// The item.
        item: AidItemCode,
        /// That department.
        department: DepartmentCode,
    },
    /// The public notice period has not passed yet.
    #[error("the public notice of item {} runs until {until}", item.as_str())]
    NoticePeriodRunning {
        /// The item.
        item: AidItemCode,
        /// The first day it may end (Beijing date).
        until: chrono::NaiveDate,
    },
    /// The item's result is not final yet (undecided, or its public notice not over).
    #[error("the result of item {} is not final yet", item.as_str())]
    ResultNotFinal {
        /// The item.
        item: AidItemCode,
    },
    /// The item's result was already told.
    #[error("the result of item {} was already told", item.as_str())]
    ResultAlreadyTold {
        /// The item.
        item: AidItemCode,
    },
    /// The applicant already rated the service.
    #[error("the service was already evaluated")]
    AlreadyEvaluated,
    /// The applicant already asked for a review of this result.
    #[error("a review was already asked for")]
    ReviewAlreadyRequested,
    /// No review was asked for, so there is none to answer.
    #[error("the applicant has not asked for a review")]
    NoReviewRequested,
    /// The review request was answered already.
    #[error("the review request was answered already")]
    ReviewAlreadyAnswered,
    /// The township leader has not agreed to the routing (乌海 附件4 第一条).
    #[error("the township leader has not approved the routing yet")]
    RoutingNotApproved {
        /// The leader's reason, when they returned the case.
        returned: Option<String>,
    },
    /// The leader already agreed to the routing.
    #[error("the routing is already approved")]
    RoutingAlreadyApproved,
    /// The leader already returned the case; the window must ask again first.
    #[error("the case was already returned to the window")]
    AlreadyReturned,
    /// Only a case the leader returned is asked again.
    #[error("the leader has not returned the case")]
    ApprovalNotReturned,
    /// The period for asking a review (the result notice's) is over.
    #[error("the period for asking a review ended on {until}")]
    ReviewPeriodOver {
        /// The last day a review could be asked for (Beijing date).
        until: chrono::NaiveDate,
    },
}

impl PreconditionFailed {
    /// The message in Chinese.
    pub fn message_zh(&self) -> String {
        use PreconditionFailed as P;
        match self {
            P::NoItemsRequested => "尚未选择救助事项".to_owned(),
            P::NoPrimaryItem => "尚未选择主要救助请求".to_owned(),
            P::PrimaryNotRequested { primary } => {
                format!("主要请求 {} 不在所申请事项中", primary.as_str())
            }
            P::DuplicateItem { item } => format!("事项 {} 重复", item.as_str()),
            P::MaterialsMissing { missing } => format!("材料不齐全，缺少：{}", codes(missing)),
            P::NothingMissing => "未列出缺少的材料".to_owned(),
            P::UrgentNotAllowed => "所申请事项均不适用先行受理，且窗口未认定情况紧急".to_owned(),
            P::ReferralRequired => "不予受理须告知申请人向何部门申请".to_owned(),
            P::AdultsWithoutAuthorization { members } => {
                format!("以下成年家庭成员尚未签署核对授权书：{}", codes(members))
            }
            P::StepAlreadyDone { step } => format!("{}已完成", step.name_zh()),
            P::ItemRoutedTwice { item } => format!("事项 {} 被重复分办", item.as_str()),
            P::ItemsNotRouted { items } => format!("以下事项尚未分办：{}", codes(items)),
            P::LeadNotResponsible {
                lead,
                primary_department,
            } => format!(
                "牵头部门应为主要请求的承办部门 {} 或民政部门，而不是 {}",
                primary_department.as_str(),
                lead.as_str()
            ),
            P::ItemAlreadyDecided { item } => format!("事项 {} 已审批", item.as_str()),
            P::MaterialsOutstanding { missing } => {
                format!("先行受理后仍缺材料：{}，补齐前不能批准", codes(missing))
            }
            P::EconomicCheckNotDone => "家庭经济状况核对尚未完成".to_owned(),
            P::NegativeAmount { fen } => format!("金额 {fen} 分不能为负数"),
            P::ExtensionNotPositive { working_days } => {
                format!("延长期限至少一个工作日，而不是 {working_days}")
            }
            P::NoNoticeDue { item } => format!("事项 {} 无需公示或已公示", item.as_str()),
            P::NoticeNotOpen { item } => format!("事项 {} 不在公示期", item.as_str()),
            P::ObjectionsPending { item, objections } => {
                format!("事项 {} 尚有未处理的异议：{objections:?}", item.as_str())
            }
            P::ObjectionAlreadyResolved { objection } => {
                format!("第 {objection} 号异议已处理")
            }
            P::ItemsUndecided { items } => format!("以下事项尚未审批：{}", codes(items)),
            P::NoticesUnfinished { items } => format!("以下事项公示未结束：{}", codes(items)),
            P::AlreadyEvaluated => "已评价过".to_owned(),
            P::ReviewAlreadyRequested => "已经申请过复核，请等窗口答复".to_owned(),
            P::NoReviewRequested => "申请人没有申请复核，无需答复".to_owned(),
            P::ReviewAlreadyAnswered => "已经答复过这次复核申请".to_owned(),
            P::ReviewPeriodOver { until } => {
                format!("申请复核的期限已过（最晚 {until}）")
            }
            P::RoutingNotApproved { returned: None } => {
                "分管领导尚未同意分办，不能分办（乌海 附件4 第一条）".to_owned()
            }
            P::RoutingNotApproved {
                returned: Some(reason),
            } => format!("分管领导已退回：{reason}。请修改后重新报请审批"),
            P::RoutingAlreadyApproved => "分管领导已同意分办".to_owned(),
            P::AlreadyReturned => "已退回窗口，等待窗口修改后重新报请".to_owned(),
            P::ApprovalNotReturned => "分管领导没有退回此案，无需重新报请".to_owned(),
            P::ItemAwaitingReroute { item } => {
                format!("事项 {} 已被退回，等待重新分办", item.as_str())
            }
            P::ItemNotReturned { item } => format!("事项 {} 未被退回，无需重新分办", item.as_str()),
            P::RerouteToReturningDepartment { item, department } => format!(
                "事项 {} 刚被 {} 退回，不能再转给该部门",
                item.as_str(),
                department.as_str()
            ),
            P::NoticePeriodRunning { item, until } => {
                format!(
                    "事项 {} 的公示期未满，{until} 起方可结束公示",
                    item.as_str()
                )
            }
            P::ResultNotFinal { item } => {
                format!(
                    "事项 {} 尚未办结（或公示未结束），不能告知结果",
                    item.as_str()
                )
            }
            P::ResultAlreadyTold { item } => format!("事项 {} 的结果已告知申请人", item.as_str()),
        }
    }
}

/// Lists codes or ids for a message, comma-separated.
fn codes<T: ListItem>(list: &[T]) -> String {
    list.iter()
        .map(ListItem::text)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Something a message can list by its text.
trait ListItem {
    fn text(&self) -> String;
}

impl ListItem for AidItemCode {
    fn text(&self) -> String {
        self.as_str().to_owned()
    }
}

impl ListItem for MaterialCode {
    fn text(&self) -> String {
        self.as_str().to_owned()
    }
}

impl ListItem for MemberId {
    fn text(&self) -> String {
        self.to_string()
    }
}
