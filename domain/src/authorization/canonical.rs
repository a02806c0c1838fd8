//! The authorization's canonical form, its hash and the server's countersignature.
//!
//! The document is the record as JSON without the server's fields (`countersignature`,
//! `revocation`) and without the protected ID-card photos, canonicalized by RFC 8785 (JSON
//! Canonicalization Scheme) and hashed with SHA-256: anyone holding the record can recompute
//! it with any JCS implementation. The signature images are in the document by their
//! SHA-256, so a changed image no longer matches its reference, and a changed reference
//! changes the document hash. The server signs the document hash with its timestamp and the
//! validity, so the QR code (which carries those) can be checked without the database.

use chrono::{DateTime, NaiveDate, Utc};
use ed25519_dalek::{Signature as EdSignature, Signer, SigningKey, VerifyingKey};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::record::{AuthorizationRecord, Countersignature};

/// RFC 8785 canonical JSON of a value.
pub(crate) fn jcs<T: Serialize>(value: &T) -> Vec<u8> {
    // Serializing plain data (no maps with non-string keys, no non-finite floats) cannot fail.
    serde_json_canonicalizer::to_vec(value).expect("plain data serializes")
}

impl AuthorizationRecord {
    /// The document as hashed: the record's JSON less `countersignature`, `revocation` and
    /// each in-person check's `id_card_photo`.
    pub fn document(&self) -> Value {
        let mut value = serde_json::to_value(self).expect("plain data serializes");
        if let Value::Object(map) = &mut value {
            map.remove("countersignature");
            map.remove("revocation");
            if let Some(Value::Array(signatures)) = map.get_mut("signatures") {
                for s in signatures {
                    if let Some(Value::Object(identity)) = s.get_mut("identity") {
                        identity.remove("id_card_photo");
                    }
                }
            }
        }
        value
    }

    /// SHA-256 of the document's canonical JSON, hex.
    pub fn document_sha256(&self) -> String {
        hex::encode(Sha256::digest(jcs(&self.document())))
    }
}

/// A server key's id: the first 8 bytes of the SHA-256 of its public key, hex.
pub fn key_id(key: &VerifyingKey) -> String {
    hex::encode(&Sha256::digest(key.as_bytes())[..8])
}

/// What the server's countersignature covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountersignedFacts {
    /// Which authorization.
    pub authorization: String,
    /// The document's SHA-256, hex.
    pub document_sha256: String,
    /// The server's timestamp, whole seconds, RFC 3339 UTC.
    pub countersigned_at: String,
    /// The last day it holds.
    pub valid_until: NaiveDate,
    /// The signing key's id.
    pub key_id: String,
}

/// The label that starts every countersigned message: a signature for another purpose
/// never verifies as one of these.
pub const COUNTERSIGN_CONTEXT: &str = "onedoor-authorization-countersignature/1";

/// The bytes the server signs: the context line, then the facts' canonical JSON.
pub fn countersign_message(facts: &CountersignedFacts) -> Vec<u8> {
    let mut out = format!("{COUNTERSIGN_CONTEXT}\n").into_bytes();
    out.extend(jcs(facts));
    out
}

/// Whole seconds, RFC 3339 in UTC (`2026-12-06T08:30:00Z`).
pub fn timestamp(at: DateTime<Utc>) -> String {
    crate::calendar::print::ymd_t_hms_z(&at)
}

impl AuthorizationRecord {
    /// The facts a countersignature at `at` with `key_id` covers.
    pub fn countersigned_facts(&self, at: DateTime<Utc>, key_id: &str) -> CountersignedFacts {
        CountersignedFacts {
            authorization: self.id.to_string(),
            document_sha256: self.document_sha256(),
            countersigned_at: timestamp(at),
            valid_until: self.valid_until,
            key_id: key_id.to_owned(),
        }
    }

    /// The server's countersignature of this record at `at` (the time is cut to whole
    /// seconds, as the QR code carries it).
    pub fn countersign(&self, key: &SigningKey, at: DateTime<Utc>) -> Countersignature {
        let at = DateTime::from_timestamp(at.timestamp(), 0).unwrap_or(at);
        let id = key_id(&key.verifying_key());
        let facts = self.countersigned_facts(at, &id);
        let signature = key.sign(&countersign_message(&facts));
        Countersignature {
            key_id: id,
            at,
            document_sha256: facts.document_sha256,
            signature: hex::encode(signature.to_bytes()),
        }
    }
}

/// Checks an Ed25519 signature (lowercase hex) over `message` with `key`.
pub(crate) fn signature_holds(key: &VerifyingKey, message: &[u8], signature_hex: &str) -> bool {
    // One spelling per signature: lowercase, as written.
    if signature_hex.bytes().any(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let Ok(bytes) = hex::decode(signature_hex) else {
        return false;
    };
    let Ok(bytes) = <[u8; 64]>::try_from(bytes.as_slice()) else {
        return false;
    };
    key.verify_strict(message, &EdSignature::from_bytes(&bytes))
        .is_ok()
}
