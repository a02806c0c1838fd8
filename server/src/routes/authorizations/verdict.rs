//! The public verification (核验): from the QR code's token or the typed number to what anyone
//! may learn — whether the server's signature is genuine, whether the kept document is the
//! one it signed, where the authorization stands today (Beijing), and the members masked.
//! The JSON API and the `/verify` page both answer from [`look_up`].

use chrono::{DateTime, NaiveDate, Utc};
use domain::authorization::{
    AuthorizationRecord, CountersignedFacts, Mark, QrToken, Signatory, Standing, normalize_number,
    number, timestamp, verify_facts,
};
use domain::clocks::china_date;
use domain::identity::{mask_id_number, mask_name};
use serde::Serialize;

use super::lookup::{self, Kept};
use crate::audit::{self, AuditEntry};
use crate::db::Db;

/// What is looked up.
#[derive(Debug, Clone)]
pub enum Lookup {
    /// The QR code's content ([`QrToken::encode`]).
    Code(String),
    /// The number as typed.
    Number(String),
}

/// The answer of a look-up that found something to say.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Verdict {
    /// The server's countersignature verifies with a published key (for a code: from the
    /// code alone; for a number: the kept record's).
    pub genuine: bool,
    /// The kept document's hash equals the one the server signed (none: nothing kept to
    /// compare, or the signature is not genuine).
    pub unaltered: Option<bool>,
    /// Where it stands today in Beijing: `valid`, `expired`, `revoked`, `not_yet_valid`.
    pub standing: Option<Standing>,
    /// The printed number.
    pub number: Option<String>,
    /// First day it holds.
    pub valid_from: Option<NaiveDate>,
    /// Last day it holds.
    pub valid_until: Option<NaiveDate>,
    /// The server's timestamp.
    pub countersigned_at: Option<DateTime<Utc>>,
    /// When it was withdrawn.
    pub revoked_at: Option<DateTime<Utc>>,
    /// The key that signed.
    pub key_id: Option<String>,
    /// The members, masked, with how each consented (only when genuine and unaltered).
    pub members: Vec<MaskedMember>,
}

/// A covered member as the public may see them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MaskedMember {
    /// `王*英`.
    pub name: String,
    /// `500231********4020`.
    pub id_number: String,
    /// `self`, or `guardian` when a guardian consented for them.
    pub signed_by: String,
    /// The guardian's name, masked.
    pub guardian_name: Option<String>,
    /// The guardian's relation to the member (父亲, 母亲, …).
    pub guardian_relation: Option<String>,
    /// `handwritten`, `witnessed_mark` or `fingerprint`.
    pub mark: String,
    /// `one_time_code` or `in_person`.
    pub identity: String,
}

impl Verdict {
    fn not_genuine() -> Verdict {
        Verdict {
            genuine: false,
            unaltered: None,
            standing: None,
            number: None,
            valid_from: None,
            valid_until: None,
            countersigned_at: None,
            revoked_at: None,
            key_id: None,
            members: Vec::new(),
        }
    }

    /// A one-word result for the audit log and the page.
    pub fn result(&self) -> &'static str {
        match (self.genuine, self.unaltered, self.standing) {
            (false, _, _) => "not_genuine",
            (true, Some(false), _) => "altered",
            (true, _, Some(Standing::Valid)) => "valid",
            (true, _, Some(Standing::Expired)) => "expired",
            (true, _, Some(Standing::Revoked)) => "revoked",
            (true, _, Some(Standing::NotYetValid)) => "not_yet_valid",
            (true, _, _) => "unknown",
        }
    }
}

/// Looks up, audits the look-up (`authorization.verify`: the number and the result, nothing
/// personal), and answers; `None` when there is nothing by that code or number.
pub async fn look_up(
    db: &Db,
    what: &Lookup,
    now: DateTime<Utc>,
) -> Result<Option<Verdict>, sqlx::Error> {
    let today = china_date(now);
    let (by, found) = match what {
        Lookup::Code(code) => ("code", by_code(db, code, today).await?),
        Lookup::Number(typed) => ("number", by_number(db, typed, today).await?),
    };
    let (id, verdict) = match found {
        Some((id, v)) => (Some(id), Some(v)),
        None => (None, None),
    };
    let result = verdict.as_ref().map_or("not_found", Verdict::result);
    let mut entry = AuditEntry {
        action: "authorization.verify".to_owned(),
        ..AuditEntry::default()
    }
    .with_detail(serde_json::json!({
        "by": by,
        "number": id.map(|id| number(domain::ids::AuthorizationId(id))),
        "result": result,
    }));
    if let Some(id) = id {
        entry = entry.on("authorization", id, None);
    }
    audit::append_standalone(db, &entry).await?;
    Ok(verdict)
}

async fn by_code(
    db: &Db,
    code: &str,
    today: NaiveDate,
) -> Result<Option<(uuid::Uuid, Verdict)>, sqlx::Error> {
    let Ok(token) = QrToken::decode(code) else {
        return Ok(None);
    };
    let keys = lookup::published_keys(db).await?;
    if token.verify(&keys).is_err() {
        return Ok(Some((token.id.0, Verdict::not_genuine())));
    }
    let kept = lookup::find(db, token.id.0).await?;
    let signed_hash = hex::encode(token.document_sha256);
    let mut v = Verdict {
        genuine: true,
        unaltered: None,
        // Standing from the code alone: the kept record (below) says more.
        standing: None,
        number: Some(number(token.id)),
        valid_from: None,
        valid_until: Some(token.valid_until),
        countersigned_at: Some(token.countersigned_at),
        revoked_at: None,
        key_id: Some(hex::encode(token.key_id)),
        members: Vec::new(),
    };
    if let Some(kept) = kept {
        fill_from_kept(&mut v, &kept, &signed_hash, today);
    }
    Ok(Some((token.id.0, v)))
}

async fn by_number(
    db: &Db,
    typed: &str,
    today: NaiveDate,
) -> Result<Option<(uuid::Uuid, Verdict)>, sqlx::Error> {
    let Some(n) = normalize_number(typed) else {
        return Ok(None);
    };
    let Some(kept) = lookup::find_by_number(db, &n).await? else {
        return Ok(None);
    };
    let keys = lookup::published_keys(db).await?;
    let signed = kept.record.as_ref().and_then(|r| {
        let c = r.countersignature.as_ref()?;
        let facts = CountersignedFacts {
            authorization: r.id.to_string(),
            document_sha256: c.document_sha256.clone(),
            countersigned_at: timestamp(c.at),
            valid_until: r.valid_until,
            key_id: c.key_id.clone(),
        };
        verify_facts(&facts, c.at, &c.signature, &keys)
            .is_ok()
            .then(|| (c.document_sha256.clone(), c.at, c.key_id.clone()))
    });
    let Some((signed_hash, at, key_id)) = signed else {
        return Ok(Some((kept.id, Verdict::not_genuine())));
    };
    let mut v = Verdict {
        genuine: true,
        number: Some(kept.number.clone()),
        countersigned_at: Some(at),
        key_id: Some(key_id),
        ..Verdict::not_genuine()
    };
    fill_from_kept(&mut v, &kept, &signed_hash, today);
    Ok(Some((kept.id, v)))
}

/// Completes a genuine verdict from the kept record: unaltered, standing, period, revocation
/// and — only when unaltered — the masked members.
fn fill_from_kept(v: &mut Verdict, kept: &Kept, signed_hash: &str, today: NaiveDate) {
    let Some(record) = kept.record.as_ref() else {
        v.unaltered = Some(false);
        return;
    };
    let unaltered = record.document_sha256() == signed_hash;
    v.unaltered = Some(unaltered);
    v.number = Some(kept.number.clone());
    v.valid_from = Some(record.valid_from);
    v.valid_until = Some(record.valid_until);
    v.revoked_at = kept
        .revoked_at
        .or_else(|| record.revocation.as_ref().map(|r| r.at));
    v.standing = Some(if v.revoked_at.is_some() {
        Standing::Revoked
    } else {
        Standing::on(record.valid_from, record.valid_until, today)
    });
    if unaltered {
        v.members = masked_members(record);
    }
}

/// The covered members, masked, each with how they consented.
pub fn masked_members(record: &AuthorizationRecord) -> Vec<MaskedMember> {
    record
        .members
        .iter()
        .map(|m| {
            let s = record.signatures.iter().find(|s| s.member == m.member);
            let (signed_by, guardian_name, guardian_relation) = match s.map(|s| &s.by) {
                Some(Signatory::Guardian { name, relation, .. }) => {
                    ("guardian", Some(mask_name(name)), Some(relation.clone()))
                }
                _ => ("self", None, None),
            };
            MaskedMember {
                name: mask_name(&m.name),
                id_number: mask_id_number(&m.id_number),
                signed_by: signed_by.to_owned(),
                guardian_name,
                guardian_relation,
                mark: s.map_or("", |s| mark_code(&s.mark)).to_owned(),
                identity: s
                    .map_or("", |s| match s.identity.method() {
                        domain::authorization::IdentityMethod::OneTimeCode => "one_time_code",
                        domain::authorization::IdentityMethod::InPerson => "in_person",
                    })
                    .to_owned(),
            }
        })
        .collect()
}

/// A mark's kind, as on the wire.
pub fn mark_code(mark: &Mark) -> &'static str {
    match mark {
        Mark::Handwritten { .. } => "handwritten",
        Mark::WitnessedMark { .. } => "witnessed_mark",
        Mark::Fingerprint { .. } => "fingerprint",
    }
}
