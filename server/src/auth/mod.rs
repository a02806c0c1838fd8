//! Accounts and sign-in: staff with a password, residents with a one-time code by SMS;
//! sessions in a `__Host-` cookie, checked on every request; a lockout after repeated failures.

mod cookie;
mod current_user;
pub mod disabled;
pub mod events;
pub mod limits;
pub mod lockout;
pub mod otp;
pub mod password;
pub mod password_policy;
pub mod pending;
pub mod session;
pub mod settings;
pub mod sms;
pub mod token;
pub mod totp;
pub mod totp_store;

pub use token::random_below;

pub use cookie::{SESSION_COOKIE, clear_cookie, session_cookie};
pub use current_user::{
    AccountHolder, CurrentUser, PASSWORD_CHANGE_REQUIRED, TOTP_ENROLMENT_REQUIRED,
};
pub(crate) use current_user::{SESSION_COLUMNS, SESSION_FROM, SESSION_MATCH, SESSION_QUERY};
pub use settings::AuthSettings;
