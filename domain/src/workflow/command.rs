//! What users ask a case to do: [`Command`] and the [`Actor`]. Its fieldless kind is in
//! `command_kind`.

use serde::{Deserialize, Serialize};

use crate::catalogue::{AidItemCode, MaterialCode, ReferralKind};
use crate::department::DepartmentCode;
use crate::ids::{AuthorizationId, MemberId, UserId};
use crate::role::Role;

pub use super::command_kind::CommandKind;
use super::inputs::{DecisionFacts, DecisionOutcome, Routing, Satisfaction};
use super::notice_rule::SeenMaterial;

/// Who acts: recorded on every event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    /// The account.
    pub user: UserId,
    /// The account's role when it acted.
    pub role: Role,
}

/// A request to change a case. Facts the rules need (missing materials, members without an
/// authorization, catalogue flags) are computed by the caller and carried here, so the workflow
/// depends on no other module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// Replace the requested items and the primary item of a draft.
    EditDraft {
        /// Requested aid items, each once.
        items: Vec<AidItemCode>,
        /// The main request, which decides the lead department.
        primary: Option<AidItemCode>,
    },
    /// Send the draft to the window.
    Submit,
    /// One notice listing EVERY missing material (一次性告知, 补证通知书).
    RequestSupplement {
        /// All missing materials; must not be empty.
        missing: Vec<MaterialCode>,
        /// What the window saw of every provided material (its content fingerprint): a later
        /// notice may only name what changed since (one notice, `notice_rule`).
        #[serde(default)]
        seen: Vec<SeenMaterial>,
    },
    /// The applicant brought the materials the notice asked for.
    Resubmit,
    /// Accept (受理): materials are complete.
    Accept {
        /// Materials still missing, as the window sees them; must be empty.
        missing: Vec<MaterialCode>,
    },
    /// Urgent acceptance (先行受理) together with the supplement notice, for any urgent case
    /// (乌海 附件2 第二条: 情况紧急的可先行受理，同时出具补证通知书).
    UrgentAccept {
        /// Materials still missing; must not be empty (otherwise use `Accept`).
        missing: Vec<MaterialCode>,
        /// Whether any requested item allows urgent acceptance (from the catalogue).
        urgent_allowed: bool,
        /// The window judges the case urgent whatever its items; the command's written
        /// reason says why (required then).
        #[serde(default)]
        flagged_urgent: bool,
    },
    /// Decline (不予受理) with a written reason (the command's reason) and a referral.
    NotAccept {
        /// Where to go instead, e.g. 区人力社保局.
        referral: String,
        /// What kind of referral (another department, a convenience service …).
        #[serde(default)]
        kind: ReferralKind,
    },
    /// The materials outstanding after urgent acceptance are now complete.
    ConfirmMaterialsComplete {
        /// Materials still missing; must be empty.
        missing: Vec<MaterialCode>,
    },
    /// 家庭经济状况核对 done.
    EconomicCheck {
        /// Adult members without a signed verification authorization; must be empty.
        adults_without_authorization: Vec<MemberId>,
        /// The household's authorizations the check uses (the server fills it in from the
        /// countersigned, unrevoked authorizations in their period).
        #[serde(default)]
        authorizations: Vec<AuthorizationId>,
    },
    /// 入户调查 done.
    HomeSurvey,
    /// 民主评议 done.
    DemocraticAppraisal,
    /// The township leader agrees to the routing (同意分办, 乌海 附件4 第一条); the reason,
    /// if any, is the opinion's words.
    ApproveRouting,
    /// The township leader returns the case to the window with the reason (退回修改).
    ReturnForRevision,
    /// The window asks the leader again after revising a returned case; the reason, if any,
    /// says what changed.
    RequestApproval,
    /// Route every requested item to its department (分办/转办).
    Route(Routing),
    /// A department officer decides one item of their department.
    Decide {
        /// The item decided.
        item: AidItemCode,
        /// The ACTING officer's department; must be the item's department.
        department: DepartmentCode,
        /// Approve with an amount, or deny (reason required).
        outcome: DecisionOutcome,
        /// Catalogue facts about the item.
        facts: DecisionFacts,
    },
    /// Extend one item's decision deadline, once per item (reason required).
    ExtendDeadline {
        /// The item.
        item: AidItemCode,
        /// The acting officer's department; must be the item's department.
        department: DepartmentCode,
        /// How many working days are added; at least one.
        working_days: i64,
        /// The catalogue's `extension_days` for the item where the household lives (the
        /// server fills it in): all extensions together stay within it. `None` (an old phone):
        /// one extension only, as before.
        #[serde(default)]
        cap_days: Option<i64>,
    },
    /// Post an approved item publicly (公示).
    StartPublicNotice {
        /// The item.
        item: AidItemCode,
    },
    /// End an item's public notice; needs no objection pending.
    EndPublicNotice {
        /// The item.
        item: AidItemCode,
    },
    /// Object to an item during its public notice (text is the reason).
    FileObjection {
        /// The item objected to.
        item: AidItemCode,
    },
    /// Resolve an objection; upholding it sends the item back to its department.
    ResolveObjection {
        /// The objection's number in this case.
        objection: i64,
        /// Whether the objection is founded.
        upheld: bool,
    },
    /// The window told the applicant the result (反馈).
    NotifyResult,
    /// The applicant rates the service.
    Evaluate {
        /// The rating.
        satisfaction: Satisfaction,
    },
    /// Close the case (办结).
    Close,
    /// File the record (归档).
    Archive,
    /// The applicant withdraws the application.
    Withdraw,
    /// The applicant asks to end the handling (申请人要求终止).
    Terminate,
    /// A supervisor's note (督办); the note is the reason. Changes no state.
    Supervise,
    /// A department officer returns an undecided item that is not their department's, with
    /// the reason (转办: 乌海 附件4; a second return of the same item is a dispute that civil
    /// affairs settles: 潼南府办发〔2019〕94号 五(四)2 办理主体存在争议的……区民政局组织综合评估确定经办单位).
    ReturnItem {
        /// The item.
        item: AidItemCode,
        /// The acting officer's department; must be the item's department.
        department: DepartmentCode,
    },
    /// Route a returned item to another department, within 1 working day of its return
    /// (乌海 附件4 第二条). The window does it; after a second return only civil affairs does.
    Reroute {
        /// The item.
        item: AidItemCode,
        /// The department it goes to now.
        department: DepartmentCode,
        /// A department officer's own department (the server fills it in): civil affairs
        /// settling a dispute. `None` for the window.
        #[serde(default)]
        acting_department: Option<DepartmentCode>,
    },
    /// The window told the applicant one item's result, within 2 working days of that result
    /// (乌海 附件4 第四条), without waiting for the other items.
    TellResult {
        /// The item.
        item: AidItemCode,
    },
    /// The window chases a late department (催办, 乌海 附件2 第四条) and tells the applicant of
    /// the delay; the reason says what was said. Changes no state.
    Chase {
        /// The late item, if one; `None` chases the whole case.
        #[serde(default)]
        item: Option<AidItemCode>,
    },
    /// The applicant objects to the result and asks for a review (申请复核 / 异议), with the
    /// reason as the event's reason, within the period the result notice states
    /// ([`crate::workflow::REVIEW_PERIOD_DAYS`] days from being told).
    RequestReview,
    /// The window answers the applicant's review request in writing (the reason is the
    /// answer): what was reviewed, the outcome, and the way to administrative
    /// reconsideration, which the request does not replace.
    AnswerReview,
}

impl Command {
    /// This command's kind.
    pub fn kind(&self) -> CommandKind {
        match self {
            Command::EditDraft { .. } => CommandKind::EditDraft,
            Command::Submit => CommandKind::Submit,
            Command::RequestSupplement { .. } => CommandKind::RequestSupplement,
            Command::Resubmit => CommandKind::Resubmit,
            Command::Accept { .. } => CommandKind::Accept,
            Command::UrgentAccept { .. } => CommandKind::UrgentAccept,
            Command::NotAccept { .. } => CommandKind::NotAccept,
            Command::ConfirmMaterialsComplete { .. } => CommandKind::ConfirmMaterialsComplete,
            Command::EconomicCheck { .. } => CommandKind::EconomicCheck,
            Command::HomeSurvey => CommandKind::HomeSurvey,
            Command::DemocraticAppraisal => CommandKind::DemocraticAppraisal,
            Command::ApproveRouting => CommandKind::ApproveRouting,
            Command::ReturnForRevision => CommandKind::ReturnForRevision,
            Command::RequestApproval => CommandKind::RequestApproval,
            Command::Route(_) => CommandKind::Route,
            Command::Decide { .. } => CommandKind::Decide,
            Command::ExtendDeadline { .. } => CommandKind::ExtendDeadline,
            Command::StartPublicNotice { .. } => CommandKind::StartPublicNotice,
            Command::EndPublicNotice { .. } => CommandKind::EndPublicNotice,
            Command::FileObjection { .. } => CommandKind::FileObjection,
            Command::ResolveObjection { .. } => CommandKind::ResolveObjection,
            Command::NotifyResult => CommandKind::NotifyResult,
            Command::Evaluate { .. } => CommandKind::Evaluate,
            Command::Close => CommandKind::Close,
            Command::Archive => CommandKind::Archive,
            Command::Withdraw => CommandKind::Withdraw,
            Command::Terminate => CommandKind::Terminate,
            Command::Supervise => CommandKind::Supervise,
            Command::ReturnItem { .. } => CommandKind::ReturnItem,
            Command::Reroute { .. } => CommandKind::Reroute,
            Command::TellResult { .. } => CommandKind::TellResult,
            Command::Chase { .. } => CommandKind::Chase,
            Command::RequestReview => CommandKind::RequestReview,
            Command::AnswerReview => CommandKind::AnswerReview,
        }
    }
}
