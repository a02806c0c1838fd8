//! What the visit form reads of other records: the households to pick from, and a visit's
//! heading in the list of records. Both decode only the fields they show, so neither an ID
//! number nor a full name is decoded for it.

use chrono::{DateTime, FixedOffset, Utc};
use domain::fieldwork::VisitKind;
use domain::identity::mask_name;
use serde::Deserialize;

/// A household as the picker shows it: address and the applicant's masked name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct HouseholdChoice {
    /// Its id.
    pub id: String,
    /// Street address.
    #[serde(default)]
    pub address: String,
    /// The members' names and relations only.
    #[serde(default)]
    members: Vec<MemberName>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
struct MemberName {
    name: String,
    #[serde(default)]
    relation: String,
}

impl HouseholdChoice {
    /// `地址 · 王*英`: the applicant (or the first member) masked, as every list shows names.
    pub fn label(&self) -> String {
        let applicant = self
            .members
            .iter()
            .find(|m| m.relation == "applicant")
            .or_else(|| self.members.first());
        match applicant {
            Some(m) => format!("{} · {}", self.address, mask_name(&m.name)),
            None => self.address.clone(),
        }
    }
}

/// What the list of records shows of a visit.
#[derive(Debug, Clone, Deserialize)]
pub struct VisitHeading {
    /// Survey or routine.
    pub kind: VisitKind,
    /// When.
    pub at: DateTime<Utc>,
}

impl VisitHeading {
    /// `入户调查 · 06-01 10:30`, in the phone's zone `offset`.
    pub fn title_zh(&self, offset: FixedOffset) -> String {
        let at = domain::calendar::print::md_hm(&self.at.with_timezone(&offset));
        format!("{} · {at}", self.kind.name_zh())
    }
}
