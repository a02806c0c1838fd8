//! Who gives each consent when a resident applies online (issue 20 point 4), and the package
//! their signatures make.
//!
//! Online there is no helper to attest anybody in person: every adult member signs on a phone
//! after a one-time code to their own phone, present beside the applicant or on their own
//! phone through a link; a minor's consent, and that of an adult the resident marks as without
//! full civil capacity, is given by a guardian — the one chosen (a capable adult of the
//! household, or an adult from outside it, [`Outsider`], who confirms a code to their own
//! phone), else the applicant when capable, otherwise the first capable adult. The package is then the same
//! [`AuthorizationRecord`] the helper's phone builds, checked and countersigned by the server
//! with the same rules ([`AuthorizationRecord::validate`]).

use chrono::{DateTime, NaiveDate, Utc};

pub use super::outsider::{OUTSIDER_RELATIONS, Outsider, OutsiderError, OutsiderField};
use super::record::{
    AuthorizationRecord, CoveredMember, IdentityCheck, Mark, Signatory, Signature,
};
use super::text::AuthorizationText;
use super::validate::period_end;
use crate::clocks::china_date;
use crate::fieldwork::AttachmentRef;
use crate::household::{Household, Member, Relation};
use crate::identity::Sex;
use crate::ids::{AuthorizationId, MemberId, UserId};

/// Who signs a consent: a member of the household (the member themself, or their guardian in
/// the household), or a guardian from outside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signer {
    /// A member of the household.
    Member(MemberId),
    /// A guardian who is not in the household (a son living in the city for a mother with
    /// dementia).
    Outsider(Outsider),
}

impl Signer {
    /// The signer's key: the member's id, or the outsider's ([`Outsider::key`]).
    pub fn key(&self) -> uuid::Uuid {
        match self {
            Signer::Member(m) => m.0,
            Signer::Outsider(o) => o.key(),
        }
    }
}

impl PartialEq<MemberId> for Signer {
    fn eq(&self, other: &MemberId) -> bool {
        matches!(self, Signer::Member(m) if m == other)
    }
}

/// One consent the authorization needs: whose, and who signs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    /// The member whose consent it is.
    pub member: MemberId,
    /// Who signs: the member (a capable adult), or the guardian (for a minor or an adult
    /// without full capacity).
    pub signer: Signer,
}

impl Consent {
    /// Whether a guardian signs it.
    pub fn by_guardian(&self) -> bool {
        self.signer != self.member
    }
}

/// Who the resident chose to sign for a member without full capacity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Guardian {
    /// A capable adult of the household, not the member.
    Member(MemberId),
    /// Someone from outside the household.
    Outsider(Outsider),
}

/// An adult member without full civil capacity (无民事行为能力或限制民事行为能力: dementia, an
/// intellectual or mental disability), whose consent a guardian gives, as a minor's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limited {
    /// The member.
    pub member: MemberId,
    /// Who signs for them, when the resident chose: a capable adult of the household, not the
    /// member, or an adult from outside it. `None`: the applicant when capable, else the
    /// first capable adult.
    pub guardian: Option<Guardian>,
}

/// Why a household cannot authorize online.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnlineConsentError {
    /// No capable adult in the household could sign for its minors: the window or the helper
    /// helps.
    NoAdult,
    /// Nobody capable in the household could sign for this adult without full capacity.
    NoGuardian {
        /// The member without a guardian.
        member: MemberId,
    },
    /// The guardian chosen for this member is not a capable adult of the household other
    /// than the member, nor an adult from outside it.
    GuardianNotCapable {
        /// The member signed for.
        member: MemberId,
    },
}

/// Every consent of `household` on `today`, in the household's order: a capable adult signs
/// their own; a minor's, or an adult's among `limited`, is signed by a capable adult of the
/// household as guardian — the one chosen in `limited`, else the applicant when capable, else
/// the first capable adult. A member listed twice in `limited` counts once (the first); one
/// not in the household is ignored.
pub fn consents(
    household: &Household,
    today: NaiveDate,
    limited: &[Limited],
) -> Result<Vec<Consent>, OnlineConsentError> {
    let limit = |id: MemberId| limited.iter().find(|l| l.member == id);
    let capable = |m: &Member| m.id_number.is_adult(today) && limit(m.id).is_none();
    let default = household
        .members
        .iter()
        .filter(|m| capable(m))
        .find(|m| m.relation == Relation::Applicant)
        .or_else(|| household.members.iter().find(|m| capable(m)))
        .map(|m| m.id);
    household
        .members
        .iter()
        .map(|m| {
            let adult = m.id_number.is_adult(today);
            let chosen = limit(m.id).and_then(|l| l.guardian.as_ref());
            if adult && limit(m.id).is_none() {
                return Ok(Consent {
                    member: m.id,
                    signer: Signer::Member(m.id),
                });
            }
            let refused = OnlineConsentError::GuardianNotCapable { member: m.id };
            let signer = match chosen {
                Some(Guardian::Member(g)) => {
                    let ok =
                        *g != m.id && household.members.iter().any(|x| x.id == *g && capable(x));
                    if !ok {
                        return Err(refused);
                    }
                    Signer::Member(*g)
                }
                Some(Guardian::Outsider(o)) => {
                    let ok = o.id_number.is_adult(today)
                        && !household.members.iter().any(|x| x.id_number == o.id_number);
                    if !ok {
                        return Err(refused);
                    }
                    Signer::Outsider(o.clone())
                }
                None => Signer::Member(default.ok_or(if adult {
                    OnlineConsentError::NoGuardian { member: m.id }
                } else {
                    OnlineConsentError::NoAdult
                })?),
            };
            Ok(Consent {
                member: m.id,
                signer,
            })
        })
        .collect()
}

/// The household's members who could sign for `member` as guardian under `limited`: the
/// capable adults other than them, in the household's order.
pub fn guardians_for(
    household: &Household,
    today: NaiveDate,
    limited: &[Limited],
    member: MemberId,
) -> Vec<MemberId> {
    household
        .members
        .iter()
        .filter(|m| {
            m.id != member
                && m.id_number.is_adult(today)
                && !limited.iter().any(|l| l.member == m.id)
        })
        .map(|m| m.id)
        .collect()
}

/// The consents of `plan` not among `signed`: the application waits for them.
pub fn unsigned(plan: &[Consent], signed: &[MemberId]) -> Vec<Consent> {
    plan.iter()
        .filter(|c| !signed.contains(&c.member))
        .cloned()
        .collect()
}

/// One consent as collected on a phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collected {
    /// Whose consent.
    pub member: MemberId,
    /// Who signed (the member, or their guardian in the household or from outside it).
    pub signer: Signer,
    /// The signature image (PNG).
    pub image: AttachmentRef,
    /// The strokes as drawn.
    pub strokes: Option<String>,
    /// The signer's one-time-code confirmation.
    pub identity: IdentityCheck,
    /// When signed.
    pub signed_at: DateTime<Utc>,
}

/// What a guardian is to the member they sign for, in words, from both relations to the
/// applicant where they say it plainly (a parent for a child, a spouse, a child for a parent),
/// otherwise "监护人".
fn guardian_relation(guardian: &Member, member: &Member) -> String {
    use Relation::*;
    let female = guardian.id_number.sex() == Sex::Female;
    let pick = |f: &'static str, m: &'static str| if female { f } else { m };
    match (guardian.relation, member.relation) {
        (Applicant, Child) | (Parent, Applicant) => pick("母亲", "父亲"),
        (Applicant, Grandchild) | (Grandparent, Applicant) => pick("祖母/外祖母", "祖父/外祖父"),
        (Applicant, Spouse) | (Spouse, Applicant) => "配偶",
        (Applicant, Parent) | (Child, Applicant) => "子女",
        _ => "监护人",
    }
    .to_owned()
}

/// The package the collected consents make, covering every member of `household` (those in
/// `limited` marked without full capacity, so that their guardian's signature stands), under
/// `text`, completed at `at`. Checking it is [`AuthorizationRecord::validate`]'s.
pub fn online_package(
    id: AuthorizationId,
    household: &Household,
    text: &AuthorizationText,
    collected_by: UserId,
    (collected, limited): (&[Collected], &[Limited]),
    at: DateTime<Utc>,
) -> AuthorizationRecord {
    let valid_from = china_date(at);
    let find = |id: MemberId| household.members.iter().find(|m| m.id == id);
    let signatures = collected
        .iter()
        .map(|c| {
            let by = match &c.signer {
                Signer::Member(g) if *g != c.member => match (find(*g), find(c.member)) {
                    (Some(guardian), Some(member)) => Signatory::Guardian {
                        name: guardian.name.expose().to_owned(),
                        id_number: guardian.id_number.expose().to_owned(),
                        relation: guardian_relation(guardian, member),
                        member: Some(guardian.id),
                    },
                    _ => Signatory::Member,
                },
                Signer::Member(_) => Signatory::Member,
                Signer::Outsider(o) => Signatory::Guardian {
                    name: o.name.expose().to_owned(),
                    id_number: o.id_number.expose().to_owned(),
                    relation: o.relation.clone(),
                    member: None,
                },
            };
            Signature {
                member: c.member,
                by,
                mark: Mark::Handwritten {
                    image: c.image.clone(),
                    strokes: c.strokes.clone(),
                },
                identity: c.identity.clone(),
                signed_at: c.signed_at,
            }
        })
        .collect();
    AuthorizationRecord {
        id,
        household: household.id,
        text_version: text.version.clone(),
        text_sha256: text.sha256(),
        scopes: text.scopes.clone(),
        valid_from,
        valid_until: period_end(valid_from, text.validity_months),
        addendum_to: None,
        members: household
            .members
            .iter()
            .map(|m| CoveredMember {
                member: m.id,
                name: m.name.expose().to_owned(),
                id_number: m.id_number.expose().to_owned(),
                limited_capacity: limited.iter().any(|l| l.member == m.id),
            })
            .collect(),
        signatures,
        collected_by,
        signed_at: at,
        countersignature: None,
        revocation: None,
    }
}

#[cfg(test)]
#[path = "consents_guardian_tests.rs"]
mod guardian_tests;
#[cfg(test)]
#[path = "consents_tests.rs"]
mod tests;
