//! [`Household`] and its money.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::member::{Employment, Member, closed_list};
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

closed_list! {
    /// Kinds of income (the four of the 低保审核确认办法, plus pensions).
    IncomeKind {
        /// 工资性收入.
        Wages => "wages", "工资性收入", "Wages";
        /// 经营净收入.
        Business => "business", "经营净收入", "Business income";
        /// 财产净收入.
        PropertyIncome => "property_income", "财产净收入", "Property income";
        /// 转移净收入.
        Transfer => "transfer", "转移净收入", "Transfers";
        /// 养老金.
        Pension => "pension", "养老金", "Pension";
        /// Anything else.
        Other => "other", "其他收入", "Other income";
    }
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

closed_list! {
    /// Kinds of property.
    PropertyKind {
        /// Bank deposits and cash.
        Deposit => "deposit", "存款和现金", "Deposits and cash";
        /// Shares, funds, bonds.
        Securities => "securities", "有价证券", "Securities";
        /// Motor vehicles.
        Vehicle => "vehicle", "机动车辆", "Vehicles";
        /// Houses and flats.
        RealEstate => "real_estate", "房产", "Real estate";
        /// Business assets.
        BusinessAssets => "business_assets", "经营性资产", "Business assets";
        /// Anything else.
        Other => "other", "其他财产", "Other property";
    }
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
