//! App-wide state that components reach through Leptos contexts.

pub mod connectivity;
pub mod display_prefs;
pub mod field_sync;
pub mod hydrated;

pub use connectivity::{Connectivity, provide_connectivity_context, use_connectivity};
pub use display_prefs::{DisplayPrefs, provide_display_prefs_context, use_display_prefs};
pub use field_sync::{
    FieldSync, OfflineReady, Progress, StorageUse, SyncPhase, UploadTally,
    provide_field_sync_context, use_field_sync,
};
pub use hydrated::use_hydrated;
