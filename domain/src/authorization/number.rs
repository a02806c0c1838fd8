//! The authorization number printed on the form and typed on the verification page: the
//! id's 80 random-most bits in Crockford's base32 (no I, L, O, U), in four groups of four
//! (`K7QZ-3M9A-T2XD-8WRF`). Reading tolerates lowercase, spaces and the look-alikes Crockford
//! folds (O→0, I/L→1).

use crate::ids::AuthorizationId;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The number of an authorization.
pub fn number(id: AuthorizationId) -> String {
    let bytes = &id.0.as_bytes()[6..16];
    let mut bits: u128 = 0;
    for b in bytes {
        bits = (bits << 8) | u128::from(*b);
    }
    let mut out = String::with_capacity(19);
    for i in 0..16 {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        let shift = 5 * (15 - i);
        out.push(ALPHABET[((bits >> shift) & 31) as usize] as char);
    }
    out
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
