//! What the pages show of the phone's records, on the server (empty) and in the browser.

use serde::{Deserialize, Serialize};

/// Where a record stands on its way to the township.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordState {
    /// Saved on the phone, waiting for a network.
    Saved,
    /// On its way.
    Sending,
    /// The server has it (received by the township).
    Received,
    /// The server refused it: the helper must look at it.
    Attention,
}

impl RecordState {
    /// Whether the record still has to reach the server.
    pub fn unsent(self) -> bool {
        self != RecordState::Received
    }

    /// Stable class and test name.
    pub fn code(self) -> &'static str {
        match self {
            RecordState::Saved => "saved",
            RecordState::Sending => "sending",
            RecordState::Received => "received",
            RecordState::Attention => "attention",
        }
    }
}

/// The signed-in account as the server describes it (`GET /api/auth/me`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// Account id.
    pub user: String,
    /// Role code.
    pub role: String,
    /// The place the account works for.
    pub place: String,
    /// Department, for department officers.
    #[serde(default)]
    pub department: Option<String>,
    /// Display name.
    pub display_name: String,
}

/// One of the helper's field records as the sync page lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordRow {
    /// Store key (`kind:id`).
    pub key: String,
    /// Kind code (`hardship`, `visit` …).
    pub kind: String,
    /// One line saying what it is, with names masked.
    pub title: String,
    /// Where it stands.
    pub state: RecordState,
    /// Why it was refused.
    pub message: Option<String>,
    /// When it was saved (ms since 1970), for sorting newest first.
    pub saved_at: f64,
}
