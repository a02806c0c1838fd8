//! The data checks against planted fixtures: each finds its planted cases, and the near
//! misses beside them stay unfound.

use chrono::NaiveDate;

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    d("2026-12-06")
}

fn listed(household: &str, member: &str, township: &str, id: &str) -> Listed {
    Listed {
        household: household.into(),
        member: member.into(),
        township: township.into(),
        id_number: id.into(),
    }
}

fn grant(case: &str, household: &str, item: &str, id: &str, birth: &str, disabled: bool) -> Grant {
    Grant {
        case: case.into(),
        household: household.into(),
        item: item.into(),
        id_number: id.into(),
        birth: d(birth),
        disabled,
    }
}

#[test]
fn the_same_number_in_two_households_is_found_once_with_both_townships() {
    let found = duplicate_ids(&[
        listed("h1", "m1", "T1", "A"),
        listed("h2", "m9", "T2", "A"),
        // Near misses: one household listing B twice; C once.
        listed("h3", "m1", "T1", "B"),
        listed("h3", "m2", "T1", "B"),
        listed("h4", "m1", "T1", "C"),
    ]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id_number, "A");
    assert_eq!(
        found[0].listings,
        vec![("h1".into(), "m1".into()), ("h2".into(), "m9".into())]
    );
    assert_eq!(found[0].townships, vec!["T1".to_owned(), "T2".to_owned()]);
}

#[test]
fn two_households_in_one_township_are_found_too() {
    let found = duplicate_ids(&[listed("h1", "m1", "T1", "A"), listed("h2", "m1", "T1", "A")]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].townships, vec!["T1".to_owned()]);
}

#[test]
fn dibao_with_tekun_is_found_and_dibao_with_temporary_is_not() {
    let found = exclusive_aids(&[
        grant("c1", "h1", "dibao", "A", "1950-01-01", false),
        grant("c2", "h1", "tekun", "A", "1950-01-01", false),
        // Near misses: 低保 and 临时救助 go together; another person's 特困.
        grant("c3", "h2", "dibao", "B", "1980-01-01", false),
        grant("c4", "h2", "temporary", "B", "1980-01-01", false),
        grant("c5", "h3", "tekun", "C", "1940-01-01", false),
    ]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id_number, "A");
    assert_eq!(found[0].items, ("dibao", "tekun"));
    assert_eq!(found[0].grants.0.case, "c1");
    assert_eq!(found[0].grants.1.case, "c2");
}

#[test]
fn a_working_age_tekun_recipient_is_found_and_the_old_the_young_and_the_disabled_are_not() {
    let found = outside_item_rules(
        &[
            grant("c1", "h1", "tekun", "A", "1980-05-01", false),
            grant("c2", "h2", "tekun", "B", "1966-12-06", false), // 60 today
            grant("c3", "h3", "tekun", "C", "2010-12-07", false), // 15 today
            grant("c4", "h4", "tekun", "D", "1980-05-01", true),
            grant("c5", "h5", "dibao", "E", "1980-05-01", false),
        ],
        today(),
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].grant.case, "c1");
    assert_eq!(found[0].age, 46);
}

#[test]
fn a_turned_60_employment_recipient_is_found() {
    let found = outside_item_rules(
        &[
            grant("c1", "h1", "employment", "A", "1966-12-06", false),
            grant("c2", "h2", "employment", "B", "1966-12-07", false), // 59 today
        ],
        today(),
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].grant.case, "c1");
}

#[test]
fn an_open_case_under_a_revoked_or_expired_authorization_is_found() {
    let open = [
        OpenCase {
            case: "c1".into(),
            household: "h1".into(),
        },
        OpenCase {
            case: "c2".into(),
            household: "h2".into(),
        },
        OpenCase {
            case: "c3".into(),
            household: "h3".into(),
        },
        OpenCase {
            case: "c4".into(),
            household: "h4".into(),
        },
    ];
    let auth = |h: &str, until: &str, revoked: bool| Authorization {
        household: h.into(),
        valid_until: d(until),
        revoked,
    };
    let found = lapsed_authorizations(
        &open,
        &[
            auth("h1", "2027-06-01", true),
            auth("h2", "2026-12-05", false),
            // Near misses: a revoked one beside a valid one; valid through today; h4 has none.
            auth("h3", "2027-01-01", true),
            auth("h3", "2026-12-06", false),
        ],
        today(),
    );
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].case.case, "c1");
    assert_eq!(found[0].lapse, Lapse::Revoked);
    assert_eq!(found[1].case.case, "c2");
    assert_eq!(found[1].lapse, Lapse::Expired(d("2026-12-05")));
}

#[test]
fn villages_short_of_helpers_by_population() {
    let v = |code: &str, population: Option<i64>, helpers: i64| VillageStaff {
        village: code.into(),
        population,
        helpers,
    };
    let found = short_of_helpers(&[
        v("V1", Some(1_500), 1),
        v("V2", None, 0),
        v("V3", Some(1_000), 1),
        v("V4", Some(2_000), 2),
    ]);
    let codes: Vec<&str> = found.iter().map(|s| s.village.village.as_str()).collect();
    assert_eq!(codes, ["V1", "V2"]);
    assert_eq!(found[0].required, 2);
}

#[test]
fn thirty_days_without_an_evaluation_is_found_twenty_nine_is_not() {
    let t = |case: &str, on: &str, evaluated: bool| Told {
        case: case.into(),
        told_on: d(on),
        evaluated,
    };
    let found = unevaluated(
        &[
            t("c1", "2026-11-06", false),
            t("c2", "2026-11-07", false),
            t("c3", "2026-10-01", true),
        ],
        today(),
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].told.case, "c1");
    assert_eq!(found[0].days, 30);
}

#[test]
fn every_rule_names_its_source_and_every_check_its_code() {
    for (_, _, source) in EXCLUSIVE {
        assert!(!source.is_empty());
    }
    for r in ITEM_RULES {
        assert!(!r.source.is_empty());
    }
    for k in CheckKind::ALL {
        assert_eq!(CheckKind::from_code(k.code()), Some(k));
    }
}
