//! The sign-in lockout: more than five failed sign-ins for one account, or twenty from one
//! client address, within fifteen minutes, and further attempts are answered 429 until the
//! oldest failure ages out. The two are counted separately: an account's limit stops guessing
//! its password from many addresses, the address's (higher, as a village office's staff share
//! one) stops one client trying many accounts, and no one address can lock out everybody.
//!
//! Every attempt is counted *before* it is checked ([`super::limits::admit`]) and forgiven
//! when it succeeds, so parallel attempts get no more checks than the limits allow. Kept in
//! the database so that restarts and several server processes share it.

use chrono::{DateTime, Duration, Utc};

use super::limits::{self, Admitted, Limit};
use crate::db::Db;

/// Failures allowed for one account within the window.
pub const MAX_ACCOUNT_FAILURES: i64 = 5;
/// Failures allowed from one client address (see [`crate::routes::auth::client_address`])
/// within the window.
pub const MAX_ADDRESS_FAILURES: i64 = 20;

/// The window.
pub fn window() -> Duration {
    Duration::minutes(15)
}

/// The limits one sign-in attempt counts against.
pub fn limits(account: &str, address: &str) -> [Limit; 2] {
    [
        Limit::new(format!("account:{account}"), MAX_ACCOUNT_FAILURES, window()),
        Limit::new(format!("address:{address}"), MAX_ADDRESS_FAILURES, window()),
    ]
}

/// Counts a sign-in attempt before it is checked; answers the seconds to wait when locked.
pub async fn admit(
    db: &Db,
    account: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Result<Admitted, i64>, sqlx::Error> {
    limits::admit(db, &limits(account, address), now).await
}

/// Uncounts an attempt that signed in.
pub async fn succeeded(db: &Db, attempt: Admitted) -> Result<(), sqlx::Error> {
    limits::forgive(db, attempt).await
}
