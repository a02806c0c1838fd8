//! References to attachments (signatures, photos): the SHA-256 of the file, as the server's
//! upload API addresses and deduplicates them. The bytes travel separately; a record carries
//! only the hash.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

use super::error::FieldworkError;

/// Characters in a SHA-256 written as hex.
pub const SHA256_HEX_LEN: i64 = 64;

/// An attachment's SHA-256 as 64 lowercase hex characters — exactly the form the server's
/// upload API accepts, so a record never names a file that cannot be uploaded. Serde
/// re-validates.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AttachmentRef(String);

/// Why a text is not an attachment reference.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AttachmentRefError {
    /// Not 64 characters.
    #[error("a SHA-256 has 64 hex characters, this has {found}")]
    Length {
        /// Characters found.
        found: i64,
    },
    /// A character other than `0-9a-f` (uppercase is refused: one file, one spelling).
    #[error("character {position} is not a lowercase hex digit")]
    NotLowerHex {
        /// 1-based position.
        position: i64,
    },
}

impl AttachmentRefError {
    /// The message in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            AttachmentRefError::Length { found } => {
                format!("附件校验值应为 64 位，当前为 {found} 位")
            }
            AttachmentRefError::NotLowerHex { position } => {
                format!("附件校验值第 {position} 位不是小写十六进制字符")
            }
        }
    }
}

impl AttachmentRef {
    /// Checks a hash (no trimming or case folding: the phone computes it, nobody types it).
    pub fn parse(s: &str) -> Result<AttachmentRef, AttachmentRefError> {
        let found = s.chars().count() as i64;
        if found != SHA256_HEX_LEN {
            return Err(AttachmentRefError::Length { found });
        }
        if let Some(i) = s.chars().position(|c| !matches!(c, '0'..='9' | 'a'..='f')) {
            return Err(AttachmentRefError::NotLowerHex {
                position: i as i64 + 1,
            });
        }
        Ok(AttachmentRef(s.to_owned()))
    }

    /// The hash as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AttachmentRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for AttachmentRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for AttachmentRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        AttachmentRef::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<&str> for AttachmentRef {
    type Error = AttachmentRefError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        AttachmentRef::parse(s)
    }
}

/// The most photos one visit or report carries: enough to show a home, few enough to upload
/// over a village's mobile signal.
pub const MAX_PHOTOS: i64 = 20;

/// Checks a photo list: at most [`MAX_PHOTOS`], none twice.
pub(crate) fn check_photos(photos: &[AttachmentRef], errors: &mut Vec<FieldworkError>) {
    let found = photos.len() as i64;
    if found > MAX_PHOTOS {
        errors.push(FieldworkError::TooManyPhotos {
            max: MAX_PHOTOS,
            found,
        });
    }
    let mut seen = HashSet::new();
    for (i, p) in photos.iter().enumerate() {
        if !seen.insert(p) {
            errors.push(FieldworkError::DuplicatePhoto { index: i as i64 });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMPTY_FILE: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn only_64_lowercase_hex_characters() {
        let r = AttachmentRef::parse(EMPTY_FILE).unwrap();
        assert_eq!(r.as_str(), EMPTY_FILE);
        assert_eq!(
            AttachmentRef::parse(&EMPTY_FILE[..63]),
            Err(AttachmentRefError::Length { found: 63 })
        );
        assert_eq!(
            AttachmentRef::parse(&EMPTY_FILE.to_uppercase()),
            Err(AttachmentRefError::NotLowerHex { position: 1 })
        );
        let mut with_g = EMPTY_FILE.to_owned();
        with_g.replace_range(63.., "g");
        assert_eq!(
            AttachmentRef::try_from(with_g.as_str()),
            Err(AttachmentRefError::NotLowerHex { position: 64 })
        );
        // 64 characters but multi-byte: counted in characters, refused as not hex.
        let wide = "一".repeat(64);
        assert_eq!(
            AttachmentRef::parse(&wide),
            Err(AttachmentRefError::NotLowerHex { position: 1 })
        );
        assert!(
            AttachmentRefError::Length { found: 3 }
                .message_zh()
                .contains('3')
        );
    }

    #[test]
    fn serde_carries_the_text_and_revalidates() {
        let r = AttachmentRef::parse(EMPTY_FILE).unwrap();
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, format!("\"{EMPTY_FILE}\""));
        assert_eq!(serde_json::from_str::<AttachmentRef>(&json).unwrap(), r);
        assert!(serde_json::from_str::<AttachmentRef>("\"abc\"").is_err());
    }
}
