//! Sign-in settings taken from the configuration once at start.

use std::sync::Arc;

use chrono::Duration;

use super::otp::CodeKey;
use super::sms::SmsSender;
use super::totp::TotpKey;
use crate::security::client_address::TrustedProxies;

/// How sessions expire, where codes go, and whom to believe about client addresses.
#[derive(Clone)]
pub struct AuthSettings {
    /// A session unused this long ends.
    pub idle: Duration,
    /// A session ends this long after sign-in, used or not.
    pub max_age: Duration,
    /// A phone whose session was last used longer ago than this, and that was not signed in
    /// again since, is told `sign_in_lapsed` and deletes its personal data when nothing on
    /// it is unsent (issue 22 point 13).
    pub wipe_after: Duration,
    /// Sends one-time codes.
    pub sms: Arc<dyn SmsSender>,
    /// The reverse proxies whose `X-Forwarded-For` names the client.
    pub proxies: TrustedProxies,
    /// The key one-time codes are stored under.
    pub codes: CodeKey,
    /// One-time codes sent within an hour, at most, in all.
    pub otp_requests_per_hour: i64,
    /// The key staff TOTP secrets are sealed under.
    pub totp_key: TotpKey,
    /// The roles that must sign in with a second factor.
    pub totp_required: Vec<domain::role::Role>,
    /// Live sessions one account may hold; a new sign-in ends the oldest beyond it.
    pub sessions_per_account: i64,
}
