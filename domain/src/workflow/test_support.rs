//! Fixtures shared by the workflow tests.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::catalogue::{AidItemCode, MaterialCode};
use crate::department::DepartmentCode;
use crate::ids::{CaseId, MemberId, UserId};
use crate::role::Role;

use super::*;

pub fn at(hours: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000 + hours * 3600, 0).unwrap()
}

pub fn item(code: &str) -> AidItemCode {
    AidItemCode(code.to_owned())
}

pub fn dept(code: &str) -> DepartmentCode {
    DepartmentCode(code.to_owned())
}

pub fn mat(code: &str) -> MaterialCode {
    MaterialCode(code.to_owned())
}

pub fn member(n: u128) -> MemberId {
    MemberId(Uuid::from_u128(n))
}

/// The applicant's own account.
pub const APPLICANT: u128 = 1;
/// Another resident (a neighbour).
pub const NEIGHBOUR: u128 = 2;

/// The standard user of each role; residents are the applicant.
pub fn actor(role: Role) -> Actor {
    let n = match role {
        Role::Resident => APPLICANT,
        Role::Helper => 10,
        Role::WindowClerk => 11,
        Role::Verifier => 12,
        Role::DepartmentOfficer => 13,
        Role::Supervisor => 14,
        Role::Admin => 15,
        Role::TownshipLeader => 16,
    };
    Actor {
        user: UserId(Uuid::from_u128(n)),
        role,
    }
}

pub fn neighbour() -> Actor {
    Actor {
        user: UserId(Uuid::from_u128(NEIGHBOUR)),
        role: Role::Resident,
    }
}

pub fn dibao() -> AidItemCode {
    item("dibao")
}
pub fn medical() -> AidItemCode {
    item("medical")
}
pub fn civil() -> DepartmentCode {
    DepartmentCode::civil_affairs()
}
pub fn medsec() -> DepartmentCode {
    dept("medical_security")
}

/// The standard routing: 低保 to civil affairs (lead), medical aid to medical security.
pub fn routing() -> Routing {
    Routing {
        lead: civil(),
        items: vec![(dibao(), civil()), (medical(), medsec())],
    }
}

pub fn approve(item: AidItemCode, department: DepartmentCode, notice: bool) -> Command {
    Command::Decide {
        item,
        department,
        outcome: DecisionOutcome::Approve {
            amount: AidAmount {
                fen: 65_000,
                period: AmountPeriod::Monthly,
            },
        },
        facts: DecisionFacts {
            economic_check_required: true,
            needs_public_notice: notice,
            public_notice_days: None,
        },
    }
}

pub fn deny(item: AidItemCode, department: DepartmentCode) -> Command {
    Command::Decide {
        item,
        department,
        outcome: DecisionOutcome::Deny,
        facts: DecisionFacts::default(),
    }
}

/// The failed rule inside a precondition error; panics on any other error.
pub fn pre(e: WorkflowError) -> PreconditionFailed {
    match e {
        WorkflowError::Precondition { failed, .. } => failed,
        other => panic!("expected a precondition failure, got {other:?}"),
    }
}

/// A case with its history, advanced one hour per command.
pub struct World {
    pub case: Case,
    pub events: Vec<Event>,
    pub clock: i64,
}

impl World {
    /// A draft the applicant created online.
    pub fn new() -> World {
        let e = Case::create(
            CaseId(Uuid::from_u128(99)),
            Channel::Online,
            None,
            &actor(Role::Resident),
            at(0),
        )
        .unwrap();
        let case = Case::from_created(&e).unwrap();
        World {
            case,
            events: vec![e],
            clock: 0,
        }
    }

    /// A draft a helper created for the applicant (委托帮办), case number `n`, `hours` after
    /// the fixed start; the applicant has an account, so the applicant's steps work as usual.
    pub fn entrusted(n: u128, hours: i64) -> World {
        let e = Case::create(
            CaseId(Uuid::from_u128(n)),
            Channel::Entrusted,
            Some(actor(Role::Resident).user),
            &actor(Role::Helper),
            at(hours),
        )
        .unwrap();
        let case = Case::from_created(&e).unwrap();
        World {
            case,
            events: vec![e],
            clock: hours,
        }
    }

    /// Decides and applies; a fixed reason is given.
    pub fn run(&mut self, cmd: Command, role: Role) -> Result<(), WorkflowError> {
        self.run_as(cmd, &actor(role), Some("理由"))
    }

    pub fn run_as(
        &mut self,
        cmd: Command,
        by: &Actor,
        reason: Option<&str>,
    ) -> Result<(), WorkflowError> {
        self.clock += 1;
        let events = self.case.decide(&cmd, by, at(self.clock), reason)?;
        for e in events {
            self.case.apply(&e);
            self.events.push(e);
        }
        Ok(())
    }

    pub fn ok(&mut self, cmd: Command, role: Role) -> &mut World {
        let kind = cmd.kind();
        if let Err(e) = self.run(cmd, role) {
            panic!("{kind} by {role:?} in {}: {e}", self.case.state());
        }
        self
    }

    /// The township's steps on a submitted case up to the departments: accepted with nothing
    /// missing, the economic check, the leader's approval, routed by [`routing`].
    pub fn accept_and_route(&mut self) -> &mut World {
        self.ok(Command::Accept { missing: vec![] }, Role::WindowClerk)
            .ok(
                Command::EconomicCheck {
                    adults_without_authorization: vec![],
                    authorizations: vec![],
                },
                Role::Verifier,
            )
            .ok(Command::ApproveRouting, Role::TownshipLeader)
            .ok(Command::Route(routing()), Role::WindowClerk)
    }

    pub fn submitted() -> World {
        let mut w = World::new();
        w.ok(
            Command::EditDraft {
                items: vec![dibao(), medical()],
                primary: Some(dibao()),
            },
            Role::Resident,
        )
        .ok(Command::Submit, Role::Resident);
        w
    }

    /// Accepted and agreed by the township leader (同意分办), ready to route.
    pub fn accepted() -> World {
        let mut w = World::accepted_awaiting_leader();
        w.ok(Command::ApproveRouting, Role::TownshipLeader);
        w
    }

    /// Accepted, waiting for the township leader's approval.
    pub fn accepted_awaiting_leader() -> World {
        let mut w = World::submitted();
        w.ok(Command::Accept { missing: vec![] }, Role::WindowClerk);
        w
    }

    pub fn verified_and_routed() -> World {
        let mut w = World::accepted();
        w.ok(
            Command::EconomicCheck {
                adults_without_authorization: vec![],
                authorizations: vec![],
            },
            Role::Verifier,
        )
        .ok(Command::Route(routing()), Role::WindowClerk);
        w
    }

    /// 低保 approved and posted; medical aid approved without notice.
    pub fn in_notice() -> World {
        let mut w = World::verified_and_routed();
        w.ok(approve(dibao(), civil(), true), Role::DepartmentOfficer)
            .ok(approve(medical(), medsec(), false), Role::DepartmentOfficer)
            .ok(Command::StartPublicNotice { item: dibao() }, Role::Verifier);
        w
    }

    pub fn decided() -> World {
        let mut w = World::in_notice();
        w.ok(Command::EndPublicNotice { item: dibao() }, Role::Verifier);
        w
    }

    pub fn notified() -> World {
        let mut w = World::decided();
        w.ok(Command::NotifyResult, Role::WindowClerk);
        w
    }
}
