//! Folding the per-item events of issue 19: returns and re-routing (转办), telling one
//! item's result (反馈), and chasing (催办).

use super::case::Case;
use super::event::{Event, EventBody};
use super::progress::{ChaseNote, ItemReturn, SubCase};
use super::state::CaseState;
use crate::catalogue::AidItemCode;
use crate::department::DepartmentCode;

impl Case {
    pub(super) fn apply_item_event(&mut self, event: &Event) {
        let at = event.at;
        match &event.body {
            EventBody::ItemReturned { item, department } => {
                if let Some(p) = self.items.iter_mut().find(|p| &p.item == item) {
                    p.returns.push(ItemReturn {
                        department: department.clone(),
                        at,
                        by: event.by,
                        reason: event.reason.clone(),
                        rerouted_at: None,
                        rerouted_to: None,
                    });
                }
            }
            EventBody::ItemRerouted { item, to, .. } => self.reroute(item, to, event),
            EventBody::ItemResultTold { item } => {
                if let Some(p) = self.items.iter_mut().find(|p| &p.item == item) {
                    p.told_at.get_or_insert(at);
                }
                if self.state == CaseState::Decided
                    && self.items.iter().all(|p| p.told_at.is_some())
                {
                    self.notified_at = Some(at);
                    self.state = CaseState::ResultNotified;
                }
            }
            EventBody::Chased { item, department } => self.chases.push(ChaseNote {
                by: event.by,
                at,
                item: item.clone(),
                department: department.clone(),
                text: event.reason.clone(),
            }),
            _ => {}
        }
    }

    /// Moves the item to `to`: out of its old sub-case (dropped when empty), into `to`'s (made
    /// when new, its clock starting now); the item's decision clock starts again, and a
    /// rerouted main request takes the lead with it (乌海 二(二)五 以主要请求确定牵头救助部门).
    fn reroute(&mut self, item: &AidItemCode, to: &DepartmentCode, event: &Event) {
        let at = event.at;
        let Some(p) = self.items.iter_mut().find(|p| &p.item == item) else {
            return;
        };
        if let Some(r) = p.returns.last_mut() {
            r.rerouted_at = Some(at);
            r.rerouted_to = Some(to.clone());
        }
        p.department = to.clone();
        p.routed_at = at;
        p.extension = None;
        p.extensions.clear();
        for s in self.sub_cases.iter_mut() {
            s.items.retain(|i| i != item);
        }
        self.sub_cases.retain(|s| !s.items.is_empty());
        match self.sub_cases.iter_mut().find(|s| &s.department == to) {
            Some(s) => s.items.push(item.clone()),
            None => self.sub_cases.push(SubCase {
                department: to.clone(),
                lead: false,
                routed_at: at,
                items: vec![item.clone()],
            }),
        }
        if self.primary_item.as_ref() == Some(item) {
            self.lead = Some(to.clone());
        }
        let lead = self.lead.clone();
        for s in self.sub_cases.iter_mut() {
            s.lead = Some(&s.department) == lead.as_ref();
        }
    }
}
