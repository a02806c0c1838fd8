//! Hand-computed fixtures of the registry: entries from decided cases, a month's movements and
//! statistics, the review schedule, and the import's row rules.

use chrono::NaiveDate;

use super::movements::MovementKind as K;
use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn m(s: &str) -> Month {
    Month::parse(s).unwrap()
}

fn grant(
    case: &str,
    household: &str,
    item: &str,
    fen: i64,
    monthly: bool,
    applied: NaiveDate,
    decided: NaiveDate,
) -> Grant {
    Grant {
        case: case.into(),
        household: household.into(),
        item: item.into(),
        township: "T1".into(),
        village: "V1".into(),
        head_name: "王秀英".into(),
        head_id: "X".into(),
        members: 2,
        fen,
        monthly,
        applied_on: applied,
        decided_on: decided,
    }
}

fn entry(
    key: &str,
    category: Category,
    township: &str,
    start: &str,
    end: Option<&str>,
    stopped: Option<&str>,
    amounts: &[(&str, i64)],
) -> Entry {
    Entry {
        key: key.into(),
        household: key.into(),
        category,
        township: township.into(),
        village: format!("{township}v"),
        head_name: "某某".into(),
        head_id: "X".into(),
        members: 1,
        amounts: amounts.iter().map(|(mm, f)| (m(mm), *f)).collect(),
        start: m(start),
        end: end.map(m),
        stopped_from: stopped.map(m),
        recorded: m(start),
        source: Source::Imported { record: key.into() },
    }
}

#[test]
fn months_parse_in_the_usual_spellings_and_step() {
    for s in [
        "2026-03",
        "2026-3",
        "2026/03",
        "202603",
        "2026年3月",
        "2026-03-15",
    ] {
        assert_eq!(Month::parse(s), Month::new(2026, 3), "{s}");
    }
    for s in ["", "2026", "2026-13", "26-03", "2026-03-40", "abc"] {
        assert_eq!(Month::parse(s), None, "{s}");
    }
    assert_eq!(m("2026-01").prev(), m("2025-12"));
    assert_eq!(m("2025-12").next(), m("2026-01"));
    assert_eq!(m("2025-11").months_until(m("2026-02")), 3);
    assert_eq!(m("2026-03").to_string(), "2026-03");
}

#[test]
fn a_monthly_grant_is_listed_from_its_application_and_back_paid_when_decided_later() {
    let g = grant(
        "c1",
        "h1",
        "dibao",
        60_000,
        true,
        d(2026, 3, 20),
        d(2026, 5, 8),
    );
    let entries = entries_from_grants(&[g]);
    assert_eq!(entries.len(), 1);
    let e = &entries[0];
    assert_eq!(e.key, "h1/dibao");
    assert_eq!(
        (e.start, e.recorded, e.end),
        (m("2026-03"), m("2026-05"), None)
    );
    let may = movements(&entries, m("2026-05"));
    // Back-paid March and April: 2 × 600 yuan.
    assert_eq!(
        may,
        vec![Movement {
            kind: K::BackPaid,
            key: "h1/dibao".into(),
            fen: 120_000
        }]
    );
    let march = movements(&entries, m("2026-03"));
    assert_eq!(
        march,
        vec![Movement {
            kind: K::New,
            key: "h1/dibao".into(),
            fen: 60_000
        }]
    );
}

#[test]
fn a_later_decision_changes_the_amount_and_one_off_aid_lasts_its_month() {
    let grants = [
        grant(
            "c1",
            "h1",
            "dibao",
            60_000,
            true,
            d(2026, 1, 5),
            d(2026, 1, 20),
        ),
        grant(
            "c2",
            "h1",
            "dibao",
            45_000,
            true,
            d(2026, 4, 1),
            d(2026, 4, 10),
        ),
        grant(
            "c3",
            "h1",
            "temporary",
            200_000,
            false,
            d(2026, 4, 1),
            d(2026, 4, 3),
        ),
    ];
    let entries = entries_from_grants(&grants);
    assert_eq!(entries.len(), 2);
    let april = movements(&entries, m("2026-04"));
    assert!(april.contains(&Movement {
        kind: K::Decreased,
        key: "h1/dibao".into(),
        fen: 15_000
    }));
    assert!(april.contains(&Movement {
        kind: K::New,
        key: "h1/temporary/c3".into(),
        fen: 200_000
    }));
    let may = movements(&entries, m("2026-05"));
    assert_eq!(
        may,
        vec![Movement {
            kind: K::Exited,
            key: "h1/temporary/c3".into(),
            fen: 200_000
        }]
    );
}

/// March 2026 in two townships, computed by hand:
/// a: 低保 T1 since 2025-06, 500 → 550 from March (增发 50);
/// b: 低保 T1 since 2025-01, ended February (退出 400);
/// c: 低保 T2 new in March, 300 (新增);
/// d: 特困 T1 since 2024, stopped from March (停发 900);
/// e: 低保 T2 since 2025, 700 → 650 from March (减发 50);
/// f: 低保边缘 T2, ended 2025 (nothing).
#[test]
fn the_months_statistics_match_the_hand_computed_figures() {
    let entries = vec![
        entry(
            "a",
            Category::Dibao,
            "T1",
            "2025-06",
            None,
            None,
            &[("2025-06", 50_000), ("2026-03", 55_000)],
        ),
        entry(
            "b",
            Category::Dibao,
            "T1",
            "2025-01",
            Some("2026-02"),
            None,
            &[("2025-01", 40_000)],
        ),
        entry(
            "c",
            Category::Dibao,
            "T2",
            "2026-03",
            None,
            None,
            &[("2026-03", 30_000)],
        ),
        entry(
            "d",
            Category::Tekun,
            "T1",
            "2024-05",
            None,
            Some("2026-03"),
            &[("2024-05", 90_000)],
        ),
        entry(
            "e",
            Category::Dibao,
            "T2",
            "2025-02",
            None,
            None,
            &[("2025-02", 70_000), ("2026-03", 65_000)],
        ),
        entry(
            "f",
            Category::DibaoEdge,
            "T2",
            "2025-01",
            Some("2025-12"),
            None,
            &[("2025-01", 0)],
        ),
    ];
    let s = stats(&entries, m("2026-03"));
    let all = &s[&(None, None)];
    assert_eq!((all.listed_before, all.listed, all.paid), (4, 4, 3));
    assert_eq!(all.paid_fen_before, 50_000 + 40_000 + 90_000 + 70_000);
    assert_eq!(all.paid_fen, 55_000 + 30_000 + 65_000);
    let counts: Vec<u32> = K::ALL.iter().map(|k| all.count(*k)).collect();
    assert_eq!(counts, vec![1, 1, 1, 1, 0, 1]);
    assert_eq!(all.fen(K::Stopped), 90_000);
    let dibao = &s[&(Some(Category::Dibao), None)];
    assert_eq!((dibao.listed_before, dibao.listed), (3, 3));
    let dibao_t2 = &s[&(Some(Category::Dibao), Some("T2".into()))];
    assert_eq!(
        (
            dibao_t2.listed,
            dibao_t2.count(K::New),
            dibao_t2.count(K::Decreased)
        ),
        (2, 1, 1)
    );
    assert_eq!(dibao_t2.paid_fen, 95_000);
    assert!(
        !s.contains_key(&(Some(Category::DibaoEdge), None)),
        "nothing moved there"
    );
}

#[test]
fn reviews_fall_a_year_after_the_start_or_the_last_review() {
    let entries = vec![
        entry(
            "a",
            Category::Dibao,
            "T1",
            "2025-06",
            None,
            None,
            &[("2025-06", 1)],
        ),
        entry(
            "b",
            Category::Dibao,
            "T1",
            "2026-01",
            None,
            None,
            &[("2026-01", 1)],
        ),
        entry(
            "c",
            Category::Tekun,
            "T1",
            "2025-01",
            None,
            None,
            &[("2025-01", 1)],
        ),
        entry(
            "d",
            Category::Temporary,
            "T1",
            "2026-12",
            Some("2026-12"),
            None,
            &[("2026-12", 1)],
        ),
        entry(
            "e",
            Category::DibaoEdge,
            "T1",
            "2025-03",
            None,
            None,
            &[("2025-03", 1)],
        ),
    ];
    let done = vec![
        ("c".to_owned(), d(2026, 11, 20)),
        ("e".to_owned(), d(2026, 1, 2)),
    ];
    let today = d(2026, 12, 6);
    let states = review_states(&entries, &done, today);
    let of = |k: &str| states.iter().find(|s| s.key == k).cloned();
    assert_eq!(of("a").unwrap().status, ReviewStatus::Overdue);
    assert_eq!(of("a").unwrap().due_on, d(2026, 6, 1));
    assert_eq!(
        of("b").unwrap().status,
        ReviewStatus::Due,
        "due 2027-01-01, within 30 days"
    );
    assert_eq!(
        of("c").unwrap().status,
        ReviewStatus::Done {
            on: d(2026, 11, 20)
        }
    );
    assert_eq!(of("c").unwrap().due_on, d(2027, 11, 20));
    assert_eq!(of("e").unwrap().status, ReviewStatus::Due);
    assert!(of("d").is_none(), "temporary aid is not reviewed");
}

#[test]
fn a_row_is_checked_column_by_column() {
    let today = d(2026, 12, 6);
    let good = RowInput {
        category: "低保".into(),
        head_name: "王秀英".into(),
        head_id: "500231195803124020".into(),
        members: "2".into(),
        amount_yuan: "1,200.5".into(),
        start: "2025-03".into(),
        end: String::new(),
        stopped_from: "2026/11".into(),
    };
    let row = check_row(&good, today).expect("a good row");
    assert_eq!(row.monthly_fen, 120_050);
    assert_eq!(row.stopped_from, Month::new(2026, 11));
    let bad = RowInput {
        category: "五保".into(),
        head_name: String::new(),
        head_id: "500231195803124021".into(),
        members: "0".into(),
        amount_yuan: "12.345".into(),
        start: "2027-01".into(),
        end: "2026-13".into(),
        stopped_from: String::new(),
    };
    let errors = check_row(&bad, today).unwrap_err();
    let columns: Vec<&str> = errors.iter().map(|e| e.column.as_str()).collect();
    assert_eq!(
        columns,
        [
            "类别",
            "户主姓名",
            "身份证号码",
            "保障人数",
            "月保障金额（元）",
            "终止年月",
            "起始年月"
        ]
    );
    assert_eq!(parse_yuan("520"), Some(52_000));
    assert_eq!(parse_yuan("-5"), None);
    assert_eq!(parse_yuan(""), None);
}
