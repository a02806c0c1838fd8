//! Checking an authorization: the server's countersignature against the published keys
//! (rotation keeps every old key, with the period it signed in), the document against its
//! hash, the signature images against their references, and its standing on a day.

use chrono::{DateTime, NaiveDate, Utc};
use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::canonical::{CountersignedFacts, countersign_message, signature_holds, timestamp};
use super::record::AuthorizationRecord;
use crate::fieldwork::AttachmentRef;
use crate::ids::MemberId;

/// A server signing key as published (`GET /api/authorizations/v1/keys`): an authorization
/// verifies with the key it names if it was countersigned while that key was in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedKey {
    /// [`super::key_id`] of the key.
    pub key_id: String,
    /// The Ed25519 public key, hex.
    pub public_key: String,
    /// In use from.
    pub valid_from: DateTime<Utc>,
    /// Retired at (none while in use).
    #[serde(default)]
    pub valid_until: Option<DateTime<Utc>>,
}

impl PublishedKey {
    /// The key, if its hex is a valid Ed25519 public key.
    pub fn verifying_key(&self) -> Option<VerifyingKey> {
        let bytes: [u8; 32] = hex::decode(&self.public_key).ok()?.try_into().ok()?;
        VerifyingKey::from_bytes(&bytes).ok()
    }

    /// Whether it was in use at `at`.
    pub fn in_use_at(&self, at: DateTime<Utc>) -> bool {
        self.valid_from <= at && self.valid_until.is_none_or(|end| at < end)
    }
}

/// Why an authorization does not verify.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum VerifyError {
    /// The server has not countersigned it (still on the phone, or refused).
    #[error("not countersigned by the server")]
    NotCountersigned,
    /// The document no longer matches the hash the server signed.
    #[error("the document was changed after the server signed it")]
    Altered,
    /// A signature image does not match its reference.
    #[error("a signature image was changed")]
    ImageAltered {
        /// Whose signature.
        member: MemberId,
    },
    /// No published key has that id, or it was not in use at the signing time.
    #[error("signed with a key that is not published for that time")]
    UnknownKey,
    /// The signature does not hold.
    #[error("the server's signature does not match")]
    BadSignature,
}

impl VerifyError {
    /// In Chinese.
    pub fn message_zh(&self) -> &'static str {
        match self {
            VerifyError::NotCountersigned => "该授权书尚未经服务器签章",
            VerifyError::Altered => "授权书内容在签章后被改动",
            VerifyError::ImageAltered { .. } => "签名图像与授权书记载的不一致",
            VerifyError::UnknownKey => "签章密钥不在公布的密钥之列",
            VerifyError::BadSignature => "服务器签章校验不通过",
        }
    }
}

/// Checks a countersignature's facts against the published keys.
pub fn verify_facts(
    facts: &CountersignedFacts,
    at: DateTime<Utc>,
    signature_hex: &str,
    keys: &[PublishedKey],
) -> Result<(), VerifyError> {
    let key = keys
        .iter()
        .find(|k| k.key_id == facts.key_id && k.in_use_at(at))
        .and_then(PublishedKey::verifying_key)
        .ok_or(VerifyError::UnknownKey)?;
    if signature_holds(&key, &countersign_message(facts), signature_hex) {
        Ok(())
    } else {
        Err(VerifyError::BadSignature)
    }
}

impl AuthorizationRecord {
    /// Checks the countersignature: present, over this very document, by a published key
    /// in use at its time.
    pub fn verify(&self, keys: &[PublishedKey]) -> Result<(), VerifyError> {
        let c = self
            .countersignature
            .as_ref()
            .ok_or(VerifyError::NotCountersigned)?;
        let facts = self.countersigned_facts(c.at, &c.key_id);
        if facts.document_sha256 != c.document_sha256 {
            return Err(VerifyError::Altered);
        }
        debug_assert_eq!(facts.countersigned_at, timestamp(c.at));
        verify_facts(&facts, c.at, &c.signature, keys)
    }

    /// Checks each signature image against its reference; `bytes` gives an image's content
    /// (none: not at hand, not checked).
    pub fn verify_images<'a>(
        &self,
        bytes: impl Fn(&AttachmentRef) -> Option<&'a [u8]>,
    ) -> Result<(), VerifyError> {
        for s in &self.signatures {
            let image = s.mark.image();
            if let Some(content) = bytes(image)
                && hex::encode(Sha256::digest(content)) != image.as_str()
            {
                return Err(VerifyError::ImageAltered { member: s.member });
            }
        }
        Ok(())
    }

    /// Its standing on `today`.
    pub fn standing(&self, today: NaiveDate) -> Standing {
        if self.revocation.is_some() {
            Standing::Revoked
        } else if self.countersignature.is_none() {
            Standing::Pending
        } else {
            Standing::on(self.valid_from, self.valid_until, today)
        }
    }

    /// Whether a check may use it on `today`: countersigned, not revoked, in its period.
    pub fn usable_on(&self, today: NaiveDate) -> bool {
        self.standing(today) == Standing::Valid
    }
}

/// Where an authorization stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Signed on the phone, not yet countersigned by the server.
    Pending,
    /// Its period has not begun.
    NotYetValid,
    /// In force.
    Valid,
    /// Its period is over.
    Expired,
    /// Withdrawn.
    Revoked,
}

impl Standing {
    /// From the period alone.
    pub fn on(valid_from: NaiveDate, valid_until: NaiveDate, today: NaiveDate) -> Standing {
        if today < valid_from {
            Standing::NotYetValid
        } else if today > valid_until {
            Standing::Expired
        } else {
            Standing::Valid
        }
    }

    /// In Chinese.
    pub fn name_zh(self) -> &'static str {
        match self {
            Standing::Pending => "待服务器签章",
            Standing::NotYetValid => "尚未生效",
            Standing::Valid => "有效",
            Standing::Expired => "已过期",
            Standing::Revoked => "已撤回",
        }
    }

    /// In English.
    pub fn name_en(self) -> &'static str {
        match self {
            Standing::Pending => "waiting for the server's countersignature",
            Standing::NotYetValid => "not yet in force",
            Standing::Valid => "valid",
            Standing::Expired => "expired",
            Standing::Revoked => "revoked",
        }
    }
}
