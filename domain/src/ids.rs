//! Stable, client-made record ids (UUIDv7 made on the phone), so records created offline never
//! collide and never need an autoincrement key.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! record_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub struct $name(pub Uuid);

        impl $name {
            /// Parses the hyphenated text form.
            pub fn parse(s: &str) -> Result<Self, uuid::Error> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}
pub(crate) use record_id;

/// Crockford's base32 without I, L, O, U: read aloud and typed without confusion.
pub(crate) const NUMBER_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The number printed for a record and typed back (an authorization's, a case's): the id's 80
/// random-most bits (a UUIDv7's time prefix left out) in Crockford's base32, in four groups of
/// four (`K7QZ-3M9A-T2XD-8WRF`).
pub fn printed_number(id: Uuid) -> String {
    let mut bits: u128 = 0;
    for b in &id.as_bytes()[6..16] {
        bits = (bits << 8) | u128::from(*b);
    }
    let mut out = String::with_capacity(19);
    for i in 0..16 {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        let shift = 5 * (15 - i);
        out.push(NUMBER_ALPHABET[((bits >> shift) & 31) as usize] as char);
    }
    out
}

/// A typed printed number in its printed form (upper case, four groups of four), or `None` if
/// it cannot be one. Reading tolerates lower case, spaces, dashes and the look-alikes
/// Crockford folds (O→0, I/L→1).
pub fn normalize_printed_number(typed: &str) -> Option<String> {
    let mut chars = String::with_capacity(16);
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' | '\u{2014}' | '\u{FF0D}' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c if c.is_ascii() && NUMBER_ALPHABET.contains(&(c as u8)) => c,
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

/// The end of the hyphenated id text (`7xxx-xxxx-xxxxxxxxxxxx`, the 80 bits
/// [`printed_number`] prints) of the records whose printed number is `typed`, or `None` if
/// `typed` cannot be a number: how a typed case number finds its case.
pub fn id_tail_of_number(typed: &str) -> Option<String> {
    let normal = normalize_printed_number(typed)?;
    let mut bits: u128 = 0;
    for c in normal.bytes().filter(|c| *c != b'-') {
        let v = NUMBER_ALPHABET.iter().position(|a| *a == c)?;
        bits = (bits << 5) | v as u128;
    }
    let hex = format!("{bits:020x}");
    Some(format!("{}-{}-{}", &hex[0..4], &hex[4..8], &hex[8..20]))
}

impl CaseId {
    /// The case number on the window's screens and printed notices, typed on the tracking
    /// page: [`printed_number`].
    pub fn number(self) -> String {
        printed_number(self.0)
    }
}

record_id!(
    /// One application (救助申请) and its workflow.
    CaseId
);
record_id!(
    /// One household (家庭) with its members, income and property.
    HouseholdId
);
record_id!(
    /// One person in a household.
    MemberId
);
record_id!(
    /// One account: staff or resident.
    UserId
);
record_id!(
    /// One household's verification authorization (核对授权书), signed once and reused by every
    /// item and department for its period.
    AuthorizationId
);
record_id!(
    /// One sync operation in a phone's outbox; the server records it to apply it exactly once.
    OpId
);
record_id!(
    /// One phone or browser profile that syncs.
    DeviceId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printed_number_finds_the_end_of_its_id() {
        let id = Uuid::parse_str("01890a5d-ac96-774b-bcce-b302099a8057").unwrap();
        let number = CaseId(id).number();
        let tail = id_tail_of_number(&number.to_lowercase().replace('-', " ")).unwrap();
        assert!(id.to_string().ends_with(&format!("-{tail}")));
        assert_eq!(id.to_string()[14..], tail);
        assert_eq!(id_tail_of_number("too short"), None);
        assert_eq!(
            normalize_printed_number("oil0-0000-0000-0000").as_deref(),
            Some("0110-0000-0000-0000")
        );
    }

    #[test]
    fn ids_round_trip_through_text_and_json() {
        let id = CaseId::parse("01890a5d-ac96-774b-bcce-b302099a8057").unwrap();
        assert_eq!(CaseId::parse(&id.to_string()).unwrap(), id);
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"01890a5d-ac96-774b-bcce-b302099a8057\"");
        assert!(CaseId::parse("not-an-id").is_err());
    }
}
