//! Logging through `tracing`. Personal data never goes into a log line unmasked: use the
//! `domain::identity` masks when a field could hold a name, ID number or phone.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber; a second call (tests) is ignored.
pub fn init(filter: &str) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}
