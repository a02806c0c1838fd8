//! The dashboard's arithmetic against figures worked out by hand on the 2026 calendar
//! (Mondays: 7 and 14 December; 1–7 October the National Day holiday, 10 October a make-up
//! working Saturday).

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn case(state: &str, township: &str, channel: &str, items: &[&str]) -> CaseFacts {
    CaseFacts {
        id: Uuid::now_v7(),
        state: state.to_owned(),
        township: Some(township.to_owned()),
        channel: channel.to_owned(),
        items: items.iter().map(|s| (*s).to_owned()).collect(),
        ..CaseFacts::default()
    }
}

#[test]
fn counts_group_and_sort_largest_first() {
    let cases = [
        case("routed", "t1", "window", &["dibao"]),
        case("routed", "t2", "online", &["temporary", "medical"]),
        case("closed", "t1", "window", &["temporary"]),
    ];
    let c = counts(&cases);
    assert_eq!(c.state, [("routed".into(), 2), ("closed".into(), 1)]);
    assert_eq!(c.township, [("t1".into(), 2), ("t2".into(), 1)]);
    assert_eq!(
        c.item,
        [
            ("temporary".into(), 2),
            ("dibao".into(), 1),
            ("medical".into(), 1)
        ]
    );
    assert_eq!(c.channel, [("window".into(), 2), ("online".into(), 1)]);
}

#[test]
fn steps_average_working_days_against_their_limits() {
    let cal = Calendar::builtin();
    let mut a = case("closed", "t", "window", &["temporary"]);
    // Monday → Wednesday: 2 working days, over the 1-day answer limit.
    a.submitted_on = Some(d("2026-12-07"));
    a.answered_on = Some(d("2026-12-09"));
    a.accepted_on = Some(d("2026-12-09"));
    // Friday → Monday: 1 working day.
    a.routed_on = Some(d("2026-12-14"));
    a.accepted_on = Some(d("2026-12-11"));
    a.decided_on = Some(d("2026-12-18"));
    a.decision_limit_days = Some(10);
    a.told_on = Some(d("2026-12-18"));
    let mut b = case("routed", "t", "window", &["dibao"]);
    b.submitted_on = Some(d("2026-12-07"));
    b.answered_on = Some(d("2026-12-07"));
    // Across National Day: 30 September → 8 October is 1 working day (8 October).
    b.accepted_on = Some(d("2026-09-30"));
    b.routed_on = Some(d("2026-10-08"));
    b.decision_limit_days = Some(30);
    let s = step_averages(&[a, b], &cal);
    assert_eq!(s[0].step, Step::Acceptance);
    assert_eq!((s[0].cases, s[0].average, s[0].late), (2, Some(1.0), 1));
    assert_eq!((s[1].cases, s[1].average, s[1].late), (2, Some(1.0), 0));
    // Monday 14 → Friday 18 December: 4 working days; the limit is that case's own.
    assert_eq!(
        (s[2].cases, s[2].average, s[2].limit),
        (1, Some(4.0), Some(10.0))
    );
    assert_eq!((s[3].cases, s[3].average, s[3].late), (1, Some(0.0), 0));
    assert_eq!(s[3].limit, Some(2.0));
}

#[test]
fn deadlines_are_near_within_a_working_day_and_past_after_their_day() {
    let cal = Calendar::builtin();
    // Friday with a Monday deadline: one working day left.
    assert_eq!(
        standing(d("2026-12-14"), d("2026-12-11"), &cal),
        Some(Standing::Near(1))
    );
    assert_eq!(
        standing(d("2026-12-14"), d("2026-12-14"), &cal),
        Some(Standing::Near(0))
    );
    assert_eq!(standing(d("2026-12-16"), d("2026-12-14"), &cal), None);
    // Past Friday's deadline on Sunday: late, but no working day yet; on Tuesday, 2.
    assert_eq!(
        standing(d("2026-12-11"), d("2026-12-13"), &cal),
        Some(Standing::Past(0))
    );
    assert_eq!(
        standing(d("2026-12-11"), d("2026-12-15"), &cal),
        Some(Standing::Past(2))
    );
}

#[test]
fn satisfaction_counts_the_rated_and_the_told_but_unrated() {
    let mut cases = vec![case("closed", "t", "window", &[]); 4];
    cases[0].rating = Some("very_satisfied".into());
    cases[1].rating = Some("acceptable".into());
    cases[2].rating = Some("dissatisfied".into());
    cases[3].told_on = Some(d("2026-12-07"));
    let s = satisfaction(&cases);
    assert_eq!(s.counts, [1, 0, 1, 1, 0]);
    assert_eq!((s.rated, s.unrated), (3, 1));
    assert_eq!(s.satisfied_rate, Some(2.0 / 3.0));
    assert_eq!(satisfaction(&[]).satisfied_rate, None);
}

#[test]
fn hardship_answers_and_helper_activity() {
    let cal = Calendar::builtin();
    assert_eq!(
        answered_within(d("2026-12-11"), Some(d("2026-12-15")), &cal),
        Some(2)
    );
    assert_eq!(answered_within(d("2026-12-11"), None, &cal), None);
    let rows = [
        ("v2".to_owned(), "visit".to_owned(), 3),
        ("v1".to_owned(), "entrustment".to_owned(), 2),
        ("v1".to_owned(), "evaluation".to_owned(), 1),
        ("v1".to_owned(), "household".to_owned(), 9),
    ];
    let a = activity(&rows);
    assert_eq!(a.len(), 2);
    assert_eq!(
        a[0],
        (
            "v1".to_owned(),
            Activity {
                entrustments: 2,
                visits: 0,
                evaluations: 1
            }
        )
    );
    assert_eq!(a[1].1.visits, 3);
}
