//! Reading the workspace form's typed values: a yuan amount, and the routing as the window
//! changed it.

use domain::department::DepartmentCode;
use domain::workflow::Routing as WorkflowRouting;

use super::casework::ActionDraft;
use super::casework_error::ActionError;

/// The routing the form sends: the catalogue's `proposal`, with the window's changes.
pub fn chosen_routing(draft: &ActionDraft, proposal: &WorkflowRouting) -> WorkflowRouting {
    let items = proposal
        .items
        .iter()
        .map(|(item, department)| {
            let changed = draft
                .routing
                .iter()
                .find(|(i, _)| i == item.as_str())
                .map(|(_, d)| DepartmentCode(d.clone()));
            (item.clone(), changed.unwrap_or_else(|| department.clone()))
        })
        .collect();
    let lead = if draft.lead.is_empty() {
        proposal.lead.clone()
    } else {
        DepartmentCode(draft.lead.clone())
    };
    WorkflowRouting { lead, items }
}

/// Reads a money amount in yuan (`580`, `1500.5`, `1500.50`) as fen.
pub fn parse_yuan(text: &str) -> Result<i64, ActionError> {
    let t = text.trim().trim_end_matches('元');
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let ok = !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && frac.len() <= 2
        && frac.chars().all(|c| c.is_ascii_digit());
    if !ok || whole.len() > 9 {
        return Err(ActionError::Amount);
    }
    let whole: i64 = whole.parse().map_err(|_| ActionError::AmountTooLarge)?;
    let frac: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
    Ok(whole * 100 + frac)
}
