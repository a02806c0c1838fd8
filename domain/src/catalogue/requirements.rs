//! Which materials an application needs, given its items and its household, and which of
//! them are still missing: the list a window clerk puts in the one supplement notice.

use serde::{Deserialize, Serialize};

use super::codes::{AidItemCode, MaterialCode};
use super::lookup::Catalogue;
use super::model::{MaterialCondition, MaterialScope};
use crate::ids::MemberId;

/// The facts about a household that decide conditional materials.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdFacts {
    /// Every member.
    pub members: Vec<MemberFacts>,
    /// The home is damaged (disaster, dangerous house).
    pub has_housing_damage: bool,
}

/// One member's facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberFacts {
    /// Which member.
    pub member: MemberId,
    /// Aged 18 or more.
    pub adult: bool,
    /// Holds a disability certificate.
    pub has_disability: bool,
    /// Chronically or seriously ill.
    pub has_illness: bool,
    /// In school or university.
    pub is_student: bool,
    /// Unemployed.
    pub unemployed: bool,
}

impl MemberFacts {
    fn meets(&self, c: MaterialCondition) -> bool {
        match c {
            MaterialCondition::HasDisability => self.has_disability,
            MaterialCondition::HasIllness => self.has_illness,
            MaterialCondition::IsStudent => self.is_student,
            MaterialCondition::Unemployed => self.unemployed,
            MaterialCondition::HasHousingDamage => false,
        }
    }
}

/// One document to hand in: for the household (`member: None`) or one member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequiredMaterial {
    /// Which material.
    pub material: MaterialCode,
    /// Whose, when per member.
    pub member: Option<MemberId>,
    /// The requested items that need it.
    pub for_items: Vec<AidItemCode>,
}

impl Catalogue {
    /// Every material the requested `items` need for this household, each once (per member
    /// where per member), in catalogue order. Unknown items need nothing.
    pub fn required_materials(
        &self,
        items: &[AidItemCode],
        facts: &HouseholdFacts,
    ) -> Vec<RequiredMaterial> {
        let mut out: Vec<RequiredMaterial> = Vec::new();
        let mut add =
            |material: &MaterialCode, member: Option<MemberId>, item: &AidItemCode| match out
                .iter_mut()
                .find(|r| &r.material == material && r.member == member)
            {
                Some(r) if !r.for_items.contains(item) => r.for_items.push(item.clone()),
                Some(_) => {}
                None => out.push(RequiredMaterial {
                    material: material.clone(),
                    member,
                    for_items: vec![item.clone()],
                }),
            };
        for code in items {
            let Some(item) = self.item(code) else {
                continue;
            };
            for req in &item.materials {
                match req.scope {
                    MaterialScope::Household => {
                        let needed = match req.condition {
                            None => true,
                            Some(MaterialCondition::HasHousingDamage) => facts.has_housing_damage,
                            Some(c) => facts.members.iter().any(|m| m.meets(c)),
                        };
                        if needed {
                            add(&req.material, None, code);
                        }
                    }
                    MaterialScope::PerMember | MaterialScope::PerAdultMember => {
                        for m in &facts.members {
                            let in_scope = req.scope == MaterialScope::PerMember || m.adult;
                            if in_scope && req.condition.is_none_or(|c| m.meets(c)) {
                                add(&req.material, Some(m.member), code);
                            }
                        }
                    }
                }
            }
        }
        out
    }
}

/// The required materials not among `present` (material, member), in the same order.
pub fn missing_materials(
    required: &[RequiredMaterial],
    present: &[(MaterialCode, Option<MemberId>)],
) -> Vec<RequiredMaterial> {
    required
        .iter()
        .filter(|r| {
            !present
                .iter()
                .any(|(m, who)| m == &r.material && who == &r.member)
        })
        .cloned()
        .collect()
}
