//! What users ask a case to do: [`Command`], its fieldless [`CommandKind`], and the [`Actor`].

use serde::{Deserialize, Serialize};

use crate::catalogue::{AidItemCode, MaterialCode, ReferralKind};
use crate::department::DepartmentCode;
use crate::ids::{AuthorizationId, MemberId, UserId};
use crate::role::Role;

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
}

macro_rules! command_kinds {
    ($($kind:ident => $en:literal, $zh:literal;)*) => {
        /// The name of a command without its data, e.g. for buttons and errors.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum CommandKind {
            /// Create the case (`Case::create`); never offered on an existing case.
            Create,
            $(
                #[doc = $en]
                $kind,
            )*
        }

        impl CommandKind {
            /// Every kind that applies to an existing case, in flow order.
            pub const ALL: &'static [CommandKind] = &[$(CommandKind::$kind,)*];

            /// English name, as `Display` prints it.
            pub fn name_en(self) -> &'static str {
                match self {
                    CommandKind::Create => "create the case",
                    $(CommandKind::$kind => $en,)*
                }
            }

            /// Chinese name for buttons and messages.
            pub fn name_zh(self) -> &'static str {
                match self {
                    CommandKind::Create => "新建申请",
                    $(CommandKind::$kind => $zh,)*
                }
            }
        }
    };
}

command_kinds! {
    EditDraft => "edit the draft", "编辑申请";
    Submit => "submit", "提交申请";
    RequestSupplement => "request a supplement", "一次性告知补正";
    Resubmit => "resubmit", "补正后重新提交";
    Accept => "accept", "受理";
    UrgentAccept => "accept urgently", "先行受理";
    NotAccept => "decline (not accept)", "不予受理";
    ConfirmMaterialsComplete => "confirm the materials complete", "确认材料补齐";
    EconomicCheck => "record the economic check", "家庭经济状况核对";
    HomeSurvey => "record the home survey", "入户调查";
    DemocraticAppraisal => "record the democratic appraisal", "民主评议";
    Route => "route to departments", "分办转办";
    Decide => "decide an item", "审批";
    ExtendDeadline => "extend a decision deadline", "延长办理期限";
    StartPublicNotice => "start the public notice", "张榜公示";
    EndPublicNotice => "end the public notice", "结束公示";
    FileObjection => "file an objection", "提出异议";
    ResolveObjection => "resolve an objection", "处理异议";
    NotifyResult => "notify the result", "反馈结果";
    Evaluate => "evaluate the service", "评价";
    Close => "close", "办结";
    Archive => "archive", "归档";
    Withdraw => "withdraw", "撤回申请";
    Terminate => "terminate", "终止办理";
    Supervise => "add a supervision note", "督办";
}

impl std::fmt::Display for CommandKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name_en())
    }
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
        }
    }
}
