//! What can be wrong with a typed-in ID number.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why a text is not a valid resident ID number. Messages never repeat the whole number, so
/// they are safe to log; [`IdNumberError::message_zh`] gives the same in Chinese for screens.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IdNumberError {
    /// Not 18 characters long (after trimming surrounding spaces).
    #[error(
        "an ID number has 18 characters, this one has {found}; check for a missing or extra digit"
    )]
    Length {
        /// Characters found.
        found: i64,
    },
    /// A character that may not stand at that position.
    #[error(
        "character {position} of the ID number is '{found}'; only digits are allowed, and X only as the 18th character"
    )]
    BadCharacter {
        /// 1-based position in the trimmed text.
        position: i64,
        /// The character found there.
        found: char,
    },
    /// The first two digits are no province-level code.
    #[error(
        "the ID number starts with {code}, which is no province code; check the first two digits"
    )]
    UnknownProvince {
        /// The first two digits.
        code: String,
    },
    /// Characters 7–14 are no calendar date.
    #[error("characters 7–14 of the ID number ({digits}) are no valid date of birth (YYYYMMDD)")]
    InvalidBirthDate {
        /// The eight digits found.
        digits: String,
    },
    /// The date of birth is before 1900-01-01.
    #[error("the ID number gives a date of birth of {date}, before 1900; check characters 7–14")]
    BirthDateTooEarly {
        /// The date found.
        date: NaiveDate,
    },
    /// The date of birth is after today.
    #[error(
        "the ID number gives a date of birth of {date}, which is in the future; check characters 7–14"
    )]
    FutureBirthDate {
        /// The date found.
        date: NaiveDate,
    },
    /// The 18th character does not match the first 17: some character is mistyped.
    #[error(
        "the check character of the ID number should be {expected} but is {found}; one of the characters is mistyped"
    )]
    CheckCharMismatch {
        /// What the first 17 characters require.
        expected: char,
        /// What was typed.
        found: char,
    },
}

impl IdNumberError {
    /// The message in Chinese, for screens.
    pub fn message_zh(&self) -> String {
        match self {
            IdNumberError::Length { found } => {
                format!("身份证号码应为18位，当前为{found}位，请检查是否漏输或多输")
            }
            IdNumberError::BadCharacter { position, found } => {
                format!("身份证号码第{position}位“{found}”无效：只能是数字，第18位可以是X")
            }
            IdNumberError::UnknownProvince { code } => {
                format!("身份证号码前两位“{code}”不是有效的省级行政区划代码")
            }
            IdNumberError::InvalidBirthDate { digits } => {
                format!("身份证号码第7至14位“{digits}”不是有效的出生日期")
            }
            IdNumberError::BirthDateTooEarly { date } => {
                format!("身份证号码中的出生日期{date}早于1900年，请核对第7至14位")
            }
            IdNumberError::FutureBirthDate { date } => {
                format!("身份证号码中的出生日期{date}晚于今天，请核对第7至14位")
            }
            IdNumberError::CheckCharMismatch { expected, found } => {
                format!("身份证号码校验位应为{expected}，实际为{found}，请逐位核对是否输错")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_problem_in_both_languages() {
        let e = IdNumberError::CheckCharMismatch {
            expected: 'X',
            found: '1',
        };
        assert!(e.to_string().contains("should be X but is 1"));
        assert!(e.message_zh().contains("校验位应为X"));
        let e = IdNumberError::BadCharacter {
            position: 5,
            found: 'a',
        };
        assert!(e.to_string().contains("character 5"));
        assert!(e.message_zh().contains("第5位"));
    }

    #[test]
    fn errors_cross_the_wire_tagged() {
        let e = IdNumberError::Length { found: 17 };
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(json, r#"{"kind":"length","found":17}"#);
        assert_eq!(serde_json::from_str::<IdNumberError>(&json).unwrap(), e);
    }
}
