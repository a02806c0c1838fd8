//! Routing (分办/转办): which department decides each requested item and which one leads.
//!
//! Rules (DOMAIN.md flow step 4; Wuhai 二(二)5, 二(三)4):
//! * each item goes to its catalogue department;
//! * the main request's department leads and involves the others, including every item's
//!   `involved_departments` (作为牵头承办部门的，要及时通知相关部门共同办理: 乌海 二(三)3);
//! * no main request and more than one department, or an item without a clear department:
//!   civil affairs convenes (leads);
//! * a non-temporary request whose household is in sudden hardship also meets temporary-aid
//!   conditions: the routing says so, so the window tells the applicant and helps them apply.

use serde::{Deserialize, Serialize};

use crate::catalogue::{AidItemCode, Catalogue};
use crate::department::DepartmentCode;
use crate::workflow;

/// What the window knows about sudden hardship (临时救助 conditions, 国发〔2014〕47号).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HardshipFacts {
    /// A sudden event: fire, accident, serious illness, death of the breadwinner.
    pub sudden_event: bool,
    /// Essential spending suddenly beyond what the household can bear.
    pub sudden_expense: bool,
    /// Basic living is seriously at risk right now.
    pub basic_living_at_risk: bool,
}

impl HardshipFacts {
    /// Whether these facts meet the temporary-aid conditions.
    pub fn meets_temporary_aid(self) -> bool {
        (self.sudden_event || self.sudden_expense) && self.basic_living_at_risk
    }
}

mod adjust;
mod facts;

pub use adjust::{AdjustError, confirm, departments_for};
pub use facts::hardship_facts;

/// Why the lead department leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadBasis {
    /// The main request's department (以主要请求确定牵头救助部门).
    PrimaryItem,
    /// One department decides every item.
    OnlyDepartment,
    /// No main request among several departments: civil affairs convenes (转给民政局办理).
    Unclear,
}

/// The routing of one application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Routing {
    /// The lead department (牵头部门).
    pub lead: DepartmentCode,
    /// Why it leads.
    pub lead_basis: LeadBasis,
    /// The other departments involved, sorted, without the lead: the deciding departments of
    /// the other items and every item's catalogue `involved_departments`.
    pub involved: Vec<DepartmentCode>,
    /// Each requested item with its deciding department, in request order.
    pub per_item: Vec<(AidItemCode, DepartmentCode)>,
    /// Temporary aid was not requested but its conditions are met: tell the applicant.
    pub temporary_aid_hint: bool,
}

impl Routing {
    /// The workflow command's input.
    pub fn to_workflow(&self) -> workflow::Routing {
        workflow::Routing {
            lead: self.lead.clone(),
            items: self.per_item.clone(),
        }
    }
}

/// Why a request cannot be routed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoutingError {
    /// Nothing was requested.
    #[error("no item requested")]
    Empty,
    /// An item the catalogue does not know.
    #[error("unknown item `{0}`")]
    UnknownItem(String),
    /// The main request is not among the requested items.
    #[error("the main request `{0}` is not among the requested items")]
    PrimaryNotRequested(String),
    /// An item requested twice.
    #[error("item `{0}` requested twice")]
    Duplicate(String),
}

impl RoutingError {
    /// For the window clerk.
    pub fn message_zh(&self) -> String {
        match self {
            RoutingError::Empty => "没有申请任何救助事项".to_owned(),
            RoutingError::UnknownItem(c) => format!("事项清单中没有“{c}”"),
            RoutingError::PrimaryNotRequested(c) => format!("主要请求“{c}”不在申请事项中"),
            RoutingError::Duplicate(c) => format!("事项“{c}”重复申请"),
        }
    }
}

/// Routes `requested` items (the main one `primary`, if named).
pub fn route(
    catalogue: &Catalogue,
    requested: &[AidItemCode],
    primary: Option<&AidItemCode>,
    hardship: HardshipFacts,
) -> Result<Routing, RoutingError> {
    if requested.is_empty() {
        return Err(RoutingError::Empty);
    }
    let mut per_item = Vec::with_capacity(requested.len());
    for (i, code) in requested.iter().enumerate() {
        if requested[..i].contains(code) {
            return Err(RoutingError::Duplicate(code.as_str().to_owned()));
        }
        let item = catalogue
            .item(code)
            .ok_or_else(|| RoutingError::UnknownItem(code.as_str().to_owned()))?;
        per_item.push((code.clone(), item.lead_department.clone()));
    }
    if let Some(p) = primary.filter(|p| !requested.contains(p)) {
        return Err(RoutingError::PrimaryNotRequested(p.as_str().to_owned()));
    }
    let mut departments: Vec<DepartmentCode> = per_item.iter().map(|(_, d)| d.clone()).collect();
    departments.sort();
    departments.dedup();
    let primary_department = primary.and_then(|p| {
        per_item
            .iter()
            .find(|(c, _)| c == p)
            .map(|(_, d)| d.clone())
    });
    let (lead, lead_basis) = match (primary_department, departments.as_slice()) {
        (Some(d), _) => (d, LeadBasis::PrimaryItem),
        (None, [only]) => (only.clone(), LeadBasis::OnlyDepartment),
        (None, _) => (DepartmentCode::civil_affairs(), LeadBasis::Unclear),
    };
    let mut involved: Vec<DepartmentCode> = departments
        .into_iter()
        .chain(
            requested
                .iter()
                .filter_map(|c| catalogue.item(c))
                .flat_map(|i| i.involved_departments.iter().cloned()),
        )
        .filter(|d| *d != lead)
        .collect();
    involved.sort();
    involved.dedup();
    let temporary = AidItemCode::temporary();
    let temporary_aid_hint = !requested.contains(&temporary) && hardship.meets_temporary_aid();
    Ok(Routing {
        lead,
        lead_basis,
        involved,
        per_item,
        temporary_aid_hint,
    })
}

#[cfg(test)]
mod tests;
