//! One demo case being told (`Story`): each command decided by the workflow's own rules by
//! the demo account of the role that issues it, then applied, so every demo history is one the
//! server would have accepted. Shared by the helper's cases (`cases`) and the township's
//! (`cases::township`).

use chrono::{DateTime, Duration, Utc};
use domain::catalogue::{AidItemCode, Catalogue};
use domain::department::DepartmentCode;
use domain::fieldwork::{AttachmentRef, EntrustmentChannel, EntrustmentId, EntrustmentRecord};
use domain::household::{Household, Relation};
use domain::ids::{CaseId, UserId};
use domain::role::Role;
use domain::routing::{HardshipFacts, route};
use domain::sync::CaseRecord;
use domain::workflow::{
    Actor, AidAmount, AmountPeriod, Case, Channel, Command, DecisionOutcome, Event,
};
use uuid::Uuid;

use super::cases::{DemoCases, Staff};

pub(super) fn applicant_of(h: &Household) -> anyhow::Result<&domain::household::Member> {
    h.members
        .iter()
        .find(|m| m.relation == Relation::Applicant)
        .ok_or_else(|| anyhow::anyhow!("demo household without applicant"))
}

/// One case being told: each command decided by the workflow, then applied.
pub(super) struct Story<'a> {
    pub(super) record: CaseRecord,
    pub(super) household: &'a Household,
    pub(super) staff: &'a Staff,
    pub(super) catalogue: &'a Catalogue,
    pub(super) entrustment: EntrustmentId,
    pub(super) started: DateTime<Utc>,
    /// Department officers besides the civil-affairs one (`staff.officer`).
    pub(super) officers: Vec<(DepartmentCode, UserId)>,
}

impl<'a> Story<'a> {
    /// An entrusted draft the helper opens for `household` at `at`.
    pub(super) fn new(
        household: &'a Household,
        applicant: Option<UserId>,
        staff: &'a Staff,
        catalogue: &'a Catalogue,
        at: DateTime<Utc>,
    ) -> anyhow::Result<Story<'a>> {
        let helper = Actor {
            user: staff.helper,
            role: Role::Helper,
        };
        Self::opened(
            household,
            Channel::Entrusted,
            &helper,
            applicant,
            staff,
            catalogue,
            at,
        )
    }

    /// A draft `by` opens for `household` at `at`, come in through `channel`.
    pub(super) fn opened(
        household: &'a Household,
        channel: Channel,
        by: &Actor,
        applicant: Option<UserId>,
        staff: &'a Staff,
        catalogue: &'a Catalogue,
        at: DateTime<Utc>,
    ) -> anyhow::Result<Story<'a>> {
        let id = CaseId(Uuid::now_v7());
        let created = Case::create(id, channel, applicant, by, at)?;
        let case = Case::from_created(&created)?;
        Ok(Story {
            record: CaseRecord {
                household: household.id,
                case,
                events: vec![created],
            },
            household,
            staff,
            catalogue,
            entrustment: EntrustmentId(Uuid::now_v7()),
            started: at,
            officers: Vec::new(),
        })
    }

    /// The draft just opened came from another township's window (外镇转来), which `from`
    /// names: its creation is made again as a referral, by the same person at the same time.
    pub(super) fn referred(mut self, from: &str) -> anyhow::Result<Self> {
        let first = &self.record.events[0];
        let case = &self.record.case;
        let created =
            Case::create_referred(case.id(), from, case.applicant(), &first.by, first.at)?;
        self.record.case = Case::from_created(&created)?;
        self.record.events = vec![created];
        Ok(self)
    }

    pub(super) fn actor(&self, role: Role) -> Actor {
        let user = match role {
            Role::WindowClerk => self.staff.clerk,
            Role::Verifier => self.staff.verifier,
            Role::DepartmentOfficer => self.staff.officer,
            Role::TownshipLeader => self.staff.leader,
            _ => self.staff.helper,
        };
        Actor { user, role }
    }

    /// Decides `command` by `by` at `at` and applies its events.
    pub(super) fn run(
        &mut self,
        command: Command,
        by: Actor,
        at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        self.run_saying(command, by, at, None)
    }

    /// Like [`Story::run`], with the written reason or note the command carries.
    pub(super) fn run_saying(
        &mut self,
        command: Command,
        by: Actor,
        at: DateTime<Utc>,
        reason: Option<&str>,
    ) -> anyhow::Result<()> {
        let events: Vec<Event> = self
            .record
            .case
            .decide(&command, &by, at, reason)
            .map_err(|e| anyhow::anyhow!("demo case, {}: {}", command.kind(), e.message_zh()))?;
        for e in events {
            self.record.case.apply(&e);
            self.record.events.push(e);
        }
        Ok(())
    }

    /// The helper's command, `minutes` after the case was opened.
    pub(super) fn helper(&mut self, command: Command, minutes: i64) -> anyhow::Result<&mut Self> {
        let at = self.started + Duration::minutes(minutes);
        self.run(command, self.actor(Role::Helper), at)?;
        Ok(self)
    }

    /// The helper fills in the items (the first is the main request).
    pub(super) fn draft(&mut self, items: &[&str], minutes: i64) -> anyhow::Result<&mut Self> {
        let items: Vec<AidItemCode> = items.iter().map(|i| AidItemCode((*i).into())).collect();
        let primary = items.first().cloned();
        self.helper(Command::EditDraft { items, primary }, minutes)
    }

    pub(super) fn clerk_at(&mut self, command: Command, at: DateTime<Utc>) -> anyhow::Result<()> {
        self.run(command, self.actor(Role::WindowClerk), at)
    }

    pub(super) fn verifier_at(
        &mut self,
        command: Command,
        at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        self.run(command, self.actor(Role::Verifier), at)
    }

    /// The township leader agrees to the routing (同意分办) at `at`.
    pub(super) fn leader_approves_at(&mut self, at: DateTime<Utc>) -> anyhow::Result<()> {
        self.run_saying(
            Command::ApproveRouting,
            self.actor(Role::TownshipLeader),
            at,
            Some("同意分办"),
        )
    }

    /// The window routes as the server would, from the catalogue, once the township leader
    /// agreed (乌海 附件4 第一条: the leader agrees first, at the same time here).
    pub(super) fn route_at(&mut self, at: DateTime<Utc>) -> anyhow::Result<()> {
        if self.record.case.approval() != domain::workflow::ApprovalStatus::Approved {
            self.leader_approves_at(at)?;
        }
        let case = &self.record.case;
        let routing = route(
            self.catalogue,
            case.requested_items(),
            case.primary_item(),
            HardshipFacts::default(),
        )?;
        self.clerk_at(Command::Route(routing.to_workflow()), at)
    }

    /// The civil-affairs officer approves `item` with `fen`.
    pub(super) fn approve_at(
        &mut self,
        item: &str,
        fen: i64,
        period: AmountPeriod,
        at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let outcome = DecisionOutcome::Approve {
            amount: AidAmount { fen, period },
        };
        self.decide_at(item, outcome, None, at)
    }

    /// The officer of the department `item` was routed to decides it.
    pub(super) fn decide_at(
        &mut self,
        item: &str,
        outcome: DecisionOutcome,
        reason: Option<&str>,
        at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let item = AidItemCode(item.into());
        let facts = self
            .catalogue
            .decision_facts(&item)
            .ok_or_else(|| anyhow::anyhow!("{} not in the catalogue", item.as_str()))?;
        let (department, by) = self.officer_for(&item)?;
        let command = Command::Decide {
            item,
            department,
            outcome,
            facts,
        };
        self.run_saying(command, by, at, reason)
    }

    /// The department `item` was routed to, and its demo officer.
    pub(super) fn officer_for(
        &self,
        item: &AidItemCode,
    ) -> anyhow::Result<(DepartmentCode, Actor)> {
        let department = self
            .record
            .case
            .item(item)
            .map(|p| p.department.clone())
            .ok_or_else(|| anyhow::anyhow!("{} is not routed", item.as_str()))?;
        let user = if department == DepartmentCode::civil_affairs() {
            self.staff.officer
        } else {
            self.officers
                .iter()
                .find(|(d, _)| *d == department)
                .map(|(_, u)| *u)
                .ok_or_else(|| anyhow::anyhow!("no demo officer of {}", department.as_str()))?
        };
        let role = Role::DepartmentOfficer;
        Ok((department, Actor { user, role }))
    }

    /// The case and the entrustment that lists it (received just before the case opened).
    pub(super) fn finish(
        self,
        channel: EntrustmentChannel,
        signature: Option<AttachmentRef>,
        out: &mut DemoCases,
    ) -> anyhow::Result<()> {
        let applicant = applicant_of(self.household)?;
        let items = self.record.case.requested_items().to_vec();
        out.entrustments.push(EntrustmentRecord {
            id: self.entrustment,
            household: self.household.id,
            entrusting_member: applicant.id,
            entrusting_name: applicant.name.clone(),
            helper: self.staff.helper,
            main_item: self.record.case.primary_item().cloned(),
            items,
            channel,
            received_at: self.started - Duration::minutes(30),
            signature,
            cases: vec![self.record.case.id()],
            termination: None,
        });
        out.cases.push(self.record);
        Ok(())
    }

    /// The case alone: it came in without an entrustment.
    pub(super) fn finish_unentrusted(self, out: &mut DemoCases) {
        out.cases.push(self.record);
    }
}
