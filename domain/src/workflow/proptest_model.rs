//! Random commands for the property tests.

use proptest::prelude::*;

use crate::catalogue::AidItemCode;
use crate::department::DepartmentCode;
use crate::role::Role;

use super::proptest_finish::next_step;
use super::proptest_model_items::materialize_item_seed;
use super::test_support::*;
use super::*;

/// A command with its arguments still to be fitted to the case (routing needs the case's
/// requested items; departments are right most of the time so decisions do happen).
#[derive(Debug, Clone)]
pub enum Seed {
    Edit(Vec<u8>, Option<u8>),
    Plain(CommandKind),
    Materials(CommandKind, Vec<u8>),
    Urgent(Vec<u8>, bool),
    NotAccept(bool),
    Check(Vec<u8>),
    Route {
        correct: bool,
        civil_lead: bool,
        drop: bool,
    },
    Decide {
        item: u8,
        right_dept: bool,
        amount: i64,
        approve: bool,
        econ: bool,
        notice: bool,
    },
    Extend {
        item: u8,
        right_dept: bool,
        days: i64,
    },
    Notice(CommandKind, u8),
    Resolve(i64, bool),
    /// Return item `item` by its department (or another).
    Return {
        item: u8,
        right_dept: bool,
    },
    /// Route a returned item again: by the window, or by a civil affairs officer.
    Reroute {
        item: u8,
        to: u8,
        civil: bool,
    },
    /// Tell one item's result.
    Tell(u8),
    /// Chase one item, or the whole case.
    Chase(Option<u8>),
    /// The next step of the ordinary path (`next_step`), so random runs get deep.
    Progress,
}

/// One random step: the seed, the acting role (or a neighbour resident), and a reason or not.
#[derive(Debug, Clone)]
pub struct Op {
    pub seed: Seed,
    pub role: Role,
    pub neighbour: bool,
    pub reason: bool,
    /// Whether the role was chosen to fit the command.
    pub fitting: bool,
}

const ITEMS: [&str; 3] = ["dibao", "medical", "education"];

pub fn pool_item(i: u8) -> AidItemCode {
    item(ITEMS[i as usize % ITEMS.len()])
}

/// The department the catalogue would give each item.
pub fn dept_of(i: &AidItemCode) -> DepartmentCode {
    match i.as_str() {
        "dibao" => civil(),
        "medical" => medsec(),
        _ => dept("education"),
    }
}

fn seed() -> impl Strategy<Value = Seed> {
    use CommandKind as K;
    let idx = || proptest::collection::vec(0u8..3, 0..3);
    let plain = prop::sample::select(vec![
        K::Submit,
        K::Resubmit,
        K::HomeSurvey,
        K::DemocraticAppraisal,
        K::NotifyResult,
        K::Evaluate,
        K::Close,
        K::Archive,
        K::Supervise,
    ]);
    let leader = prop::sample::select(vec![
        K::ApproveRouting,
        K::ReturnForRevision,
        K::RequestApproval,
    ]);
    // Withdrawing ends a run, so it is rare.
    let leave = prop::sample::select(vec![
        K::Withdraw,
        K::Terminate,
        K::Supervise,
        K::Supervise,
        K::Supervise,
    ]);
    let mats = prop::sample::select(vec![
        K::RequestSupplement,
        K::Accept,
        K::ConfirmMaterialsComplete,
    ]);
    let notice = prop::sample::select(vec![
        K::StartPublicNotice,
        K::EndPublicNotice,
        K::FileObjection,
    ]);
    prop_oneof![
        1 => (idx(), prop::option::of(0u8..3)).prop_map(|(i, p)| Seed::Edit(i, p)),
        3 => plain.prop_map(Seed::Plain),
        1 => leave.prop_map(Seed::Plain),
        1 => leader.prop_map(Seed::Plain),
        8 => Just(Seed::Progress),
        3 => (mats, proptest::collection::vec(0u8..2, 0..2)).prop_map(|(k, m)| Seed::Materials(k, m)),
        1 => (proptest::collection::vec(0u8..2, 0..2), any::<bool>()).prop_map(|(m, a)| Seed::Urgent(m, a)),
        1 => any::<bool>().prop_map(Seed::NotAccept),
        2 => proptest::collection::vec(0u8..2, 0..2).prop_map(Seed::Check),
        2 => (prop::bool::weighted(0.8), any::<bool>(), prop::bool::weighted(0.1))
            .prop_map(|(correct, civil_lead, drop)| Seed::Route { correct, civil_lead, drop }),
        4 => (0u8..3, prop::bool::weighted(0.8), prop::sample::select(vec![-1i64, 0, 50_000]),
              prop::bool::weighted(0.7), any::<bool>(), any::<bool>())
            .prop_map(|(item, right_dept, amount, approve, econ, notice)| Seed::Decide {
                item, right_dept, amount, approve, econ, notice }),
        1 => (0u8..3, prop::bool::weighted(0.8), -1i64..4)
            .prop_map(|(item, right_dept, days)| Seed::Extend { item, right_dept, days }),
        3 => (notice, 0u8..3).prop_map(|(k, i)| Seed::Notice(k, i)),
        2 => (1i64..4, any::<bool>()).prop_map(|(n, u)| Seed::Resolve(n, u)),
        1 => (0u8..3, prop::bool::weighted(0.8))
            .prop_map(|(item, right_dept)| Seed::Return { item, right_dept }),
        1 => (0u8..3, 0u8..3, any::<bool>())
            .prop_map(|(item, to, civil)| Seed::Reroute { item, to, civil }),
        2 => (0u8..3).prop_map(Seed::Tell),
        1 => prop::option::of(0u8..3).prop_map(Seed::Chase),
    ]
}

pub fn op() -> impl Strategy<Value = Op> {
    (
        seed(),
        prop::sample::select(Role::ALL.to_vec()),
        prop::bool::weighted(0.7),
        prop::bool::weighted(0.1),
        prop::bool::weighted(0.85),
    )
        .prop_map(|(seed, random_role, fitting, neighbour, reason)| {
            // Most steps use a role that may issue the command, so random runs get far.
            let kind = materialize_kind(&seed);
            let fitting_role = Role::ALL.into_iter().find(|r| rules::role_may(kind, *r));
            let role = if fitting {
                fitting_role.unwrap_or(random_role)
            } else {
                random_role
            };
            Op {
                seed,
                role,
                neighbour,
                reason,
                fitting,
            }
        })
}

fn materialize_kind(seed: &Seed) -> CommandKind {
    match seed {
        Seed::Edit(..) => CommandKind::EditDraft,
        Seed::Plain(k) | Seed::Materials(k, _) | Seed::Notice(k, _) => *k,
        Seed::Urgent(..) => CommandKind::UrgentAccept,
        Seed::NotAccept(_) => CommandKind::NotAccept,
        Seed::Check(_) => CommandKind::EconomicCheck,
        Seed::Route { .. } => CommandKind::Route,
        Seed::Decide { .. } => CommandKind::Decide,
        Seed::Extend { .. } => CommandKind::ExtendDeadline,
        Seed::Resolve(..) => CommandKind::ResolveObjection,
        Seed::Return { .. } => CommandKind::ReturnItem,
        Seed::Reroute { .. } => CommandKind::Reroute,
        Seed::Tell(_) => CommandKind::TellResult,
        Seed::Chase(_) => CommandKind::Chase,
        Seed::Progress => CommandKind::Supervise,
    }
}

/// The concrete command and actor of `op` for this case.
pub fn materialize_op(op: &Op, case: &Case) -> (Command, Actor) {
    let mut role = op.role;
    let cmd = match (&op.seed, next_step(case)) {
        (Seed::Progress, Some((cmd, fitting_role))) => {
            if op.fitting {
                role = fitting_role;
            }
            cmd
        }
        (seed, _) => materialize(seed, case),
    };
    let by = if op.neighbour && role == Role::Resident {
        neighbour()
    } else {
        actor(role)
    };
    (cmd, by)
}

/// The concrete command for this case.
pub fn materialize(seed: &Seed, case: &Case) -> Command {
    let mats = |m: &[u8]| m.iter().map(|i| mat(["a", "b"][*i as usize % 2])).collect();
    let wrong = |d: DepartmentCode| if d == civil() { medsec() } else { civil() };
    match seed {
        Seed::Edit(items, primary) => Command::EditDraft {
            items: items.iter().map(|i| pool_item(*i)).collect(),
            primary: primary.map(pool_item),
        },
        Seed::Plain(k) => plain(*k),
        Seed::Materials(CommandKind::RequestSupplement, m) => Command::RequestSupplement {
            seen: vec![],
            missing: mats(m),
        },
        Seed::Materials(CommandKind::Accept, m) => Command::Accept { missing: mats(m) },
        Seed::Materials(_, m) => Command::ConfirmMaterialsComplete { missing: mats(m) },
        Seed::Urgent(m, allowed) => Command::UrgentAccept {
            missing: mats(m),
            urgent_allowed: *allowed,
            flagged_urgent: false,
        },
        Seed::NotAccept(empty) => Command::NotAccept {
            referral: if *empty { " " } else { "区人社局" }.to_owned(),
            kind: Default::default(),
        },
        Seed::Check(m) => Command::EconomicCheck {
            adults_without_authorization: m.iter().map(|i| member(*i as u128)).collect(),
            authorizations: vec![],
        },
        Seed::Route {
            correct,
            civil_lead,
            drop,
        } => {
            let mut items: Vec<_> = case
                .requested_items()
                .iter()
                .map(|i| (i.clone(), dept_of(i)))
                .collect();
            if !correct {
                items.push((pool_item(2), dept("education")));
            }
            if *drop {
                items.pop();
            }
            let lead = match (civil_lead, case.primary_item()) {
                (false, Some(p)) => dept_of(p),
                _ => civil(),
            };
            Command::Route(Routing { lead, items })
        }
        Seed::Decide {
            item,
            right_dept,
            amount,
            approve,
            econ,
            notice,
        } => {
            let item = pool_item(*item);
            let d = dept_of(&item);
            Command::Decide {
                department: if *right_dept { d } else { wrong(d) },
                item,
                outcome: if *approve {
                    DecisionOutcome::Approve {
                        amount: AidAmount {
                            fen: *amount,
                            period: AmountPeriod::Monthly,
                        },
                    }
                } else {
                    DecisionOutcome::Deny
                },
                facts: DecisionFacts {
                    economic_check_required: *econ,
                    needs_public_notice: *notice,
                    public_notice_days: None,
                },
            }
        }
        Seed::Extend {
            item,
            right_dept,
            days,
        } => {
            let item = pool_item(*item);
            let d = dept_of(&item);
            Command::ExtendDeadline {
                department: if *right_dept { d } else { wrong(d) },
                item,
                working_days: *days,
                cap_days: None,
            }
        }
        Seed::Notice(CommandKind::StartPublicNotice, i) => Command::StartPublicNotice {
            item: pool_item(*i),
        },
        Seed::Notice(CommandKind::EndPublicNotice, i) => Command::EndPublicNotice {
            item: pool_item(*i),
        },
        Seed::Notice(_, i) => {
            // Mostly aim at a posted item: notices are short in random runs.
            let posted = case
                .items()
                .iter()
                .find(|p| matches!(p.notice, NoticeStatus::Posted { .. }));
            match posted {
                Some(p) if *i > 0 => Command::FileObjection {
                    item: p.item.clone(),
                },
                _ => Command::FileObjection {
                    item: pool_item(*i),
                },
            }
        }
        Seed::Resolve(n, upheld) => {
            // Mostly aim at an open objection: they are short-lived in random runs.
            let open = case
                .objections()
                .iter()
                .find(|o| o.status == ObjectionStatus::Open);
            Command::ResolveObjection {
                objection: match open {
                    Some(o) if *n > 1 => o.number,
                    _ => *n,
                },
                upheld: *upheld,
            }
        }
        Seed::Return { .. } | Seed::Reroute { .. } | Seed::Tell(_) | Seed::Chase(_) => {
            materialize_item_seed(seed, case)
        }
        Seed::Progress => Command::Supervise,
    }
}

fn plain(kind: CommandKind) -> Command {
    match kind {
        CommandKind::Submit => Command::Submit,
        CommandKind::Resubmit => Command::Resubmit,
        CommandKind::HomeSurvey => Command::HomeSurvey,
        CommandKind::DemocraticAppraisal => Command::DemocraticAppraisal,
        CommandKind::NotifyResult => Command::NotifyResult,
        CommandKind::Evaluate => Command::Evaluate {
            satisfaction: Satisfaction::Acceptable,
        },
        CommandKind::Close => Command::Close,
        CommandKind::Archive => Command::Archive,
        CommandKind::Withdraw => Command::Withdraw,
        CommandKind::Terminate => Command::Terminate,
        CommandKind::ApproveRouting => Command::ApproveRouting,
        CommandKind::ReturnForRevision => Command::ReturnForRevision,
        CommandKind::RequestApproval => Command::RequestApproval,
        _ => Command::Supervise,
    }
}
