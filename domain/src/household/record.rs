//! [`Household`] and its money.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::member::{Employment, Member};
use super::money::Fen;
use crate::catalogue::{HouseholdFacts, MemberFacts};
use crate::ids::{HouseholdId, MemberId};
use crate::jurisdiction::PlaceCode;

/// One household as synced (its JSON is the sync body of a `household` record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Household {
    /// Made by the phone.
    pub id: HouseholdId,
    /// The grid (or village) it lives in.
    pub place: PlaceCode,
    /// Street address.
    pub address: String,
    /// Everyone living in it, the applicant among them.
    pub members: Vec<Member>,
    /// Monthly income items.
    #[serde(default)]
    pub income: Vec<IncomeItem>,
    /// Property items.
    #[serde(default)]
    pub property: Vec<PropertyItem>,
    /// The home is damaged (disaster, dangerous house).
    #[serde(default)]
    pub housing_damaged: bool,
}

/// A regular monthly income.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomeItem {
    /// Made by the phone (keys field-level edits).
    pub id: String,
    /// Whose, if one member's.
    #[serde(default)]
    pub member: Option<MemberId>,
    /// What kind.
    pub kind: IncomeKind,
    /// Per month.
    pub monthly: Fen,
    /// Free text.
    #[serde(default)]
    pub note: String,
}

/// Kinds of income (the four of the 低保审核确认办法, plus pensions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncomeKind {
    /// 工资性收入.
    Wages,
    /// 经营净收入.
    Business,
    /// 财产净收入.
    PropertyIncome,
    /// 转移净收入.
    Transfer,
    /// 养老金.
    Pension,
    /// Anything else.
    Other,
}

/// Something the household owns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PropertyItem {
    /// Made by the phone.
    pub id: String,
    /// Whose, if one member's.
    #[serde(default)]
    pub member: Option<MemberId>,
    /// What kind.
    pub kind: PropertyKind,
    /// Its value.
    pub value: Fen,
    /// Free text (plate number, address, bank).
    #[serde(default)]
    pub note: String,
}

/// Kinds of property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PropertyKind {
    /// Bank deposits and cash.
    Deposit,
    /// Shares, funds, bonds.
    Securities,
    /// Motor vehicles.
    Vehicle,
    /// Houses and flats.
    RealEstate,
    /// Business assets.
    BusinessAssets,
    /// Anything else.
    Other,
}

impl Household {
    /// Total monthly income.
    pub fn monthly_income(&self) -> Fen {
        Fen(self.income.iter().map(|i| i.monthly.0).sum())
    }

    /// Monthly income per member, rounded down to the fen; `None` without members.
    pub fn per_capita_monthly_income(&self) -> Option<Fen> {
        let n = i64::try_from(self.members.len()).ok().filter(|n| *n > 0)?;
        Some(Fen(self.monthly_income().0.div_euclid(n)))
    }

    /// Total value of property.
    pub fn property_total(&self) -> Fen {
        Fen(self.property.iter().map(|p| p.value.0).sum())
    }

    /// Members aged 18 or more on `today` (each must sign the verification authorization).
    pub fn adult_members(&self, today: NaiveDate) -> impl Iterator<Item = &Member> {
        self.members
            .iter()
            .filter(move |m| m.id_number.is_adult(today))
    }

    /// Members under 14 on `today`.
    pub fn under_14_members(&self, today: NaiveDate) -> impl Iterator<Item = &Member> {
        self.members
            .iter()
            .filter(move |m| m.id_number.is_under_14(today))
    }

    /// The facts the catalogue needs to list required materials.
    pub fn facts(&self, today: NaiveDate) -> HouseholdFacts {
        HouseholdFacts {
            members: self
                .members
                .iter()
                .map(|m| MemberFacts {
                    member: m.id,
                    adult: m.id_number.is_adult(today),
                    has_disability: m.disability.is_some(),
                    has_illness: m.health.is_ill(),
                    is_student: m.employment == Employment::Student,
                    unemployed: m.employment == Employment::Unemployed,
                })
                .collect(),
            has_housing_damage: self.housing_damaged,
        }
    }
}
