//! The random model's per-item seeds of issue 19: returns, re-routing, telling one result,
//! chasing.

use super::proptest_model::{Seed, dept_of, pool_item};
use super::test_support::*;
use super::*;

/// The concrete command of an item seed for this case.
pub fn materialize_item_seed(seed: &Seed, case: &Case) -> Command {
    let wrong =
        |d: crate::department::DepartmentCode| if d == civil() { medsec() } else { civil() };
    match seed {
        Seed::Return { item, right_dept } => {
            let item = pool_item(*item);
            let d = case
                .item(&item)
                .map_or_else(|| dept_of(&item), |p| p.department.clone());
            Command::ReturnItem {
                department: if *right_dept { d } else { wrong(d) },
                item,
            }
        }
        Seed::Reroute {
            item,
            to,
            civil: by_civil,
        } => {
            // Mostly aim at an item that waits, so re-routing happens.
            let waiting = case.items().iter().find(|p| p.awaiting_reroute());
            let item = match waiting {
                Some(p) if *to > 0 => p.item.clone(),
                _ => pool_item(*item),
            };
            Command::Reroute {
                item,
                department: [civil(), medsec(), dept("education")][usize::from(*to) % 3].clone(),
                acting_department: by_civil.then(civil),
            }
        }
        Seed::Tell(i) => {
            let ready = case
                .items()
                .iter()
                .find(|p| p.told_at.is_none() && p.result_ready_at().is_some());
            match ready {
                Some(p) if *i > 0 => Command::TellResult {
                    item: p.item.clone(),
                },
                _ => Command::TellResult {
                    item: pool_item(*i),
                },
            }
        }
        Seed::Chase(i) => Command::Chase {
            item: i.map(pool_item),
        },
        _ => Command::Supervise,
    }
}
