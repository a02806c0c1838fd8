use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn due(on: NaiveDate) -> Deadline {
    Deadline::Due { on }
}

#[test]
fn covers_is_half_open() {
    let pause = Pause {
        from: date(2025, 3, 5),
        to: Some(date(2025, 3, 7)),
    };
    assert!(!pause.covers(date(2025, 3, 5)));
    assert!(pause.covers(date(2025, 3, 6)));
    assert!(pause.covers(date(2025, 3, 7)));
    assert!(!pause.covers(date(2025, 3, 8)));
    let open = Pause {
        from: date(2025, 3, 5),
        to: None,
    };
    assert!(open.covers(date(2030, 1, 1)));
}

#[test]
fn a_pause_on_one_day_changes_nothing() {
    let cal = Calendar::builtin();
    let same_day = Pause {
        from: date(2025, 3, 5),
        to: Some(date(2025, 3, 5)),
    };
    let with = cal
        .deadline_with_pauses(date(2025, 3, 3), 5, &[same_day])
        .unwrap();
    let without = cal.deadline_with_pauses(date(2025, 3, 3), 5, &[]).unwrap();
    assert_eq!(with, without);
    assert_eq!(without.value, due(date(2025, 3, 10)));
}

#[test]
fn each_paused_working_day_moves_the_deadline_by_one() {
    let cal = Calendar::builtin();
    // Mon 3 Mar 2025, 5 working days: Tue 4 … Mon 10. Pause Wed 5 → Fri 7 skips Thu, Fri.
    let pause = Pause {
        from: date(2025, 3, 5),
        to: Some(date(2025, 3, 7)),
    };
    let d = cal
        .deadline_with_pauses(date(2025, 3, 3), 5, &[pause])
        .unwrap();
    assert_eq!(d.value, due(date(2025, 3, 12)));
    // A pause over a weekend only costs nothing.
    let weekend = Pause {
        from: date(2025, 3, 7),
        to: Some(date(2025, 3, 9)),
    };
    let d = cal
        .deadline_with_pauses(date(2025, 3, 3), 5, &[weekend])
        .unwrap();
    assert_eq!(d.value, due(date(2025, 3, 10)));
}

#[test]
fn overlapping_pauses_count_once() {
    let cal = Calendar::builtin();
    let a = Pause {
        from: date(2025, 3, 5),
        to: Some(date(2025, 3, 7)),
    };
    let b = Pause {
        from: date(2025, 3, 6),
        to: Some(date(2025, 3, 10)),
    };
    let d = cal
        .deadline_with_pauses(date(2025, 3, 3), 5, &[a, b])
        .unwrap();
    // Skipped: Thu 6, Fri 7, Mon 10 → Tue 4, Wed 5, Tue 11, Wed 12, Thu 13.
    assert_eq!(d.value, due(date(2025, 3, 13)));
}

#[test]
fn an_open_pause_suspends_the_deadline() {
    let cal = Calendar::builtin();
    let open = Pause {
        from: date(2025, 3, 5),
        to: None,
    };
    let d = cal
        .deadline_with_pauses(date(2025, 3, 3), 5, &[open])
        .unwrap();
    assert_eq!(
        d.value,
        Deadline::Suspended {
            since: date(2025, 3, 5)
        }
    );
    assert_eq!(d.value.due_on(), None);
    // Reached before the open pause begins: the deadline stands.
    let later = Pause {
        from: date(2025, 3, 20),
        to: None,
    };
    let d = cal
        .deadline_with_pauses(date(2025, 3, 3), 5, &[later])
        .unwrap();
    assert_eq!(d.value, due(date(2025, 3, 10)));
}

#[test]
fn pauses_before_the_start_do_nothing() {
    let cal = Calendar::builtin();
    let old = Pause {
        from: date(2025, 1, 1),
        to: Some(date(2025, 2, 1)),
    };
    let d = cal
        .deadline_with_pauses(date(2025, 3, 3), 5, &[old])
        .unwrap();
    assert_eq!(d.value, due(date(2025, 3, 10)));
}

#[test]
fn inverted_pauses_and_huge_counts_are_errors() {
    let cal = Calendar::builtin();
    let bad = Pause {
        from: date(2025, 3, 7),
        to: Some(date(2025, 3, 5)),
    };
    assert_eq!(
        cal.deadline_with_pauses(date(2025, 3, 3), 5, &[bad]),
        Err(CalendarError::InvalidPause {
            from: date(2025, 3, 7),
            to: date(2025, 3, 5)
        })
    );
    assert!(matches!(
        cal.deadline_with_pauses(date(2025, 3, 3), MAX_WORKING_DAYS + 1, &[]),
        Err(CalendarError::TooManyWorkingDays { .. })
    ));
    assert!(matches!(
        cal.deadline_with_pauses(NaiveDate::MAX, 1, &[]),
        Err(CalendarError::DateOutOfRange { .. })
    ));
}

#[test]
fn a_pause_over_a_holiday_in_a_provisional_year_is_still_flagged() {
    let cal = Calendar::builtin();
    let d = cal
        .deadline_with_pauses(date(2026, 12, 20), 10, &[])
        .unwrap();
    assert!(d.provisional);
}

#[test]
fn deadlines_serialize_with_a_kind() {
    let json = serde_json::to_string(&due(date(2026, 3, 2))).unwrap();
    assert_eq!(json, r#"{"kind":"due","on":"2026-03-02"}"#);
    let pause = Pause {
        from: date(2026, 3, 2),
        to: None,
    };
    let back: Pause = serde_json::from_str(&serde_json::to_string(&pause).unwrap()).unwrap();
    assert_eq!(back, pause);
}
