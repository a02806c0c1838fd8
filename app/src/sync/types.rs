//! What [`crate::phone`] and the sync modules share: a leaf, so that the pages' door to the
//! phone and the engine behind it do not depend on each other both ways.

use crate::records::RecordState;

/// Why signing in or out did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionError {
    /// No network: signing in needs one.
    Offline,
    /// The server refused; its message says why.
    Refused(String),
    /// The phone still holds another account's unsent records.
    OtherAccountUnsent,
    /// Records wait to be sent: send them first.
    Unsent(usize),
    /// The phone's storage failed.
    Storage(String),
    /// The password was right; the account's second factor (a code) comes next.
    SecondFactor,
}

/// A stored record as a form reads it back.
#[derive(Debug, Clone)]
pub struct Stored<T> {
    /// The record.
    pub record: T,
    /// Why the server refused it, if it did.
    pub message: Option<String>,
    /// Where it stands in sync.
    pub state: RecordState,
    /// The server's version, once the server has it.
    pub version: Option<i64>,
}
