use proptest::prelude::*;

use super::*;
use crate::jurisdiction::PlaceCode;

fn county() -> PlaceCode {
    PlaceCode::parse("500231").unwrap()
}

fn item(s: &str) -> AidItemCode {
    AidItemCode(s.to_owned())
}

fn input(days: &str, extension: &str, source: &str) -> LocalLimitInput {
    LocalLimitInput {
        days: days.to_owned(),
        extension_days: extension.to_owned(),
        source: source.to_owned(),
    }
}

fn check(code: &str, i: &LocalLimitInput) -> Result<TimeLimitOverride, LimitErrors> {
    Catalogue::builtin()
        .check_local_limit(&county(), &item(code), i)
        .expect("known item")
}

fn codes(errors: &LimitErrors) -> Vec<(&'static str, &'static str)> {
    errors.iter().map(|(f, e)| (f.name(), e.code())).collect()
}

#[test]
fn a_local_default_item_takes_the_countys_limit_and_the_clock_uses_it() {
    let limit = check("temporary", &input(" 10 ", "3", "垫民发〔2026〕5号")).unwrap();
    assert_eq!(limit.place_prefix, "500231");
    assert_eq!(
        limit.time_limit,
        TimeLimit {
            days: 10,
            extension_days: 3
        }
    );
    let c = Catalogue::builtin().with_local_limits([limit]).unwrap();
    let village = PlaceCode::parse("500231101201").unwrap();
    assert_eq!(c.time_limit(&item("temporary"), &village).unwrap().days, 10);
    assert_eq!(
        c.time_limit_source(&item("temporary"), &village),
        Some(LimitSource::Policy("垫民发〔2026〕5号".to_owned()))
    );
    // Another county keeps the shipped limit.
    let other = PlaceCode::parse("500101").unwrap();
    assert_eq!(c.time_limit(&item("temporary"), &other).unwrap().days, 15);
}

#[test]
fn an_empty_extension_means_none() {
    let limit = check("temporary", &input("10", "", "县文件")).unwrap();
    assert_eq!(limit.time_limit.extension_days, 0);
}

#[test]
fn a_regulations_limit_may_be_shortened_not_lengthened() {
    // 低保: 30 working days, 45 with the extension (民发〔2021〕57号).
    assert!(check("dibao", &input("20", "10", "县文件")).is_ok());
    assert!(check("dibao", &input("30", "15", "县文件")).is_ok());
    let e = check("dibao", &input("31", "0", "县文件")).unwrap_err();
    assert_eq!(codes(&e), [("days", "days_over_policy")]);
    let e = check("dibao", &input("30", "16", "县文件")).unwrap_err();
    assert_eq!(codes(&e), [("extension_days", "total_over_policy")]);
    // A local default item may go up to the range.
    assert!(check("temporary", &input("60", "20", "县文件")).is_ok());
}

#[test]
fn every_wrong_field_is_named_in_the_forms_order() {
    let e = check("temporary", &input("十五", "x", "  ")).unwrap_err();
    assert_eq!(
        codes(&e),
        [
            ("days", "not_number"),
            ("extension_days", "not_number"),
            ("source", "source_missing")
        ]
    );
    let e = check("temporary", &input("0", "1", "a\nb")).unwrap_err();
    assert_eq!(
        codes(&e),
        [("days", "days_out_of_range"), ("source", "source_control")]
    );
    let e = check("temporary", &input("61", "0", &"文".repeat(121))).unwrap_err();
    assert_eq!(
        codes(&e),
        [("days", "days_out_of_range"), ("source", "source_too_long")]
    );
    let e = check("temporary", &input("5", "6", "县文件")).unwrap_err();
    assert_eq!(codes(&e), [("extension_days", "extension_over_days")]);
    let e = check("temporary", &input("-5", "", "县文件")).unwrap_err();
    assert_eq!(codes(&e), [("days", "not_number")]);
}

#[test]
fn an_unknown_item_is_none() {
    assert!(
        Catalogue::builtin()
            .check_local_limit(&county(), &item("nope"), &input("5", "", "x"))
            .is_none()
    );
}

#[test]
fn a_provinces_rule_is_the_ceiling_for_its_counties() {
    let mut data = Catalogue::builtin().data().clone();
    data.overrides.push(TimeLimitOverride {
        place_prefix: "50".to_owned(),
        item: item("temporary"),
        time_limit: TimeLimit {
            days: 12,
            extension_days: 3,
        },
        source: "渝民发".to_owned(),
    });
    let c = Catalogue::new(data).unwrap();
    let ceiling = c.policy_ceiling(&item("temporary"), &county()).unwrap();
    assert_eq!(ceiling.days, 12);
    let e = c
        .check_local_limit(&county(), &item("temporary"), &input("13", "", "县文件"))
        .unwrap()
        .unwrap_err();
    assert_eq!(codes(&e), [("days", "days_over_policy")]);
}

#[test]
fn a_new_local_limit_replaces_the_old_one() {
    let first = check("temporary", &input("10", "", "一")).unwrap();
    let second = check("temporary", &input("8", "", "二")).unwrap();
    let c = Catalogue::builtin()
        .with_local_limits([first, second])
        .unwrap();
    assert_eq!(c.data().overrides.len(), 1);
    assert_eq!(c.time_limit(&item("temporary"), &county()).unwrap().days, 8);
}

#[test]
fn every_message_is_written() {
    for e in [
        LocalLimitError::NotNumber,
        LocalLimitError::DaysOutOfRange,
        LocalLimitError::DaysOverPolicy { policy_days: 30 },
        LocalLimitError::ExtensionOverDays,
        LocalLimitError::TotalOverPolicy { policy_total: 45 },
        LocalLimitError::SourceMissing,
        LocalLimitError::SourceTooLong,
        LocalLimitError::SourceControl,
    ] {
        assert!(!e.message_zh().is_empty() && !e.message_en().is_empty());
        assert!(!e.code().is_empty());
    }
}

proptest! {
    /// Whatever is typed, an accepted limit is lawful: in range, an extension no longer than
    /// the days, within the regulation's limit where one applies, and with a source; and the
    /// catalogue takes it and answers it at the county.
    #[test]
    fn an_accepted_limit_is_always_lawful(
        code in prop::sample::select(vec!["dibao", "tekun", "temporary", "medical"]),
        days in "[0-9]{0,3}|[ a-z十-]{0,3}",
        extension in "[0-9]{0,3}|",
        source in "[^\u{0}]{0,130}",
    ) {
        let c = Catalogue::builtin();
        let i = input(&days, &extension, &source);
        match c.check_local_limit(&county(), &item(code), &i).unwrap() {
            Ok(limit) => {
                let t = limit.time_limit;
                prop_assert!((1..=MAX_LOCAL_DAYS).contains(&t.days));
                prop_assert!(t.extension_days <= t.days);
                if let Some(p) = c.policy_ceiling(&item(code), &county()) {
                    prop_assert!(t.days <= p.days);
                    prop_assert!(t.days + t.extension_days <= p.days + p.extension_days);
                }
                prop_assert!(!limit.source.is_empty());
                let with = c.with_local_limits([limit]).unwrap();
                prop_assert_eq!(with.time_limit(&item(code), &county()), Some(t));
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                // Each field is named at most once.
                let mut fields: Vec<_> = errors.iter().map(|(f, _)| f.name()).collect();
                fields.dedup();
                prop_assert_eq!(fields.len(), errors.len());
            }
        }
    }

    /// Any number in range for a local default item, with a source, is accepted as typed.
    #[test]
    fn any_in_range_limit_is_accepted(days in 1u32..=MAX_LOCAL_DAYS, ext in 0u32..=60) {
        let ext = ext.min(days);
        let limit = check("temporary", &input(&days.to_string(), &ext.to_string(), "县文件"))
            .unwrap();
        prop_assert_eq!(limit.time_limit, TimeLimit { days, extension_days: ext });
    }
}
