//! The authorization number printed on the form and typed on the verification page: the
//! id's 80 random-most bits in Crockford's base32 (no I, L, O, U), in four groups of four
//! (`K7QZ-3M9A-T2XD-8WRF`). Reading tolerates lowercase, spaces and the look-alikes Crockford
//! folds (O→0, I/L→1).

use crate::ids::{AuthorizationId, normalize_printed_number, printed_number};

/// The number of an authorization.
pub fn number(id: AuthorizationId) -> String {
    printed_number(id.0)
}

/// A typed number in its printed form, or `None` if it cannot be one.
pub fn normalize_number(typed: &str) -> Option<String> {
    normalize_printed_number(typed)
}
