//! The demo's second factor: the demo `admin` and `supervisor` (whose roles require one) are
//! enrolled with one published secret, so a newcomer can sign in without enrolling first.
//! Demo data is refused in production, and so is this secret with it.

use crate::auth::totp::{self, TotpKey};
use crate::db::Db;

/// The demo accounts' TOTP secret, base32 (add it to any authenticator app, or run
/// `onedoor demo-totp` for the current code).
pub const DEMO_TOTP_SECRET: &str = "ONEDOORDEMOSECRETFORADMINANDSUPV";

/// The demo accounts enrolled with it.
pub const DEMO_TOTP_ACCOUNTS: [&str; 2] = ["admin", "supervisor"];

/// Enrols the demo accounts that exist and have no second factor yet.
pub async fn enrol(db: &Db, key: &TotpKey) -> anyhow::Result<()> {
    let secret = totp::decode_base32(DEMO_TOTP_SECRET)?;
    for name in DEMO_TOTP_ACCOUNTS {
        let row: Option<(String,)> = sqlx::query_as("SELECT id FROM users WHERE username = $1")
            .bind(name)
            .fetch_optional(db.pool())
            .await?;
        if let Some((id,)) = row {
            crate::auth::totp_store::enrol_known(db, key, &id, &secret, chrono::Utc::now()).await?;
        }
    }
    Ok(())
}

/// The demo accounts' code now.
pub fn current_code() -> anyhow::Result<String> {
    let secret = totp::decode_base32(DEMO_TOTP_SECRET)?;
    let now = chrono::Utc::now().timestamp().max(0) as u64;
    totp::code_at(&secret, now)
}
