use super::*;
use crate::clocks::china_date;
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

/// Half an hour before the case was made, the helper took the request.
fn received(w: &World) -> DateTime<Utc> {
    w.case.created_at() - chrono::TimeDelta::minutes(30)
}

fn entry<'a>(w: &'a World, place: &'a PlaceCode, name: &'a str) -> Entrustment<'a> {
    Entrustment {
        case: Some(&w.case),
        received_at: received(w),
        items: &[],
        ended: None,
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
            notes: "电话委托",
            ..entry(&w, &place, "王秀英")
        }],
        QuarterReport::of(date(2023, 11, 15)).period(),
    );
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r.no, 1);
    assert_eq!(r.entrusting_person, "王秀英");
    assert_eq!(r.helper, "李红");
    assert!(r.items_zh.contains('、'), "{}", r.items_zh);
    assert_eq!(r.accepted_on, date(2023, 11, 15));
    assert_eq!(r.case, Some(w.case.id()));
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
    // Not accepted by the window yet: taken by the helper, but no limit and no result yet.
    assert_eq!(rows[0].accepted_on, china_date(received(&early)));
    assert_eq!(rows[0].limit_days, None);
    assert_eq!(rows[0].result_zh, "");
}

#[test]
fn the_helper_took_it_on_the_entrustments_day_and_in_its_quarter() {
    // Taken by phone on 28 September, applied for in November: the third quarter's row, with
    // 28 September as 受理时间, not the window's acceptance in November.
    let w = told(7, 0);
    let place = maojia();
    let taken = Entrustment {
        received_at: chrono::TimeZone::with_ymd_and_hms(&Utc, 2023, 9, 28, 2, 0, 0).unwrap(),
        ..entry(&w, &place, "王秀英")
    };
    let q3 = ledger(&[taken], QuarterReport::of(date(2023, 9, 1)).period());
    assert_eq!(q3.len(), 1);
    assert_eq!(q3[0].accepted_on, date(2023, 9, 28));
    assert!(q3[0].result_zh.contains("批准"), "{}", q3[0].result_zh);
    assert!(ledger(&[taken], QuarterReport::of(date(2023, 11, 15)).period()).is_empty());
}

#[test]
fn an_entrustment_without_a_case_is_a_row_running_or_ended() {
    let w = World::entrusted(8, 0);
    let place = maojia();
    let asked = [crate::catalogue::AidItemCode("dibao".into())];
    let running = Entrustment {
        case: None,
        items: &asked,
        ..entry(&w, &place, "黄玉梅")
    };
    let rows = ledger(&[running], QuarterReport::of(date(2023, 11, 15)).period());
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r.case, None);
    assert_eq!(r.items_zh, "最低生活保障");
    assert_eq!(r.accepted_on, china_date(received(&w)));
    assert_eq!((r.limit_days, r.due_on, r.reply_on), (None, None, None));
    assert_eq!(r.result_zh, NOT_APPLIED_YET);

    let at = received(&w) + chrono::TimeDelta::days(2);
    let ended = Entrustment {
        ended: Some(Ended {
            at,
            cause_zh: "申请人要求终止",
            reason: "已自行到窗口办理",
        }),
        ..running
    };
    let rows = ledger(&[ended], QuarterReport::of(date(2023, 11, 15)).period());
    assert_eq!(
        rows[0].result_zh,
        "委托已终止（申请人要求终止）：已自行到窗口办理"
    );
    assert_eq!(rows[0].reply_on, Some(china_date(at)));
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
