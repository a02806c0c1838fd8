use super::*;
use crate::calendar::notice::{DateRange, NoticeHoliday, NoticeSource};
use crate::calendar::statutory::statutory_holidays;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn working(cal: &Calendar, y: i32, m: u32, d: u32) -> bool {
    cal.is_working_day(date(y, m, d)).value
}

#[test]
fn builtin_years() {
    let cal = Calendar::builtin();
    assert_eq!(cal.loaded_years(), [2023, 2024, 2025, 2026]);
    assert!(!cal.is_provisional(2026));
    assert!(cal.is_provisional(2027));
    assert!(cal.is_provisional(2022));
    assert_eq!(
        cal.notice(2025).unwrap().source.published_on,
        date(2024, 11, 12)
    );
}

#[test]
fn facts_of_2026() {
    let cal = Calendar::builtin();
    assert!(working(&cal, 2026, 2, 14)); // Saturday, make-up working day
    assert!(working(&cal, 2026, 2, 28)); // Saturday, make-up working day
    assert!(!working(&cal, 2026, 2, 16)); // 除夕
    assert!(!working(&cal, 2026, 2, 23)); // Monday, 正月初七, last day off
    assert!(working(&cal, 2026, 2, 24));
    assert!(working(&cal, 2026, 1, 4)); // Sunday
    assert!(!working(&cal, 2026, 1, 2)); // Friday off
    assert!(!working(&cal, 2026, 4, 6)); // Monday, Qingming
    assert!(working(&cal, 2026, 5, 9)); // Saturday
    assert!(working(&cal, 2026, 9, 20)); // Sunday
    assert!(working(&cal, 2026, 10, 10)); // Saturday
    assert!(!working(&cal, 2026, 10, 7));
    assert!(!cal.is_working_day(date(2026, 6, 19)).provisional);
}

#[test]
fn facts_of_2025() {
    let cal = Calendar::builtin();
    assert!(working(&cal, 2025, 1, 26)); // Sunday
    assert!(working(&cal, 2025, 2, 8)); // Saturday
    assert!(!working(&cal, 2025, 1, 28)); // 除夕, Tuesday
    assert!(!working(&cal, 2025, 2, 4));
    assert!(working(&cal, 2025, 4, 27)); // Sunday
    assert!(!working(&cal, 2025, 10, 8)); // Wednesday, National Day + Mid-Autumn
    assert!(working(&cal, 2025, 10, 11)); // Saturday
    assert!(!working(&cal, 2025, 1, 1));
}

#[test]
fn facts_of_2024_and_2023() {
    let cal = Calendar::builtin();
    for day in 1..=7 {
        assert!(!working(&cal, 2024, 10, day), "2024-10-0{day}");
    }
    assert!(working(&cal, 2024, 10, 12)); // Saturday
    assert!(working(&cal, 2024, 2, 9)); // 除夕 2024 was only "encouraged" leave
    assert!(working(&cal, 2024, 2, 18)); // Sunday
    assert!(working(&cal, 2023, 4, 23)); // Sunday
    assert!(!working(&cal, 2023, 4, 5)); // Qingming, Wednesday
    assert!(!working(&cal, 2023, 1, 2)); // Monday, New Year
    assert!(working(&cal, 2023, 10, 8)); // Sunday
    assert!(working(&cal, 2023, 3, 1)); // plain Wednesday
    assert!(!working(&cal, 2023, 3, 4)); // plain Saturday
}

#[test]
fn provisional_years_use_statutory_days_and_weekends_only() {
    let cal = Calendar::builtin();
    // 2027: 正月初一 is Saturday 6 February; 除夕 Friday 5 February.
    let eve = cal.is_working_day(date(2027, 2, 5));
    assert_eq!(
        eve,
        Dated {
            value: false,
            provisional: true
        }
    );
    assert!(working(&cal, 2027, 2, 9)); // Tuesday, 初四: no swap is guessed
    assert!(!working(&cal, 2027, 1, 1));
    // May 1–2 2027 fall on a weekend. The regulation's make-up day off (补假, art. 6) is
    // placed by the notice, so it is not guessed either: Monday 3 May stays a working day.
    assert!(!working(&cal, 2027, 5, 1));
    assert!(working(&cal, 2027, 5, 3));
    assert!(cal.is_working_day(date(2027, 3, 3)).provisional);
}

#[test]
fn late_december_waits_for_next_year_s_notice() {
    let cal = Calendar::builtin();
    let new_year_s_eve = cal.is_working_day(date(2026, 12, 31));
    assert_eq!(
        new_year_s_eve,
        Dated {
            value: true,
            provisional: true
        }
    );
    assert!(!cal.is_working_day(date(2026, 12, 24)).provisional);
    assert!(!cal.is_working_day(date(2025, 12, 31)).provisional);
    assert_eq!(
        cal.missing_notice_years(date(2026, 12, 1), date(2026, 12, 28)),
        [2027]
    );
    assert!(
        cal.missing_notice_years(date(2025, 1, 1), date(2026, 6, 1))
            .is_empty()
    );
    assert_eq!(
        cal.missing_notice_years(date(2028, 1, 1), date(2026, 3, 1)),
        [2027, 2028]
    );
}

#[test]
fn the_provisional_estimate_is_inside_the_real_notices() {
    // Every statutory day the estimate finds must be a day off in the published notice.
    let cal = Calendar::builtin();
    for year in [2023, 2024, 2025, 2026] {
        let notice = cal.notice(year).unwrap();
        let off: Vec<_> = notice.off_days().collect();
        for (day, holiday) in statutory_holidays(year) {
            assert!(
                off.contains(&day),
                "{day} ({}) is not off in {year}",
                holiday.name_zh()
            );
        }
    }
}

fn notice_2027() -> YearNotice {
    // Hypothetical 2027 arrangement, to test loading (the real one is not yet published).
    YearNotice {
        year: 2027,
        source: NoticeSource {
            title: "国务院办公厅关于2027年部分节假日安排的通知".into(),
            document_number: None,
            published_on: date(2026, 11, 1),
        },
        holidays: vec![NoticeHoliday {
            name_zh: "春节".into(),
            name_en: "Spring Festival".into(),
            off: vec![DateRange {
                from: date(2027, 2, 5),
                to: date(2027, 2, 12),
            }],
        }],
        make_up_working_days: vec![date(2027, 2, 20)],
    }
}

#[test]
fn loading_a_new_year_makes_it_final() {
    let cal = Calendar::builtin().with_notice(notice_2027()).unwrap();
    assert_eq!(cal.loaded_years(), [2023, 2024, 2025, 2026, 2027]);
    assert_eq!(
        cal.is_working_day(date(2027, 2, 9)),
        Dated {
            value: false,
            provisional: false
        }
    );
    assert!(working(&cal, 2027, 2, 20));
    assert!(!cal.is_working_day(date(2026, 12, 31)).provisional);
    // Loading it again is harmless; a different one for the same year is refused.
    assert!(cal.with_notice(notice_2027()).is_ok());
    let mut other = notice_2027();
    other.make_up_working_days.clear();
    assert_eq!(
        cal.with_notice(other),
        Err(CalendarError::YearAlreadyLoaded { year: 2027 })
    );
}

#[test]
fn invalid_or_conflicting_notices_are_refused() {
    let mut bad = notice_2027();
    bad.make_up_working_days = vec![date(2027, 2, 17)]; // a Wednesday
    assert!(matches!(
        Calendar::builtin().with_notice(bad),
        Err(CalendarError::MakeUpDayNotWeekend { .. })
    ));
    // A 2027 notice giving 2026-12-27 (a Sunday) as a working day, while a (hypothetical)
    // corrected 2026 view says it is off, conflicts.
    let mut spill = notice_2027();
    spill.make_up_working_days.push(date(2026, 12, 27));
    let mut notice_2026 = Calendar::builtin().notice(2026).unwrap().clone();
    notice_2026.holidays[0].off.push(DateRange {
        from: date(2026, 12, 27),
        to: date(2026, 12, 27),
    });
    let cal = Calendar::empty().with_notice(notice_2026).unwrap();
    assert_eq!(
        cal.with_notice(spill),
        Err(CalendarError::ConflictWithLoadedNotice {
            date: date(2026, 12, 27),
            other_year: 2026
        })
    );
}

#[test]
fn an_empty_calendar_is_all_provisional() {
    let cal = Calendar::empty();
    let d = cal.is_working_day(date(2026, 2, 14));
    assert_eq!(
        d,
        Dated {
            value: false,
            provisional: true
        }
    ); // the swap is not guessed
    assert!(cal.loaded_years().is_empty());
}
