//! [`Case::apply`]: folding one event into the case. Never fails: an event that does not fit
//! (a foreign or corrupted history) changes nothing but the version, so replay never panics.

use chrono::{DateTime, Utc};

use super::approval::{ApprovalStatus, LeaderOpinion};
use super::case::Case;
use super::event::{Event, EventBody};
use super::progress::{
    Ending, Extension, ItemDecision, ItemProgress, Note, NoticeStatus, Objection, ObjectionStatus,
    SubCase, SupplementPause,
};
use super::state::CaseState;

impl Case {
    /// Applies an event produced by [`Case::decide`] (or received through sync).
    pub fn apply(&mut self, event: &Event) {
        self.version += 1;
        let at = event.at;
        self.last_event_at = Some(self.last_event_at.map_or(at, |last| last.max(at)));
        if self.first_asker.is_none() && event.by.role == crate::role::Role::WindowClerk {
            self.first_asker = Some(event.by);
        }
        match &event.body {
            EventBody::Created { .. } => {}
            EventBody::DraftEdited { items, primary } => {
                self.requested_items = items.clone();
                self.primary_item = primary.clone();
            }
            EventBody::Submitted => {
                self.submitted_at.get_or_insert(at);
                self.state = CaseState::Submitted;
            }
            EventBody::SupplementRequested { missing, seen } => {
                self.pauses.push(SupplementPause {
                    requested_at: at,
                    missing: missing.clone(),
                    seen: seen.clone(),
                    resubmitted_at: None,
                });
                self.state = CaseState::SupplementRequested;
            }
            EventBody::Resubmitted => {
                if let Some(p) = self.pauses.last_mut() {
                    p.resubmitted_at.get_or_insert(at);
                }
                self.state = CaseState::Resubmitted;
            }
            EventBody::Accepted => {
                self.accepted_at = Some(at);
                self.state = CaseState::Accepted;
            }
            EventBody::UrgentlyAccepted { outstanding, .. } => {
                self.accepted_at = Some(at);
                self.urgent = true;
                self.outstanding_materials = outstanding.clone();
                self.state = CaseState::Accepted;
            }
            EventBody::NotAccepted { referral, kind } => {
                self.end(CaseState::NotAccepted, event, Some(referral.clone()));
                if let Some(e) = self.ending.as_mut() {
                    e.referral_kind = Some(*kind);
                }
            }
            EventBody::MaterialsCompleted => {
                self.outstanding_materials.clear();
                self.materials_completed_at = Some(at);
            }
            EventBody::VerificationStepDone { step, .. } => self.verification.mark(*step, at),
            EventBody::RoutingApproved | EventBody::ReturnedForRevision => {
                let approved = matches!(event.body, EventBody::RoutingApproved);
                self.approval = if approved {
                    ApprovalStatus::Approved
                } else {
                    ApprovalStatus::Returned
                };
                self.leader_opinions.push(LeaderOpinion {
                    approved,
                    by: event.by,
                    at,
                    text: event.reason.clone(),
                });
            }
            EventBody::ApprovalRequested => self.approval = ApprovalStatus::Awaiting,
            EventBody::Routed { lead, items } => self.route(lead, items, at),
            EventBody::ItemApproved {
                item,
                amount,
                needs_public_notice,
                public_notice_days,
                ..
            } => {
                if let Some(p) = self.items.iter_mut().find(|p| &p.item == item) {
                    p.decision = Some(ItemDecision {
                        approved: Some(*amount),
                        reason: event.reason.clone(),
                        decided_at: at,
                        decided_by: event.by,
                    });
                    p.notice = if *needs_public_notice {
                        NoticeStatus::Due
                    } else {
                        NoticeStatus::NotNeeded
                    };
                    p.notice_days = public_notice_days.filter(|_| *needs_public_notice);
                }
                self.refresh_phase(at);
            }
            EventBody::ItemDenied { item, .. } => {
                if let Some(p) = self.items.iter_mut().find(|p| &p.item == item) {
                    p.decision = Some(ItemDecision {
                        approved: None,
                        reason: event.reason.clone(),
                        decided_at: at,
                        decided_by: event.by,
                    });
                    p.notice = NoticeStatus::NotNeeded;
                }
                self.refresh_phase(at);
            }
            EventBody::DeadlineExtended {
                item, working_days, ..
            } => {
                if let Some(p) = self.items.iter_mut().find(|p| &p.item == item) {
                    p.extension.get_or_insert((*working_days, at));
                    p.extensions.push(Extension {
                        working_days: *working_days,
                        at,
                        by: event.by,
                        reason: event.reason.clone(),
                    });
                }
            }
            EventBody::PublicNoticeStarted { item } => {
                if let Some(p) = self.items.iter_mut().find(|p| &p.item == item) {
                    p.notice = NoticeStatus::Posted { since: at };
                }
                self.refresh_phase(at);
            }
            EventBody::PublicNoticeEnded { item } => {
                if let Some(p) = self.items.iter_mut().find(|p| &p.item == item)
                    && let NoticeStatus::Posted { since } = p.notice
                {
                    p.notice = NoticeStatus::Finished {
                        posted_at: since,
                        ended_at: at,
                    };
                }
                self.refresh_phase(at);
            }
            EventBody::ObjectionFiled { objection, item } => self.objections.push(Objection {
                number: *objection,
                item: item.clone(),
                filed_by: event.by,
                filed_at: at,
                text: event.reason.clone(),
                status: ObjectionStatus::Open,
            }),
            EventBody::ObjectionResolved { objection, upheld } => {
                self.resolve_objection(*objection, *upheld, event);
            }
            EventBody::ResultNotified => {
                // The combined result notice tells every item not told yet.
                for p in self.items.iter_mut().filter(|p| p.told_at.is_none()) {
                    p.told_at = Some(at);
                }
                self.notified_at = Some(at);
                self.state = CaseState::ResultNotified;
            }
            EventBody::Evaluated { satisfaction } => self.evaluation = Some(*satisfaction),
            EventBody::ReviewRequested => self.review_requested_at = Some(at),
            EventBody::ReviewAnswered => self.review_answered_at = Some(at),
            EventBody::Closed => self.end(CaseState::Closed, event, None),
            EventBody::Withdrawn => self.end(CaseState::Withdrawn, event, None),
            EventBody::Terminated => self.end(CaseState::Terminated, event, None),
            EventBody::Archived => {
                self.archived_at = Some(at);
                self.state = CaseState::Archived;
            }
            EventBody::SupervisionNoted => self.supervision.push(Note {
                by: event.by,
                at,
                text: event.reason.clone(),
            }),
            EventBody::ItemReturned { .. }
            | EventBody::ItemRerouted { .. }
            | EventBody::ItemResultTold { .. }
            | EventBody::Chased { .. } => self.apply_item_event(event),
        }
    }

    fn end(&mut self, state: CaseState, event: &Event, referral: Option<String>) {
        // A pause still open when the case ends closes with it, so pause arithmetic never
        // sees a clock waiting forever.
        if let Some(p) = self.pauses.last_mut()
            && p.resubmitted_at.is_none()
        {
            p.resubmitted_at = Some(event.at);
        }
        self.ending = Some(Ending {
            state,
            at: event.at,
            reason: event.reason.clone(),
            referral,
            referral_kind: None,
        });
        self.state = state;
    }

    fn route(
        &mut self,
        lead: &crate::department::DepartmentCode,
        items: &[(
            crate::catalogue::AidItemCode,
            crate::department::DepartmentCode,
        )],
        at: DateTime<Utc>,
    ) {
        self.lead = Some(lead.clone());
        for (item, department) in items {
            match self
                .sub_cases
                .iter_mut()
                .find(|s| &s.department == department)
            {
                Some(s) => s.items.push(item.clone()),
                None => self.sub_cases.push(SubCase {
                    department: department.clone(),
                    lead: department == lead,
                    routed_at: at,
                    items: vec![item.clone()],
                }),
            }
            self.items.push(ItemProgress {
                item: item.clone(),
                department: department.clone(),
                routed_at: at,
                decision: None,
                notice: NoticeStatus::NotNeeded,
                extension: None,
                extensions: Vec::new(),
                notice_days: None,
                returns: Vec::new(),
                told_at: None,
            });
        }
        self.state = CaseState::Routed;
        self.refresh_phase(at);
    }

    fn resolve_objection(&mut self, number: i64, upheld: bool, event: &Event) {
        let Some(idx) = self.objections.iter().position(|o| o.number == number) else {
            return;
        };
        let at = event.at;
        self.objections[idx].status = if upheld {
            ObjectionStatus::Upheld { at, by: event.by }
        } else {
            ObjectionStatus::Rejected { at, by: event.by }
        };
        if !upheld {
            return;
        }
        let item = self.objections[idx].item.clone();
        // The item goes back to its department; the other objections to it are moot.
        for o in self.objections.iter_mut() {
            if o.item == item && o.status == ObjectionStatus::Open {
                o.status = ObjectionStatus::Superseded { at };
            }
        }
        if let Some(p) = self.items.iter_mut().find(|p| p.item == item) {
            p.decision = None;
            p.notice = NoticeStatus::NotNeeded;
            p.told_at = None;
        }
        self.refresh_phase(at);
    }

    /// Derives the handling phase from the items, so it can never disagree with them.
    pub(super) fn refresh_phase(&mut self, at: DateTime<Utc>) {
        if !matches!(
            self.state,
            CaseState::Routed | CaseState::InPublicNotice | CaseState::Decided
        ) {
            return;
        }
        let next = if self.items.iter().any(|p| p.decision.is_none()) {
            CaseState::Routed
        } else if self
            .items
            .iter()
            .any(|p| matches!(p.notice, NoticeStatus::Due | NoticeStatus::Posted { .. }))
        {
            CaseState::InPublicNotice
        } else {
            CaseState::Decided
        };
        if next == CaseState::Decided {
            self.result_ready_at.get_or_insert(at);
        } else {
            self.result_ready_at = None;
        }
        self.state = next;
        // Every result already told one by one (乌海 附件4 第四条): the feedback is complete.
        let last_told = self
            .items
            .iter()
            .map(|p| p.told_at)
            .collect::<Option<Vec<_>>>();
        if next == CaseState::Decided
            && let Some(told) = last_told
        {
            self.notified_at = told.into_iter().max();
            self.state = CaseState::ResultNotified;
        }
    }
}
