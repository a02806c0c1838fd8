//! The authorization number printed on the form and typed on the verification page: the
//! id's 80 random-most bits in Crockford's base32 (no I, L, O, U), in four groups of four
//! (`K7QZ-3M9A-T2XD-8WRF`). Reading tolerates lowercase, spaces and the look-alikes Crockford
//! folds (O→0, I/L→1).

use crate::ids::{AuthorizationId, NUMBER_ALPHABET as ALPHABET, printed_number};

/// The number of an authorization.
pub fn number(id: AuthorizationId) -> String {
    printed_number(id.0)
}

/// A typed number in its printed form, or `None` if it cannot be one.
pub fn normalize_number(typed: &str) -> Option<String> {
    let mut chars = String::with_capacity(16);
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' | '\u{2014}' | '\u{FF0D}' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c if ALPHABET.contains(&(c as u8)) && c.is_ascii() => c,
            _ => return None,
        };
        chars.push(c);
    }
    if chars.len() != 16 {
        return None;
    }
    let mut out = String::with_capacity(19);
    for (i, c) in chars.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(c);
    }
    Some(out)
}
