use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A small valid notice for 2027 (made-up days, for the rules only).
fn sample() -> YearNotice {
    YearNotice {
        year: 2027,
        source: NoticeSource {
            title: "国务院办公厅关于2027年部分节假日安排的通知".into(),
            document_number: None,
            published_on: date(2026, 11, 1),
        },
        holidays: vec![NoticeHoliday {
            name_zh: "元旦".into(),
            name_en: "New Year's Day".into(),
            off: vec![DateRange {
                from: date(2027, 1, 1),
                to: date(2027, 1, 3),
            }],
        }],
        make_up_working_days: vec![date(2027, 1, 9)],
    }
}

#[test]
fn the_sample_is_valid_and_round_trips_through_json() {
    let notice = sample();
    notice.validate().unwrap();
    let json = serde_json::to_string(&notice).unwrap();
    assert_eq!(YearNotice::parse_json(&json).unwrap(), notice);
}

#[test]
fn bad_json_is_reported() {
    let err = YearNotice::parse_json("{\"year\": 2027}").unwrap_err();
    assert!(matches!(err, CalendarError::InvalidJson { .. }));
    assert!(err.message_zh().contains("格式"));
}

#[test]
fn a_title_is_required() {
    let mut notice = sample();
    notice.source.title = " ".into();
    assert_eq!(
        notice.validate(),
        Err(CalendarError::MissingTitle { year: 2027 })
    );
}

#[test]
fn publication_after_the_year_is_refused() {
    let mut notice = sample();
    notice.source.published_on = date(2028, 1, 2);
    assert!(matches!(
        notice.validate(),
        Err(CalendarError::PublishedAfterYear { .. })
    ));
}

#[test]
fn holidays_are_required_and_complete() {
    let mut notice = sample();
    notice.holidays.clear();
    assert_eq!(
        notice.validate(),
        Err(CalendarError::NoHolidays { year: 2027 })
    );
    let mut notice = sample();
    notice.holidays[0].off.clear();
    assert_eq!(
        notice.validate(),
        Err(CalendarError::IncompleteHoliday { year: 2027 })
    );
}

#[test]
fn ranges_must_be_in_order_and_short() {
    let mut notice = sample();
    notice.holidays[0].off[0] = DateRange {
        from: date(2027, 1, 3),
        to: date(2027, 1, 1),
    };
    assert!(matches!(
        notice.validate(),
        Err(CalendarError::InvertedRange { .. })
    ));
    notice.holidays[0].off[0] = DateRange {
        from: date(2027, 1, 1),
        to: date(2027, 1, 31),
    };
    assert!(matches!(
        notice.validate(),
        Err(CalendarError::RangeTooLong { .. })
    ));
}

#[test]
fn dates_must_be_in_the_year_or_the_last_week_before_it() {
    let mut notice = sample();
    notice.holidays[0].off[0] = DateRange {
        from: date(2026, 12, 31),
        to: date(2027, 1, 2),
    };
    notice.validate().unwrap();
    notice.holidays[0].off[0] = DateRange {
        from: date(2026, 12, 20),
        to: date(2027, 1, 2),
    };
    assert_eq!(
        notice.validate(),
        Err(CalendarError::DateOutsideNoticeYear {
            year: 2027,
            date: date(2026, 12, 20)
        })
    );
    let mut notice = sample();
    notice.make_up_working_days = vec![date(2028, 1, 8)];
    assert!(matches!(
        notice.validate(),
        Err(CalendarError::DateOutsideNoticeYear { .. })
    ));
}

#[test]
fn make_up_days_must_be_weekend_days() {
    let mut notice = sample();
    notice.make_up_working_days = vec![date(2027, 1, 6)]; // a Wednesday
    assert_eq!(
        notice.validate(),
        Err(CalendarError::MakeUpDayNotWeekend {
            date: date(2027, 1, 6)
        })
    );
}

#[test]
fn no_day_is_both_off_and_working_or_listed_twice() {
    let mut notice = sample();
    notice.make_up_working_days = vec![date(2027, 1, 2)]; // a Saturday, but off
    assert_eq!(
        notice.validate(),
        Err(CalendarError::DayBothOffAndWorking {
            date: date(2027, 1, 2)
        })
    );
    let mut notice = sample();
    notice.make_up_working_days = vec![date(2027, 1, 9), date(2027, 1, 9)];
    assert!(matches!(
        notice.validate(),
        Err(CalendarError::DuplicateDay { .. })
    ));
    let mut notice = sample();
    let again = notice.holidays[0].clone();
    notice.holidays.push(again);
    assert!(matches!(
        notice.validate(),
        Err(CalendarError::DuplicateDay { .. })
    ));
}

#[test]
fn builtin_files_are_valid_and_cite_their_notice() {
    for json in super::super::working_calendar::BUILTIN_NOTICES {
        let notice = YearNotice::parse_json(json).unwrap();
        let expected = format!("国务院办公厅关于{}年部分节假日安排的通知", notice.year);
        assert_eq!(notice.source.title, expected);
        assert!(notice.source.published_on.year() < notice.year);
    }
}

#[test]
fn off_days_expand_the_ranges() {
    let days: Vec<_> = sample().off_days().collect();
    assert_eq!(days, [date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3)]);
}
