//! Plain values that commands carry and events record.

use serde::{Deserialize, Serialize};

use crate::catalogue::{AidItemCode, MaterialCode};
use crate::department::DepartmentCode;

/// How the application came in (DOMAIN.md, flow step 1). Recorded, never enforced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The resident applied on their phone (救助通).
    Online,
    /// A helper applied on the resident's behalf (委托代办).
    Entrusted,
    /// Walk-in at the window.
    Window,
    /// By telephone (hotline).
    Hotline,
    /// Reported by a village or grid worker (主动发现).
    ProactiveDiscovery,
    /// Referred by another township's window or office (外镇转来), which is named in the case
    /// (`Case::referred_by`): first-asker responsibility (首问负责) sends a request on to where
    /// the family lives.
    Referral,
}

impl Channel {
    /// Chinese name, as the window's inbox shows where a case came from.
    pub fn name_zh(self) -> &'static str {
        match self {
            Channel::Online => "网上申请",
            Channel::Entrusted => "帮办代办",
            Channel::Window => "窗口受理",
            Channel::Hotline => "电话求助",
            Channel::ProactiveDiscovery => "主动发现",
            Channel::Referral => "外镇转来",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Channel::Online => "online",
            Channel::Entrusted => "helper",
            Channel::Window => "walk-in",
            Channel::Hotline => "hotline",
            Channel::ProactiveDiscovery => "found by the village",
            Channel::Referral => "referred by another township",
        }
    }

    /// Every channel, in the order the dashboard lists them.
    pub const ALL: [Channel; 6] = [
        Channel::Online,
        Channel::Entrusted,
        Channel::Window,
        Channel::Hotline,
        Channel::ProactiveDiscovery,
        Channel::Referral,
    ];
}

/// The three verification sub-steps of the township verification team (Tongnan 五(二)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerificationStep {
    /// 家庭经济状况核对: needs every adult member's signed authorization.
    EconomicCheck,
    /// 入户调查.
    HomeSurvey,
    /// 民主评议.
    DemocraticAppraisal,
}

impl VerificationStep {
    /// Every step, in the usual order.
    pub const ALL: [VerificationStep; 3] = [
        VerificationStep::EconomicCheck,
        VerificationStep::HomeSurvey,
        VerificationStep::DemocraticAppraisal,
    ];

    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            VerificationStep::EconomicCheck => "家庭经济状况核对",
            VerificationStep::HomeSurvey => "入户调查",
            VerificationStep::DemocraticAppraisal => "民主评议",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            VerificationStep::EconomicCheck => "economic check",
            VerificationStep::HomeSurvey => "home survey",
            VerificationStep::DemocraticAppraisal => "democratic appraisal",
        }
    }
}

/// The window's routing (分办/转办) as the caller computed it from the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Routing {
    /// The lead department (牵头部门): the primary item's department, or civil affairs when the
    /// responsible department is unclear (Wuhai 二(二)五, 二(三)4).
    pub lead: DepartmentCode,
    /// Each requested item with the department that decides it.
    pub items: Vec<(AidItemCode, DepartmentCode)>,
}

/// Whether an approved amount is paid every month or once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountPeriod {
    /// Paid every month (低保, 特困).
    Monthly,
    /// Paid once (临时救助, most medical and education aid).
    OneOff,
}

/// An approved amount in fen (分). Zero is allowed for aid given in kind or as a fee waiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AidAmount {
    /// Amount in fen; never negative.
    pub fen: i64,
    /// Monthly or one-off.
    pub period: AmountPeriod,
}

/// A department's decision on one item. A denial's reason is the command's reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum DecisionOutcome {
    /// 批准 with the amount.
    Approve {
        /// What is granted.
        amount: AidAmount,
    },
    /// 不予批准; the written reason is required.
    Deny,
}

/// Facts about the item that the caller reads from the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DecisionFacts {
    /// Approval needs a finished household economic check (低保, 特困 ...).
    pub economic_check_required: bool,
    /// An approval must be publicly posted in the village before the result is final (公示).
    pub needs_public_notice: bool,
    /// For how many natural days (the catalogue's `public_notice_days`); the notice may not
    /// end earlier. `None` (an old phone): no minimum is enforced.
    #[serde(default)]
    pub public_notice_days: Option<u32>,
}

/// The applicant's rating of the service (好差评).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    /// 非常满意.
    VerySatisfied,
    /// 满意.
    Satisfied,
    /// 基本满意.
    Acceptable,
    /// 不满意.
    Dissatisfied,
    /// 非常不满意.
    VeryDissatisfied,
}

/// Sorted and deduplicated, so one notice lists each material exactly once.
pub(crate) fn normalized_materials(list: &[MaterialCode]) -> Vec<MaterialCode> {
    let mut v = list.to_vec();
    v.sort();
    v.dedup();
    v
}
