//! Deciding verification, routing, department decisions and deadline extensions.

use crate::catalogue::AidItemCode;
use crate::department::DepartmentCode;

use super::case::Case;
use super::command::{Command, CommandKind};
use super::decide::{failed, first_duplicate};
use super::error::WorkflowError;
use super::event::EventBody;
use super::inputs::{DecisionOutcome, Routing, VerificationStep};
use super::precondition::PreconditionFailed;
use super::progress::ItemProgress;

impl Case {
    /// Role, state, ownership and reason are already checked by `decide`.
    pub(super) fn decide_handling(
        &self,
        command: &Command,
        reason: Option<&str>,
    ) -> Result<EventBody, WorkflowError> {
        let kind = command.kind();
        match command {
            Command::EconomicCheck {
                adults_without_authorization,
                authorizations,
            } => {
                // 一次授权、全网通用: the check reads bank, tax and property records, which
                // the law allows only under every adult's signed authorization.
                if !adults_without_authorization.is_empty() {
                    let mut members = adults_without_authorization.clone();
                    members.sort();
                    members.dedup();
                    return Err(failed(
                        kind,
                        PreconditionFailed::AdultsWithoutAuthorization { members },
                    ));
                }
                let done = self.step_done(kind, VerificationStep::EconomicCheck)?;
                Ok(match done {
                    EventBody::VerificationStepDone { step, .. } => {
                        let mut authorizations = authorizations.clone();
                        authorizations.sort();
                        authorizations.dedup();
                        EventBody::VerificationStepDone {
                            step,
                            authorizations,
                        }
                    }
                    other => other,
                })
            }
            Command::HomeSurvey => self.step_done(kind, VerificationStep::HomeSurvey),
            Command::DemocraticAppraisal => {
                self.step_done(kind, VerificationStep::DemocraticAppraisal)
            }
            Command::Route(routing) => self.decide_route(routing),
            Command::Decide {
                item,
                department,
                outcome,
                facts,
            } => {
                let progress = self.pending_item_of(kind, item, department)?;
                match outcome {
                    DecisionOutcome::Approve { amount } => {
                        if amount.fen < 0 {
                            let fen = amount.fen;
                            return Err(failed(kind, PreconditionFailed::NegativeAmount { fen }));
                        }
                        if !self.outstanding_materials.is_empty() {
                            let missing = self.outstanding_materials.clone();
                            return Err(failed(
                                kind,
                                PreconditionFailed::MaterialsOutstanding { missing },
                            ));
                        }
                        if facts.economic_check_required
                            && self.verification.economic_check.is_none()
                        {
                            return Err(failed(kind, PreconditionFailed::EconomicCheckNotDone));
                        }
                        Ok(EventBody::ItemApproved {
                            item: progress.item.clone(),
                            department: progress.department.clone(),
                            amount: *amount,
                            needs_public_notice: facts.needs_public_notice,
                            public_notice_days: facts
                                .public_notice_days
                                .filter(|_| facts.needs_public_notice),
                        })
                    }
                    DecisionOutcome::Deny => {
                        // 不予批准通知书 must give the reason (Wuhai att. 3 第二条).
                        if reason.is_none() {
                            return Err(WorkflowError::ReasonRequired { command: kind });
                        }
                        Ok(EventBody::ItemDenied {
                            item: progress.item.clone(),
                            department: progress.department.clone(),
                        })
                    }
                }
            }
            Command::ExtendDeadline {
                item,
                department,
                working_days,
                cap_days,
            } => {
                let progress = self.pending_item_of(kind, item, department)?;
                let used_days = progress.extended_days();
                match cap_days {
                    // Several extensions, together within the catalogue's extension_days.
                    Some(cap) if *working_days >= 1 && used_days + working_days > *cap => {
                        return Err(WorkflowError::ExtensionOverCap {
                            item: item.clone(),
                            cap_days: *cap,
                            used_days,
                            asked_days: *working_days,
                        });
                    }
                    Some(_) => {}
                    // An old phone that does not know the cap: one extension, as it was.
                    None if used_days > 0 => {
                        return Err(WorkflowError::AlreadyExtended { item: item.clone() });
                    }
                    None => {}
                }
                if *working_days < 1 {
                    let working_days = *working_days;
                    return Err(failed(
                        kind,
                        PreconditionFailed::ExtensionNotPositive { working_days },
                    ));
                }
                Ok(EventBody::DeadlineExtended {
                    item: item.clone(),
                    department: department.clone(),
                    working_days: *working_days,
                })
            }
            _ => unreachable!("decide routes only handling commands here"),
        }
    }

    fn step_done(
        &self,
        kind: CommandKind,
        step: VerificationStep,
    ) -> Result<EventBody, WorkflowError> {
        if self.verification.done_at(step).is_some() {
            return Err(failed(kind, PreconditionFailed::StepAlreadyDone { step }));
        }
        Ok(EventBody::VerificationStepDone {
            step,
            authorizations: Vec::new(),
        })
    }

    /// The undecided item, if the acting officer's department decides it and it is not
    /// waiting to be routed again.
    pub(super) fn pending_item_of(
        &self,
        kind: CommandKind,
        item: &AidItemCode,
        department: &DepartmentCode,
    ) -> Result<&ItemProgress, WorkflowError> {
        let progress = self
            .item(item)
            .ok_or_else(|| WorkflowError::UnknownItem { item: item.clone() })?;
        if &progress.department != department {
            return Err(WorkflowError::WrongDepartment {
                item: item.clone(),
                expected: progress.department.clone(),
                actual: department.clone(),
            });
        }
        if progress.decision.is_some() {
            let item = item.clone();
            return Err(failed(
                kind,
                PreconditionFailed::ItemAlreadyDecided { item },
            ));
        }
        if progress.awaiting_reroute() {
            let item = item.clone();
            return Err(failed(
                kind,
                PreconditionFailed::ItemAwaitingReroute { item },
            ));
        }
        Ok(progress)
    }

    fn decide_route(&self, routing: &Routing) -> Result<EventBody, WorkflowError> {
        let kind = CommandKind::Route;
        // 报经分管领导同意后 (乌海 附件4 第一条): no routing before the leader agreed.
        if super::approval::leader_approval_required(kind)
            && self.approval != super::approval::ApprovalStatus::Approved
        {
            let returned = self
                .leader_opinions
                .last()
                .filter(|o| {
                    !o.approved && self.approval == super::approval::ApprovalStatus::Returned
                })
                .map(|o| o.text.clone().unwrap_or_default());
            return Err(failed(
                kind,
                PreconditionFailed::RoutingNotApproved { returned },
            ));
        }
        let routed: Vec<AidItemCode> = routing.items.iter().map(|(i, _)| i.clone()).collect();
        if let Some(item) = routed.iter().find(|i| !self.requested_items.contains(i)) {
            return Err(WorkflowError::UnknownItem { item: item.clone() });
        }
        if let Some(item) = first_duplicate(&routed) {
            return Err(failed(kind, PreconditionFailed::ItemRoutedTwice { item }));
        }
        let unrouted: Vec<AidItemCode> = self
            .requested_items
            .iter()
            .filter(|i| !routed.contains(i))
            .cloned()
            .collect();
        if !unrouted.is_empty() {
            return Err(failed(
                kind,
                PreconditionFailed::ItemsNotRouted { items: unrouted },
            ));
        }
        // Submit guaranteed a primary item among the requested ones, and every requested item
        // is routed, so the primary item's department exists.
        let primary_department = self
            .primary_item
            .as_ref()
            .and_then(|p| routing.items.iter().find(|(i, _)| i == p))
            .map(|(_, d)| d.clone())
            .unwrap_or_else(DepartmentCode::civil_affairs);
        // 以主要请求确定牵头救助部门; 救助部门不明确的，转给民政局 (Wuhai 二(二)三、五).
        if routing.lead != primary_department && routing.lead != DepartmentCode::civil_affairs() {
            return Err(failed(
                kind,
                PreconditionFailed::LeadNotResponsible {
                    lead: routing.lead.clone(),
                    primary_department,
                },
            ));
        }
        Ok(EventBody::Routed {
            lead: routing.lead.clone(),
            items: routing.items.clone(),
        })
    }
}
