//! Remote wipe (issue 22 point 13): which answer tells the phone to delete the personal data
//! it holds. The deleting itself is the sync engine's (`sync::session::wipe`).

/// The server's code for a disabled account's phone (issue 22 point 13).
pub const ACCOUNT_DISABLED: &str = "account_disabled";

/// The server's code for a phone whose sign-in lapsed long ago: it deletes its personal data
/// unless something on it is unsent.
pub const SIGN_IN_LAPSED: &str = "sign_in_lapsed";

/// Why an answer tells the phone to delete its personal data, if it does: the disabled
/// account's 403, or the lapsed sign-in's 401.
pub fn wipe_reason(status: u16, code: Option<&str>) -> Option<&'static str> {
    match (status, code) {
        (403, Some(ACCOUNT_DISABLED)) => Some(ACCOUNT_DISABLED),
        (401, Some(SIGN_IN_LAPSED)) => Some(SIGN_IN_LAPSED),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reasons_are_told_apart() {
        assert_eq!(
            wipe_reason(403, Some(ACCOUNT_DISABLED)),
            Some(ACCOUNT_DISABLED)
        );
        assert_eq!(wipe_reason(401, Some(SIGN_IN_LAPSED)), Some(SIGN_IN_LAPSED));
        assert_eq!(wipe_reason(401, None), None);
        assert_eq!(wipe_reason(403, Some(SIGN_IN_LAPSED)), None);
        assert_eq!(wipe_reason(401, Some(ACCOUNT_DISABLED)), None);
    }
}
