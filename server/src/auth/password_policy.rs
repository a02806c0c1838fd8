//! What a staff password must be: at least ten characters, not one of the commonly used
//! passwords (an embedded list, compared without regard to case), not a single repeated
//! character, and not containing the sign-in name. NIST SP 800-63B's rules, without
//! composition rules (they make passwords harder to remember, not to guess).

use std::collections::HashSet;
use std::sync::LazyLock;

/// The least length of a staff password.
pub const MIN_LEN: usize = 10;

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("common_passwords.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Why a new password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weakness {
    /// Shorter than [`MIN_LEN`].
    TooShort,
    /// On the list of common passwords, or one character repeated.
    Common,
    /// Contains the account's sign-in name.
    ContainsUsername,
}

impl Weakness {
    /// The code the UI translates.
    pub fn code(self) -> &'static str {
        match self {
            Weakness::TooShort => "password_too_short",
            Weakness::Common => "password_too_common",
            Weakness::ContainsUsername => "password_contains_username",
        }
    }

    /// The refusal in Chinese.
    pub fn message_zh(self) -> String {
        match self {
            Weakness::TooShort => format!("密码至少需要 {MIN_LEN} 个字符"),
            Weakness::Common => "这个密码太常见，容易被猜中，请换一个".to_owned(),
            Weakness::ContainsUsername => "密码不能包含用户名".to_owned(),
        }
    }
}

/// Checks a new password for the account `username`.
pub fn check(username: &str, password: &str) -> Result<(), Weakness> {
    if password.chars().count() < MIN_LEN {
        return Err(Weakness::TooShort);
    }
    let lower = password.to_lowercase();
    let mut chars = lower.chars();
    let first = chars.next();
    if COMMON.contains(lower.as_str()) || chars.all(|c| Some(c) == first) {
        return Err(Weakness::Common);
    }
    let name = username.trim().to_lowercase();
    if name.chars().count() >= 3 && lower.contains(&name) {
        return Err(Weakness::ContainsUsername);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert_eq!(check("clerk", "short"), Err(Weakness::TooShort));
        assert_eq!(check("clerk", "QWERTYUIOP"), Err(Weakness::Common));
        assert_eq!(check("clerk", "woaini1314"), Err(Weakness::Common));
        assert_eq!(check("clerk", "zzzzzzzzzzzz"), Err(Weakness::Common));
        assert_eq!(
            check("clerk", "myclerk-2026!"),
            Err(Weakness::ContainsUsername)
        );
        assert_eq!(check("clerk", "梅花三弄 river 7"), Ok(()));
        assert!(COMMON.len() > 100);
    }
}
