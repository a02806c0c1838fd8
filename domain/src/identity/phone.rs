//! Mainland mobile numbers (手机号码).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

/// A mainland mobile number, normalised to its 11 digits (`1[3-9]` and nine more).
///
/// Personal data: [`Display`](fmt::Display) and [`Debug`] print `138****5678`;
/// [`MobilePhone::expose`] gives the full number. Serde carries the full number and re-validates.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MobilePhone(String);

/// Why a text is not a mainland mobile number. Messages never repeat the number;
/// [`MobilePhoneError::message_zh`] gives the same in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MobilePhoneError {
    /// Nothing was typed.
    #[error("enter a mobile number")]
    Empty,
    /// A character that is neither a digit, a space nor a hyphen (or a `+` not at the start).
    #[error("character {position} of the mobile number is '{found}'; use digits only")]
    BadCharacter {
        /// 1-based position in the trimmed text.
        position: i64,
        /// The character found.
        found: char,
    },
    /// A `+` country code other than +86.
    #[error("only mainland numbers (+86) are accepted")]
    NotMainland,
    /// Not 11 digits once the +86 prefix, spaces and hyphens are removed.
    #[error("a mobile number has 11 digits, this one has {found}")]
    Length {
        /// Digits found.
        found: i64,
    },
    /// 11 digits, but not starting 13–19: a landline or a typo.
    #[error("a mobile number starts with 13 to 19; this one starts with {prefix}")]
    NotMobile {
        /// The first two digits.
        prefix: String,
    },
}

impl MobilePhoneError {
    /// The message in Chinese, for screens.
    pub fn message_zh(&self) -> String {
        match self {
            MobilePhoneError::Empty => "请输入手机号码".to_owned(),
            MobilePhoneError::BadCharacter { position, found } => {
                format!("手机号码第{position}个字符“{found}”无效，只能输入数字")
            }
            MobilePhoneError::NotMainland => "仅支持中国大陆手机号码（+86）".to_owned(),
            MobilePhoneError::Length { found } => {
                format!("手机号码应为11位数字，当前为{found}位")
            }
            MobilePhoneError::NotMobile { prefix } => {
                format!("手机号码应以13至19开头，当前以{prefix}开头，请勿填写座机号码")
            }
        }
    }
}

impl MobilePhone {
    /// Parses a typed-in number: surrounding spaces trimmed; spaces and hyphens inside
    /// dropped; an optional `+86`, `0086` or `86` country prefix removed.
    pub fn parse(s: &str) -> Result<MobilePhone, MobilePhoneError> {
        let trimmed = s.trim();
        if trimmed.is_empty() {
            return Err(MobilePhoneError::Empty);
        }
        let mut digits = String::with_capacity(16);
        let mut plus = false;
        for (i, c) in trimmed.chars().enumerate() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if i == 0 => plus = true,
                '-' => {}
                c if c.is_whitespace() => {}
                _ => {
                    return Err(MobilePhoneError::BadCharacter {
                        position: i as i64 + 1,
                        found: c,
                    });
                }
            }
        }
        let national = if plus {
            digits
                .strip_prefix("86")
                .ok_or(MobilePhoneError::NotMainland)?
        } else if digits.len() == 15 && digits.starts_with("0086") {
            &digits[4..]
        } else if digits.len() == 13 && digits.starts_with("86") {
            // No 11-digit mobile number starts with 86, so this can only be the country code.
            &digits[2..]
        } else {
            &digits
        };
        if national.len() != 11 {
            return Err(MobilePhoneError::Length {
                found: national.len() as i64,
            });
        }
        let b = national.as_bytes();
        if b[0] != b'1' || !(b'3'..=b'9').contains(&b[1]) {
            return Err(MobilePhoneError::NotMobile {
                prefix: national[0..2].to_owned(),
            });
        }
        Ok(MobilePhone(national.to_owned()))
    }

    /// The 11 digits. Use only where the full number is needed (calling, texting, the record).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The masked form `138****5678`.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[0..3], &self.0[7..11])
    }
}

impl fmt::Display for MobilePhone {
    /// Prints the masked form, never the full number.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for MobilePhone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MobilePhone({})", self.masked())
    }
}

impl Serialize for MobilePhone {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for MobilePhone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        MobilePhone::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<&str> for MobilePhone {
    type Error = MobilePhoneError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        MobilePhone::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> String {
        MobilePhone::parse(s).unwrap().expose().to_owned()
    }

    #[test]
    fn accepts_and_normalises_common_spellings() {
        assert_eq!(ok("13800138000"), "13800138000");
        assert_eq!(ok(" 138 0013 8000 "), "13800138000");
        assert_eq!(ok("138-0013-8000"), "13800138000");
        assert_eq!(ok("+86 138 0013 8000"), "13800138000");
        assert_eq!(ok("+8613800138000"), "13800138000");
        assert_eq!(ok("8613800138000"), "13800138000");
        assert_eq!(ok("0086 13800138000"), "13800138000");
        assert_eq!(ok("19912345678"), "19912345678");
    }

    #[test]
    fn rejects_with_the_reason() {
        use MobilePhoneError::*;
        let err = |s: &str| MobilePhone::parse(s).unwrap_err();
        assert_eq!(err("  "), Empty);
        assert_eq!(err("1380013800"), Length { found: 10 });
        assert_eq!(err("138001380001"), Length { found: 12 });
        assert_eq!(
            err("12800138000"),
            NotMobile {
                prefix: "12".into()
            }
        );
        assert_eq!(
            err("02312345678"),
            NotMobile {
                prefix: "02".into()
            }
        );
        assert_eq!(
            err("1380013800a"),
            BadCharacter {
                position: 11,
                found: 'a'
            }
        );
        assert_eq!(
            err("138+0013800"),
            BadCharacter {
                position: 4,
                found: '+'
            }
        );
        assert_eq!(err("+1 415 555 0100"), NotMainland);
        assert_eq!(err("+86 138 0013 800"), Length { found: 10 });
    }

    #[test]
    fn shown_masked_everywhere_but_expose() {
        let p = MobilePhone::parse("13812345678").unwrap();
        assert_eq!(p.masked(), "138****5678");
        assert_eq!(p.to_string(), "138****5678");
        assert_eq!(format!("{p:?}"), "MobilePhone(138****5678)");
        assert_eq!(p.expose(), "13812345678");
    }

    #[test]
    fn serde_carries_the_full_number_and_revalidates() {
        let p = MobilePhone::parse("+86 13812345678").unwrap();
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, "\"13812345678\"");
        assert_eq!(serde_json::from_str::<MobilePhone>(&json).unwrap(), p);
        assert!(serde_json::from_str::<MobilePhone>("\"12345\"").is_err());
    }

    #[test]
    fn error_messages() {
        let e = MobilePhoneError::NotMobile {
            prefix: "02".into(),
        };
        assert!(e.to_string().contains("starts with 02"));
        assert!(e.message_zh().contains("座机"));
    }
}
