//! The 18-character resident ID number (公民身份号码, GB 11643-1999).

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::check::{check_char, is_province_code};
use super::id_number_error::IdNumberError;
use super::mask::mask_id_number;
use super::sex::Sex;

/// The earliest date of birth accepted: nobody alive was born before it.
const EARLIEST_BIRTH: NaiveDate = NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date");

/// A valid mainland resident ID number: 6-digit area code, 8-digit date of birth, 3-digit
/// sequence (odd: male), and the ISO 7064 MOD 11-2 check character.
///
/// It is personal data, so [`Display`](fmt::Display) and [`Debug`] print the masked form
/// (`110105********002X`): a stray log line never leaks it. Call [`IdNumber::expose`] where the
/// full number is really needed. Serde carries the full number (the wire is the record itself).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdNumber(String);

impl IdNumber {
    /// Parses a typed-in number: trims surrounding spaces, accepts a lowercase `x` and checks
    /// everything, including that the date of birth is not after `today`.
    pub fn parse(s: &str, today: NaiveDate) -> Result<IdNumber, IdNumberError> {
        let id = IdNumber::parse_shape(s)?;
        let date = id.birth_date();
        if date > today {
            return Err(IdNumberError::FutureBirthDate { date });
        }
        Ok(id)
    }

    /// Parses like [`IdNumber::parse`] but without the future-birth-date check, which needs
    /// today's date: for data that was validated when it was entered.
    pub fn parse_shape(s: &str) -> Result<IdNumber, IdNumberError> {
        let trimmed = s.trim();
        let found = trimmed.chars().count();
        if found != 18 {
            return Err(IdNumberError::Length {
                found: found as i64,
            });
        }
        let mut normalised = String::with_capacity(18);
        for (i, c) in trimmed.chars().enumerate() {
            let c = match c {
                '0'..='9' => c,
                'X' | 'x' if i == 17 => 'X',
                _ => {
                    return Err(IdNumberError::BadCharacter {
                        position: i as i64 + 1,
                        found: c,
                    });
                }
            };
            normalised.push(c);
        }
        // Only ASCII from here on, so byte slicing is safe.
        if !is_province_code(&normalised[0..2]) {
            return Err(IdNumberError::UnknownProvince {
                code: normalised[0..2].to_owned(),
            });
        }
        let date = parse_birth_date(&normalised[6..14])?;
        if date < EARLIEST_BIRTH {
            return Err(IdNumberError::BirthDateTooEarly { date });
        }
        let found = normalised.chars().nth(17).unwrap_or('?');
        match check_char(&normalised[0..17]) {
            Some(expected) if expected == found => Ok(IdNumber(normalised)),
            Some(expected) => Err(IdNumberError::CheckCharMismatch { expected, found }),
            // Unreachable: the first 17 characters were checked to be digits.
            None => Err(IdNumberError::BadCharacter {
                position: 18,
                found,
            }),
        }
    }

    /// The full number. Use it only where the full number is needed (the record, a form that
    /// must carry it); everywhere else show [`IdNumber::masked`].
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The masked form `110105********002X`: area code and last four kept.
    pub fn masked(&self) -> String {
        mask_id_number(&self.0)
    }

    /// The 6-digit area code (行政区划代码) of the place of first registration.
    pub fn area_code(&self) -> &str {
        &self.0[0..6]
    }

    /// The date of birth (characters 7–14).
    pub fn birth_date(&self) -> NaiveDate {
        // Checked at parse time; the fallback is never taken.
        parse_birth_date(&self.0[6..14]).unwrap_or(EARLIEST_BIRTH)
    }

    /// Sex by the parity of the 17th digit.
    pub fn sex(&self) -> Sex {
        Sex::from_sequence_digit(self.0.as_bytes()[16] - b'0')
    }

    /// Age in whole years (周岁) on `today`; 0 if `today` is before the birth date. Someone born
    /// on 29 February turns a year older on 1 March in common years.
    pub fn age_on(&self, today: NaiveDate) -> i64 {
        let birth = self.birth_date();
        if today < birth {
            return 0;
        }
        let mut years = i64::from(today.year() - birth.year());
        if (today.month(), today.day()) < (birth.month(), birth.day()) {
            years -= 1;
        }
        years
    }

    /// Under 14 on `today`: the age below which a guardian acts for the child.
    pub fn is_under_14(&self, today: NaiveDate) -> bool {
        self.age_on(today) < 14
    }

    /// 18 or older on `today` (成年人): must sign the verification authorization themself.
    pub fn is_adult(&self, today: NaiveDate) -> bool {
        self.age_on(today) >= 18
    }
}

/// The date of eight ASCII digits `YYYYMMDD`.
fn parse_birth_date(digits: &str) -> Result<NaiveDate, IdNumberError> {
    let invalid = || IdNumberError::InvalidBirthDate {
        digits: digits.to_owned(),
    };
    let number = |range: std::ops::Range<usize>| -> Result<u32, IdNumberError> {
        digits
            .get(range)
            .and_then(|d| d.parse().ok())
            .ok_or_else(invalid)
    };
    let year = i32::try_from(number(0..4)?).map_err(|_| invalid())?;
    NaiveDate::from_ymd_opt(year, number(4..6)?, number(6..8)?).ok_or_else(invalid)
}

impl fmt::Display for IdNumber {
    /// Prints the masked form, never the full number.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdNumber({})", self.masked())
    }
}

impl Serialize for IdNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for IdNumber {
    /// Re-validates the shape; the future-date check needs a date the wire does not carry.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        IdNumber::parse_shape(&s).map_err(serde::de::Error::custom)
    }
}
