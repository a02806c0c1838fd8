use std::collections::HashSet;

use domain::calendar::Calendar;
use domain::catalogue::Catalogue;
use domain::fieldwork::{EntrustmentChannel, TaskKind};
use domain::ids::UserId;
use domain::jurisdiction::PlaceCode;
use domain::ledger::QuarterReport;

use super::fixtures::*;
use super::*;
use crate::records::HelperName;

fn rows(records: &PhoneRecords) -> Vec<TaskRow> {
    task_rows(
        records,
        me(),
        &Catalogue::builtin(),
        &Calendar::builtin(),
        today(),
    )
    .unwrap()
}

/// 王秀英 told of her result (mine), 张桂兰 decided yesterday (mine), and a case of the
/// colleague's for 王秀英 too.
fn village() -> PhoneRecords {
    let (wang, zhang) = (wang(), zhang());
    let told = case(1, &wang, me(), 12, 5);
    let decided = {
        let mut c = case(2, &zhang, me(), 10, 3);
        // Decided a day ago: redo the last step with yesterday's time.
        let outcome = domain::workflow::DecisionOutcome::Approve {
            amount: domain::workflow::AidAmount {
                fen: 50_000,
                period: domain::workflow::AmountPeriod::OneOff,
            },
        };
        let cmd = domain::workflow::Command::Decide {
            item: domain::catalogue::AidItemCode("temporary".into()),
            department: domain::department::DepartmentCode::civil_affairs(),
            outcome,
            facts: Default::default(),
        };
        let by = domain::workflow::Actor {
            user: user(50),
            role: domain::role::Role::DepartmentOfficer,
        };
        for e in c.case.decide(&cmd, &by, days_ago(1), None).unwrap() {
            c.case.apply(&e);
            c.events.push(e);
        }
        c
    };
    let theirs = case(3, &wang, colleague(), 5, 1);
    PhoneRecords {
        entrustments: vec![
            entrustment(1, &wang, me(), &[&told]),
            entrustment(2, &zhang, me(), &[&decided]),
            entrustment(3, &wang, colleague(), &[&theirs]),
        ],
        households: vec![wang, zhang],
        cases: vec![told, decided, theirs],
        ..PhoneRecords::default()
    }
}

#[test]
fn the_helpers_cases_are_those_they_opened_or_were_entrusted_with() {
    let mut records = village();
    let mine: Vec<_> = records
        .helper_cases(me())
        .iter()
        .map(|c| c.case.id())
        .collect();
    assert_eq!(
        mine,
        [records.cases[0].case.id(), records.cases[1].case.id()]
    );
    // A case handed over to me by an entrustment counts too, whoever opened it.
    records.entrustments[0]
        .cases
        .push(records.cases[2].case.id());
    assert_eq!(records.helper_cases(me()).len(), 3);
    // A case whose household is not on the phone has no place, so no clocks: left out.
    records.households.remove(1);
    assert_eq!(records.helper_cases(me()).len(), 2);
}

#[test]
fn tasks_say_for_whom_by_when_and_where_to_act() {
    let records = village();
    let tasks = rows(&records);
    let kinds: Vec<_> = tasks.iter().map(|t| t.task.kind).collect();
    assert_eq!(
        kinds,
        [TaskKind::HandOverResult, TaskKind::CollectEvaluation]
    );
    let hand_over = &tasks[0];
    assert_eq!(hand_over.who.as_deref(), Some("张*兰"));
    // Decided Tuesday: the window tells her by Thursday, one working day after today.
    assert_eq!(hand_over.due, Due::Left(1));
    assert_eq!(hand_over.due.code(), "soon");
    assert_eq!(hand_over.link, None);
    let evaluate = &tasks[1];
    assert_eq!(evaluate.who.as_deref(), Some("王*英"));
    assert_eq!(evaluate.due, Due::Open);
    let case = records.cases[0].case.id();
    assert_eq!(evaluate.link, Some(format!("/evaluate?case={case}")));
}

#[test]
fn an_evaluation_saved_on_the_phone_takes_its_task_away() {
    let mut records = village();
    records.evaluations.push(evaluation(&records.cases[0]));
    let kinds: Vec<_> = rows(&records).iter().map(|t| t.task.kind).collect();
    assert_eq!(kinds, [TaskKind::HandOverResult]);
}

#[test]
fn an_unsigned_remote_entrustment_asks_for_the_signature_of_its_person() {
    let mut records = village();
    let mut remote = entrustment(9, &records.households[1], me(), &[]);
    remote.channel = EntrustmentChannel::Phone;
    remote.signature = None;
    let id = remote.id;
    records.entrustments.push(remote);
    let tasks = rows(&records);
    let sign = tasks
        .iter()
        .find(|t| t.task.kind == TaskKind::CollectSignature)
        .unwrap();
    assert_eq!(sign.who.as_deref(), Some("张*兰"));
    assert_eq!(sign.link, Some(format!("/entrust?id={id}")));
    // The colleague's unsigned entrustment is not on my list.
    let mut theirs = entrustment(8, &records.households[0], colleague(), &[]);
    theirs.channel = EntrustmentChannel::Online;
    theirs.signature = None;
    records.entrustments.push(theirs);
    assert_eq!(rows(&records).len(), tasks.len());
}

#[test]
fn overdue_and_due_today_are_told_apart() {
    // A deadline a working week ago, today, and a Saturday right after a Friday deadline.
    let calendar = Calendar::builtin();
    let task = |on: chrono::NaiveDate, urgency| domain::fieldwork::Task {
        kind: TaskKind::HandOverResult,
        subject: domain::fieldwork::TaskSubject::Case(domain::ids::CaseId(uuid::Uuid::nil())),
        household: None,
        deadline: Some(domain::calendar::Dated {
            value: on,
            provisional: false,
        }),
        urgency: Some(urgency),
        label_zh: String::new(),
    };
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    use domain::calendar::Urgency::*;
    let due = |t: &domain::fieldwork::Task, today| super::tasks::due(t, &calendar, today);
    assert_eq!(due(&task(day(11), Overdue), day(18)), Due::Overdue(5));
    assert_eq!(due(&task(day(18), DueToday), day(18)), Due::Today);
    assert_eq!(due(&task(day(20), Overdue), day(21)), Due::Overdue(0));
    assert_eq!(Due::Overdue(0).code(), "overdue");
    assert_eq!(Due::Left(9).code(), "on-track");
}

#[test]
fn villages_are_named_from_the_addresses() {
    let records = village();
    let found = villages(&records, &[]);
    assert_eq!(
        found,
        [Village {
            code: PlaceCode::parse("500231101201").unwrap(),
            name: Some("毛家村".to_owned()),
        }]
    );
    // The places the phone keeps name it as registered, whatever the addresses say.
    let place = |code: &str, name: &str, level: &str| crate::records::PlaceInfo {
        code: code.to_owned(),
        name_zh: name.to_owned(),
        level: level.to_owned(),
        parent: None,
    };
    let places = [
        place("500231101", "沙坪镇", "township"),
        place("500231101201", "毛家村村民委员会", "village"),
    ];
    assert_eq!(
        villages(&records, &places)[0].name.as_deref(),
        Some("毛家村村民委员会")
    );
    assert_eq!(
        village_name_from_address("桂溪街道东门社区和平路8号").as_deref(),
        Some("东门社区")
    );
    assert_eq!(
        village_name_from_address("毛家村5组4号").as_deref(),
        Some("毛家村")
    );
    assert_eq!(village_name_from_address("和平路8号"), None);
    assert_eq!(village_name_from_address("沙坪镇村口"), None);
}

#[test]
fn quarters_run_from_now_back_through_last_year() {
    let q = quarters(today());
    assert_eq!(q.len(), 8);
    assert_eq!(q[0], QuarterReport::of(today()));
    assert_eq!(
        q[7],
        QuarterReport {
            year: 2025,
            quarter: 1
        }
    );
    let march = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    assert_eq!(quarters(march).len(), 5);
}

#[test]
fn the_ledger_lists_every_entrusted_case_of_the_village_with_its_helper() {
    let mut records = village();
    // Taken two days ago, not applied for yet: a row of its own.
    let mut waiting = entrustment(4, &records.households[1], me(), &[]);
    waiting.received_at = days_ago(2);
    records.entrustments.push(waiting);
    let period = QuarterReport::of(today()).period();
    let maojia = PlaceCode::parse("500231101201").unwrap();
    let names = HelperNames {
        me: me(),
        my_name: "李网格",
        known: &[],
    };
    let rows = ledger_rows(
        &records,
        &maojia,
        period,
        names,
        &Catalogue::builtin(),
        &Calendar::builtin(),
    )
    .unwrap();
    let people: Vec<_> = rows.iter().map(|r| r.entrusting_person.as_str()).collect();
    assert_eq!(
        people,
        ["王秀英", "张桂兰", "王秀英", "张桂兰"],
        "oldest first"
    );
    let helpers: Vec<_> = rows.iter().map(|r| r.helper.as_str()).collect();
    // Another helper, whom the phone was not told of: the start of the account's id.
    assert_eq!(helpers, ["李网格", "李网格", "00000000", "李网格"]);
    // Told of with the places: by name.
    let other = rows_helper_id(&records, me());
    let known = [HelperName {
        id: other.to_string(),
        name: "张网格".to_owned(),
    }];
    let named = ledger_rows(
        &records,
        &maojia,
        period,
        HelperNames {
            known: &known,
            ..names
        },
        &Catalogue::builtin(),
        &Calendar::builtin(),
    )
    .unwrap();
    let helpers: Vec<_> = named.iter().map(|r| r.helper.as_str()).collect();
    assert_eq!(helpers, ["李网格", "李网格", "张网格", "李网格"]);
    // 受理时间 is the day the helper took it, not the window's acceptance.
    assert_eq!(
        rows[0].accepted_on,
        domain::clocks::china_date(days_ago(20))
    );
    assert_eq!(rows[3].case, None);
    assert_eq!(rows[3].items_zh, "临时救助");
    assert_eq!(rows[3].result_zh, domain::ledger::NOT_APPLIED_YET);
    assert!(
        rows[0].reply_on.is_some(),
        "the told case has its reply date"
    );
    assert!(rows[1].result_zh.contains("批准"), "{}", rows[1].result_zh);
    assert_eq!(rows[2].result_zh, "", "nothing decided yet");
    assert_eq!(rows[0].notes, "当面委托");
    // Another village's ledger is empty; so is a quarter before the cases.
    let lijia = PlaceCode::parse("500231101202").unwrap();
    let none = ledger_rows(
        &records,
        &lijia,
        period,
        names,
        &Catalogue::builtin(),
        &Calendar::builtin(),
    )
    .unwrap();
    assert!(none.is_empty());
}

#[test]
fn the_evaluation_page_finds_its_case_entrustment_and_resident() {
    let records = village();
    let told = records.cases[0].case.id();
    let subject = evaluation_subject(&records, told, &Catalogue::builtin()).unwrap();
    assert_eq!(subject.entrustment, Some(records.entrustments[0].id));
    assert_eq!(subject.applicant.as_deref(), Some("王*英"));
    assert_eq!(subject.items_zh, "临时救助");
    let unknown = domain::ids::CaseId(uuid::Uuid::from_u128(77));
    assert!(evaluation_subject(&records, unknown, &Catalogue::builtin()).is_none());
}

/// The one helper of the village's entrustments who is not `me`.
fn rows_helper_id(records: &PhoneRecords, me: UserId) -> UserId {
    let others: HashSet<UserId> = records
        .entrustments
        .iter()
        .map(|e| e.helper)
        .filter(|h| *h != me)
        .collect();
    assert_eq!(others.len(), 1);
    *others.iter().next().unwrap()
}
