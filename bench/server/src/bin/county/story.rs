//! One generated case, told with the workflow's own commands (as `server::demo`'s stories
//! are): each command decided by `Case::decide` as the account of the role that issues it,
//! then applied, so every history is one the server would have accepted.

use chrono::{DateTime, Duration, Utc};
use domain::catalogue::{AidItemCode, Catalogue};
use domain::ids::{CaseId, UserId};
use domain::role::Role;
use domain::routing::{HardshipFacts, route};
use domain::sync::CaseRecord;
use domain::workflow::{
    Actor, AidAmount, AmountPeriod, Case, Channel, Command, DecisionOutcome, Event,
};

/// How far a generated case gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// Sent to the window.
    Submitted,
    /// The window asked for materials (补正).
    Supplement,
    /// The window declined it (不予受理).
    NotAccepted,
    /// Withdrawn by the applicant before acceptance.
    Withdrawn,
    /// Accepted, waiting to be routed.
    Accepted,
    /// Routed, waiting for the decision.
    Routed,
    /// Decided, not told yet.
    Decided,
    /// Told (反馈), no evaluation yet.
    Told,
    /// Closed (办结), rated or not.
    Closed,
}

/// Who acts on a case: the village's helper, the township's window, verifier and leader,
/// and one officer per department.
pub struct Cast<'a> {
    pub helper: UserId,
    pub clerk: UserId,
    pub verifier: UserId,
    pub leader: UserId,
    pub officers: &'a [(domain::department::DepartmentCode, UserId)],
}

/// What a story asks for: items, channel, when it opened, how far it gets, and the gaps
/// between its steps (scaled down to end before `now` when the case is young).
pub struct Plan {
    pub id: CaseId,
    pub channel: Channel,
    pub items: Vec<AidItemCode>,
    pub opened: DateTime<Utc>,
    pub target: Target,
    /// Deny the first item instead of approving it.
    pub deny: bool,
    /// The rating collected before closing (`None`: closed without one).
    pub rating: Option<domain::fieldwork::Rating>,
    /// Hours between consecutive steps (intake, acceptance, routing, decision, notice,
    /// telling, rating, closing).
    pub gaps: [i64; 8],
}

/// The case record, and the rating collected (with its time) when there was one.
pub struct Told {
    pub record: CaseRecord,
    pub rated_at: Option<(domain::fieldwork::Rating, DateTime<Utc>)>,
}

struct Teller<'a> {
    record: CaseRecord,
    cast: &'a Cast<'a>,
}

impl Teller<'_> {
    fn run(
        &mut self,
        command: Command,
        role: Role,
        at: DateTime<Utc>,
        reason: Option<&str>,
    ) -> anyhow::Result<()> {
        let user = match role {
            Role::WindowClerk => self.cast.clerk,
            Role::Verifier => self.cast.verifier,
            Role::TownshipLeader => self.cast.leader,
            _ => self.cast.helper,
        };
        self.run_as(command, Actor { user, role }, at, reason)
    }

    fn run_as(
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
            .map_err(|e| anyhow::anyhow!("{}: {}", command.kind(), e.message_zh()))?;
        for e in events {
            self.record.case.apply(&e);
            self.record.events.push(e);
        }
        Ok(())
    }
}

/// Tells the case `plan` describes for `household` (whose helper opens entrusted cases, and
/// the window the others).
pub fn tell(
    plan: &Plan,
    household: domain::ids::HouseholdId,
    cast: &Cast<'_>,
    catalogue: &Catalogue,
    now: DateTime<Utc>,
) -> anyhow::Result<Told> {
    // The steps' times: the gaps after `opened`, scaled to end an hour before now.
    let steps = match plan.target {
        Target::Submitted | Target::Supplement | Target::NotAccepted | Target::Withdrawn => 2,
        Target::Accepted => 2,
        Target::Routed => 3,
        Target::Decided => 5,
        Target::Told => 6,
        Target::Closed => 8,
    };
    let total: i64 = plan.gaps[..steps].iter().sum::<i64>().max(1) * 60;
    let room = (now - Duration::hours(1) - plan.opened)
        .num_minutes()
        .max(10);
    let scale = (room as f64 / total as f64).min(1.0);
    let mut at = plan.opened;
    let mut times = Vec::with_capacity(8);
    for g in plan.gaps {
        at += Duration::minutes(((g * 60) as f64 * scale).max(1.0) as i64);
        times.push(at);
    }

    let opener = if plan.channel == Channel::Entrusted {
        Actor {
            user: cast.helper,
            role: Role::Helper,
        }
    } else {
        Actor {
            user: cast.clerk,
            role: Role::WindowClerk,
        }
    };
    let created = Case::create(plan.id, plan.channel, None, &opener, plan.opened)?;
    let case = Case::from_created(&created)?;
    let mut t = Teller {
        record: CaseRecord {
            household,
            case,
            events: vec![created],
        },
        cast,
    };
    let draft = Command::EditDraft {
        items: plan.items.clone(),
        primary: plan.items.first().cloned(),
    };
    let intake = plan.opened + Duration::minutes(1);
    t.run_as(draft, opener, intake, None)?;
    t.run_as(Command::Submit, opener, intake + Duration::minutes(1), None)?;
    let window = times[0];
    match plan.target {
        Target::Submitted => return Ok(done(t)),
        Target::Supplement => {
            let missing = vec![domain::catalogue::MaterialCode("income_statement".into())];
            let seen = vec![];
            t.run(
                Command::RequestSupplement { seen, missing },
                Role::WindowClerk,
                window,
                None,
            )?;
            return Ok(done(t));
        }
        Target::NotAccepted => {
            t.run(
                Command::NotAccept {
                    referral: "县人力社保局".to_owned(),
                    kind: Default::default(),
                },
                Role::WindowClerk,
                window,
                Some("所请事项不属于社会救助范围"),
            )?;
            return Ok(done(t));
        }
        Target::Withdrawn => {
            // The helper withdraws for the family, as the phone does.
            let helper = Actor {
                user: cast.helper,
                role: Role::Helper,
            };
            t.run_as(Command::Withdraw, helper, window, Some("申请人撤回"))?;
            return Ok(done(t));
        }
        _ => {}
    }
    t.run(
        Command::Accept { missing: vec![] },
        Role::WindowClerk,
        window,
        None,
    )?;
    let needs_check = plan.items.iter().any(|i| {
        catalogue
            .decision_facts(i)
            .is_some_and(|f| f.economic_check_required)
    });
    if needs_check {
        let check = Command::EconomicCheck {
            adults_without_authorization: vec![],
            authorizations: vec![],
        };
        t.run(check, Role::Verifier, window + Duration::minutes(30), None)?;
        t.run(
            Command::HomeSurvey,
            Role::Verifier,
            window + Duration::minutes(60),
            None,
        )?;
        t.run(
            Command::DemocraticAppraisal,
            Role::Verifier,
            window + Duration::minutes(90),
            None,
        )?;
    }
    if plan.target == Target::Accepted {
        return Ok(done(t));
    }
    let routed = times[1].max(window + Duration::minutes(120));
    t.run(
        Command::ApproveRouting,
        Role::TownshipLeader,
        routed,
        Some("同意分办"),
    )?;
    let case = &t.record.case;
    let routing = route(
        catalogue,
        case.requested_items(),
        case.primary_item(),
        HardshipFacts::default(),
    )?;
    t.run(
        Command::Route(routing.to_workflow()),
        Role::WindowClerk,
        routed,
        None,
    )?;
    if plan.target == Target::Routed {
        return Ok(done(t));
    }
    let mut decided = times[2].max(routed + Duration::minutes(10));
    for (n, item) in plan.items.iter().enumerate() {
        let facts = catalogue
            .decision_facts(item)
            .ok_or_else(|| anyhow::anyhow!("{} not in the catalogue", item.as_str()))?;
        let department = t
            .record
            .case
            .item(item)
            .map(|p| p.department.clone())
            .ok_or_else(|| anyhow::anyhow!("{} not routed", item.as_str()))?;
        let officer = cast
            .officers
            .iter()
            .find(|(d, _)| *d == department)
            .map(|(_, u)| *u)
            .ok_or_else(|| anyhow::anyhow!("no officer of {}", department.as_str()))?;
        let deny = plan.deny && n == 0;
        let outcome = if deny {
            DecisionOutcome::Deny
        } else {
            DecisionOutcome::Approve {
                amount: AidAmount {
                    fen: 50_000 + 10_000 * n as i64,
                    period: if facts.needs_public_notice {
                        AmountPeriod::Monthly
                    } else {
                        AmountPeriod::OneOff
                    },
                },
            }
        };
        let by = Actor {
            user: officer,
            role: Role::DepartmentOfficer,
        };
        let command = Command::Decide {
            item: item.clone(),
            department,
            outcome,
            facts,
        };
        let reason = deny.then_some("家庭收入超过保障标准");
        t.run_as(command, by, decided, reason)?;
        if facts.needs_public_notice && !deny {
            let item = item.clone();
            t.run(
                Command::StartPublicNotice { item: item.clone() },
                Role::Verifier,
                decided + Duration::minutes(30),
                None,
            )?;
            // Posted for its days (calendar or working days: twelve days covers both,
            // holidays included); a case decided lately is still posted.
            let over = times[3].max(decided + Duration::days(12));
            if over > now - Duration::hours(1) {
                return Ok(done(t));
            }
            t.run(
                Command::EndPublicNotice { item },
                Role::Verifier,
                over,
                None,
            )?;
            decided = over;
        }
        decided += Duration::minutes(5);
    }
    if plan.target == Target::Decided {
        return Ok(done(t));
    }
    let told = times[4].max(decided + Duration::minutes(10));
    t.run(Command::NotifyResult, Role::WindowClerk, told, None)?;
    if plan.target == Target::Told {
        return Ok(done(t));
    }
    let mut rated_at = None;
    let mut close = times[6].max(told + Duration::minutes(20));
    if let Some(rating) = plan.rating {
        let at = times[5].max(told + Duration::minutes(10));
        let satisfaction = rating.satisfaction();
        t.run(Command::Evaluate { satisfaction }, Role::Helper, at, None)?;
        rated_at = Some((rating, at));
        close = close.max(at + Duration::minutes(10));
    }
    t.run(Command::Close, Role::WindowClerk, close, None)?;
    let mut out = done(t);
    out.rated_at = rated_at;
    Ok(out)
}

fn done(t: Teller<'_>) -> Told {
    Told {
        record: t.record,
        rated_at: None,
    }
}
