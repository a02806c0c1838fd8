//! Tests of who signs each consent online and the package it makes.

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

pub(super) fn collect(plan: &[Consent]) -> Vec<Collected> {
    plan.iter()
        .enumerate()
        .map(|(i, c)| Collected {
            member: c.member,
            signer: c.signer.clone(),
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
    let plan = consents(&h, day(2026, 12, 1), &[]).unwrap();
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
    assert_eq!(consents(&h, today, &[]), Err(OnlineConsentError::NoAdult));
}

#[test]
fn the_package_of_every_consent_passes_the_servers_rules() {
    let h = household();
    let plan = consents(&h, day(2026, 12, 1), &[]).unwrap();
    let record = online_package(
        AuthorizationId(uuid::Uuid::from_u128(77)),
        &h,
        &text(),
        helper(),
        (&collect(&plan), &[]),
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
        match consents(&h, today, &[]) {
            Err(OnlineConsentError::NoAdult) => {
                prop_assert!(!h.members.iter().any(|m| m.id_number.is_adult(today)));
                prop_assert!(h.members.iter().any(|m| !m.id_number.is_adult(today)));
            }
            Err(e) => prop_assert!(false, "nobody is marked, yet {:?}", e),
            Ok(plan) => {
                prop_assert_eq!(plan.len(), h.members.len());
                for (c, m) in plan.iter().zip(&h.members) {
                    prop_assert_eq!(c.member, m.id);
                    let signer = h.members.iter().find(|x| c.signer == x.id).unwrap();
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
