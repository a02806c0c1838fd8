use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn add(cal: &Calendar, start: NaiveDate, n: u32) -> NaiveDate {
    cal.add_working_days(start, n).unwrap().value
}

#[test]
fn the_start_day_is_not_counted() {
    let cal = Calendar::builtin();
    assert_eq!(add(&cal, date(2025, 3, 3), 1), date(2025, 3, 4)); // Mon → Tue
    assert_eq!(add(&cal, date(2025, 3, 7), 1), date(2025, 3, 10)); // Fri → Mon
    assert_eq!(add(&cal, date(2025, 3, 8), 1), date(2025, 3, 10)); // Sat → Mon
    assert_eq!(add(&cal, date(2025, 3, 3), 0), date(2025, 3, 3));
}

#[test]
fn around_the_2026_spring_festival() {
    let cal = Calendar::builtin();
    // Thu 12 Feb + 2 → Fri 13, Sat 14 (make-up).
    assert_eq!(add(&cal, date(2026, 2, 12), 2), date(2026, 2, 14));
    // Sat 14 + 1 → the holiday 15–23 is skipped.
    assert_eq!(add(&cal, date(2026, 2, 14), 1), date(2026, 2, 24));
    // Fri 27 + 1 → Sat 28 is a make-up working day.
    assert_eq!(add(&cal, date(2026, 2, 27), 1), date(2026, 2, 28));
    assert_eq!(
        cal.working_days_between(date(2026, 2, 13), date(2026, 2, 24))
            .value,
        2
    );
}

#[test]
fn around_national_day_2024_and_2025() {
    let cal = Calendar::builtin();
    assert_eq!(add(&cal, date(2024, 9, 30), 1), date(2024, 10, 8));
    assert_eq!(add(&cal, date(2024, 10, 11), 1), date(2024, 10, 12)); // Saturday works
    assert_eq!(add(&cal, date(2025, 9, 26), 1), date(2025, 9, 28)); // Sunday works
    assert_eq!(add(&cal, date(2025, 9, 30), 1), date(2025, 10, 9));
    assert_eq!(
        cal.working_days_between(date(2025, 9, 30), date(2025, 10, 9))
            .value,
        1
    );
}

#[test]
fn across_new_year_2025_to_2026() {
    let cal = Calendar::builtin();
    // Wed 31 Dec 2025 + 1 → Thu 1 – Sat 3 off → Sun 4 Jan 2026 is a make-up working day.
    let r = cal.add_working_days(date(2025, 12, 31), 1).unwrap();
    assert_eq!(
        r,
        Dated {
            value: date(2026, 1, 4),
            provisional: false
        }
    );
}

#[test]
fn between_is_antisymmetric_and_excludes_the_first_day() {
    let cal = Calendar::builtin();
    let (a, b) = (date(2025, 3, 3), date(2025, 3, 10));
    assert_eq!(cal.working_days_between(a, b).value, 5);
    assert_eq!(cal.working_days_between(b, a).value, -5);
    assert_eq!(cal.working_days_between(a, a).value, 0);
    // Saturday to Sunday: no working day.
    assert_eq!(
        cal.working_days_between(date(2025, 3, 8), date(2025, 3, 9))
            .value,
        0
    );
}

#[test]
fn provisional_years_are_flagged() {
    let cal = Calendar::builtin();
    let r = cal.add_working_days(date(2027, 3, 1), 3).unwrap();
    assert!(r.provisional);
    assert!(
        cal.working_days_between(date(2026, 12, 1), date(2027, 1, 10))
            .provisional
    );
    assert!(
        !cal.working_days_between(date(2026, 3, 1), date(2026, 3, 10))
            .provisional
    );
    // Reaching into 2027 from 2026 flags the result.
    assert!(
        cal.add_working_days(date(2026, 12, 1), 30)
            .unwrap()
            .provisional
    );
}

#[test]
fn remaining_and_urgency() {
    let cal = Calendar::builtin();
    let deadline = Deadline::Due {
        on: date(2025, 3, 14),
    }; // Friday
    let u = |today| cal.urgency(deadline, today).value;
    assert_eq!(u(date(2025, 3, 10)), Urgency::OnTrack); // 4 left
    assert_eq!(u(date(2025, 3, 12)), Urgency::DueSoon); // 2 left
    assert_eq!(u(date(2025, 3, 13)), Urgency::DueSoon); // 1 left
    assert_eq!(u(date(2025, 3, 14)), Urgency::DueToday);
    assert_eq!(u(date(2025, 3, 15)), Urgency::Overdue); // Saturday after
    assert_eq!(u(date(2025, 3, 17)), Urgency::Overdue);
    assert_eq!(
        cal.working_days_remaining(date(2025, 3, 14), date(2025, 3, 10))
            .value,
        4
    );
    assert_eq!(
        cal.working_days_remaining(date(2025, 3, 14), date(2025, 3, 17))
            .value,
        -1
    );
    let suspended = Deadline::Suspended {
        since: date(2025, 3, 1),
    };
    assert_eq!(
        cal.urgency(suspended, date(2025, 3, 20)).value,
        Urgency::Suspended
    );
    assert_eq!(Urgency::Overdue.label_zh(), "逾期");
}

#[test]
fn urgency_over_a_holiday_counts_working_days() {
    let cal = Calendar::builtin();
    // Due Tue 24 Feb 2026; on Fri 13 Feb only Sat 14 and Tue 24 are left: due soon.
    let deadline = Deadline::Due {
        on: date(2026, 2, 24),
    };
    assert_eq!(
        cal.urgency(deadline, date(2026, 2, 13)).value,
        Urgency::DueSoon
    );
    assert_eq!(
        cal.urgency(deadline, date(2026, 2, 12)).value,
        Urgency::OnTrack
    );
}
