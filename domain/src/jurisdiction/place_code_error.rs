//! What can be wrong with a typed-in place code.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::level::Level;

/// Why a text is not a place code; [`PlaceCodeError::message_zh`] gives it in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlaceCodeError {
    /// Nothing was typed.
    #[error("enter a place code")]
    Empty,
    /// Not 6, 9 or 12 digits, nor a grid code.
    #[error(
        "a place code has 6 digits (county), 9 (township), 12 (village) or a village code plus -G and 2–3 digits (grid); this one has {found} characters"
    )]
    Length {
        /// Characters found before any `-G` suffix.
        found: i64,
    },
    /// A character other than a digit (outside the grid suffix).
    #[error("character {position} of the place code is '{found}'; use digits only")]
    BadCharacter {
        /// 1-based position in the trimmed text.
        position: i64,
        /// The character found.
        found: char,
    },
    /// The first two digits are no province code.
    #[error("the place code starts with {code}, which is no province code")]
    UnknownProvince {
        /// The first two digits.
        code: String,
    },
    /// The county part ends in 00: that is a prefecture or province, not a county.
    #[error("{code} ends in 00, which is a prefecture or province code, not a county")]
    NotACounty {
        /// The six digits.
        code: String,
    },
    /// The part added at one level is all zeros, which names no place.
    #[error("the {level:?} part of the place code is all zeros, which names no place")]
    ZeroSegment {
        /// The level whose part is zero.
        level: Level,
    },
    /// A grid code must end in -G and 2–3 digits.
    #[error(
        "a grid code is a 12-digit village code followed by -G and 2–3 digits, such as 500231100001-G01"
    )]
    BadGridSuffix,
}

impl PlaceCodeError {
    /// The message in Chinese, for screens.
    pub fn message_zh(&self) -> String {
        match self {
            PlaceCodeError::Empty => "请输入区划代码".to_owned(),
            PlaceCodeError::Length { found } => format!(
                "区划代码应为6位（区县）、9位（乡镇街道）、12位（村社区）或村社区代码加“-G”和2至3位数字（网格），当前为{found}位"
            ),
            PlaceCodeError::BadCharacter { position, found } => {
                format!("区划代码第{position}个字符“{found}”无效，只能是数字")
            }
            PlaceCodeError::UnknownProvince { code } => {
                format!("区划代码前两位“{code}”不是有效的省级代码")
            }
            PlaceCodeError::NotACounty { code } => {
                format!("“{code}”以00结尾，是地市或省级代码，不是区县代码")
            }
            PlaceCodeError::ZeroSegment { level } => {
                format!(
                    "区划代码中{}一级的部分全为0，不对应任何地方",
                    level.name_zh()
                )
            }
            PlaceCodeError::BadGridSuffix => {
                "网格代码应为12位村社区代码加“-G”和2至3位数字，例如500231100001-G01".to_owned()
            }
        }
    }
}
