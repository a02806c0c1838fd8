//! What a case offers: the commands a role may issue now, and who must act next.

use crate::department::DepartmentCode;
use crate::role::Role;

use super::approval::ApprovalStatus;
use super::case::Case;
use super::command::{Actor, CommandKind};
use super::progress::NoticeStatus;
use super::rules;
use super::state::{CaseState, Party};

impl Case {
    /// The commands `role` could issue now, so screens show only possible buttons. Facts the
    /// case cannot know (missing materials, authorizations, the officer's department) are not
    /// checked here: `decide` may still refuse, saying why. Never includes `Create`.
    pub fn allowed_commands(&self, role: Role) -> Vec<CommandKind> {
        CommandKind::ALL
            .iter()
            .copied()
            .filter(|k| rules::role_may(*k, role) && rules::state_allows(*k, self.state))
            .filter(|k| self.possible_now(*k))
            .collect()
    }

    /// Like [`Case::allowed_commands`], also leaving out a resident's commands on a case that
    /// is not theirs.
    pub fn allowed_commands_for(&self, actor: &Actor) -> Vec<CommandKind> {
        let own = actor.role != Role::Resident || self.applicant == Some(actor.user);
        self.allowed_commands(actor.role)
            .into_iter()
            .filter(|k| own || !rules::owner_only(*k))
            .collect()
    }

    /// The preconditions the case itself can check.
    fn possible_now(&self, kind: CommandKind) -> bool {
        use CommandKind as K;
        let pending = || {
            self.items
                .iter()
                .filter(|p| p.decision.is_none() && !p.awaiting_reroute())
        };
        match kind {
            K::Submit => self
                .primary_item
                .as_ref()
                .is_some_and(|p| self.requested_items.contains(p)),
            K::ConfirmMaterialsComplete => !self.outstanding_materials.is_empty(),
            K::EconomicCheck => self.verification.economic_check.is_none(),
            K::HomeSurvey => self.verification.home_survey.is_none(),
            K::DemocraticAppraisal => self.verification.democratic_appraisal.is_none(),
            K::Decide => pending().next().is_some(),
            // The cap is the catalogue's, so only the case's own facts are checked here.
            K::ExtendDeadline | K::ReturnItem => pending().next().is_some(),
            K::Reroute => self.items.iter().any(|p| p.awaiting_reroute()),
            K::TellResult => self
                .items
                .iter()
                .any(|p| p.told_at.is_none() && p.result_ready_at().is_some()),
            K::StartPublicNotice => self.items.iter().any(|p| p.notice == NoticeStatus::Due),
            K::EndPublicNotice => self.items.iter().any(|p| {
                matches!(p.notice, NoticeStatus::Posted { .. })
                    && self.open_objections(&p.item).is_empty()
            }),
            K::FileObjection => self
                .items
                .iter()
                .any(|p| matches!(p.notice, NoticeStatus::Posted { .. })),
            K::ResolveObjection => self
                .items
                .iter()
                .any(|p| !self.open_objections(&p.item).is_empty()),
            K::NotifyResult => self.state == CaseState::Decided,
            K::Evaluate => self.evaluation.is_none(),
            K::RequestReview => self.review_requested_at.is_none(),
            K::AnswerReview => self.review_awaits_answer(),
            K::Route => self.approval == ApprovalStatus::Approved,
            K::ApproveRouting => self.approval != ApprovalStatus::Approved,
            K::ReturnForRevision => self.approval == ApprovalStatus::Awaiting,
            K::RequestApproval => self.approval == ApprovalStatus::Returned,
            _ => true,
        }
    }

    /// Who must act next, most urgent first; empty once archived. A case may wait on several
    /// parties at once (departments decide in parallel while verification goes on).
    pub fn pending_on(&self) -> Vec<Party> {
        use CaseState as S;
        let mut parties = Vec::new();
        match self.state {
            S::Draft | S::SupplementRequested => parties.push(Party::Applicant),
            S::Submitted | S::Resubmitted | S::Decided | S::ResultNotified => {
                parties.push(Party::Window)
            }
            // The leader agrees before the window routes (乌海 附件4 第一条).
            S::Accepted if self.approval == ApprovalStatus::Awaiting => parties.push(Party::Leader),
            S::Accepted => parties.push(Party::Window),
            S::Routed | S::InPublicNotice => {
                for p in self.items.iter().filter(|p| p.decision.is_none()) {
                    // A returned item waits for the window, a disputed one for civil affairs.
                    let party = match (p.awaiting_reroute(), p.disputed()) {
                        (true, true) => Party::Department(DepartmentCode::civil_affairs()),
                        (true, false) => Party::Window,
                        (false, _) => Party::Department(p.department.clone()),
                    };
                    if !parties.contains(&party) {
                        parties.push(party);
                    }
                }
                let untold = self
                    .items
                    .iter()
                    .any(|p| p.told_at.is_none() && p.result_ready_at().is_some());
                if untold && !parties.contains(&Party::Window) {
                    parties.push(Party::Window);
                }
            }
            S::NotAccepted | S::Closed | S::Withdrawn | S::Terminated => {
                // Only filing remains.
                parties.push(Party::Window)
            }
            S::Archived => {}
        }
        let handling = matches!(self.state, S::Accepted | S::Routed | S::InPublicNotice);
        let verifier_work = (matches!(self.state, S::Accepted | S::Routed)
            && !self.verification.is_complete())
            || self
                .items
                .iter()
                .any(|p| matches!(p.notice, NoticeStatus::Due | NoticeStatus::Posted { .. }));
        if handling && verifier_work {
            parties.push(Party::Verifier);
        }
        if handling && !self.outstanding_materials.is_empty() {
            parties.push(Party::Applicant);
        }
        parties
    }
}
