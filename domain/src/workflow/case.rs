//! The [`Case`] aggregate: its data, how it is created and rebuilt, and what it answers.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::catalogue::{AidItemCode, MaterialCode};
use crate::department::DepartmentCode;
use crate::ids::{CaseId, UserId};
use crate::role::Role;

use super::approval::{ApprovalStatus, LeaderOpinion};
use super::command::{Actor, CommandKind};
use super::error::WorkflowError;
use super::event::{Event, EventBody};
use super::inputs::{Channel, Satisfaction};
use super::progress::{
    ChaseNote, Ending, ItemProgress, Note, Objection, SubCase, SupplementPause, Verification,
};
use super::rules;
use super::state::CaseState;

/// The longest name of a referring township or office (外镇转来), in characters.
pub const REFERRER_MAX_CHARS: usize = 40;

/// One application and its whole flow. Only [`Case::apply`] changes it, so a case is always
/// what its events say; fields are private to keep it that way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub(super) id: CaseId,
    pub(super) channel: Channel,
    /// The township or office that referred a [`Channel::Referral`] case, as the window wrote it.
    #[serde(default)]
    pub(super) referred_by: Option<String>,
    pub(super) applicant: Option<UserId>,
    pub(super) created_by: Actor,
    pub(super) created_at: DateTime<Utc>,
    pub(super) state: CaseState,
    pub(super) requested_items: Vec<AidItemCode>,
    pub(super) primary_item: Option<AidItemCode>,
    pub(super) submitted_at: Option<DateTime<Utc>>,
    pub(super) pauses: Vec<SupplementPause>,
    pub(super) accepted_at: Option<DateTime<Utc>>,
    pub(super) urgent: bool,
    pub(super) outstanding_materials: Vec<MaterialCode>,
    pub(super) materials_completed_at: Option<DateTime<Utc>>,
    pub(super) verification: Verification,
    pub(super) lead: Option<DepartmentCode>,
    pub(super) sub_cases: Vec<SubCase>,
    pub(super) items: Vec<ItemProgress>,
    pub(super) objections: Vec<Objection>,
    pub(super) result_ready_at: Option<DateTime<Utc>>,
    pub(super) notified_at: Option<DateTime<Utc>>,
    pub(super) evaluation: Option<Satisfaction>,
    pub(super) ending: Option<Ending>,
    pub(super) archived_at: Option<DateTime<Utc>>,
    pub(super) supervision: Vec<Note>,
    pub(super) version: i64,
    /// 首问负责人: the first window clerk who took the request (乌海 附件3 第一条).
    #[serde(default)]
    pub(super) first_asker: Option<Actor>,
    /// The time of the latest event: no action may be dated before it.
    #[serde(default)]
    pub(super) last_event_at: Option<DateTime<Utc>>,
    /// Every time the window chased a department (催办).
    #[serde(default)]
    pub(super) chases: Vec<ChaseNote>,
    /// When the applicant asked for a review of the result (申请复核), if they did.
    #[serde(default)]
    pub(super) review_requested_at: Option<DateTime<Utc>>,
    /// When the window answered that request (答复复核申请), if it did.
    #[serde(default)]
    pub(super) review_answered_at: Option<DateTime<Utc>>,
    /// Where the township leader's approval of the routing stands (`approval`).
    #[serde(default)]
    pub(super) approval: ApprovalStatus,
    /// Every opinion the leader gave, oldest first.
    #[serde(default)]
    pub(super) leader_opinions: Vec<LeaderOpinion>,
}

impl Case {
    /// Decides the creation of a new draft case. A resident creates only their own case; a
    /// helper may name the resident's account or leave it empty (no account yet).
    pub fn create(
        id: CaseId,
        channel: Channel,
        applicant: Option<UserId>,
        by: &Actor,
        at: DateTime<Utc>,
    ) -> Result<Event, WorkflowError> {
        if !rules::role_may(CommandKind::Create, by.role) {
            return Err(WorkflowError::WrongRole {
                role: by.role,
                command: CommandKind::Create,
            });
        }
        let applicant = match by.role {
            Role::Resident if applicant.is_some_and(|a| a != by.user) => {
                return Err(WorkflowError::NotOwnCase {
                    command: CommandKind::Create,
                });
            }
            Role::Resident => Some(by.user),
            _ => applicant,
        };
        if channel == Channel::Referral {
            // Who referred it is part of the record: `create_referred` names them.
            return Err(WorkflowError::ReferrerRequired);
        }
        Ok(Event {
            case: id,
            by: *by,
            at,
            reason: None,
            body: EventBody::Created { channel, applicant },
        })
    }

    /// Decides the creation of a draft that another township's window or office referred here
    /// (首问负责制: the first to be asked sends the request on to where the family lives).
    /// Only the window enters one, naming who referred it (kept as the event's reason, at
    /// most [`REFERRER_MAX_CHARS`] characters).
    pub fn create_referred(
        id: CaseId,
        referred_by: &str,
        applicant: Option<UserId>,
        by: &Actor,
        at: DateTime<Utc>,
    ) -> Result<Event, WorkflowError> {
        if by.role != Role::WindowClerk {
            return Err(WorkflowError::WrongRole {
                role: by.role,
                command: CommandKind::Create,
            });
        }
        let referred_by = referred_by.trim();
        if referred_by.is_empty() || referred_by.chars().count() > REFERRER_MAX_CHARS {
            return Err(WorkflowError::ReferrerRequired);
        }
        Ok(Event {
            case: id,
            by: *by,
            at,
            reason: Some(referred_by.to_owned()),
            body: EventBody::Created {
                channel: Channel::Referral,
                applicant,
            },
        })
    }

    /// Rebuilds a case from its history; the first event must be `Created`, and every event
    /// must belong to the same case.
    pub fn replay<'a>(events: impl IntoIterator<Item = &'a Event>) -> Result<Case, WorkflowError> {
        let mut events = events.into_iter();
        let first = events.next().ok_or_else(|| WorkflowError::BadHistory {
            detail: "no events".to_owned(),
        })?;
        let mut case = Case::from_created(first)?;
        for e in events {
            if e.case != case.id {
                return Err(WorkflowError::BadHistory {
                    detail: format!(
                        "event of case {} in the history of case {}",
                        e.case, case.id
                    ),
                });
            }
            case.apply(e);
        }
        Ok(case)
    }

    /// The draft a `Created` event starts.
    pub fn from_created(event: &Event) -> Result<Case, WorkflowError> {
        let EventBody::Created { channel, applicant } = &event.body else {
            return Err(WorkflowError::BadHistory {
                detail: "the first event is not `created`".to_owned(),
            });
        };
        Ok(Case {
            id: event.case,
            channel: *channel,
            referred_by: (*channel == Channel::Referral)
                .then(|| event.reason.clone())
                .flatten(),
            applicant: *applicant,
            created_by: event.by,
            created_at: event.at,
            state: CaseState::Draft,
            requested_items: Vec::new(),
            primary_item: None,
            submitted_at: None,
            pauses: Vec::new(),
            accepted_at: None,
            urgent: false,
            outstanding_materials: Vec::new(),
            materials_completed_at: None,
            verification: Verification::default(),
            lead: None,
            sub_cases: Vec::new(),
            items: Vec::new(),
            objections: Vec::new(),
            result_ready_at: None,
            notified_at: None,
            evaluation: None,
            ending: None,
            archived_at: None,
            supervision: Vec::new(),
            version: 1,
            first_asker: (event.by.role == Role::WindowClerk).then_some(event.by),
            last_event_at: Some(event.at),
            chases: Vec::new(),
            review_requested_at: None,
            review_answered_at: None,
            approval: ApprovalStatus::Awaiting,
            leader_opinions: Vec::new(),
        })
    }

    /// The case id.
    pub fn id(&self) -> CaseId {
        self.id
    }
    /// Where the case stands.
    pub fn state(&self) -> CaseState {
        self.state
    }
    /// Still being handled (see [`CaseState::is_open`]).
    pub fn is_open(&self) -> bool {
        self.state.is_open()
    }
    /// Handling has ended (see [`CaseState::is_terminal`]).
    pub fn is_terminal(&self) -> bool {
        self.state.is_terminal()
    }
    /// How the application came in.
    pub fn channel(&self) -> Channel {
        self.channel
    }
    /// Who referred a [`Channel::Referral`] case (another township's window or office).
    pub fn referred_by(&self) -> Option<&str> {
        self.referred_by.as_deref()
    }
    /// The resident's account, if the applicant has one.
    pub fn applicant(&self) -> Option<UserId> {
        self.applicant
    }
    /// Who created the case.
    pub fn created_by(&self) -> Actor {
        self.created_by
    }
    /// When the case was created.
    pub fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
    /// Requested items.
    pub fn requested_items(&self) -> &[AidItemCode] {
        &self.requested_items
    }
    /// The main request.
    pub fn primary_item(&self) -> Option<&AidItemCode> {
        self.primary_item.as_ref()
    }
    /// When first submitted.
    pub fn submitted_at(&self) -> Option<DateTime<Utc>> {
        self.submitted_at
    }
    /// Every 补证 round, oldest first: the clock waits inside each.
    pub fn supplement_pauses(&self) -> &[SupplementPause] {
        &self.pauses
    }
    /// When accepted (受理); routing must follow within 1 working day.
    pub fn accepted_at(&self) -> Option<DateTime<Utc>> {
        self.accepted_at
    }
    /// Whether it was accepted urgently (先行受理).
    pub fn accepted_urgently(&self) -> bool {
        self.urgent
    }
    /// Materials still outstanding since urgent acceptance; approval waits for them.
    pub fn outstanding_materials(&self) -> &[MaterialCode] {
        &self.outstanding_materials
    }
    /// When the outstanding materials were confirmed complete.
    pub fn materials_completed_at(&self) -> Option<DateTime<Utc>> {
        self.materials_completed_at
    }
    /// Verification sub-steps done.
    pub fn verification(&self) -> &Verification {
        &self.verification
    }
    /// The lead department, once routed.
    pub fn lead(&self) -> Option<&DepartmentCode> {
        self.lead.as_ref()
    }
    /// One sub-case per department, each with its own `routed_at`.
    pub fn sub_cases(&self) -> &[SubCase] {
        &self.sub_cases
    }
    /// Every routed item with its decision, notice and extension.
    pub fn items(&self) -> &[ItemProgress] {
        &self.items
    }
    /// The progress of one routed item.
    pub fn item(&self, item: &AidItemCode) -> Option<&ItemProgress> {
        self.items.iter().find(|p| &p.item == item)
    }
    /// Every objection filed.
    pub fn objections(&self) -> &[Objection] {
        &self.objections
    }
    /// When every item was decided and every notice over: the window's 2-working-day feedback
    /// clock starts here.
    pub fn decided_at(&self) -> Option<DateTime<Utc>> {
        self.result_ready_at
    }
    /// When the applicant was told.
    pub fn notified_at(&self) -> Option<DateTime<Utc>> {
        self.notified_at
    }
    /// The applicant's rating.
    pub fn evaluation(&self) -> Option<Satisfaction> {
        self.evaluation
    }
    /// How the case ended (kept after archiving).
    pub fn ending(&self) -> Option<&Ending> {
        self.ending.as_ref()
    }
    /// When it was filed.
    pub fn archived_at(&self) -> Option<DateTime<Utc>> {
        self.archived_at
    }
    /// Supervision notes (督办).
    pub fn supervision_notes(&self) -> &[Note] {
        &self.supervision
    }
    /// 首问负责人: the first window clerk who took the request; stays on the case.
    pub fn first_asker(&self) -> Option<Actor> {
        self.first_asker
    }
    /// When the latest event happened; a new action may not be dated earlier.
    pub fn last_event_at(&self) -> Option<DateTime<Utc>> {
        self.last_event_at
    }
    /// Every time the window chased a department (催办), oldest first.
    pub fn chases(&self) -> &[ChaseNote] {
        &self.chases
    }
    /// Where the township leader's approval of the routing stands.
    pub fn approval(&self) -> ApprovalStatus {
        self.approval
    }
    /// Every opinion of the township leader, oldest first.
    pub fn leader_opinions(&self) -> &[LeaderOpinion] {
        &self.leader_opinions
    }
    /// The leader's agreement in force (the last opinion, when it agreed).
    pub fn routing_approval(&self) -> Option<&LeaderOpinion> {
        self.leader_opinions
            .last()
            .filter(|o| o.approved && self.approval == ApprovalStatus::Approved)
    }
    /// How many events built this case; sync uses it to detect a lost race.
    pub fn version(&self) -> i64 {
        self.version
    }
}
