//! [`Case::decide`]: whether a command may happen, and the events it produces. Pure.
//!
//! Every command passes, in order: the role table, the state table ([`super::rules`]), the
//! resident-owns-the-case check, the written-reason check, then its own preconditions.

use chrono::{DateTime, Utc};

use crate::catalogue::AidItemCode;
use crate::role::Role;

use super::case::Case;
use super::command::{Actor, Command, CommandKind};
use super::error::WorkflowError;
use super::event::{Event, EventBody};
use super::inputs::normalized_materials;
use super::notice_rule::{normalized_seen, renamed_unchanged};
use super::precondition::PreconditionFailed;
use super::rules;

/// Shorthand for a failed precondition of `command`.
pub(super) fn failed(command: CommandKind, failed: PreconditionFailed) -> WorkflowError {
    WorkflowError::Precondition { command, failed }
}

impl Case {
    /// Decides `command` by `by` at `at`, with an optional written `reason` (trimmed; blank
    /// counts as none). Returns the events to record and apply; never changes the case.
    pub fn decide(
        &self,
        command: &Command,
        by: &Actor,
        at: DateTime<Utc>,
        reason: Option<&str>,
    ) -> Result<Vec<Event>, WorkflowError> {
        let kind = command.kind();
        if !rules::role_may(kind, by.role) {
            return Err(WorkflowError::WrongRole {
                role: by.role,
                command: kind,
            });
        }
        if !rules::state_allows(kind, self.state) {
            return Err(WorkflowError::WrongState {
                state: self.state,
                command: kind,
            });
        }
        if rules::owner_only(kind) && by.role == Role::Resident && self.applicant != Some(by.user) {
            return Err(WorkflowError::NotOwnCase { command: kind });
        }
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        if rules::reason_required(kind) && reason.is_none() {
            return Err(WorkflowError::ReasonRequired { command: kind });
        }
        // Backdating is refused: an action's time may not precede the latest event (issue 19,
        // "Bad input and conflicts"), so the record reads in the order things happened.
        if let Some(last) = self.last_event_at.filter(|last| at < *last) {
            return Err(WorkflowError::Backdated { at, last });
        }
        let body = match command {
            Command::EditDraft { items, primary } => {
                if let Some(item) = first_duplicate(items) {
                    return Err(failed(kind, PreconditionFailed::DuplicateItem { item }));
                }
                EventBody::DraftEdited {
                    items: items.clone(),
                    primary: primary.clone(),
                }
            }
            Command::Submit => self.decide_submit()?,
            Command::RequestSupplement { missing, seen } => {
                if missing.is_empty() {
                    return Err(failed(kind, PreconditionFailed::NothingMissing));
                }
                let missing = normalized_materials(missing);
                let seen = normalized_seen(seen);
                let materials = renamed_unchanged(self.pauses.last(), &missing, &seen);
                if !materials.is_empty() {
                    return Err(WorkflowError::NoticeAlreadyGiven { materials });
                }
                EventBody::SupplementRequested { missing, seen }
            }
            Command::Resubmit => EventBody::Resubmitted,
            Command::Accept { missing } | Command::ConfirmMaterialsComplete { missing } => {
                if !missing.is_empty() {
                    let missing = normalized_materials(missing);
                    return Err(failed(
                        kind,
                        PreconditionFailed::MaterialsMissing { missing },
                    ));
                }
                if kind == CommandKind::Accept {
                    EventBody::Accepted
                } else if self.outstanding_materials.is_empty() {
                    // Nothing was outstanding: confirming is meaningless, say so plainly.
                    return Err(failed(kind, PreconditionFailed::NothingMissing));
                } else {
                    EventBody::MaterialsCompleted
                }
            }
            Command::UrgentAccept {
                missing,
                urgent_allowed,
                flagged_urgent,
            } => {
                if !urgent_allowed && !flagged_urgent {
                    return Err(failed(kind, PreconditionFailed::UrgentNotAllowed));
                }
                // The window's own judgement of urgency is written down (首问责任人 answers for it).
                if *flagged_urgent && !urgent_allowed && reason.is_none() {
                    return Err(WorkflowError::ReasonRequired { command: kind });
                }
                if missing.is_empty() {
                    return Err(failed(kind, PreconditionFailed::NothingMissing));
                }
                EventBody::UrgentlyAccepted {
                    outstanding: normalized_materials(missing),
                    flagged_by_window: *flagged_urgent && !urgent_allowed,
                }
            }
            Command::NotAccept {
                referral,
                kind: referral_kind,
            } => {
                let referral = referral.trim();
                if referral.is_empty() {
                    return Err(failed(kind, PreconditionFailed::ReferralRequired));
                }
                EventBody::NotAccepted {
                    referral: referral.to_owned(),
                    kind: *referral_kind,
                }
            }
            Command::ApproveRouting | Command::ReturnForRevision | Command::RequestApproval => {
                self.decide_approval(kind)?
            }
            Command::EconomicCheck { .. }
            | Command::HomeSurvey
            | Command::DemocraticAppraisal
            | Command::Route(_)
            | Command::Decide { .. }
            | Command::ExtendDeadline { .. } => self.decide_handling(command, reason)?,
            Command::StartPublicNotice { .. }
            | Command::EndPublicNotice { .. }
            | Command::FileObjection { .. }
            | Command::ResolveObjection { .. }
            | Command::NotifyResult => self.decide_notice(command, at)?,
            Command::ReturnItem { .. }
            | Command::Reroute { .. }
            | Command::TellResult { .. }
            | Command::Chase { .. } => self.decide_items(command, by)?,
            Command::Evaluate { satisfaction } => {
                if self.evaluation.is_some() {
                    return Err(failed(kind, PreconditionFailed::AlreadyEvaluated));
                }
                EventBody::Evaluated {
                    satisfaction: *satisfaction,
                }
            }
            Command::Close => EventBody::Closed,
            Command::Archive => EventBody::Archived,
            Command::Withdraw => EventBody::Withdrawn,
            Command::Terminate => EventBody::Terminated,
            Command::Supervise => EventBody::SupervisionNoted,
            Command::RequestReview => self.decide_review(at)?,
            Command::AnswerReview => self.decide_review_answer()?,
        };
        Ok(vec![Event {
            case: self.id,
            by: *by,
            at,
            reason: reason.map(str::to_owned),
            body,
        }])
    }

    /// The leader's opinion, or the window's new request (`approval`).
    fn decide_approval(&self, kind: CommandKind) -> Result<EventBody, WorkflowError> {
        use super::approval::ApprovalStatus as A;
        match (kind, self.approval) {
            (CommandKind::ApproveRouting | CommandKind::ReturnForRevision, A::Approved) => {
                Err(failed(kind, PreconditionFailed::RoutingAlreadyApproved))
            }
            (CommandKind::ApproveRouting, _) => Ok(EventBody::RoutingApproved),
            (CommandKind::ReturnForRevision, A::Returned) => {
                Err(failed(kind, PreconditionFailed::AlreadyReturned))
            }
            (CommandKind::ReturnForRevision, A::Awaiting) => Ok(EventBody::ReturnedForRevision),
            (_, A::Returned) => Ok(EventBody::ApprovalRequested),
            (_, _) => Err(failed(kind, PreconditionFailed::ApprovalNotReturned)),
        }
    }

    fn decide_submit(&self) -> Result<EventBody, WorkflowError> {
        let kind = CommandKind::Submit;
        if self.requested_items.is_empty() {
            return Err(failed(kind, PreconditionFailed::NoItemsRequested));
        }
        let Some(primary) = &self.primary_item else {
            return Err(failed(kind, PreconditionFailed::NoPrimaryItem));
        };
        if !self.requested_items.contains(primary) {
            let primary = primary.clone();
            return Err(failed(
                kind,
                PreconditionFailed::PrimaryNotRequested { primary },
            ));
        }
        Ok(EventBody::Submitted)
    }
}

/// The first item listed twice, if any.
pub(super) fn first_duplicate(items: &[AidItemCode]) -> Option<AidItemCode> {
    items
        .iter()
        .enumerate()
        .find(|(i, item)| items[..*i].contains(item))
        .map(|(_, item)| item.clone())
}
