//! The one-notice rule (一次性告知): the window tells the applicant EVERY missing or defective
//! material in one notice (乌海市 附件3 第二条 对救助办理要求一次性告知当事人; 附件2 第二条
//! 出具补证通知书). A later notice on the same case may only name a material the earlier
//! notice named, or one whose own content changed since (a resubmitted photo that is still
//! unreadable) — never one the window could already see and did not name.
//!
//! The window's command carries what it saw: a fingerprint of each provided material's
//! content, computed by the caller from the attachments' SHA-256 ([`material_fingerprint`]).
//! Each notice keeps that snapshot, so the next one is checked against it.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::catalogue::MaterialCode;

use super::progress::SupplementPause;

/// One provided material as the window saw it when deciding on the materials.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SeenMaterial {
    /// Which material.
    pub material: MaterialCode,
    /// Its content's fingerprint ([`material_fingerprint`] of its photos, signatures or
    /// authorization ids); changes whenever the applicant hands in something else.
    pub fingerprint: String,
}

/// The fingerprint of one material's content: SHA-256 over its parts (attachment hashes,
/// authorization ids, each with whose it is), in any order.
pub fn material_fingerprint<S: AsRef<str>>(parts: &[S]) -> String {
    let mut sorted: Vec<&str> = parts.iter().map(AsRef::as_ref).collect();
    sorted.sort_unstable();
    let mut h = Sha256::new();
    for p in sorted {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    hex::encode(h.finalize())
}

/// Sorted by material, one entry per material (the last one given wins).
pub(crate) fn normalized_seen(seen: &[SeenMaterial]) -> Vec<SeenMaterial> {
    let mut v: Vec<SeenMaterial> = Vec::with_capacity(seen.len());
    for s in seen.iter().rev() {
        if !v.iter().any(|x| x.material == s.material) {
            v.push(s.clone());
        }
    }
    v.sort();
    v
}

fn fingerprint_in<'a>(seen: &'a [SeenMaterial], m: &MaterialCode) -> Option<&'a str> {
    seen.iter()
        .find(|s| &s.material == m)
        .map(|s| s.fingerprint.as_str())
}

/// The materials of a new notice (`missing`, with the window's view `seen`) that break the
/// one-notice rule against the latest earlier notice: not named by it, and unchanged since.
/// Empty when there was no earlier notice.
pub(crate) fn renamed_unchanged(
    earlier: Option<&SupplementPause>,
    missing: &[MaterialCode],
    seen: &[SeenMaterial],
) -> Vec<MaterialCode> {
    let Some(last) = earlier else {
        return Vec::new();
    };
    missing
        .iter()
        .filter(|m| !last.missing.contains(m))
        .filter(|m| fingerprint_in(seen, m) == fingerprint_in(&last.seen, m))
        .cloned()
        .collect()
}
