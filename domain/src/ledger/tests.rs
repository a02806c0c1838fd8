use super::*;
use crate::role::Role;
use crate::workflow::Command;
use crate::workflow::test_support::{World, approve, civil, dibao, medical, medsec};

fn maojia() -> PlaceCode {
    PlaceCode::parse("500231101201").unwrap()
}

fn lijia() -> PlaceCode {
    PlaceCode::parse("500231101202").unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Submitted, accepted, checked, routed, both items approved, told: a whole entrustment.
fn told(n: u128, hours: i64) -> World {
    let mut w = World::entrusted(n, hours);
    w.ok(
        Command::EditDraft {
            items: vec![dibao(), medical()],
            primary: Some(dibao()),
        },
        Role::Resident,
    )
    .ok(Command::Submit, Role::Resident)
    .accept_and_route()
    .ok(approve(dibao(), civil(), false), Role::DepartmentOfficer)
    .ok(approve(medical(), medsec(), false), Role::DepartmentOfficer)
    .ok(Command::NotifyResult, Role::WindowClerk);
    w
}

fn entry<'a>(w: &'a World, place: &'a PlaceCode, name: &'a str) -> Entrustment<'a> {
    Entrustment {
        case: &w.case,
        place,
        entrusting_person: name,
        helper: "李红",
        notes: "",
    }
}

fn ledger(entries: &[Entrustment<'_>], period: Period) -> Vec<LedgerRow> {
    helper_ledger(
        entries,
        &maojia(),
        period,
        &Catalogue::builtin(),
        &Calendar::builtin(),
    )
    .unwrap()
}

#[test]
fn a_whole_entrustment_fills_every_column() {
    let w = told(1, 0);
    let place = PlaceCode::parse("500231101201-G01").unwrap();
    let rows = ledger(
        &[Entrustment {
            case: &w.case,
            place: &place,
            entrusting_person: "王秀英",
            helper: "李红",
            notes: "电话委托",
        }],
        QuarterReport::of(date(2023, 11, 15)).period(),
    );
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r.no, 1);
    assert_eq!(r.entrusting_person, "王秀英");
    assert_eq!(r.helper, "李红");
    assert!(r.items_zh.contains('、'), "{}", r.items_zh);
    assert_eq!(r.accepted_on, Some(date(2023, 11, 15)));
    assert_eq!(r.limit_days, Some(30));
    assert_eq!(
        r.due_on,
        Some(
            Calendar::builtin()
                .add_working_days(date(2023, 11, 15), 30)
                .unwrap()
                .value
        )
    );
    assert!(!r.provisional);
    assert!(
        r.result_zh.contains("批准，每月 650.00 元"),
        "{}",
        r.result_zh
    );
    assert!(r.result_zh.contains('；'), "both items: {}", r.result_zh);
    assert_eq!(r.reply_on, Some(date(2023, 11, 15)));
    assert_eq!(r.notes, "电话委托");
}

#[test]
fn only_entrusted_cases_of_the_village_and_period_in_order() {
    let place = PlaceCode::parse("500231101201-G02").unwrap();
    let other_village = lijia();
    let late = told(2, 48);
    let early = World::entrusted(3, 0);
    let online = World::submitted();
    let elsewhere = World::entrusted(4, 1);
    let next_quarter = World::entrusted(5, 24 * 60);
    let entries = [
        entry(&late, &place, "后"),
        entry(&early, &place, "先"),
        entry(&online, &place, "网上"),
        entry(&elsewhere, &other_village, "李家村"),
        entry(&next_quarter, &place, "下季度"),
    ];
    let rows = ledger(&entries, QuarterReport::of(date(2023, 11, 15)).period());
    let names: Vec<_> = rows.iter().map(|r| r.entrusting_person.as_str()).collect();
    assert_eq!(names, ["先", "后"]);
    assert_eq!(rows[1].no, 2);
    // Not yet accepted: the dates and result are blank.
    assert_eq!(rows[0].accepted_on, None);
    assert_eq!(rows[0].limit_days, None);
    assert_eq!(rows[0].result_zh, "");
}

#[test]
fn a_withdrawn_entrustment_says_so() {
    let mut w = World::entrusted(6, 0);
    w.ok(Command::Withdraw, Role::Resident);
    let place = maojia();
    let rows = ledger(
        &[entry(&w, &place, "王秀英")],
        QuarterReport::of(date(2023, 11, 15)).period(),
    );
    let withdrawn = crate::workflow::CaseState::Withdrawn.name_zh();
    assert!(
        rows[0].result_zh.starts_with(withdrawn),
        "{}",
        rows[0].result_zh
    );
}

#[test]
fn quarters_and_their_report_days() {
    let q = QuarterReport::of(date(2026, 5, 3));
    assert_eq!((q.year, q.quarter), (2026, 2));
    assert_eq!(q.period().from, date(2026, 4, 1));
    assert_eq!(q.period().to, date(2026, 6, 30));
    assert_eq!(q.due_before(), date(2026, 6, 25));
    assert_eq!(q.next().due_before(), date(2026, 9, 25));
    assert_eq!(q.next().next().due_before(), date(2026, 12, 25));
    let q4 = q.next().next();
    assert_eq!(
        q4.next(),
        QuarterReport {
            year: 2027,
            quarter: 1
        }
    );
    assert_eq!(Period::month(2024, 2).unwrap().to, date(2024, 2, 29));
    assert_eq!(Period::month(2026, 12).unwrap().to, date(2026, 12, 31));
}
