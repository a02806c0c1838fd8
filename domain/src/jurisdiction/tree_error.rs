//! What can be wrong with a list of places.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::level::{Level, PlaceKind};
use super::place_code::PlaceCode;

/// Why a list of places is not a valid jurisdiction tree; each names the code to fix.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TreeError {
    /// The same code is listed twice.
    #[error("{code} is listed twice; remove one")]
    Duplicate {
        /// The code.
        code: PlaceCode,
    },
    /// Two grids of one village have the same number (`-G07` and `-G007`).
    #[error("{code} and {other} are the same grid number in one village; keep one spelling")]
    DuplicateGridNumber {
        /// One grid.
        code: PlaceCode,
        /// The other.
        other: PlaceCode,
    },
    /// A place whose parent is not in the list.
    #[error("{code} lies in {parent}, which is not in the list; add {parent} first")]
    MissingParent {
        /// The orphan.
        code: PlaceCode,
        /// Its missing parent.
        parent: PlaceCode,
    },
    /// The kind does not sit at the code's level (a 村 with a 9-digit code).
    #[error(
        "{code} is a {level:?}-level code but its kind is {place_kind:?}; fix the code or the kind"
    )]
    KindMismatch {
        /// The place.
        code: PlaceCode,
        /// Its kind.
        place_kind: PlaceKind,
        /// Its code's level.
        level: Level,
    },
    /// A place without a Chinese name.
    #[error("{code} has no Chinese name; enter it")]
    MissingName {
        /// The place.
        code: PlaceCode,
    },
    /// A negative population.
    #[error("{code} has a negative population; enter the registered population or leave it empty")]
    NegativePopulation {
        /// The place.
        code: PlaceCode,
    },
}

impl TreeError {
    /// The message in Chinese, for the admin's screen.
    pub fn message_zh(&self) -> String {
        match self {
            TreeError::Duplicate { code } => format!("区划代码{code}重复，请删除其一"),
            TreeError::DuplicateGridNumber { code, other } => {
                format!("{code}与{other}是同一村社区的同一网格编号，请保留一种写法")
            }
            TreeError::MissingParent { code, parent } => {
                format!("{code}的上级{parent}不在列表中，请先添加{parent}")
            }
            TreeError::KindMismatch {
                code,
                place_kind,
                level,
            } => format!(
                "{code}是{}级代码，但类型为“{}”，请更正代码或类型",
                level.name_zh(),
                place_kind.name_zh()
            ),
            TreeError::MissingName { code } => format!("{code}缺少中文名称"),
            TreeError::NegativePopulation { code } => {
                format!("{code}的人口数为负数，请填写户籍人口或留空")
            }
        }
    }
}
