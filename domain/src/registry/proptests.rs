//! Property tests of the registry: whatever the entries, a month's figures add up from the
//! month before through its movements, per category and township as in total.

use proptest::prelude::*;

use super::movements::MovementKind as K;
use super::*;

fn month(n: u32) -> Month {
    Month::new(2024, 1).unwrap().plus(n)
}

prop_compose! {
    fn an_entry(i: usize)(
        category in 0usize..5,
        township in 0usize..3,
        start in 0u32..30,
        length in prop::option::of(0u32..30),
        stop_after in prop::option::of(0u32..30),
        first in 0i64..100_000,
        changes in prop::collection::vec((1u32..30, 0i64..100_000), 0..4),
        late in 0u32..4,
        members in 1u32..8,
    ) -> Entry {
        let start_m = month(start);
        let mut amounts = vec![(start_m, first)];
        let mut changes = changes;
        changes.sort();
        for (after, fen) in changes {
            let at = start_m.plus(after);
            if amounts.last().is_some_and(|(m, _)| *m < at) {
                amounts.push((at, fen));
            }
        }
        Entry {
            key: format!("e{i}"),
            household: format!("h{i}"),
            category: Category::ALL[category],
            township: format!("T{township}"),
            village: format!("T{township}V"),
            head_name: "某".into(),
            head_id: format!("ID{i}"),
            members,
            amounts,
            start: start_m,
            end: length.map(|l| start_m.plus(l)),
            stopped_from: stop_after.map(|s| start_m.plus(s)),
            recorded: start_m.plus(late),
            source: Source::Imported { record: format!("r{i}") },
        }
    }
}

fn entries() -> impl Strategy<Value = Vec<Entry>> {
    (0usize..25).prop_flat_map(|n| (0..n).map(an_entry).collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Listed this month = listed last month + new − exited; paid this month = paid last month
    /// + new − exited + increased − decreased − stopped; in every line of the statistics.
    #[test]
    fn the_months_figures_add_up(entries in entries(), at in 0u32..50) {
        let s = stats(&entries, month(at));
        for (key, line) in &s {
            prop_assert_eq!(
                i64::from(line.listed),
                i64::from(line.listed_before) + i64::from(line.count(K::New)) - i64::from(line.count(K::Exited)),
                "{:?}", key
            );
            prop_assert_eq!(
                line.paid_fen,
                line.paid_fen_before + line.fen(K::New) - line.fen(K::Exited)
                    + line.fen(K::Increased) - line.fen(K::Decreased) - line.fen(K::Stopped),
                "{:?}", key
            );
        }
        // The whole is the sum of its townships, category by category.
        for c in Category::ALL {
            let Some(total) = s.get(&(Some(c), None)) else { continue };
            let parts: u32 = s.iter()
                .filter(|((cc, t), _)| *cc == Some(c) && t.is_some())
                .map(|(_, l)| l.listed)
                .sum();
            prop_assert_eq!(total.listed, parts);
        }
    }

    /// Each entry makes at most one of new / exited / stopped and at most one change of
    /// amount in a month; a month without entries moves nothing; money moved is never negative.
    #[test]
    fn movements_are_one_per_kind_and_never_negative(entries in entries(), at in 0u32..50) {
        let moved = movements(&entries, month(at));
        for e in &entries {
            let mine: Vec<&Movement> = moved.iter().filter(|m| m.key == e.key).collect();
            let lifecycle = mine.iter().filter(|m| matches!(m.kind, K::New | K::Exited | K::Stopped)).count();
            let change = mine.iter().filter(|m| matches!(m.kind, K::Increased | K::Decreased)).count();
            prop_assert!(lifecycle <= 1 && change <= 1);
        }
        prop_assert!(moved.iter().all(|m| m.fen >= 0));
    }

    /// Walking month by month from before every entry, the listed count is the running sum of
    /// new minus exited.
    #[test]
    fn a_running_sum_of_movements_gives_the_register(entries in entries()) {
        let mut listed: i64 = 0;
        for n in 0..70 {
            let at = month(n);
            let moved = movements(&entries, at);
            listed += moved.iter().filter(|m| m.kind == K::New).count() as i64;
            listed -= moved.iter().filter(|m| m.kind == K::Exited).count() as i64;
            let actual = entries.iter().filter(|e| e.listed_in(at)).count() as i64;
            prop_assert_eq!(listed, actual);
        }
    }

    /// Every listed entry of a reviewed category has exactly one review state, never before
    /// its start.
    #[test]
    fn every_reviewed_entry_has_one_review(entries in entries(), today_after in 0u64..2000) {
        let today = month(0).first_day() + chrono::Days::new(today_after);
        let states = review_states(&entries, &[], today);
        for e in entries.iter().filter(|e| e.listed_in(Month::of(today))) {
            let n = states.iter().filter(|s| s.key == e.key).count();
            let reviewed = reviews::review_rule(e.category).every_months.is_some();
            prop_assert_eq!(n, usize::from(reviewed));
        }
        prop_assert!(states.iter().all(|s| entries.iter().any(|e| e.key == s.key && s.due_on > e.start.first_day())));
    }
}
