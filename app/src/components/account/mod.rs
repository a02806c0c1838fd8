//! The account holder's own sign-in on `/me`: changing the password, the second factor
//! (enrolment with a QR code, recovery codes shown once, turning it off where allowed).

mod password_change;
mod two_factor;

pub use password_change::PasswordChange;
pub use two_factor::TwoFactor;

use leptos_i18n::I18nContext;

use crate::i18n::{Locale, t_string};
use crate::online::OnlineError;

/// What to tell the user about a failed account request, in their language.
pub(crate) fn refusal(i18n: I18nContext<Locale>, e: OnlineError) -> String {
    let code = match &e {
        OnlineError::Refused { code, .. } => code.clone(),
        _ => None,
    };
    match (code.as_deref(), e) {
        (Some("wrong_password"), _) => t_string!(i18n, account.wrong_password).to_owned(),
        (Some("password_too_short"), _) => t_string!(i18n, account.password_too_short).to_owned(),
        (Some("password_too_common"), _) => t_string!(i18n, account.password_too_common).to_owned(),
        (Some("password_contains_username"), _) => {
            t_string!(i18n, account.password_contains_username).to_owned()
        }
        (Some("password_unchanged"), _) => t_string!(i18n, account.password_unchanged).to_owned(),
        (Some("wrong_code"), _) => t_string!(i18n, account.wrong_code).to_owned(),
        (Some("totp_required"), _) => t_string!(i18n, account.totp_cannot_disable).to_owned(),
        (_, OnlineError::Offline) => t_string!(i18n, account.needs_network).to_owned(),
        (_, OnlineError::SignedOut) => t_string!(i18n, account.sign_in_first).to_owned(),
        (_, OnlineError::Refused { message, .. }) => message,
        (_, OnlineError::Garbled) => t_string!(i18n, account.request_failed).to_owned(),
    }
}
