//! What can be wrong with a catalogue file; each says, in Chinese, what to fix.

use thiserror::Error;

/// A catalogue that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CatalogueError {
    /// Not valid JSON of the catalogue's shape.
    #[error("catalogue is not valid: {0}")]
    Format(String),
    /// Two entries share a code.
    #[error("duplicate {what} code `{code}`")]
    Duplicate {
        /// department, material or item.
        what: &'static str,
        /// The code.
        code: String,
    },
    /// An entry names something the catalogue does not have.
    #[error("{owner} refers to unknown {what} `{code}`")]
    Unknown {
        /// Which entry.
        owner: String,
        /// department, material or item.
        what: &'static str,
        /// The code.
        code: String,
    },
    /// A time limit of zero days.
    #[error("{owner} has a zero time limit")]
    ZeroTimeLimit {
        /// Which entry.
        owner: String,
    },
    /// An override's place prefix is not digits (optionally with a grid suffix).
    #[error("override place prefix `{0}` is not a place code prefix")]
    BadPrefix(String),
    /// A code or name is empty.
    #[error("{0} has an empty code or name")]
    Empty(String),
}

impl CatalogueError {
    /// For the admin who loaded the file.
    pub fn message_zh(&self) -> String {
        match self {
            CatalogueError::Format(e) => format!("事项清单格式错误：{e}"),
            CatalogueError::Duplicate { what, code } => {
                format!("{}编码“{code}”重复", what_zh(what))
            }
            CatalogueError::Unknown { owner, what, code } => {
                format!("“{owner}”引用了不存在的{}“{code}”", what_zh(what))
            }
            CatalogueError::ZeroTimeLimit { owner } => {
                format!("“{owner}”的办理时限不能为 0 个工作日")
            }
            CatalogueError::BadPrefix(p) => format!("地区编码前缀“{p}”无效"),
            CatalogueError::Empty(owner) => format!("“{owner}”缺少编码或名称"),
        }
    }
}

fn what_zh(what: &str) -> &'static str {
    match what {
        "department" => "部门",
        "material" => "材料",
        _ => "事项",
    }
}
