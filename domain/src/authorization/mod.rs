//! The household's verification authorization (家庭经济状况核对授权书): signed once, offline on
//! the helper's phone, countersigned by the server, reused by every item and department for
//! its period (一次授权、全网通用, seed 003), revocable, and verifiable by anyone from its QR
//! code.
//!
//! * [`AuthorizationText`]: the versioned text, data an administrator loads;
//! * [`AuthorizationRecord`]: the package — members, each one's consent (in person or by a
//!   guardian, a signature or a witnessed mark) and identity check — validated alike on the
//!   phone and the server ([`Against`]);
//! * its document hash (RFC 8785 canonical JSON, SHA-256) and the server's Ed25519
//!   countersignature, checked against the published keys ([`PublishedKey`]) so that a key
//!   rotation keeps old authorizations verifying;
//! * [`QrToken`]: what the printed QR code carries, checkable without the database;
//! * [`adults_not_covered`]: what the economic check waits for.

mod canonical;
mod consents;
mod error;
mod number;
mod outsider;
mod qr;
mod record;
mod text;
mod validate;
mod verify;

pub use canonical::{
    COUNTERSIGN_CONTEXT, CountersignedFacts, countersign_message, key_id, timestamp,
};
pub use consents::{
    Collected, Consent, Guardian, Limited, OUTSIDER_RELATIONS, OnlineConsentError, Outsider,
    OutsiderError, OutsiderField, Signer, consents, guardians_for, online_package, unsigned,
};
pub use error::AuthorizationError;
pub use number::{normalize_number, number};
pub use qr::{QrToken, QrTokenError};
pub use record::{
    AuthorizationRecord, AuthorizationSummary, Countersignature, CoveredMember, IdentityCheck,
    IdentityMethod, MAX_STROKES_CHARS, MAX_TEXT_CHARS, Mark, Revocation, Signatory, Signature,
};
pub use text::{AuthorizationText, MAX_VALIDITY_MONTHS, Scope};
pub use validate::{
    Against, adults_not_covered, adults_not_covered_or_pending, period_end, usable,
    usable_or_pending,
};
pub use verify::{PublishedKey, Standing, VerifyError, verify_facts};

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod text_tests;
