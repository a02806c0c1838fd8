//! The helper's records on the phone and their sync, as signals every page can read: who is
//! signed in, each record's state, the progress of the current round, storage use.

use leptos::prelude::*;

use crate::records::{Account, RecordRow};

/// What the sync engine is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncPhase {
    /// Nothing to do, or not started yet.
    Idle,
    /// Sending the outbox.
    Pushing,
    /// Receiving the helper's records.
    Pulling,
    /// No network: waiting for one.
    Offline,
    /// Another tab of the app is syncing.
    OtherTab,
    /// The session ended: sign in again to send.
    SignedOut,
    /// Something else went wrong; the text says what.
    Failed(String),
}

/// Counts of the current (or last) round.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Changes answered by the server this round.
    pub sent: u32,
    /// Changes that were waiting when the round began.
    pub to_send: u32,
    /// Records received this round.
    pub pulled: u32,
}

/// How much of the browser's storage the app uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StorageUse {
    /// Bytes used.
    pub used: f64,
    /// Bytes the browser allows.
    pub quota: f64,
    /// Whether the browser promised not to evict the data.
    pub persisted: bool,
}

impl StorageUse {
    /// Past this share of the quota the app warns.
    pub const WARN_RATIO: f64 = 0.8;

    /// Whether the quota is near.
    pub fn near_quota(&self) -> bool {
        self.quota > 0.0 && self.used / self.quota >= Self::WARN_RATIO
    }
}

/// The phone's records and their sync.
#[derive(Clone, Copy)]
pub struct FieldSync {
    /// The signed-in account, read from the phone (works offline).
    pub account: RwSignal<Option<Account>>,
    /// Whether the phone's store has been read (before that, nothing is known).
    pub ready: RwSignal<bool>,
    /// The helper's field records, newest first.
    pub rows: RwSignal<Vec<RecordRow>>,
    /// What sync is doing.
    pub phase: RwSignal<SyncPhase>,
    /// Counts of the round.
    pub progress: RwSignal<Progress>,
    /// When a round last finished with everything sent and received (ms since 1970).
    pub last_synced: RwSignal<Option<f64>>,
    /// Storage use, once known.
    pub storage: RwSignal<Option<StorageUse>>,
}

impl FieldSync {
    /// How many records have not reached the server.
    pub fn unsent(&self) -> usize {
        self.rows
            .with(|r| r.iter().filter(|r| r.state.unsent()).count())
    }

    /// Starts a sync round now (no-op on the server, or when one is running: it runs again
    /// after).
    pub fn sync_now(&self) {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(crate::sync::engine::run(*self));
    }
}

/// Provides [`FieldSync`]; in the browser, reads the phone's store and syncs whenever the
/// network comes back, and every few minutes while it is there.
pub fn provide_field_sync_context() -> FieldSync {
    let s = FieldSync {
        account: RwSignal::new(None),
        ready: RwSignal::new(false),
        rows: RwSignal::new(Vec::new()),
        phase: RwSignal::new(SyncPhase::Idle),
        progress: RwSignal::new(Progress::default()),
        last_synced: RwSignal::new(None),
        storage: RwSignal::new(None),
    };
    provide_context(s);
    #[cfg(feature = "hydrate")]
    crate::sync::engine::start(s);
    s
}

/// The context provided by [`provide_field_sync_context`].
pub fn use_field_sync() -> FieldSync {
    expect_context()
}
