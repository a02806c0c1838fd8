//! Every problem of a household at once, so the form can show them together.

use std::collections::HashSet;

use chrono::NaiveDate;
use thiserror::Error;

use super::member::Relation;
use super::record::Household;
use crate::ids::MemberId;

/// One problem with a household.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HouseholdError {
    /// No street address.
    #[error("the address is empty")]
    NoAddress,
    /// Not exactly one applicant.
    #[error("{0} applicants (exactly one is needed)")]
    ApplicantCount(usize),
    /// More than one spouse.
    #[error("more than one spouse")]
    SeveralSpouses,
    /// Two members with one ID number (masked).
    #[error("ID number {0} appears twice")]
    DuplicateIdNumber(String),
    /// Two members with one id.
    #[error("member id appears twice")]
    DuplicateMember,
    /// An income or property item names a member who is not in the household.
    #[error("an income or property item belongs to nobody in the household")]
    UnknownMember(MemberId),
    /// A negative amount.
    #[error("negative amount")]
    NegativeAmount,
    /// A birth date after `today` (an ID number checked against another day).
    #[error("a member is born in the future")]
    BornInFuture,
    /// A text or list over its limit (`limits::household`).
    #[error("{} over its limit", .0.field)]
    Limit(crate::limits::LimitError),
}

impl HouseholdError {
    /// For the form.
    pub fn message_zh(&self) -> String {
        match self {
            HouseholdError::NoAddress => "请填写家庭住址".to_owned(),
            HouseholdError::ApplicantCount(0) => "请指定申请人本人".to_owned(),
            HouseholdError::ApplicantCount(n) => format!("只能有一位申请人本人（现有 {n} 位）"),
            HouseholdError::SeveralSpouses => "配偶只能有一位".to_owned(),
            HouseholdError::DuplicateIdNumber(masked) => format!("身份证号 {masked} 重复"),
            HouseholdError::DuplicateMember => "家庭成员重复".to_owned(),
            HouseholdError::UnknownMember(_) => "收入或财产所属成员不在本户".to_owned(),
            HouseholdError::NegativeAmount => "金额不能为负数".to_owned(),
            HouseholdError::BornInFuture => "出生日期不能晚于今天".to_owned(),
            HouseholdError::Limit(e) => e.message_zh(),
        }
    }
}

impl Household {
    /// Checks the household; lists every problem.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<HouseholdError>> {
        let mut errors = Vec::new();
        if self.address.trim().is_empty() {
            errors.push(HouseholdError::NoAddress);
        }
        let count = |r: Relation| self.members.iter().filter(|m| m.relation == r).count();
        if count(Relation::Applicant) != 1 {
            errors.push(HouseholdError::ApplicantCount(count(Relation::Applicant)));
        }
        if count(Relation::Spouse) > 1 {
            errors.push(HouseholdError::SeveralSpouses);
        }
        let mut ids = HashSet::new();
        let mut numbers = HashSet::new();
        for m in &self.members {
            if !ids.insert(m.id) {
                errors.push(HouseholdError::DuplicateMember);
            }
            if !numbers.insert(m.id_number.expose().to_owned()) {
                errors.push(HouseholdError::DuplicateIdNumber(m.id_number.masked()));
            }
            if m.id_number.birth_date() > today {
                errors.push(HouseholdError::BornInFuture);
            }
        }
        let owners = self
            .income
            .iter()
            .map(|i| i.member)
            .chain(self.property.iter().map(|p| p.member));
        for owner in owners.flatten() {
            if !ids.contains(&owner) {
                errors.push(HouseholdError::UnknownMember(owner));
            }
        }
        if self.income.iter().any(|i| i.monthly.0 < 0)
            || self.property.iter().any(|p| p.value.0 < 0)
        {
            errors.push(HouseholdError::NegativeAmount);
        }
        if let Err(e) = crate::limits::household(self) {
            errors.push(HouseholdError::Limit(e));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}
