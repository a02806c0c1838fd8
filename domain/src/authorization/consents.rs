//! Who gives each consent when a resident applies online (issue 20 point 4), and the package
//! their signatures make.
//!
//! Online there is no helper to attest anybody in person: every adult member signs on a phone
//! after a one-time code to their own phone, present beside the applicant or on their own
//! phone through a link; a minor's consent is given by an adult of the household as guardian —
//! the applicant when adult, otherwise the first adult member. The package is then the same
//! [`AuthorizationRecord`] the helper's phone builds, checked and countersigned by the server
//! with the same rules ([`AuthorizationRecord::validate`]).

use chrono::{DateTime, NaiveDate, Utc};

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

/// One consent the authorization needs: whose, and who signs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Consent {
    /// The member whose consent it is.
    pub member: MemberId,
    /// Who signs: the member (an adult), or the guardian (a minor's).
    pub signer: MemberId,
}

impl Consent {
    /// Whether a guardian signs it.
    pub fn by_guardian(&self) -> bool {
        self.member != self.signer
    }
}

/// Why a household cannot authorize online.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnlineConsentError {
    /// No adult in the household could sign for its minors: the window or the helper helps.
    NoAdult,
}

/// Every consent of `household` on `today`, in the household's order: an adult signs their
/// own; a minor's is signed by the applicant when adult, else by the first adult.
pub fn consents(
    household: &Household,
    today: NaiveDate,
) -> Result<Vec<Consent>, OnlineConsentError> {
    let adult = |m: &&Member| m.id_number.is_adult(today);
    let guardian = household
        .members
        .iter()
        .filter(adult)
        .find(|m| m.relation == Relation::Applicant)
        .or_else(|| household.members.iter().find(adult))
        .map(|m| m.id);
    household
        .members
        .iter()
        .map(|m| {
            if m.id_number.is_adult(today) {
                Ok(Consent {
                    member: m.id,
                    signer: m.id,
                })
            } else {
                guardian
                    .map(|g| Consent {
                        member: m.id,
                        signer: g,
                    })
                    .ok_or(OnlineConsentError::NoAdult)
            }
        })
        .collect()
}

/// The consents of `plan` not among `signed`: the application waits for them.
pub fn unsigned(plan: &[Consent], signed: &[MemberId]) -> Vec<Consent> {
    plan.iter()
        .filter(|c| !signed.contains(&c.member))
        .copied()
        .collect()
}

/// One consent as collected on a phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collected {
    /// Whose consent.
    pub member: MemberId,
    /// Who signed (the member, or their guardian in the household).
    pub signer: MemberId,
    /// The signature image (PNG).
    pub image: AttachmentRef,
    /// The strokes as drawn.
    pub strokes: Option<String>,
    /// The signer's one-time-code confirmation.
    pub identity: IdentityCheck,
    /// When signed.
    pub signed_at: DateTime<Utc>,
}

/// What a guardian is to the minor, in words: from the minor's relation to the applicant when
/// the applicant is the guardian, otherwise plainly "监护人".
fn guardian_relation(guardian: &Member, minor: &Member) -> String {
    let female = guardian.id_number.sex() == Sex::Female;
    match (guardian.relation, minor.relation) {
        (Relation::Applicant, Relation::Child) => {
            if female {
                "母亲"
            } else {
                "父亲"
            }
        }
        (Relation::Applicant, Relation::Grandchild) => {
            if female {
                "祖母/外祖母"
            } else {
                "祖父/外祖父"
            }
        }
        _ => "监护人",
    }
    .to_owned()
}

/// The package the collected consents make, covering every member of `household`, under
/// `text`, completed at `at`. Checking it is [`AuthorizationRecord::validate`]'s.
pub fn online_package(
    id: AuthorizationId,
    household: &Household,
    text: &AuthorizationText,
    collected_by: UserId,
    collected: &[Collected],
    at: DateTime<Utc>,
) -> AuthorizationRecord {
    let valid_from = china_date(at);
    let find = |id: MemberId| household.members.iter().find(|m| m.id == id);
    let signatures = collected
        .iter()
        .map(|c| {
            let by = match (c.member == c.signer, find(c.signer), find(c.member)) {
                (false, Some(guardian), Some(minor)) => Signatory::Guardian {
                    name: guardian.name.expose().to_owned(),
                    id_number: guardian.id_number.expose().to_owned(),
                    relation: guardian_relation(guardian, minor),
                    member: Some(guardian.id),
                },
                _ => Signatory::Member,
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
                limited_capacity: false,
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
mod tests {
    use super::super::record::IdentityMethod;
    use super::super::test_support::*;
    use super::super::validate::Against;
    use super::*;
    use proptest::prelude::*;

    fn code_check() -> IdentityCheck {
        IdentityCheck::OneTimeCode {
            phone_masked: "138****0001".to_owned(),
            proof: "key.proof".to_owned(),
            confirmed_at: signed_at(),
        }
    }

    fn collect(plan: &[Consent]) -> Vec<Collected> {
        plan.iter()
            .enumerate()
            .map(|(i, c)| Collected {
                member: c.member,
                signer: c.signer,
                image: sha(100 + i as u32),
                strokes: Some("1,2,0;3,4,10".to_owned()),
                identity: code_check(),
                signed_at: signed_at(),
            })
            .collect()
    }

    #[test]
    fn adults_sign_their_own_and_the_applicant_signs_for_the_child() {
        let h = household();
        let plan = consents(&h, day(2026, 12, 1)).unwrap();
        assert_eq!(plan.len(), 4);
        let applicant = h.members[0].id;
        for (c, m) in plan.iter().zip(&h.members) {
            assert_eq!(c.member, m.id);
            if m.id_number.is_adult(day(2026, 12, 1)) {
                assert_eq!(c.signer, m.id);
            } else {
                assert_eq!(c.signer, applicant, "the applicant signs for the child");
                assert!(c.by_guardian());
            }
        }
    }

    #[test]
    fn a_household_of_minors_cannot_authorize_online() {
        let mut h = household();
        let today = day(2026, 12, 1);
        h.members.retain(|m| !m.id_number.is_adult(today));
        assert_eq!(consents(&h, today), Err(OnlineConsentError::NoAdult));
    }

    #[test]
    fn the_package_of_every_consent_passes_the_servers_rules() {
        let h = household();
        let plan = consents(&h, day(2026, 12, 1)).unwrap();
        let record = online_package(
            AuthorizationId(uuid::Uuid::from_u128(77)),
            &h,
            &text(),
            helper(),
            &collect(&plan),
            signed_at(),
        );
        let allowed = [IdentityMethod::OneTimeCode];
        let on = Against {
            household: &h,
            text: &text(),
            base: None,
            allowed: &allowed,
            now: now(),
        };
        assert_eq!(record.validate(on), Ok(()));
        // One consent short: refused, naming the member.
        let mut short = record.clone();
        let gone = short.signatures.pop().unwrap().member;
        let errors = short.validate(on).unwrap_err();
        assert!(errors.iter().any(|e| e.member() == Some(gone)));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever members a household keeps and whichever consents are signed: every member
        /// has exactly one consent, an adult signs their own, a minor's is signed by an adult
        /// of the household, and the application waits exactly for the unsigned ones.
        #[test]
        fn each_member_one_consent_and_waiting_is_exactly_the_unsigned(
            keep in proptest::collection::vec(any::<bool>(), 4),
            signed in proptest::collection::vec(any::<bool>(), 4),
        ) {
            let today = day(2026, 12, 1);
            let mut h = household();
            let mut i = 0;
            h.members.retain(|_| { i += 1; keep[i - 1] });
            match consents(&h, today) {
                Err(OnlineConsentError::NoAdult) => {
                    prop_assert!(!h.members.iter().any(|m| m.id_number.is_adult(today)));
                    prop_assert!(h.members.iter().any(|m| !m.id_number.is_adult(today)));
                }
                Ok(plan) => {
                    prop_assert_eq!(plan.len(), h.members.len());
                    for (c, m) in plan.iter().zip(&h.members) {
                        prop_assert_eq!(c.member, m.id);
                        let signer = h.members.iter().find(|x| x.id == c.signer).unwrap();
                        prop_assert!(signer.id_number.is_adult(today));
                        prop_assert_eq!(c.by_guardian(), !m.id_number.is_adult(today));
                    }
                    let done: Vec<MemberId> = plan
                        .iter()
                        .zip(&signed)
                        .filter(|(_, s)| **s)
                        .map(|(c, _)| c.member)
                        .collect();
                    let waiting = unsigned(&plan, &done);
                    prop_assert_eq!(waiting.len(), plan.len() - done.len());
                    prop_assert!(waiting.iter().all(|c| !done.contains(&c.member)));
                }
            }
        }
    }
}
