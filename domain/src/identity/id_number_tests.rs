//! Unit tests of [`IdNumber`]: one per rule of GB 11643-1999 and per derived value.

use chrono::NaiveDate;

use super::{IdNumber, IdNumberError, Sex, check_char};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    date(2026, 6, 1)
}

/// A valid number from its first 17 digits.
fn with_check(first17: &str) -> String {
    format!("{first17}{}", check_char(first17).unwrap())
}

fn err(s: &str) -> IdNumberError {
    IdNumber::parse(s, today()).unwrap_err()
}

#[test]
fn the_standard_example_is_valid() {
    let id = IdNumber::parse("11010519491231002X", today()).unwrap();
    assert_eq!(id.expose(), "11010519491231002X");
    assert_eq!(id.area_code(), "110105");
    assert_eq!(id.birth_date(), date(1949, 12, 31));
    assert_eq!(id.sex(), Sex::Female);
}

#[test]
fn other_real_format_numbers_are_valid() {
    let dianjiang_man = with_check("50023119850612345");
    assert_eq!(dianjiang_man, "500231198506123455");
    let id = IdNumber::parse(&dianjiang_man, today()).unwrap();
    assert_eq!(id.sex(), Sex::Male);
    assert_eq!(id.birth_date(), date(1985, 6, 12));
    assert!(IdNumber::parse("440524188001010014", date(2026, 1, 1)).is_err()); // born 1880
    let leap = with_check("50023120120229002");
    assert_eq!(
        IdNumber::parse(&leap, today()).unwrap().birth_date(),
        date(2012, 2, 29)
    );
}

#[test]
fn lowercase_x_and_surrounding_spaces_are_normalised() {
    let id = IdNumber::parse("  11010519491231002x\t", today()).unwrap();
    assert_eq!(id.expose(), "11010519491231002X");
}

#[test]
fn length_is_counted_in_characters() {
    assert_eq!(
        err("11010519491231002"),
        IdNumberError::Length { found: 17 }
    );
    assert_eq!(
        err("11010519491231002X1"),
        IdNumberError::Length { found: 19 }
    );
    assert_eq!(err(""), IdNumberError::Length { found: 0 });
    // Full-width digits are 18 characters but not ASCII digits.
    assert_eq!(
        err("１10519491231002X11"),
        IdNumberError::BadCharacter {
            position: 1,
            found: '１'
        }
    );
}

#[test]
fn bad_characters_are_located() {
    assert_eq!(
        err("1101a519491231002X"),
        IdNumberError::BadCharacter {
            position: 5,
            found: 'a'
        }
    );
    assert_eq!(
        err("11010X19491231002X"),
        IdNumberError::BadCharacter {
            position: 6,
            found: 'X'
        }
    );
    assert_eq!(
        err("11010519491231002Y"),
        IdNumberError::BadCharacter {
            position: 18,
            found: 'Y'
        }
    );
    assert_eq!(
        err("110105 9491231002X"),
        IdNumberError::BadCharacter {
            position: 7,
            found: ' '
        }
    );
}

#[test]
fn province_must_exist() {
    let s = with_check("00010519491231002");
    assert_eq!(
        err(&s),
        IdNumberError::UnknownProvince { code: "00".into() }
    );
    let s = with_check("99010519491231002");
    assert_eq!(
        err(&s),
        IdNumberError::UnknownProvince { code: "99".into() }
    );
    for p in ["71", "81", "82"] {
        let s = with_check(&format!("{p}010519491231002"));
        assert!(IdNumber::parse(&s, today()).is_ok(), "{p}");
    }
}

#[test]
fn birth_date_must_be_a_calendar_date() {
    for digits in ["19491331", "19490230", "20100229", "19490100", "00000000"] {
        let s = with_check(&format!("110105{digits}002"));
        assert_eq!(
            err(&s),
            IdNumberError::InvalidBirthDate {
                digits: digits.into()
            },
            "{digits}"
        );
    }
}

#[test]
fn birth_date_from_1900_until_today() {
    let s = with_check("11010518991231002");
    assert_eq!(
        err(&s),
        IdNumberError::BirthDateTooEarly {
            date: date(1899, 12, 31)
        }
    );
    assert!(IdNumber::parse(&with_check("11010519000101002"), today()).is_ok());

    let born_today = with_check("11010520260601002");
    assert!(IdNumber::parse(&born_today, today()).is_ok());
    let tomorrow = with_check("11010520260602002");
    assert_eq!(
        err(&tomorrow),
        IdNumberError::FutureBirthDate {
            date: date(2026, 6, 2)
        }
    );
    // Data validated earlier: only the shape is checked.
    assert!(IdNumber::parse_shape(&tomorrow).is_ok());
}

#[test]
fn check_character_must_match() {
    assert_eq!(
        err("110105194912310021"),
        IdNumberError::CheckCharMismatch {
            expected: 'X',
            found: '1'
        }
    );
    assert_eq!(
        err("11010519491231003X"),
        IdNumberError::CheckCharMismatch {
            expected: check_char("11010519491231003").unwrap(),
            found: 'X'
        }
    );
}

#[test]
fn age_in_whole_years() {
    let id = IdNumber::parse_shape(&with_check("50023120080615001")).unwrap();
    assert_eq!(id.age_on(date(2026, 6, 14)), 17);
    assert_eq!(id.age_on(date(2026, 6, 15)), 18);
    assert_eq!(id.age_on(date(2008, 6, 15)), 0);
    assert_eq!(id.age_on(date(2000, 1, 1)), 0);
    assert!(!id.is_adult(date(2026, 6, 14)));
    assert!(id.is_adult(date(2026, 6, 15)));
    assert!(id.is_under_14(date(2022, 6, 14)));
    assert!(!id.is_under_14(date(2022, 6, 15)));
}

#[test]
fn leap_day_birthday_comes_on_the_first_of_march_in_common_years() {
    let id = IdNumber::parse_shape(&with_check("50023120120229002")).unwrap();
    assert_eq!(id.age_on(date(2013, 2, 28)), 0);
    assert_eq!(id.age_on(date(2013, 3, 1)), 1);
    assert_eq!(id.age_on(date(2016, 2, 29)), 4);
}

#[test]
fn shown_masked_everywhere_but_expose() {
    let id = IdNumber::parse("11010519491231002X", today()).unwrap();
    assert_eq!(id.masked(), "110105********002X");
    assert_eq!(id.to_string(), "110105********002X");
    assert_eq!(format!("{id:?}"), "IdNumber(110105********002X)");
    assert_eq!(
        format!("{:?}", Some(&id)),
        "Some(IdNumber(110105********002X))"
    );
}

#[test]
fn serde_carries_the_full_number_and_revalidates_the_shape() {
    let id = IdNumber::parse("11010519491231002x", today()).unwrap();
    let json = serde_json::to_string(&id).unwrap();
    assert_eq!(json, "\"11010519491231002X\"");
    assert_eq!(serde_json::from_str::<IdNumber>(&json).unwrap(), id);
    assert!(serde_json::from_str::<IdNumber>("\"110105194912310021\"").is_err());
    assert!(serde_json::from_str::<IdNumber>("18").is_err());
    // The error text carries no digits of the number beyond what is wrong.
    let e = serde_json::from_str::<IdNumber>("\"110105194912310021\"").unwrap_err();
    assert!(!e.to_string().contains("110105194912310021"));
}
