//! Stable codes of catalogue entries. They are strings because the catalogue is data.

use serde::{Deserialize, Serialize};

/// An aid item's stable code, such as `dibao` (低保) or `temporary` (临时救助).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AidItemCode(pub String);

impl AidItemCode {
    /// 临时救助: the item that sudden hardship may qualify for alongside any other.
    pub fn temporary() -> Self {
        AidItemCode("temporary".to_owned())
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A required material's stable code, such as `id_card` or `income_proof`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MaterialCode(pub String);

impl MaterialCode {
    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
