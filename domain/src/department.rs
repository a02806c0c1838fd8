//! Departments that decide aid items. They are data (the catalogue names them by code), so an
//! installation can add one without a release.

use serde::{Deserialize, Serialize};

/// A department's stable code, such as `civil_affairs`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DepartmentCode(pub String);

impl DepartmentCode {
    /// 民政: leads when no other department clearly does.
    pub fn civil_affairs() -> Self {
        DepartmentCode("civil_affairs".to_owned())
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One department as the catalogue describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    /// Stable code.
    pub code: DepartmentCode,
    /// Chinese name, e.g. 民政部门.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
}
