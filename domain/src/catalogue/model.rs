//! The catalogue's data: departments, materials, items and per-place overrides, exactly as
//! `domain/data/catalogue.json` (or an admin's edited copy) spells them.

use serde::{Deserialize, Serialize};

use super::codes::{AidItemCode, MaterialCode};
use crate::department::{Department, DepartmentCode};

/// The whole service item list (服务事项清单).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueData {
    /// Format version of this file.
    pub version: u32,
    /// Where the content comes from.
    pub source: String,
    /// Departments that decide items.
    pub departments: Vec<Department>,
    /// Materials an item may require.
    pub materials: Vec<Material>,
    /// The items.
    pub items: Vec<AidItem>,
    /// Time limits that differ by place (a province, a county).
    #[serde(default)]
    pub overrides: Vec<TimeLimitOverride>,
}

/// One kind of document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    /// Stable code.
    pub code: MaterialCode,
    /// Chinese name, e.g. 户口簿.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// What exactly is wanted.
    pub description_zh: String,
}

/// An aid item, or a family status that is decided like one (低保边缘家庭认定).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AidItem {
    /// Stable code.
    pub code: AidItemCode,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Aid, or a status.
    pub kind: ItemKind,
    /// The legal basis, as cited in notices.
    pub legal_basis: String,
    /// Who qualifies, one condition a line.
    pub conditions_zh: Vec<String>,
    /// What must be handed in.
    pub materials: Vec<MaterialRequirement>,
    /// Certificates the deciding department checks itself on the shared platform, so the
    /// applicant no longer brings them (潼南府办发〔2019〕94号 五(三)3: 不再要求当事人……开具
    /// “身份认定、情况核实、比对核查”等证明材料). Shown on notices so nobody asks for them.
    #[serde(default)]
    pub department_checks: Vec<MaterialCode>,
    /// The department that decides it and leads when it is the main request.
    pub lead_department: DepartmentCode,
    /// Departments that take part.
    #[serde(default)]
    pub involved_departments: Vec<DepartmentCode>,
    /// The decision time limit, unless a place overrides it.
    pub time_limit: TimeLimit,
    /// Where `time_limit` comes from: a regulation, or a local default still to be confirmed.
    #[serde(default)]
    pub time_limit_source: LimitSource,
    /// Natural (calendar) days an approval is posted publicly (公示) in the village; none when
    /// not posted. The notice may not end before they have passed (乌海市“一门受理、协同办理”
    /// 工作机制 二(二)六: 在申请人所属住的居（村）委会张榜公示).
    #[serde(default)]
    pub public_notice_days: Option<u32>,
    /// Whether an urgent case may be accepted first and completed later (先行受理).
    pub urgent_acceptance: bool,
    /// Whether approval needs the household economic check.
    pub economic_check_required: bool,
}

/// Aid, or a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Aid in money or kind.
    Aid,
    /// A recognised family status (低保边缘家庭) that opens other aid.
    Status,
}

/// A material an item requires, and for whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialRequirement {
    /// Which material.
    pub material: MaterialCode,
    /// Once per household, per member, or per adult member.
    pub scope: MaterialScope,
    /// Required only when this holds (for the household, or for the member).
    #[serde(default)]
    pub condition: Option<MaterialCondition>,
}

/// For whom a material is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaterialScope {
    /// Once for the household.
    Household,
    /// For every member.
    PerMember,
    /// For every member aged 18 or more.
    PerAdultMember,
}

/// When a conditional material is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaterialCondition {
    /// The member has a disability certificate.
    HasDisability,
    /// The member is ill.
    HasIllness,
    /// The member is a student.
    IsStudent,
    /// The member is unemployed.
    Unemployed,
    /// The household's home is damaged.
    HasHousingDamage,
}

/// Where a time limit comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitSource {
    /// Set by this regulation (title and clause, as cited on notices).
    Policy(String),
    /// Chosen locally; to be confirmed against the province's rules before relying on it.
    #[default]
    LocalDefault,
}

impl LimitSource {
    /// For the service item list: the regulation, or 本地默认，待确认.
    pub fn label_zh(&self) -> &str {
        match self {
            LimitSource::Policy(source) => source,
            LimitSource::LocalDefault => "本地默认时限，待确认",
        }
    }
}

/// Where the window sends a request that is not social assistance (不予受理，告知向有关部门
/// 申请: 乌海市 附件2 第三条). Seed 000 二(三) names the two kinds a helper or window handles
/// besides the eight aids.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralKind {
    /// Another department or office decides it (the referral names which).
    #[default]
    OtherDepartment,
    /// 便民服务事项: printing, copying, enquiries, filling in forms, checking papers, passing
    /// documents on, looking information up, posting certificates (seed 000 二(三)1).
    ConvenienceService,
    /// 政务服务事项 that the village point cannot handle and the township office must
    /// (seed 000 二(三)2).
    GovernmentService,
}

impl ReferralKind {
    /// Chinese name on the non-acceptance notice.
    pub fn name_zh(self) -> &'static str {
        match self {
            ReferralKind::OtherDepartment => "向有关部门申请",
            ReferralKind::ConvenienceService => "便民服务事项",
            ReferralKind::GovernmentService => "政务服务事项",
        }
    }
}

/// A decision time limit in working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TimeLimit {
    /// Working days from routing to decision.
    pub days: u32,
    /// Working days it may be extended by in all (one or more extensions, each with a reason).
    pub extension_days: u32,
}

/// A time limit for one item in part of the country (longest matching place prefix wins).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeLimitOverride {
    /// Place code prefix: `50` (Chongqing), `500231` (Dianjiang county), …
    pub place_prefix: String,
    /// The item.
    pub item: AidItemCode,
    /// Its limit there.
    pub time_limit: TimeLimit,
    /// The regulation that sets it.
    pub source: String,
}
