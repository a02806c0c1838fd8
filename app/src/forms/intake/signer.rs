//! One member's consent as typed in the intake's authorization step, and what it becomes in
//! the package: a signature (or a witnessed mark or fingerprint), through a guardian where the
//! rules ask for one, with the signer's identity confirmed in person or by a one-time code.

use chrono::{DateTime, NaiveDate, Utc};
use domain::authorization::{IdentityCheck, Mark, Signatory, Signature};
use domain::clocks::china_date;
use domain::fieldwork::AttachmentRef;
use domain::household::Household;
use domain::ids::{MemberId, UserId};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One member's consent as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SignerDraft {
    /// The member's id.
    pub member: String,
    /// An adult without full civil capacity (无完全民事行为能力): a guardian signs.
    pub limited_capacity: bool,
    /// Cannot write (不会写字): a witnessed mark or a fingerprint.
    pub cannot_write: bool,
    /// With `cannot_write`: a photographed fingerprint rather than a mark on the screen.
    pub fingerprint: bool,
    /// The signature, mark or fingerprint photo (SHA-256).
    pub image: Option<String>,
    /// The strokes of a signature or mark drawn on the screen (`x,y,t;…|…`).
    pub strokes: Option<String>,
    /// The witness of a mark or fingerprint.
    pub witness: String,
    /// The guardian: a member's id, or [`OTHER_GUARDIAN`] for one typed by hand.
    pub guardian: String,
    /// A typed guardian's name.
    pub guardian_name: String,
    /// A typed guardian's ID number.
    pub guardian_id_number: String,
    /// The guardian's relation to the member (父亲, 母亲, …).
    pub guardian_relation: String,
    /// The photo of the signer holding their ID card (specially protected).
    pub id_card_photo: Option<String>,
    /// The signer's identity confirmed online by a one-time code instead (then no photo).
    #[serde(default)]
    pub code_check: Option<CodeCheck>,
    /// When the signature was confirmed on the screen.
    pub signed_at: Option<DateTime<Utc>>,
    /// Whose data the signature was given under: the member's [`member_fingerprint`] then
    /// (none in drafts kept before it was recorded). A member whose name or ID number changed
    /// since (a fix after the township corrected them) signs again.
    #[serde(default)]
    pub signed_for: Option<String>,
}

/// A digest of `member`'s name and ID number as `household` has them (SHA-256, so the draft
/// keeps no second copy of the ID number); `None` for someone not in it.
pub fn member_fingerprint(household: &Household, member: MemberId) -> Option<String> {
    use sha2::{Digest, Sha256};
    let m = household.members.iter().find(|m| m.id == member)?;
    let digest = Sha256::new()
        .chain_update(m.name.expose().as_bytes())
        .chain_update([0u8])
        .chain_update(m.id_number.expose().as_bytes())
        .finalize();
    Some(digest.iter().map(|b| format!("{b:02x}")).collect())
}

/// The server's proof that the signer confirmed a one-time code sent to their own phone
/// (`POST /api/authorizations/v1/identity-codes/confirm`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeCheck {
    /// Who received the code (the member or their guardian), by member id.
    pub recipient: String,
    /// The phone, masked.
    pub phone_masked: String,
    /// The server's proof.
    pub proof: String,
    /// When the code was confirmed.
    pub confirmed_at: DateTime<Utc>,
}

impl SignerDraft {
    /// Whether a guardian signs for `member` on `day`: a minor, or an adult marked without
    /// full capacity.
    pub fn needs_guardian(&self, household: &Household, member: MemberId, day: NaiveDate) -> bool {
        self.limited_capacity
            || household
                .members
                .iter()
                .find(|m| m.id == member)
                .is_some_and(|m| !m.id_number.is_adult(day))
    }

    /// Whether the signature was given under other data than `member` now has: it no longer
    /// counts, and the member signs again.
    pub fn signed_for_other_data(&self, household: &Household, member: MemberId) -> bool {
        self.image.is_some()
            && self
                .signed_for
                .as_ref()
                .is_some_and(|f| Some(f) != member_fingerprint(household, member).as_ref())
    }

    pub(super) fn signature(
        &self,
        member: MemberId,
        household: &Household,
        helper: UserId,
        now: DateTime<Utc>,
    ) -> Option<Signature> {
        if self.signed_for_other_data(household, member) {
            return None;
        }
        let image = AttachmentRef::parse(self.image.as_deref()?).ok()?;
        let mark = match (self.cannot_write, self.fingerprint) {
            (true, true) => Mark::Fingerprint {
                photo: image,
                witness: self.witness.trim().to_owned(),
            },
            (true, false) => Mark::WitnessedMark {
                image,
                witness: self.witness.trim().to_owned(),
            },
            (false, _) => Mark::Handwritten {
                image,
                strokes: self.strokes.clone(),
            },
        };
        let by = if self.needs_guardian(household, member, china_date(now)) {
            self.guardian(household)
        } else {
            Signatory::Member
        };
        Some(Signature {
            member,
            by,
            mark,
            identity: self.identity(
                helper,
                self.code_recipient(household, member, china_date(now)),
            ),
            signed_at: self.signed_at.filter(|t| *t <= now).unwrap_or(now),
        })
    }

    /// How the signer's identity was confirmed: the one-time code's proof when there is one
    /// for whoever signs now (`recipient`), else the helper's in-person attestation with the
    /// ID-card photo.
    fn identity(&self, helper: UserId, recipient: Option<MemberId>) -> IdentityCheck {
        let confirmed = self
            .code_check
            .as_ref()
            .filter(|c| recipient.is_some_and(|r| r.to_string() == c.recipient));
        match confirmed {
            Some(c) => IdentityCheck::OneTimeCode {
                phone_masked: c.phone_masked.clone(),
                proof: c.proof.clone(),
                confirmed_at: c.confirmed_at,
            },
            None => IdentityCheck::InPerson {
                attested_by: helper,
                id_card_photo: self
                    .id_card_photo
                    .as_deref()
                    .and_then(|s| AttachmentRef::parse(s).ok()),
            },
        }
    }

    /// Who receives a one-time code for this line: the member, or the household member who
    /// signs for them as guardian (a guardian typed by hand has no phone in the household).
    pub fn code_recipient(
        &self,
        household: &Household,
        member: MemberId,
        day: NaiveDate,
    ) -> Option<MemberId> {
        if !self.needs_guardian(household, member, day) {
            return Some(member);
        }
        let id = Uuid::parse_str(&self.guardian).ok()?;
        household
            .members
            .iter()
            .find(|m| m.id.0 == id)
            .map(|m| m.id)
    }

    /// The guardian as chosen: a member of the household, or typed by hand. None chosen
    /// yet gives a blank one, which the rules refuse at the member's line.
    fn guardian(&self, household: &Household) -> Signatory {
        let relation = self.guardian_relation.trim().to_owned();
        let chosen = Uuid::parse_str(&self.guardian)
            .ok()
            .and_then(|id| household.members.iter().find(|m| m.id.0 == id));
        match chosen {
            Some(g) => Signatory::Guardian {
                name: g.name.expose().to_owned(),
                id_number: g.id_number.expose().to_owned(),
                relation,
                member: Some(g.id),
            },
            None => Signatory::Guardian {
                name: self.guardian_name.trim().to_owned(),
                id_number: self.guardian_id_number.trim().to_ascii_uppercase(),
                relation,
                member: None,
            },
        }
    }
}
