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
    /// Uploading the photos and signatures of records the server has.
    Uploading,
    /// Receiving the helper's records.
    Pulling,
    /// No network: waiting for one.
    Offline,
    /// Another tab of the app is syncing.
    OtherTab,
    /// The session ended: sign in again to send.
    SignedOut,
    /// The server failed for a while (a 5xx, or asked to slow down): the phone tries again by
    /// itself; the status for the helper to tell support.
    ServerTrouble(u16),
    /// The server's answer could not be read (a server of another version?).
    Unreadable,
    /// The server refused; its words say why.
    Failed(String),
}

/// Whether this phone has the helper's pages and code cached, so that it works without signal.
/// Held in [`FieldSync::offline_ready`] as its number ([`OfflineReady::code`]): a signal of a
/// type the app has already costs the first load nothing, one of a new type some KB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OfflineReady {
    /// Not known (no service worker here, or no helper signed in).
    #[default]
    Unknown,
    /// The service worker is caching them: keep the signal until it is done.
    Preparing,
    /// Cached: the phone works offline.
    Ready,
    /// Caching failed (the signal went): tried again after the next sync round.
    Failed,
}

impl OfflineReady {
    /// Its number in the signal.
    pub fn code(self) -> u32 {
        match self {
            OfflineReady::Unknown => 0,
            OfflineReady::Preparing => 1,
            OfflineReady::Ready => 2,
            OfflineReady::Failed => 3,
        }
    }

    /// The state a number stands for (unknown for any other).
    pub fn of(code: u32) -> Self {
        match code {
            1 => OfflineReady::Preparing,
            2 => OfflineReady::Ready,
            3 => OfflineReady::Failed,
            _ => OfflineReady::Unknown,
        }
    }

    /// Its name in the page (`data-state`).
    pub fn name(self) -> &'static str {
        match self {
            OfflineReady::Unknown => "unknown",
            OfflineReady::Preparing => "preparing",
            OfflineReady::Ready => "ready",
            OfflineReady::Failed => "failed",
        }
    }
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

/// Where the photos and signatures stand: the files of the records that have some still to
/// upload ("照片 3/5 已上传"), and per record how many wait.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UploadTally {
    /// Files the server holds, of those records.
    pub done: u32,
    /// All their files.
    pub total: u32,
    /// Record key (`kind:id`) and its files still to upload.
    pub waiting: Vec<(String, u32)>,
}

impl UploadTally {
    /// The tally of upload links given as (record key, uploaded): records whose files are
    /// all uploaded drop out of the counts.
    pub fn of(links: impl IntoIterator<Item = (String, bool)>) -> Self {
        let mut per_record: Vec<(String, u32, u32)> = Vec::new();
        for (key, done) in links {
            let at = match per_record.iter().position(|(k, ..)| *k == key) {
                Some(i) => i,
                None => {
                    per_record.push((key, 0, 0));
                    per_record.len() - 1
                }
            };
            let entry = &mut per_record[at];
            entry.2 += 1;
            if done {
                entry.1 += 1;
            }
        }
        per_record.retain(|(_, done, total)| done < total);
        UploadTally {
            done: per_record.iter().map(|(_, d, _)| d).sum(),
            total: per_record.iter().map(|(.., t)| t).sum(),
            waiting: per_record
                .into_iter()
                .map(|(k, done, total)| (k, total - done))
                .collect(),
        }
    }

    /// One more file of the record under `key` uploaded.
    pub fn uploaded(&mut self, key: &str) {
        if let Some(w) = self.waiting.iter_mut().find(|(k, _)| k == key)
            && w.1 > 0
        {
            w.1 -= 1;
            self.done += 1;
        }
    }

    /// Files still to upload for the record under `key`.
    pub fn waiting_for(&self, key: &str) -> u32 {
        self.waiting
            .iter()
            .find(|(k, _)| k == key)
            .map_or(0, |(_, n)| *n)
    }
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
    /// Counts saves and finished sync rounds: pages that read records from the store read
    /// again when it moves (the rows change with every pushed chunk and pulled page).
    pub revision: RwSignal<u32>,
    /// What sync is doing.
    pub phase: RwSignal<SyncPhase>,
    /// Counts of the round.
    pub progress: RwSignal<Progress>,
    /// When a round last finished with everything sent and received (ms since 1970).
    pub last_synced: RwSignal<Option<f64>>,
    /// Storage use, once known.
    pub storage: RwSignal<Option<StorageUse>>,
    /// Photos and signatures still to upload.
    pub uploads: RwSignal<UploadTally>,
    /// Whether the phone works offline yet: an [`OfflineReady`] by its number.
    pub offline_ready: RwSignal<u32>,
}

impl FieldSync {
    /// How many records have not reached the server.
    pub fn unsent(&self) -> usize {
        self.rows
            .with(|r| r.iter().filter(|r| r.state.unsent()).count())
    }

    /// Says that the store changed: a save, or the end of a sync round.
    pub fn changed(&self) {
        self.revision.update(|r| *r = r.wrapping_add(1));
    }

    /// Whether the phone works offline yet.
    pub fn offline(&self) -> OfflineReady {
        OfflineReady::of(self.offline_ready.get())
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
        revision: RwSignal::new(0),
        phase: RwSignal::new(SyncPhase::Idle),
        progress: RwSignal::new(Progress::default()),
        last_synced: RwSignal::new(None),
        storage: RwSignal::new(None),
        uploads: RwSignal::new(UploadTally::default()),
        offline_ready: RwSignal::new(OfflineReady::Unknown.code()),
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

#[cfg(test)]
mod tests {
    use super::UploadTally;

    #[test]
    fn offline_ready_states_keep_their_number() {
        use super::OfflineReady::*;
        for state in [Unknown, Preparing, Ready, Failed] {
            assert_eq!(super::OfflineReady::of(state.code()), state);
        }
        assert_eq!(super::OfflineReady::of(99), Unknown);
        assert_eq!(Ready.name(), "ready");
    }

    #[test]
    fn uploads_are_counted_per_record_and_finished_records_drop_out() {
        let links = [
            ("visit:a", true),
            ("visit:a", false),
            ("visit:a", false),
            ("hardship:b", true),
            ("hardship:c", false),
        ]
        .map(|(k, d)| (k.to_owned(), d));
        let mut t = UploadTally::of(links);
        assert_eq!((t.done, t.total), (1, 4));
        assert_eq!(t.waiting_for("visit:a"), 2);
        assert_eq!(t.waiting_for("hardship:b"), 0);
        assert_eq!(t.waiting_for("hardship:c"), 1);
        t.uploaded("visit:a");
        t.uploaded("hardship:c");
        t.uploaded("hardship:c");
        assert_eq!((t.done, t.total), (3, 4));
        assert_eq!(t.waiting_for("hardship:c"), 0);
    }
}
