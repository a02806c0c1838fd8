//! [`CommandKind`]: the name of a command without its data, in English and Chinese.

use serde::{Deserialize, Serialize};

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
    ApproveRouting => "approve the routing (township leader)", "同意分办";
    ReturnForRevision => "return to the window for revision (township leader)", "退回修改";
    RequestApproval => "ask the township leader again", "重新报请审批";
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
    ReturnItem => "return an item that is not this department's", "退回（非本部门事项）";
    Reroute => "route a returned item again", "重新分办（转办）";
    TellResult => "tell the applicant one item's result", "告知单项办理结果";
    Chase => "chase a late department", "催办";
    RequestReview => "ask for a review of the decision", "申请复核";
    AnswerReview => "answer the review request", "答复复核申请";
}

impl std::fmt::Display for CommandKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name_en())
    }
}
