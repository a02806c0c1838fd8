//! Property tests of the data checks: among generated innocent data, each check finds exactly
//! the cases planted in it, and nothing else.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
}

fn id(n: usize) -> String {
    format!("ID{n:06}")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Households of distinct people, some of whom are also listed in a second household.
    #[test]
    fn duplicates_are_exactly_the_planted_ones(
        sizes in prop::collection::vec(1usize..5, 1..30),
        planted in prop::collection::btree_set(0usize..200, 0..6),
    ) {
        let mut listed = Vec::new();
        let mut n = 0;
        for (h, size) in sizes.iter().enumerate() {
            for m in 0..*size {
                listed.push(Listed {
                    household: format!("h{h}"),
                    member: format!("m{m}"),
                    township: format!("T{}", h % 3),
                    id_number: id(n),
                });
                n += 1;
            }
        }
        let planted: BTreeSet<usize> = planted.into_iter().filter(|p| *p < n).collect();
        for p in &planted {
            listed.push(Listed {
                household: "other".into(),
                member: format!("x{p}"),
                township: "T9".into(),
                id_number: id(*p),
            });
        }
        let found: BTreeSet<String> = duplicate_ids(&listed).into_iter().map(|d| d.id_number).collect();
        let want: BTreeSet<String> = planted.iter().map(|p| id(*p)).collect();
        prop_assert_eq!(found, want);
    }

    /// People with compatible grants (临时救助, 医疗救助, one of 低保/特困/边缘 each), some
    /// of whom are also granted the item their first one excludes.
    #[test]
    fn exclusive_pairs_are_exactly_the_planted_ones(
        people in prop::collection::vec((0usize..3, any::<bool>()), 1..40),
        planted in prop::collection::btree_set(0usize..40, 0..6),
    ) {
        const MAIN: [&str; 3] = ["dibao", "tekun", "dibao_edge"];
        let mut grants = Vec::new();
        for (p, (main, medical)) in people.iter().enumerate() {
            let mut g = |item: &str| grants.push(Grant {
                case: format!("c{p}-{item}"),
                household: format!("h{p}"),
                item: item.into(),
                id_number: id(p),
                birth: NaiveDate::from_ymd_opt(1950, 1, 1).unwrap(),
                disabled: false,
            });
            g(MAIN[*main]);
            g("temporary");
            if *medical {
                g("medical");
            }
            if planted.contains(&p) {
                g(MAIN[(*main + 1) % 3]);
            }
        }
        let found: BTreeSet<String> = exclusive_aids(&grants).into_iter().map(|e| e.id_number).collect();
        let want: BTreeSet<String> = planted.iter().filter(|p| **p < people.len()).map(|p| id(*p)).collect();
        prop_assert_eq!(found, want);
    }

    /// Told cases evaluated, or told under 30 days ago, beside planted ones told 30 or more
    /// days ago and never evaluated.
    #[test]
    fn unevaluated_are_exactly_the_planted_ones(
        innocent in prop::collection::vec((0u64..400, any::<bool>()), 0..40),
        planted in prop::collection::vec(30u64..400, 0..10),
    ) {
        let mut told = Vec::new();
        for (i, (ago, evaluated)) in innocent.iter().enumerate() {
            // An unevaluated innocent one was told under 30 days ago.
            let ago = if *evaluated { *ago } else { ago % 30 };
            told.push(Told {
                case: format!("i{i}"),
                told_on: today().checked_sub_days(Days::new(ago)).unwrap(),
                evaluated: *evaluated,
            });
        }
        for (i, ago) in planted.iter().enumerate() {
            told.push(Told {
                case: format!("p{i}"),
                told_on: today().checked_sub_days(Days::new(*ago)).unwrap(),
                evaluated: false,
            });
        }
        let found: BTreeSet<String> = unevaluated(&told, today()).into_iter().map(|u| u.told.case).collect();
        let want: BTreeSet<String> = (0..planted.len()).map(|i| format!("p{i}")).collect();
        prop_assert_eq!(found, want);
    }

    /// Open cases of households with at least one valid authorization (and perhaps lapsed
    /// ones), or none at all, beside planted households whose every one has lapsed.
    #[test]
    fn lapsed_authorizations_are_exactly_the_planted_ones(
        households in prop::collection::vec((0usize..3, 0usize..3, any::<bool>()), 1..30),
        planted in prop::collection::btree_set(0usize..30, 0..6),
    ) {
        let mut open = Vec::new();
        let mut auths = Vec::new();
        for (h, (valid, lapsed, revoked)) in households.iter().enumerate() {
            open.push(OpenCase { case: format!("c{h}"), household: format!("h{h}") });
            // An innocent household with lapsed ones keeps at least one valid one.
            let valid = if planted.contains(&h) {
                0
            } else if *lapsed > 0 {
                (*valid).max(1)
            } else {
                *valid
            };
            let lapsed = if planted.contains(&h) { lapsed + 1 } else { *lapsed };
            for v in 0..valid {
                auths.push(Authorization {
                    household: format!("h{h}"),
                    valid_until: today().checked_add_days(Days::new(v as u64)).unwrap(),
                    revoked: false,
                });
            }
            for l in 0..lapsed {
                auths.push(Authorization {
                    household: format!("h{h}"),
                    valid_until: if *revoked {
                        today().checked_add_days(Days::new(100)).unwrap()
                    } else {
                        today().checked_sub_days(Days::new(1 + l as u64)).unwrap()
                    },
                    revoked: *revoked,
                });
            }
        }
        let found: BTreeSet<String> = lapsed_authorizations(&open, &auths, today())
            .into_iter()
            .map(|l| l.case.case)
            .collect();
        let want: BTreeSet<String> = planted
            .iter()
            .filter(|p| **p < households.len())
            .map(|p| format!("c{p}"))
            .collect();
        prop_assert_eq!(found, want);
    }

    /// A tekun recipient is found exactly when 16 to 59 and not disabled.
    #[test]
    fn tekun_outside_its_rule_exactly_between_16_and_59_without_disability(
        days_old in 0u64..36_500,
        disabled in any::<bool>(),
    ) {
        let birth = today().checked_sub_days(Days::new(days_old)).unwrap();
        let g = Grant {
            case: "c".into(),
            household: "h".into(),
            item: "tekun".into(),
            id_number: id(1),
            birth,
            disabled,
        };
        let age = age_on(birth, today());
        let found = !outside_item_rules(&[g], today()).is_empty();
        prop_assert_eq!(found, (16..60).contains(&age) && !disabled);
    }
}
