//! The authorization's text (授权书文本): versioned data, loadable by an administrator like the
//! holiday notices. An authorization keeps the version it was signed under; the text's own
//! SHA-256 goes into the signed document, so a text changed after signing no longer matches.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::canonical::jcs;

/// The checks a household authorizes: which agency may be asked for which data (seed 003,
/// 家庭经济状况核对). The codes are stable; the labels are for screens and the A4 form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// 银行存款: banks and other deposit-taking institutions.
    BankDeposits,
    /// 证券: securities registration and settlement, brokers.
    Securities,
    /// 不动产: real-estate registration.
    RealEstate,
    /// 车辆: the public-security traffic administration.
    Vehicles,
    /// 社会保险: human resources and social security.
    SocialInsurance,
    /// 纳税: the tax authority.
    Tax,
    /// 市场主体登记: market regulation (business registration).
    BusinessRegistration,
    /// 住房公积金: the housing provident fund centre.
    ProvidentFund,
}

impl Scope {
    /// Every scope, in the form's order.
    pub const ALL: [Scope; 8] = [
        Scope::BankDeposits,
        Scope::Securities,
        Scope::RealEstate,
        Scope::Vehicles,
        Scope::SocialInsurance,
        Scope::Tax,
        Scope::BusinessRegistration,
        Scope::ProvidentFund,
    ];

    /// What is checked, in Chinese.
    pub fn name_zh(self) -> &'static str {
        match self {
            Scope::BankDeposits => "银行存款",
            Scope::Securities => "有价证券",
            Scope::RealEstate => "不动产",
            Scope::Vehicles => "机动车辆",
            Scope::SocialInsurance => "社会保险",
            Scope::Tax => "纳税",
            Scope::BusinessRegistration => "市场主体登记",
            Scope::ProvidentFund => "住房公积金",
        }
    }

    /// What is checked, in English.
    pub fn name_en(self) -> &'static str {
        match self {
            Scope::BankDeposits => "bank deposits",
            Scope::Securities => "securities",
            Scope::RealEstate => "real estate",
            Scope::Vehicles => "motor vehicles",
            Scope::SocialInsurance => "social insurance",
            Scope::Tax => "tax",
            Scope::BusinessRegistration => "business registration",
            Scope::ProvidentFund => "housing provident fund",
        }
    }

    /// Who is asked, in Chinese.
    pub fn agency_zh(self) -> &'static str {
        match self {
            Scope::BankDeposits => "银行业金融机构",
            Scope::Securities => "证券登记结算机构、证券公司",
            Scope::RealEstate => "不动产登记机构",
            Scope::Vehicles => "公安机关交通管理部门",
            Scope::SocialInsurance => "人力资源社会保障部门",
            Scope::Tax => "税务部门",
            Scope::BusinessRegistration => "市场监督管理部门",
            Scope::ProvidentFund => "住房公积金管理中心",
        }
    }

    /// Who is asked, in English.
    pub fn agency_en(self) -> &'static str {
        match self {
            Scope::BankDeposits => "banks",
            Scope::Securities => "securities depositories and brokers",
            Scope::RealEstate => "the real-estate registry",
            Scope::Vehicles => "the traffic police",
            Scope::SocialInsurance => "the human resources and social security bureau",
            Scope::Tax => "the tax bureau",
            Scope::BusinessRegistration => "market regulation",
            Scope::ProvidentFund => "the housing provident fund centre",
        }
    }
}

/// One version of the authorization's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorizationText {
    /// The version, e.g. `2026-1`: what an authorization names.
    pub version: String,
    /// The title (家庭经济状况核对授权书).
    pub title_zh: String,
    /// The title in English (display only: the Chinese text is what is signed).
    pub title_en: String,
    /// The text, in paragraphs.
    pub body_zh: Vec<String>,
    /// An English rendering for display.
    pub body_en: Vec<String>,
    /// The checks authorized.
    pub scopes: Vec<Scope>,
    /// What for: the household's social-assistance applications and their periodic reviews.
    pub purpose_zh: String,
    /// The purpose in English.
    pub purpose_en: String,
    /// How long an authorization under this text holds, in months from the day it is signed.
    pub validity_months: u32,
}

/// The longest validity a text may give: three years.
pub const MAX_VALIDITY_MONTHS: u32 = 36;

impl AuthorizationText {
    /// The text shipped with onedoor, in force until an administrator loads another.
    pub fn builtin() -> AuthorizationText {
        AuthorizationText {
            version: "2026-1".to_owned(),
            title_zh: "社会救助家庭经济状况核对授权书".to_owned(),
            title_en: "Authorization to verify the household's economic situation".to_owned(),
            body_zh: vec![
                "本人及本人作为监护人所代表的家庭成员，为申请社会救助，自愿授权县（区）民政部门及其委托的核对机构，\
                 在本授权有效期内，向下列机构查询、核对本家庭成员的收入和财产状况。".to_owned(),
                "本授权一次签署，适用于本家庭在有效期内提出的各项社会救助申请及其定期复核，各救助部门共同使用，\
                 不再重复签署（一次授权、全网通用）。".to_owned(),
                "查询所得信息仅用于社会救助审核确认，依法予以保密。本人可以随时撤回本授权；撤回不影响撤回前已经进行的核对。".to_owned(),
                "本人承诺所提供的家庭成员、收入和财产情况真实、完整。".to_owned(),
            ],
            body_en: vec![
                "For an application for social assistance, I, and the members I represent as their guardian, \
                 authorize the county civil-affairs department and the verification agency it appoints to ask \
                 the agencies below about our household members' income and property during this \
                 authorization's period."
                    .to_owned(),
                "Signed once, this authorization serves every social-assistance application of the household \
                 during its period and their periodic reviews, for every department, and need not be signed again."
                    .to_owned(),
                "What is learned is used only to decide on social assistance and is kept confidential. I may \
                 withdraw this authorization at any time; checks made before the withdrawal stand."
                    .to_owned(),
                "I promise that the household's members, income and property given are true and complete."
                    .to_owned(),
            ],
            scopes: Scope::ALL.to_vec(),
            purpose_zh: "本家庭的社会救助申请及定期复核".to_owned(),
            purpose_en: "the household's social-assistance applications and their periodic reviews"
                .to_owned(),
            validity_months: 12,
        }
    }

    /// SHA-256 (lowercase hex) of the text's canonical JSON (RFC 8785): what a signed
    /// authorization names, so a changed text is detected.
    pub fn sha256(&self) -> String {
        let bytes = jcs(self);
        hex::encode(Sha256::digest(&bytes))
    }

    /// Checks a text an administrator loads: a version, a title, paragraphs in both languages,
    /// at least one scope (each once), a validity of 1 to [`MAX_VALIDITY_MONTHS`] months.
    /// Answers the first rule broken; [`AuthorizationText::field_errors`] answers them all.
    pub fn validate(&self) -> Result<(), String> {
        match self.field_errors().into_iter().next() {
            Some((_, message)) => Err(message),
            None => Ok(()),
        }
    }

    /// Every rule of [`AuthorizationText::validate`] the text breaks, each with the field it
    /// belongs to (`version`, `title_zh`, `body_zh`, `title_en`, `body_en`, `scopes`,
    /// `validity_months`), so a form shows each at its field.
    pub fn field_errors(&self) -> Vec<(&'static str, String)> {
        let blank = |s: &str| s.trim().is_empty();
        let mut out = Vec::new();
        if blank(&self.version) || self.version.chars().count() > 32 {
            out.push(("version", "版本号不能为空，最多 32 个字符".to_owned()));
        }
        if blank(&self.title_zh) {
            out.push(("title_zh", "标题和正文不能为空".to_owned()));
        }
        if self.body_zh.is_empty() || self.body_zh.iter().any(|p| blank(p)) {
            out.push(("body_zh", "标题和正文不能为空".to_owned()));
        }
        if blank(&self.title_en) {
            out.push(("title_en", "需要英文标题和正文（供显示）".to_owned()));
        }
        if self.body_en.is_empty() {
            out.push(("body_en", "需要英文标题和正文（供显示）".to_owned()));
        }
        let mut scopes = self.scopes.clone();
        scopes.sort();
        scopes.dedup();
        if scopes.is_empty() || scopes.len() != self.scopes.len() {
            out.push(("scopes", "核对范围至少一项，且每项只列一次".to_owned()));
        }
        if !(1..=MAX_VALIDITY_MONTHS).contains(&self.validity_months) {
            out.push((
                "validity_months",
                format!("有效期应为 1 至 {MAX_VALIDITY_MONTHS} 个月"),
            ));
        }
        out
    }
}
