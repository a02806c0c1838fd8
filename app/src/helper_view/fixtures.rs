//! A small village on a phone for the tests: households, cases built with the workflow's own
//! commands, entrustments.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use domain::catalogue::{AidItemCode, MaterialCode};
use domain::department::DepartmentCode;
use domain::fieldwork::{
    AttachmentRef, EntrustmentChannel, EntrustmentId, EntrustmentRecord, Evaluation, EvaluationId,
    Rating,
};
use domain::household::{Employment, Health, Household, Member, Relation};
use domain::identity::{IdNumber, PersonName};
use domain::ids::{CaseId, HouseholdId, MemberId, UserId};
use domain::jurisdiction::PlaceCode;
use domain::role::Role;
use domain::sync::CaseRecord;
use domain::workflow::{
    Actor, AidAmount, AmountPeriod, Case, Channel, Command, DecisionFacts, DecisionOutcome, Routing,
};
use uuid::Uuid;

/// Wednesday 18 November 2026, 10:00 in Beijing.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, 2, 0, 0).unwrap()
}

pub fn today() -> NaiveDate {
    domain::clocks::china_date(now())
}

pub fn days_ago(days: i64) -> DateTime<Utc> {
    now() - Duration::days(days)
}

pub fn user(n: u128) -> UserId {
    UserId(Uuid::from_u128(n))
}

/// The signed-in helper.
pub fn me() -> UserId {
    user(10)
}

/// Another helper of the village.
pub fn colleague() -> UserId {
    user(11)
}

pub fn household(n: u128, name: &str, id_number: &str, address: &str) -> Household {
    Household {
        id: HouseholdId(Uuid::from_u128(n)),
        place: PlaceCode::parse("500231101201-G01").unwrap(),
        address: address.to_owned(),
        members: vec![Member {
            id: MemberId(Uuid::from_u128(n + 100)),
            name: PersonName::parse(name).unwrap(),
            id_number: IdNumber::parse(id_number, today()).unwrap(),
            relation: Relation::Applicant,
            disability: None,
            health: Health::Healthy,
            employment: Employment::Farming,
            phone: None,
        }],
        income: vec![],
        property: vec![],
        housing_damaged: false,
    }
}

pub fn wang() -> Household {
    household(1, "王秀英", "500231195803124020", "沙坪镇毛家村3组12号")
}

pub fn zhang() -> Household {
    household(2, "张桂兰", "500231195004182021", "沙坪镇毛家村2组7号")
}

fn actor(role: Role, user: UserId) -> Actor {
    Actor { user, role }
}

/// An entrusted case for `household`, opened by `helper` `days` ago, taken as far as
/// `steps` says: 0 draft, 1 submitted, 2 supplement requested, 3 accepted and routed,
/// 4 decided (temporary aid approved), 5 told, 6 rated.
pub fn case(n: u128, household: &Household, helper: UserId, days: i64, steps: u8) -> CaseRecord {
    case_paid(n, household, helper, days, steps, AmountPeriod::OneOff)
}

/// [`case`], the aid approved at step 4 paid as `period` says (monthly: the household must
/// certify every year).
pub fn case_paid(
    n: u128,
    household: &Household,
    helper: UserId,
    days: i64,
    steps: u8,
    period: AmountPeriod,
) -> CaseRecord {
    let id = CaseId(Uuid::from_u128(1000 + n));
    let mut at = days_ago(days);
    let created = Case::create(
        id,
        Channel::Entrusted,
        None,
        &actor(Role::Helper, helper),
        at,
    )
    .unwrap();
    let mut record = CaseRecord {
        household: household.id,
        case: Case::from_created(&created).unwrap(),
        events: vec![created],
    };
    let temporary = AidItemCode("temporary".into());
    let civil = DepartmentCode::civil_affairs();
    let mut plan: Vec<(Command, Role)> = vec![(
        Command::EditDraft {
            items: vec![temporary.clone()],
            primary: Some(temporary.clone()),
        },
        Role::Helper,
    )];
    if steps >= 1 {
        plan.push((Command::Submit, Role::Helper));
    }
    if steps == 2 {
        let missing = vec![MaterialCode("hukou".into())];
        plan.push((
            Command::RequestSupplement {
                missing,
                seen: vec![],
            },
            Role::WindowClerk,
        ));
    }
    if steps >= 3 {
        plan.push((Command::Accept { missing: vec![] }, Role::WindowClerk));
        // The township leader agrees before the window routes (乌海 附件4 第一条).
        plan.push((Command::ApproveRouting, Role::TownshipLeader));
        let routing = Routing {
            lead: civil.clone(),
            items: vec![(temporary.clone(), civil.clone())],
        };
        plan.push((Command::Route(routing), Role::WindowClerk));
    }
    if steps >= 4 {
        let outcome = DecisionOutcome::Approve {
            amount: AidAmount {
                fen: 100_000,
                period,
            },
        };
        let facts = DecisionFacts::default();
        let decide = Command::Decide {
            item: temporary,
            department: civil,
            outcome,
            facts,
        };
        plan.push((decide, Role::DepartmentOfficer));
    }
    if steps >= 5 {
        plan.push((Command::NotifyResult, Role::WindowClerk));
    }
    if steps >= 6 {
        let satisfaction = Rating::Satisfied.satisfaction();
        plan.push((Command::Evaluate { satisfaction }, Role::Helper));
    }
    for (command, role) in plan {
        at += Duration::hours(2);
        let by = actor(
            role,
            if role == Role::Helper {
                helper
            } else {
                user(50)
            },
        );
        for e in record.case.decide(&command, &by, at, None).unwrap() {
            record.case.apply(&e);
            record.events.push(e);
        }
    }
    record
}

/// The helper's in-person entrustment listing `cases`.
pub fn entrustment(
    n: u128,
    household: &Household,
    helper: UserId,
    cases: &[&CaseRecord],
) -> EntrustmentRecord {
    let member = &household.members[0];
    EntrustmentRecord {
        id: EntrustmentId(Uuid::from_u128(2000 + n)),
        household: household.id,
        entrusting_member: member.id,
        entrusting_name: member.name.clone(),
        helper,
        items: vec![AidItemCode("temporary".into())],
        main_item: None,
        channel: EntrustmentChannel::InPerson,
        received_at: days_ago(20),
        signature: Some(AttachmentRef::parse(&format!("{:064x}", n)).unwrap()),
        cases: cases.iter().map(|c| c.case.id()).collect(),
        termination: None,
    }
}

pub fn evaluation(case: &CaseRecord) -> Evaluation {
    Evaluation {
        id: EvaluationId(Uuid::from_u128(3000)),
        case: case.case.id(),
        entrustment: None,
        rating: Rating::Satisfied,
        comment: None,
        collected_by: me(),
        collected_at: now(),
    }
}
