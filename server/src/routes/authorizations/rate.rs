//! The public look-ups' rate limit: 30 a minute from one client address, counted in the
//! sign-in lockout's table (`auth_failures`, under keys of their own, see
//! [`crate::auth::limits`]) so that restarts and several server processes share it. It keeps
//! anyone from walking the number space.

use chrono::{DateTime, Duration, Utc};

use crate::auth::limits::{self, Limit};
use crate::db::Db;

/// Look-ups allowed per address within [`WINDOW_SECONDS`].
pub const MAX_LOOKUPS: i64 = 30;
/// The window.
pub const WINDOW_SECONDS: i64 = 60;

/// Counts a look-up from `address`; answers the seconds to wait instead when over the limit.
pub async fn admit(db: &Db, address: &str, now: DateTime<Utc>) -> Result<Option<i64>, sqlx::Error> {
    let limit = Limit::new(
        format!("verify:{address}"),
        MAX_LOOKUPS,
        Duration::seconds(WINDOW_SECONDS),
    );
    Ok(limits::admit(db, &[limit], now).await?.err())
}
