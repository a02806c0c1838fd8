//! The 办理结果 column in words.

use crate::catalogue::Catalogue;
use crate::workflow::{AmountPeriod, Case, CaseState};

/// What became of the case, in Chinese: each decided item with its amount or「不予批准」,
/// or how the case ended; empty while nothing is decided.
pub fn result_zh(case: &Case, catalogue: &Catalogue) -> String {
    if let Some(ending) = case.ending()
        && ending.state != CaseState::Closed
    {
        let what = ending.state.name_zh();
        return match &ending.reason {
            Some(reason) if !reason.is_empty() => format!("{what}：{reason}"),
            _ => what.to_owned(),
        };
    }
    case.items()
        .iter()
        .filter_map(|p| {
            let d = p.decision.as_ref()?;
            let name = catalogue
                .item(&p.item)
                .map_or_else(|| p.item.0.clone(), |i| i.name_zh.clone());
            Some(match d.approved {
                Some(amount) => {
                    let yuan = crate::household::Fen(amount.fen);
                    match amount.period {
                        AmountPeriod::Monthly => format!("{name}：批准，每月 {yuan} 元"),
                        AmountPeriod::OneOff => format!("{name}：批准，{yuan} 元"),
                    }
                }
                None => format!("{name}：不予批准"),
            })
        })
        .collect::<Vec<_>>()
        .join("；")
}
