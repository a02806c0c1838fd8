use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn the_three_reports_of_2026() {
    let reports = ReportPeriod::of_year(2026);
    let spans: Vec<(NaiveDate, NaiveDate, NaiveDate)> = reports
        .iter()
        .map(|r| (r.period().from, r.period().to, r.due_on()))
        .collect();
    assert_eq!(
        spans,
        vec![
            (d(2025, 12, 26), d(2026, 6, 25), d(2026, 6, 25)),
            (d(2026, 6, 26), d(2026, 9, 25), d(2026, 9, 25)),
            (d(2026, 9, 26), d(2026, 12, 25), d(2026, 12, 25)),
        ]
    );
    assert_eq!(
        reports.iter().map(|r| r.code()).collect::<Vec<_>>(),
        ["2026-1", "2026-2", "2026-3"]
    );
    assert_eq!(
        reports[1].name_zh(),
        "2026年第2期（2026年6月26日至9月25日）"
    );
    assert_eq!(
        reports[0].name_zh(),
        "2026年第1期（2025年12月26日至6月25日）"
    );
}

#[test]
fn every_day_of_2026_lies_in_the_expected_report() {
    let mut day = d(2026, 1, 1);
    while day.year() == 2026 {
        let expected = if day <= d(2026, 6, 25) {
            ReportPeriod {
                year: 2026,
                index: 1,
            }
        } else if day <= d(2026, 9, 25) {
            ReportPeriod {
                year: 2026,
                index: 2,
            }
        } else if day <= d(2026, 12, 25) {
            ReportPeriod {
                year: 2026,
                index: 3,
            }
        } else {
            ReportPeriod {
                year: 2027,
                index: 1,
            }
        };
        assert_eq!(ReportPeriod::containing(day), expected, "{day}");
        day = day.succ_opt().unwrap();
    }
}

#[test]
fn the_cut_off_days_and_the_days_after() {
    let at = |y, m, dd| ReportPeriod::containing(d(y, m, dd)).code();
    assert_eq!(at(2025, 12, 25), "2025-3");
    assert_eq!(at(2025, 12, 26), "2026-1");
    assert_eq!(at(2026, 3, 25), "2026-1", "there is no March report");
    assert_eq!(at(2026, 6, 25), "2026-1");
    assert_eq!(at(2026, 6, 26), "2026-2");
    assert_eq!(at(2026, 9, 25), "2026-2");
    assert_eq!(at(2026, 9, 26), "2026-3");
    assert_eq!(at(2026, 12, 25), "2026-3");
    assert_eq!(at(2026, 12, 26), "2027-1");
    assert_eq!(at(2026, 12, 31), "2027-1");
}

#[test]
fn codes_parse_back_and_nothing_else_does() {
    for r in ReportPeriod::of_year(2026) {
        assert_eq!(ReportPeriod::parse(&r.code()), Some(r));
    }
    for bad in [
        "", "2026", "2026-0", "2026-4", "2026-12", "26-1", "x-1", "2026-a", "-2026-1",
    ] {
        assert_eq!(ReportPeriod::parse(bad), None, "{bad:?}");
    }
    assert_eq!(ReportPeriod::new(2026, 4), None);
}

#[test]
fn reminders_and_lateness_around_the_2026_due_dates() {
    let june = ReportPeriod {
        year: 2026,
        index: 1,
    };
    assert_eq!(june.reminder_from(), d(2026, 6, 18));
    assert_eq!(due_status(june, None, d(2026, 6, 17)), Deadline::NotYetDue);
    assert_eq!(due_status(june, None, d(2026, 6, 18)), Deadline::Remind);
    assert_eq!(due_status(june, None, d(2026, 6, 25)), Deadline::Remind);
    assert_eq!(due_status(june, None, d(2026, 6, 26)), Deadline::Late);
    assert_eq!(
        due_status(june, Some(d(2026, 6, 25)), d(2026, 7, 1)),
        Deadline::Submitted(d(2026, 6, 25))
    );
    assert_eq!(
        due_status(june, Some(d(2026, 6, 26)), d(2026, 7, 1)),
        Deadline::SubmittedLate(d(2026, 6, 26))
    );
    assert!(due_status(june, Some(d(2026, 6, 26)), d(2026, 7, 1)).is_late());
    assert!(!due_status(june, Some(d(2026, 6, 20)), d(2026, 7, 1)).is_late());
    let sept = ReportPeriod {
        year: 2026,
        index: 2,
    };
    assert_eq!(sept.reminder_from(), d(2026, 9, 18));
    assert_eq!(due_status(sept, None, d(2026, 9, 17)), Deadline::NotYetDue);
    assert_eq!(due_status(sept, None, d(2026, 9, 18)), Deadline::Remind);
    assert_eq!(due_status(sept, None, d(2026, 9, 26)), Deadline::Late);
    let dec = ReportPeriod {
        year: 2026,
        index: 3,
    };
    assert_eq!(dec.reminder_from(), d(2026, 12, 18));
    assert_eq!(due_status(dec, None, d(2026, 12, 18)), Deadline::Remind);
    assert_eq!(due_status(dec, None, d(2026, 12, 26)), Deadline::Late);
    assert_eq!(due_status(dec, None, d(2026, 1, 1)), Deadline::NotYetDue);
}

proptest! {
    /// A year's reports tile the days from 26 December before to 25 December without gap
    /// or overlap, and each day's report is the one whose period holds it.
    #[test]
    fn periods_tile_the_year(year in 1001i32..9998) {
        let reports = ReportPeriod::of_year(year);
        prop_assert_eq!(reports.len(), 3);
        prop_assert_eq!(reports[0].period().from, d(year - 1, 12, 26));
        prop_assert_eq!(reports[2].period().to, d(year, 12, 25));
        for pair in reports.windows(2) {
            prop_assert_eq!(pair[0].period().to + Days::new(1), pair[1].period().from);
            prop_assert_eq!(pair[0].next(), pair[1]);
            prop_assert_eq!(pair[1].previous(), pair[0]);
        }
        prop_assert_eq!(reports[2].next().period().from, reports[2].period().to + Days::new(1));
        for r in &reports {
            prop_assert!(r.period().from <= r.period().to);
            prop_assert_eq!(r.due_on(), r.period().to);
        }
    }

    #[test]
    fn each_day_lies_in_exactly_one_period(offset in 0u64..3_000_000) {
        let day = d(1001, 1, 1) + Days::new(offset);
        let r = ReportPeriod::containing(day);
        prop_assert!(r.period().contains(day));
        prop_assert!(!r.previous().period().contains(day));
        prop_assert!(!r.next().period().contains(day));
    }

    #[test]
    fn a_report_submitted_by_its_due_date_is_never_late(
        offset in 0u64..3000, sub in 0u64..400, later in 0u64..400,
    ) {
        let r = ReportPeriod::containing(d(2020, 1, 1) + Days::new(offset));
        let submitted = r.period().from + Days::new(sub);
        let today = submitted + Days::new(later);
        prop_assert_eq!(due_status(r, Some(submitted), today).is_late(), submitted > r.due_on());
    }
}
