//! Remote wipe (issue 22 point 13): which answer tells the phone to delete the personal data
//! it holds. The deleting itself is the sync engine's (`sync::session::wipe_disabled`).

/// The server's code for a disabled account's phone (issue 22 point 13).
pub const ACCOUNT_DISABLED: &str = "account_disabled";

/// Whether an answer tells the phone to delete the personal data it holds: only a 403 with
/// the disabled account's code (a 401 is an ended session: signing in again keeps the data;
/// other 403 codes ask the account to do something first).
pub fn wipes_the_phone(status: u16, code: Option<&str>) -> bool {
    status == 403 && code == Some(ACCOUNT_DISABLED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_disabled_accounts_code_wipes() {
        assert!(wipes_the_phone(403, Some(ACCOUNT_DISABLED)));
        assert!(!wipes_the_phone(403, Some("password_change_required")));
        assert!(!wipes_the_phone(403, None));
        assert!(!wipes_the_phone(401, Some(ACCOUNT_DISABLED)));
        assert!(!wipes_the_phone(422, Some(ACCOUNT_DISABLED)));
    }
}
