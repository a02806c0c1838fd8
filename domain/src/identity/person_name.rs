//! A person's name as written on their ID card (姓名).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

use super::mask::mask_name;

/// The longest name accepted, in characters: long transliterated minority names fit.
pub const MAX_NAME_CHARS: i64 = 30;

/// The middle dot that separates the parts of a transliterated name (阿依古丽·买买提).
pub const NAME_SEPARATOR: char = '·';

/// Look-alike dots that input methods produce instead of U+00B7; normalised to it so one
/// person is not spelled two ways.
const SEPARATOR_LOOKALIKES: [char; 5] =
    ['\u{30FB}', '\u{FF65}', '\u{2022}', '\u{2027}', '\u{2219}'];

/// A person's name: 1–30 characters after trimming, no control characters, parts optionally
/// separated by `·`.
///
/// Personal data: [`Display`](fmt::Display) and [`Debug`] print the masked form (`张*明`);
/// [`PersonName::expose`] gives the full name. Serde carries the full name and re-validates.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonName(String);

/// Why a text is not an acceptable name; [`PersonNameError::message_zh`] gives it in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PersonNameError {
    /// Nothing but spaces was typed.
    #[error("enter the name as written on the ID card")]
    Empty,
    /// Longer than [`MAX_NAME_CHARS`].
    #[error("a name has at most {max} characters, this one has {found}")]
    TooLong {
        /// Characters found.
        found: i64,
        /// The limit.
        max: i64,
    },
    /// A control character (line break, tab…), usually from pasting.
    #[error(
        "character {position} of the name is a control character (line break or tab); remove it"
    )]
    ControlCharacter {
        /// 1-based position in the trimmed text.
        position: i64,
    },
    /// A `·` at the start or end, or two in a row.
    #[error("the separator · may only stand between two parts of a name")]
    MisplacedSeparator,
}

impl PersonNameError {
    /// The message in Chinese, for screens.
    pub fn message_zh(&self) -> String {
        match self {
            PersonNameError::Empty => "请输入身份证上的姓名".to_owned(),
            PersonNameError::TooLong { found, max } => {
                format!("姓名最多{max}个字，当前为{found}个字")
            }
            PersonNameError::ControlCharacter { position } => {
                format!("姓名第{position}个字符是换行或制表符等控制字符，请删除")
            }
            PersonNameError::MisplacedSeparator => "间隔号“·”只能用在姓名的两部分之间".to_owned(),
        }
    }
}

impl PersonName {
    /// Parses a typed-in name: trims it, normalises look-alike dots to `·`, and checks it.
    pub fn parse(s: &str) -> Result<PersonName, PersonNameError> {
        let normalised: String = s
            .trim()
            .chars()
            .map(|c| {
                if SEPARATOR_LOOKALIKES.contains(&c) {
                    NAME_SEPARATOR
                } else {
                    c
                }
            })
            .collect();
        let found = normalised.chars().count() as i64;
        if found == 0 {
            return Err(PersonNameError::Empty);
        }
        if found > MAX_NAME_CHARS {
            return Err(PersonNameError::TooLong {
                found,
                max: MAX_NAME_CHARS,
            });
        }
        if let Some(i) = normalised.chars().position(char::is_control) {
            return Err(PersonNameError::ControlCharacter {
                position: i as i64 + 1,
            });
        }
        if normalised.starts_with(NAME_SEPARATOR)
            || normalised.ends_with(NAME_SEPARATOR)
            || normalised.contains("··")
        {
            return Err(PersonNameError::MisplacedSeparator);
        }
        Ok(PersonName(normalised))
    }

    /// The full name. Use only where it is needed (the record, a signed form).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The masked form for lists, logs and public notices: `张*`, `张*明`, `欧**锋`.
    pub fn masked(&self) -> String {
        mask_name(&self.0)
    }
}

impl fmt::Display for PersonName {
    /// Prints the masked form, never the full name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PersonName({})", self.masked())
    }
}

impl Serialize for PersonName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for PersonName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        PersonName::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<&str> for PersonName {
    type Error = PersonNameError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        PersonName::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_han_minority_and_latin_names() {
        assert_eq!(PersonName::parse(" 张三 ").unwrap().expose(), "张三");
        assert_eq!(
            PersonName::parse("阿依古丽·买买提").unwrap().expose(),
            "阿依古丽·买买提"
        );
        assert_eq!(PersonName::parse("王").unwrap().expose(), "王");
        assert_eq!(
            PersonName::parse("John Smith").unwrap().expose(),
            "John Smith"
        );
        assert!(PersonName::parse(&"一".repeat(30)).is_ok());
    }

    #[test]
    fn look_alike_dots_become_the_middle_dot() {
        for typed in [
            "阿依古丽・买买提",
            "阿依古丽•买买提",
            "阿依古丽‧买买提",
            "阿依古丽･买买提",
        ] {
            assert_eq!(
                PersonName::parse(typed).unwrap().expose(),
                "阿依古丽·买买提",
                "{typed}"
            );
        }
    }

    #[test]
    fn rejects_with_the_reason() {
        use PersonNameError::*;
        let err = |s: &str| PersonName::parse(s).unwrap_err();
        assert_eq!(err(""), Empty);
        assert_eq!(err(" \u{3000} "), Empty);
        assert_eq!(err(&"一".repeat(31)), TooLong { found: 31, max: 30 });
        assert_eq!(err("张\n三"), ControlCharacter { position: 2 });
        assert_eq!(err("张\u{7}三"), ControlCharacter { position: 2 });
        assert_eq!(err("·买买提"), MisplacedSeparator);
        assert_eq!(err("买买提·"), MisplacedSeparator);
        assert_eq!(err("阿依古丽··买买提"), MisplacedSeparator);
    }

    #[test]
    fn shown_masked_everywhere_but_expose() {
        let masked = |s: &str| PersonName::parse(s).unwrap().to_string();
        assert_eq!(masked("张三明"), "张*明");
        assert_eq!(masked("张三"), "张*");
        assert_eq!(masked("欧阳振锋"), "欧**锋");
        assert_eq!(masked("王"), "*");
        let name = PersonName::parse("李小龙").unwrap();
        assert_eq!(format!("{name:?}"), "PersonName(李*龙)");
    }

    #[test]
    fn serde_carries_the_full_name_and_revalidates() {
        let name = PersonName::parse("李小龙").unwrap();
        let json = serde_json::to_string(&name).unwrap();
        assert_eq!(json, "\"李小龙\"");
        assert_eq!(serde_json::from_str::<PersonName>(&json).unwrap(), name);
        assert!(serde_json::from_str::<PersonName>("\"\"").is_err());
    }

    #[test]
    fn error_messages() {
        assert!(
            PersonNameError::TooLong { found: 31, max: 30 }
                .message_zh()
                .contains("31")
        );
        assert!(PersonNameError::Empty.to_string().contains("ID card"));
    }
}
