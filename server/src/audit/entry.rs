//! One audit entry and its hash.

use domain::jurisdiction::Actor;
use sha2::{Digest, Sha256};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What to record. Never put a full ID number, name or phone in `detail`: the log is for
/// finding who did what, and is itself read by supervisors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditEntry {
    /// Who acted (`None`: the system, the admin command line).
    pub actor_user: Option<String>,
    /// Their role code.
    pub actor_role: Option<String>,
    /// What, as `area.verb`: `sync.create_household`, `sync.pull`, `auth.login`, …
    pub action: String,
    /// Kind of the record concerned.
    pub record_kind: Option<String>,
    /// The record concerned.
    pub record_id: Option<String>,
    /// Where the record lies.
    pub place_code: Option<String>,
    /// More, as JSON.
    pub detail: String,
}

impl AuditEntry {
    /// An entry for `actor` doing `action`.
    pub fn by(actor: &Actor, action: impl Into<String>) -> AuditEntry {
        AuditEntry {
            actor_user: Some(actor.user.0.to_string()),
            actor_role: Some(actor.role.code().to_owned()),
            action: action.into(),
            detail: "{}".to_owned(),
            ..AuditEntry::default()
        }
    }

    /// An entry for the account `user` (whose role is not at hand, e.g. at sign-in).
    pub fn by_user(user: &str, action: impl Into<String>) -> AuditEntry {
        AuditEntry {
            actor_user: Some(user.to_owned()),
            action: action.into(),
            detail: "{}".to_owned(),
            ..AuditEntry::default()
        }
    }

    /// An entry for the operator at the server's command line.
    pub fn by_operator(action: impl Into<String>) -> AuditEntry {
        AuditEntry {
            actor_role: Some("operator".to_owned()),
            action: action.into(),
            detail: "{}".to_owned(),
            ..AuditEntry::default()
        }
    }

    /// The same entry about one record.
    pub fn on(mut self, kind: &str, id: impl ToString, place: Option<&str>) -> AuditEntry {
        self.record_kind = Some(kind.to_owned());
        self.record_id = Some(id.to_string());
        self.place_code = place.map(str::to_owned);
        self
    }

    /// The same entry with JSON detail.
    pub fn with_detail(mut self, detail: serde_json::Value) -> AuditEntry {
        self.detail = detail.to_string();
        self
    }
}

/// The hash of an entry at `seq`, stored `at`, after `prev`: SHA-256 over every field, each
/// length-prefixed (so no two different entries encode alike), hex.
pub fn hash(seq: i64, at: &str, e: &AuditEntry, prev: &str) -> String {
    let mut h = Sha256::new();
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_be_bytes());
        h.update(bytes);
    };
    field(&seq.to_be_bytes());
    field(at.as_bytes());
    for opt in [&e.actor_user, &e.actor_role] {
        field(opt.as_deref().unwrap_or("\u{0}none").as_bytes());
    }
    field(e.action.as_bytes());
    for opt in [&e.record_kind, &e.record_id, &e.place_code] {
        field(opt.as_deref().unwrap_or("\u{0}none").as_bytes());
    }
    field(e.detail.as_bytes());
    field(prev.as_bytes());
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_changes_the_hash() {
        let e = AuditEntry {
            actor_user: Some("u".into()),
            action: "a".into(),
            detail: "{}".into(),
            ..AuditEntry::default()
        };
        let base = hash(1, "t", &e, GENESIS);
        assert_ne!(base, hash(2, "t", &e, GENESIS));
        assert_ne!(base, hash(1, "t2", &e, GENESIS));
        assert_ne!(base, hash(1, "t", &e, &"1".repeat(64)));
        let moved = AuditEntry {
            actor_user: None,
            actor_role: Some("u".into()),
            ..e.clone()
        };
        assert_ne!(
            base,
            hash(1, "t", &moved, GENESIS),
            "a value in another field differs"
        );
        let detail = AuditEntry {
            detail: "{ }".into(),
            ..e
        };
        assert_ne!(base, hash(1, "t", &detail, GENESIS));
    }
}
