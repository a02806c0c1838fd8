//! Property tests of the working-day arithmetic over 2023–2030 (loaded and provisional years).

use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;

use super::{Calendar, Pause};

fn start_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2030, 12, 31).unwrap();
    let span = (last - first).num_days() as u64;
    (0..=span).prop_map(move |offset| first + Days::new(offset))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn counting_undoes_adding(start in start_date(), n in 0u32..400) {
        let cal = Calendar::builtin();
        let end = cal.add_working_days(start, n).unwrap();
        let counted = cal.working_days_between(start, end.value);
        prop_assert_eq!(counted.value, i64::from(n));
        prop_assert_eq!(counted.provisional, end.provisional);
        if n > 0 {
            prop_assert!(cal.is_working_day(end.value).value);
            prop_assert!(end.value > start);
        }
    }

    #[test]
    fn adding_is_monotonic(start in start_date(), n in 0u32..300) {
        let cal = Calendar::builtin();
        let a = cal.add_working_days(start, n).unwrap().value;
        let b = cal.add_working_days(start, n + 1).unwrap().value;
        prop_assert!(a < b);
    }

    #[test]
    fn provisional_years_are_always_flagged(start in start_date(), n in 1u32..60) {
        let cal = Calendar::builtin();
        let end = cal.add_working_days(start, n).unwrap();
        let touches_missing = start
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= end.value)
            .any(|d| cal.is_provisional(d.year()));
        if touches_missing {
            prop_assert!(end.provisional);
        }
        let day = cal.is_working_day(start);
        prop_assert!(!cal.is_provisional(start.year()) || day.provisional);
    }

    #[test]
    fn between_is_antisymmetric(a in start_date(), b in start_date()) {
        let cal = Calendar::builtin();
        let ab = cal.working_days_between(a, b).value;
        let ba = cal.working_days_between(b, a).value;
        prop_assert_eq!(ab, -ba);
    }

    #[test]
    fn a_closed_pause_never_makes_a_deadline_earlier(
        start in start_date(),
        n in 1u32..60,
        offset in 0u64..40,
        length in 0u64..30,
    ) {
        let cal = Calendar::builtin();
        let from = start + Days::new(offset);
        let pause = Pause { from, to: Some(from + Days::new(length)) };
        let plain = cal.deadline_with_pauses(start, n, &[]).unwrap().value.due_on().unwrap();
        let paused = cal.deadline_with_pauses(start, n, &[pause]).unwrap().value.due_on().unwrap();
        prop_assert!(paused >= plain);
    }
}
