//! The intake's verification authorization (核对授权书, 一次授权、全网通用): reused when the
//! phone holds a usable one covering every adult of the household, an addendum signed by the
//! adults added since, or a whole package signed by every member — a minor or a member
//! without full civil capacity through a guardian, one who cannot write by a witnessed mark
//! or a fingerprint — each signer's identity attested in person with a photo of them holding
//! their ID card. The package is checked with the domain's rules before it can be saved.

use chrono::{DateTime, NaiveDate, Utc};
use domain::authorization::{
    Against, AuthorizationError, AuthorizationRecord, AuthorizationText, CoveredMember,
    IdentityCheck, IdentityMethod, Mark, Signatory, Signature, adults_not_covered, period_end,
    usable,
};
use domain::clocks::china_date;
use domain::fieldwork::AttachmentRef;
use domain::household::Household;
use domain::identity::IdNumber;
use domain::ids::{AuthorizationId, MemberId, UserId};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::forms::FormError;

/// The identity methods a package is checked against on the phone: both the installation
/// may allow (the phone itself offers only the in-person attestation for now: the one-time
/// code needs a network and the server's identity-code API).
pub const PHONE_METHODS: &[IdentityMethod] =
    &[IdentityMethod::InPerson, IdentityMethod::OneTimeCode];

/// The guardian choice meaning "typed by hand, not a member of the household".
pub const OTHER_GUARDIAN: &str = "other";

/// The authorization as typed in the intake.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AuthorizationDraft {
    /// The id of the package this intake signs, made once.
    #[serde(default)]
    pub id: String,
    /// Not signed now (a member is away): the checklist lists the authorization as missing.
    #[serde(default)]
    pub deferred: bool,
    /// One line per member asked to sign, in household order.
    #[serde(default)]
    pub signers: Vec<SignerDraft>,
}

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
    /// When the signature was confirmed on the screen.
    pub signed_at: Option<DateTime<Utc>>,
}

/// What the household's authorizations on the phone already do for this intake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    /// Usable authorizations cover every adult: nobody signs; `base` is the main one.
    Reused {
        /// The authorization shown ("已授权，有效期至 …").
        base: AuthorizationRecord,
    },
    /// Adults were added since `base` was signed: only they sign an addendum.
    Addendum {
        /// The authorization the addendum adds to.
        base: AuthorizationRecord,
        /// Who signs.
        members: Vec<MemberId>,
    },
    /// No usable authorization: every member is covered by a new package.
    New,
}

/// What the household's `records` on the phone do for it on `today`.
pub fn coverage(
    household: &Household,
    records: &[AuthorizationRecord],
    today: NaiveDate,
) -> Coverage {
    let base = usable(household, records, today)
        .filter(|r| r.addendum_to.is_none())
        .max_by_key(|r| r.valid_until)
        .cloned();
    let missing = adults_not_covered(household, records, today);
    match base {
        Some(base) if missing.is_empty() => Coverage::Reused { base },
        Some(base) => Coverage::Addendum {
            base,
            members: missing,
        },
        None => Coverage::New,
    }
}

impl Coverage {
    /// The members asked to sign, in household order.
    pub fn signers(&self, household: &Household) -> Vec<MemberId> {
        match self {
            Coverage::Reused { .. } => Vec::new(),
            Coverage::Addendum { members, .. } => household
                .members
                .iter()
                .map(|m| m.id)
                .filter(|id| members.contains(id))
                .collect(),
            Coverage::New => household.members.iter().map(|m| m.id).collect(),
        }
    }
}

impl AuthorizationDraft {
    /// Brings the signer lines in line with `signers`, keeping what was filled in; makes the
    /// package's id once.
    pub fn refresh(&mut self, signers: &[MemberId], new_id: impl FnOnce() -> Uuid) {
        if Uuid::parse_str(&self.id).is_err() {
            self.id = new_id().to_string();
        }
        self.signers = signers
            .iter()
            .map(|m| {
                let member = m.to_string();
                self.signers
                    .iter()
                    .find(|s| s.member == member)
                    .cloned()
                    .unwrap_or(SignerDraft {
                        member,
                        ..SignerDraft::default()
                    })
            })
            .collect();
    }

    /// The package for `coverage` (none when reused), as far as it is filled in: a member
    /// who has not signed yet has no signature, which [`check`] reports at their line.
    pub fn package(
        &self,
        household: &Household,
        coverage: &Coverage,
        helper: UserId,
        now: DateTime<Utc>,
    ) -> Option<AuthorizationRecord> {
        let (addendum_to, base_until) = match coverage {
            Coverage::Reused { .. } => return None,
            Coverage::Addendum { base, .. } => (Some(base.id), Some(base.valid_until)),
            Coverage::New => (None, None),
        };
        let text = AuthorizationText::builtin();
        let valid_from = china_date(now);
        let id = Uuid::parse_str(&self.id).ok().map(AuthorizationId)?;
        let wanted = coverage.signers(household);
        let members = household
            .members
            .iter()
            .filter(|m| wanted.contains(&m.id))
            .map(|m| CoveredMember {
                member: m.id,
                name: m.name.expose().to_owned(),
                id_number: m.id_number.expose().to_owned(),
                limited_capacity: self.signer(m.id).is_some_and(|s| s.limited_capacity),
            })
            .collect();
        let signatures = wanted
            .iter()
            .filter_map(|m| self.signer(*m)?.signature(*m, household, helper, now))
            .collect();
        Some(AuthorizationRecord {
            id,
            household: household.id,
            text_version: text.version.clone(),
            text_sha256: text.sha256(),
            scopes: text.scopes.clone(),
            valid_from,
            valid_until: base_until.unwrap_or_else(|| period_end(valid_from, text.validity_months)),
            addendum_to,
            members,
            signatures,
            collected_by: helper,
            signed_at: now,
            countersignature: None,
            revocation: None,
        })
    }

    fn signer(&self, member: MemberId) -> Option<&SignerDraft> {
        let id = member.to_string();
        self.signers.iter().find(|s| s.member == id)
    }
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

    fn signature(
        &self,
        member: MemberId,
        household: &Household,
        helper: UserId,
        now: DateTime<Utc>,
    ) -> Option<Signature> {
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
            identity: IdentityCheck::InPerson {
                attested_by: helper,
                id_card_photo: self
                    .id_card_photo
                    .as_deref()
                    .and_then(|s| AttachmentRef::parse(s).ok()),
            },
            signed_at: self.signed_at.filter(|t| *t <= now).unwrap_or(now),
        })
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
                id_number: self.guardian_id_number.trim().to_uppercase(),
                relation,
                member: None,
            },
        }
    }
}

/// Every problem of `package` by the domain's rules (those the server applies), with the
/// in-person checks' photos.
pub fn check(
    package: &AuthorizationRecord,
    household: &Household,
    base: Option<&AuthorizationRecord>,
    now: DateTime<Utc>,
) -> Vec<AuthorizationError> {
    let text = AuthorizationText::builtin();
    let against = Against {
        household,
        text: &text,
        base,
        allowed: PHONE_METHODS,
        now,
    };
    let mut found = package.validate(against).err().unwrap_or_default();
    found.extend(package.check_id_card_photos().err().unwrap_or_default());
    found
}

/// Where a problem shows: `authorization.<member id>`, or `authorization`.
pub fn path_of(e: &AuthorizationError) -> String {
    match e.member() {
        Some(m) => format!("authorization.{m}"),
        None => "authorization".to_owned(),
    }
}

/// What saving the authorization step writes, and which authorization covers each adult.
#[derive(Debug, Clone, Default)]
pub struct AuthorizationPlan {
    /// The package (or addendum) to save, when one is signed now.
    pub record: Option<AuthorizationRecord>,
    /// The authorization covering each member.
    pub covering: Vec<(MemberId, AuthorizationId)>,
}

/// The plan of the authorization step, or its problems at the members' lines (in Chinese:
/// the review lists them).
pub fn plan(
    draft: &AuthorizationDraft,
    household: &Household,
    records: &[AuthorizationRecord],
    helper: UserId,
    now: DateTime<Utc>,
) -> Result<AuthorizationPlan, Vec<FormError>> {
    let today = china_date(now);
    let cover = coverage(household, records, today);
    let record = draft.package(household, &cover, helper, now);
    let base = match &cover {
        Coverage::Addendum { base, .. } => Some(base),
        _ => None,
    };
    if let Some(package) = &record {
        let found = check(package, household, base, now);
        if !found.is_empty() {
            return Err(found
                .iter()
                .map(|e| FormError::at(&path_of(e), format!("核对授权：{}", e.message_zh())))
                .collect());
        }
    }
    let mut covering = Vec::new();
    for r in usable(household, records, today).chain(record.iter()) {
        for m in &r.members {
            if !covering.iter().any(|(c, _)| *c == m.member) {
                covering.push((m.member, r.id));
            }
        }
    }
    Ok(AuthorizationPlan { record, covering })
}

/// Whether `id_number` reads as an adult's on `day` (an unreadable one counts as adult, as
/// the rules do).
pub fn is_adult(id_number: &str, day: NaiveDate) -> bool {
    IdNumber::parse_shape(id_number.trim()).map_or(true, |n| n.is_adult(day))
}

#[cfg(test)]
#[path = "authorization_tests.rs"]
mod tests;
