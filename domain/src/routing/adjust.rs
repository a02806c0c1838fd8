//! The window changing the routing proposal (issue 19 point 5: "the proposal comes from the
//! domain routing rules … and the clerk confirms or changes it"). The window may send an item
//! to its deciding department, to a department the catalogue involves in it, or to civil
//! affairs (which convenes when the department is unclear: 乌海 二(二)5); the lead stays the
//! main request's department as routed, or civil affairs. Anything else is refused with the
//! reason, so the server never routes where the catalogue does not allow.

use crate::catalogue::{AidItemCode, Catalogue};
use crate::department::DepartmentCode;
use crate::workflow;

/// Why the window's routing is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AdjustError {
    /// The routing does not list every requested item exactly once.
    #[error("the routing must list every requested item exactly once")]
    ItemsDiffer,
    /// An item sent to a department that does not handle it.
    #[error("item `{}` cannot go to `{}`", item.as_str(), department.as_str())]
    NotAllowed {
        /// The item.
        item: AidItemCode,
        /// The department chosen.
        department: DepartmentCode,
    },
    /// The lead is neither the main request's department nor civil affairs.
    #[error("the lead must be the main request's department or civil affairs, not `{}`", lead.as_str())]
    Lead {
        /// The lead chosen.
        lead: DepartmentCode,
    },
}

impl AdjustError {
    /// For the window clerk.
    pub fn message_zh(&self, catalogue: &Catalogue) -> String {
        let dept = |d: &DepartmentCode| {
            catalogue
                .department(d)
                .map_or_else(|| d.as_str().to_owned(), |x| x.name_zh.clone())
        };
        match self {
            AdjustError::ItemsDiffer => "分办须列出每个申请事项，且每项只列一次".to_owned(),
            AdjustError::NotAllowed { item, department } => format!(
                "“{}”不能分给{}办理（可分给：{}）",
                catalogue
                    .item(item)
                    .map_or_else(|| item.as_str().to_owned(), |i| i.name_zh.clone()),
                dept(department),
                departments_for(catalogue, item)
                    .iter()
                    .map(dept)
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            AdjustError::Lead { lead } => format!(
                "牵头部门应为主要请求的承办部门或民政部门，不能是{}",
                dept(lead)
            ),
        }
    }
}

/// The departments the window may send `item` to: its deciding department first, then those
/// the catalogue involves in it, then civil affairs; each once. None for an unknown item.
pub fn departments_for(catalogue: &Catalogue, item: &AidItemCode) -> Vec<DepartmentCode> {
    let Some(entry) = catalogue.item(item) else {
        return Vec::new();
    };
    let mut out = vec![entry.lead_department.clone()];
    for d in entry
        .involved_departments
        .iter()
        .cloned()
        .chain([DepartmentCode::civil_affairs()])
    {
        if !out.contains(&d) {
            out.push(d);
        }
    }
    out
}

/// The window's `chosen` routing of the `requested` items (main request `primary`), checked:
/// every item once, each to a department allowed for it, the lead the main request's chosen
/// department or civil affairs (or the only department, without a main request).
pub fn confirm(
    catalogue: &Catalogue,
    requested: &[AidItemCode],
    primary: Option<&AidItemCode>,
    chosen: &workflow::Routing,
) -> Result<workflow::Routing, AdjustError> {
    let same_items = chosen.items.len() == requested.len()
        && requested
            .iter()
            .all(|r| chosen.items.iter().filter(|(i, _)| i == r).count() == 1);
    if !same_items {
        return Err(AdjustError::ItemsDiffer);
    }
    for (item, department) in &chosen.items {
        if !departments_for(catalogue, item).contains(department) {
            return Err(AdjustError::NotAllowed {
                item: item.clone(),
                department: department.clone(),
            });
        }
    }
    let primary_department = primary.and_then(|p| {
        chosen
            .items
            .iter()
            .find(|(i, _)| i == p)
            .map(|(_, d)| d.clone())
    });
    let mut departments: Vec<&DepartmentCode> = chosen.items.iter().map(|(_, d)| d).collect();
    departments.sort();
    departments.dedup();
    let lead_ok = chosen.lead == DepartmentCode::civil_affairs()
        || primary_department.as_ref() == Some(&chosen.lead)
        || (primary.is_none() && departments == [&chosen.lead]);
    if !lead_ok {
        return Err(AdjustError::Lead {
            lead: chosen.lead.clone(),
        });
    }
    Ok(chosen.clone())
}

#[cfg(test)]
#[path = "adjust_tests.rs"]
mod tests;
