//! What the printed form's QR code carries: enough to check the server's signature without
//! the database (like a signed health certificate) — the authorization's id, its document
//! hash, the countersignature's time, key and signature, and the last valid day. The
//! verification page then asks the server only whether it was revoked.
//!
//! Binary, then base64url without padding, behind a version letter: `A` + 176 characters,
//! which fits a version-10 QR code at error correction level M.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use uuid::Uuid;

use super::canonical::{CountersignedFacts, timestamp};
use super::record::AuthorizationRecord;
use super::verify::{PublishedKey, VerifyError, verify_facts};
use crate::ids::AuthorizationId;

/// The token's version letter.
const VERSION: char = 'A';
/// Bytes: id 16, hash 32, time 8, valid-until 4, key id 8, signature 64.
const LEN: usize = 16 + 32 + 8 + 4 + 8 + 64;

/// The QR code's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrToken {
    /// Which authorization.
    pub id: AuthorizationId,
    /// The document's SHA-256.
    pub document_sha256: [u8; 32],
    /// The countersignature's time, whole seconds.
    pub countersigned_at: DateTime<Utc>,
    /// The last valid day.
    pub valid_until: NaiveDate,
    /// The key's id (8 bytes).
    pub key_id: [u8; 8],
    /// The Ed25519 signature.
    pub signature: [u8; 64],
}

/// Why a text is not a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QrTokenError {
    /// Not a token of a known version, or damaged.
    #[error("not an authorization code")]
    Malformed,
}

impl QrToken {
    /// The token of a countersigned record (none before the server signed).
    pub fn of(record: &AuthorizationRecord) -> Option<QrToken> {
        let c = record.countersignature.as_ref()?;
        Some(QrToken {
            id: record.id,
            document_sha256: hex::decode(&c.document_sha256).ok()?.try_into().ok()?,
            countersigned_at: c.at,
            valid_until: record.valid_until,
            key_id: hex::decode(&c.key_id).ok()?.try_into().ok()?,
            signature: hex::decode(&c.signature).ok()?.try_into().ok()?,
        })
    }

    /// The text form.
    pub fn encode(&self) -> String {
        let mut bytes = Vec::with_capacity(LEN);
        bytes.extend_from_slice(self.id.0.as_bytes());
        bytes.extend_from_slice(&self.document_sha256);
        bytes.extend_from_slice(&self.countersigned_at.timestamp().to_be_bytes());
        bytes.extend_from_slice(&self.valid_until.num_days_from_ce().to_be_bytes());
        bytes.extend_from_slice(&self.key_id);
        bytes.extend_from_slice(&self.signature);
        let mut out = String::with_capacity(1 + LEN * 4 / 3 + 1);
        out.push(VERSION);
        out.push_str(&URL_SAFE_NO_PAD.encode(bytes));
        out
    }

    /// Reads the text form.
    pub fn decode(text: &str) -> Result<QrToken, QrTokenError> {
        let rest = text
            .trim()
            .strip_prefix(VERSION)
            .ok_or(QrTokenError::Malformed)?;
        let bytes = URL_SAFE_NO_PAD
            .decode(rest)
            .map_err(|_| QrTokenError::Malformed)?;
        if bytes.len() != LEN {
            return Err(QrTokenError::Malformed);
        }
        let (id, rest) = bytes.split_at(16);
        let (hash, rest) = rest.split_at(32);
        let (at, rest) = rest.split_at(8);
        let (until, rest) = rest.split_at(4);
        let (key, signature) = rest.split_at(8);
        let bad = |_| QrTokenError::Malformed;
        let at = i64::from_be_bytes(at.try_into().map_err(bad)?);
        let until = i32::from_be_bytes(until.try_into().map_err(bad)?);
        Ok(QrToken {
            id: AuthorizationId(Uuid::from_slice(id).map_err(|_| QrTokenError::Malformed)?),
            document_sha256: hash.try_into().map_err(bad)?,
            countersigned_at: DateTime::from_timestamp(at, 0).ok_or(QrTokenError::Malformed)?,
            valid_until: NaiveDate::from_num_days_from_ce_opt(until)
                .ok_or(QrTokenError::Malformed)?,
            key_id: key.try_into().map_err(bad)?,
            signature: signature.try_into().map_err(bad)?,
        })
    }

    /// The facts it claims the server signed.
    pub fn facts(&self) -> CountersignedFacts {
        CountersignedFacts {
            authorization: self.id.to_string(),
            document_sha256: hex::encode(self.document_sha256),
            countersigned_at: timestamp(self.countersigned_at),
            valid_until: self.valid_until,
            key_id: hex::encode(self.key_id),
        }
    }

    /// Checks the server's signature, with no database: genuine or not.
    pub fn verify(&self, keys: &[PublishedKey]) -> Result<(), VerifyError> {
        verify_facts(
            &self.facts(),
            self.countersigned_at,
            &hex::encode(self.signature),
            keys,
        )
    }

    /// Whether it names this record as it stands (same id and document hash).
    pub fn matches(&self, record: &AuthorizationRecord) -> bool {
        record.id == self.id && record.document_sha256() == hex::encode(self.document_sha256)
    }
}
