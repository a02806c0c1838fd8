use chrono::{TimeDelta, TimeZone, Utc};
use uuid::Uuid;

use super::test_support::*;
use super::*;
use crate::ids::AuthorizationId;

fn errors(r: &AuthorizationRecord) -> Vec<AuthorizationError> {
    let (h, t) = (household(), text());
    r.validate(against(&h, &t)).err().unwrap_or_default()
}

#[test]
fn the_family_package_is_valid_with_the_child_through_her_father() {
    assert_eq!(errors(&package()), vec![]);
    assert_eq!(package().check_id_card_photos(), Ok(()));
}

#[test]
fn a_minor_signing_herself_needs_a_guardian() {
    let mut r = package();
    r.signatures[3] = own_signature(4);
    assert_eq!(
        errors(&r),
        vec![AuthorizationError::GuardianRequired { member: member(4) }]
    );
}

#[test]
fn an_adult_with_limited_capacity_needs_a_guardian_and_a_capable_adult_may_not_have_one() {
    let mut r = package();
    r.members[1].limited_capacity = true;
    assert_eq!(
        errors(&r),
        vec![AuthorizationError::GuardianRequired { member: member(2) }]
    );
    let mut r = package();
    let mut s = guardian_signature();
    s.member = member(2);
    s.mark = Mark::Handwritten {
        image: sha(150),
        strokes: None,
    };
    r.signatures[1] = s;
    assert_eq!(
        errors(&r),
        vec![AuthorizationError::GuardianNotAllowed { member: member(2) }]
    );
}

#[test]
fn a_guardian_must_be_named_and_adult() {
    for bad in [
        ("", "500231198807203010", "父亲"),
        ("李明", "500231198807203010", " "),
        ("李明", "500231201509014021", "父亲"),
        ("李明", "not a number", "父亲"),
    ] {
        let mut r = package();
        r.signatures[3].by = Signatory::Guardian {
            name: bad.0.to_owned(),
            id_number: bad.1.to_owned(),
            relation: bad.2.to_owned(),
            member: None,
        };
        assert_eq!(
            errors(&r),
            vec![AuthorizationError::GuardianInvalid { member: member(4) }],
            "{bad:?}"
        );
    }
}

#[test]
fn every_member_is_covered_once_and_signs_once() {
    let mut r = package();
    r.members.remove(2);
    r.signatures.remove(2);
    assert_eq!(
        errors(&r),
        vec![AuthorizationError::MemberNotCovered { member: member(3) }]
    );
    let mut r = package();
    r.signatures.remove(0);
    assert_eq!(
        errors(&r),
        vec![AuthorizationError::SignatureMissing { member: member(1) }]
    );
    let mut r = package();
    let mut again = own_signature(1);
    again.mark = Mark::Handwritten {
        image: sha(190),
        strokes: None,
    };
    r.signatures.push(again);
    assert_eq!(
        errors(&r),
        vec![AuthorizationError::SignatureNotExpected { member: member(1) }]
    );
    let mut r = package();
    r.members[0].name = "王秀".to_owned();
    assert_eq!(
        errors(&r),
        vec![AuthorizationError::MemberDataDiffers { member: member(1) }]
    );
}

#[test]
fn marks_need_witnesses_and_images_are_not_shared() {
    let mut r = package();
    r.signatures[0].mark = Mark::Fingerprint {
        photo: sha(160),
        witness: "  ".to_owned(),
    };
    r.signatures[1].mark = Mark::WitnessedMark {
        image: sha(103),
        witness: "村主任张三".to_owned(),
    };
    assert_eq!(
        errors(&r),
        vec![
            AuthorizationError::WitnessMissing { member: member(1) },
            AuthorizationError::ImageUsedTwice { member: member(3) },
        ]
    );
}

#[test]
fn identity_methods_are_checked() {
    let mut r = package();
    r.signatures[0].identity = IdentityCheck::OneTimeCode {
        phone_masked: "138****0001".to_owned(),
        proof: String::new(),
        confirmed_at: signed_at(),
    };
    assert_eq!(
        errors(&r),
        vec![AuthorizationError::CodeNotConfirmed { member: member(1) }]
    );
    let (h, t) = (household(), text());
    let only_in_person = [IdentityMethod::InPerson];
    let on = Against {
        allowed: &only_in_person,
        ..against(&h, &t)
    };
    assert_eq!(
        r.validate(on),
        Err(vec![AuthorizationError::MethodNotAllowed {
            member: member(1)
        }])
    );
    let mut r = package();
    strip_photos(&mut r);
    assert_eq!(r.check_id_card_photos().unwrap_err().len(), 4);
}

#[test]
fn the_text_and_period_are_checked() {
    let mut r = package();
    r.text_sha256 = "0".repeat(64);
    assert_eq!(errors(&r), vec![AuthorizationError::TextChanged]);
    let mut r = package();
    r.text_version = "1999-1".to_owned();
    assert_eq!(errors(&r), vec![AuthorizationError::UnknownTextVersion]);
    let mut r = package();
    r.scopes.pop();
    assert_eq!(errors(&r), vec![AuthorizationError::ScopesDiffer]);
    let mut r = package();
    r.valid_until = day(2027, 12, 1);
    assert_eq!(errors(&r), vec![AuthorizationError::BadPeriod]);
    let mut r = package();
    r.valid_from = day(2026, 11, 30);
    assert_eq!(errors(&r), vec![AuthorizationError::BadPeriod]);
    let mut r = package();
    r.signed_at = now() + TimeDelta::hours(1);
    assert!(errors(&r).contains(&AuthorizationError::InTheFuture));
    assert_eq!(period_end(day(2026, 12, 1), 12), day(2027, 11, 30));
    assert_eq!(period_end(day(2026, 1, 31), 1), day(2026, 2, 27));
}

#[test]
fn countersigned_verifies_and_the_kept_record_hashes_as_the_package() {
    let key = server_key(7);
    let r = countersigned(&key);
    assert_eq!(r.document_sha256(), package().document_sha256());
    assert_eq!(r.verify(&[published(&key, None)]), Ok(()));
    assert_eq!(r.standing(day(2026, 12, 1)), Standing::Valid);
    assert_eq!(r.standing(day(2027, 11, 30)), Standing::Valid);
    assert_eq!(r.standing(day(2027, 12, 1)), Standing::Expired);
    assert_eq!(package().standing(day(2026, 12, 1)), Standing::Pending);
    assert_eq!(
        package().verify(&[published(&key, None)]),
        Err(VerifyError::NotCountersigned)
    );
}

#[test]
fn an_altered_record_or_a_foreign_key_does_not_verify() {
    let key = server_key(7);
    let keys = [published(&key, None)];
    let mut r = countersigned(&key);
    r.members[0].id_number = "500231195803124020".replace('4', "5");
    assert_eq!(r.verify(&keys), Err(VerifyError::Altered));
    let r = countersigned(&server_key(8));
    assert_eq!(r.verify(&keys), Err(VerifyError::UnknownKey));
    let mut r = countersigned(&key);
    let c = r.countersignature.as_mut().unwrap();
    c.at += TimeDelta::seconds(1);
    assert_eq!(r.verify(&keys), Err(VerifyError::BadSignature));
}

#[test]
fn key_rotation_keeps_old_authorizations_verifying_only_for_their_time() {
    let old = server_key(1);
    let new = server_key(2);
    let rotated = Utc.with_ymd_and_hms(2026, 12, 2, 0, 0, 0).unwrap();
    let mut new_published = published(&new, None);
    new_published.valid_from = rotated;
    let keys = [published(&old, Some(rotated)), new_published];
    let before = countersigned(&old);
    assert_eq!(before.verify(&keys), Ok(()));
    let mut after = package();
    strip_photos(&mut after);
    after.countersignature = Some(after.countersign(&new, rotated + TimeDelta::hours(1)));
    assert_eq!(after.verify(&keys), Ok(()));
    // The old key signing after its retirement is not believed.
    let mut late = package();
    strip_photos(&mut late);
    late.countersignature = Some(late.countersign(&old, rotated + TimeDelta::hours(1)));
    assert_eq!(late.verify(&keys), Err(VerifyError::UnknownKey));
}

#[test]
fn the_qr_token_round_trips_and_verifies_without_the_record() {
    let key = server_key(7);
    let r = countersigned(&key);
    let token = QrToken::of(&r).unwrap();
    let text = token.encode();
    assert_eq!(text.len(), 177);
    assert!(
        text.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    );
    let back = QrToken::decode(&text).unwrap();
    assert_eq!(back, token);
    assert_eq!(back.verify(&[published(&key, None)]), Ok(()));
    assert!(back.matches(&r));
    assert_eq!(QrToken::decode("B123"), Err(QrTokenError::Malformed));
    assert_eq!(QrToken::decode(&text[..100]), Err(QrTokenError::Malformed));
}

#[test]
fn signature_images_are_checked_against_their_references() {
    use sha2::{Digest, Sha256};
    let image = b"\x89PNG signature".to_vec();
    let mut r = package();
    let reference =
        crate::fieldwork::AttachmentRef::parse(&hex::encode(Sha256::digest(&image))).unwrap();
    r.signatures[0].mark = Mark::Handwritten {
        image: reference.clone(),
        strokes: None,
    };
    assert_eq!(
        r.verify_images(|a| (a == &reference).then_some(&image[..])),
        Ok(())
    );
    let mut changed = image.clone();
    changed[3] ^= 1;
    assert_eq!(
        r.verify_images(|a| (a == &reference).then_some(&changed[..])),
        Err(VerifyError::ImageAltered { member: member(1) })
    );
}

#[test]
fn coverage_for_the_economic_check_follows_standing_and_addenda() {
    let key = server_key(7);
    let mut h = household();
    let today = day(2026, 12, 3);
    let base = countersigned(&key);
    assert_eq!(
        adults_not_covered(&h, std::slice::from_ref(&base), today),
        vec![]
    );
    assert_eq!(
        adults_not_covered(&h, &[package()], today),
        vec![member(1), member(2), member(3)]
    );
    // The phone counts its own package on its way to the server; the server does not.
    assert_eq!(
        adults_not_covered_or_pending(&h, &[package()], today),
        vec![]
    );
    assert_eq!(usable_or_pending(&h, &[package()], today).count(), 1);
    let mut revoked = base.clone();
    revoked.revocation = Some(Revocation {
        member: member(2),
        recorded_by: helper(),
        at: now(),
        reason: None,
    });
    assert_eq!(adults_not_covered(&h, &[revoked.clone()], today).len(), 3);
    let mut revoked_pending = package();
    revoked_pending.revocation = revoked.revocation.clone();
    assert_eq!(
        adults_not_covered_or_pending(&h, &[revoked_pending], today).len(),
        3
    );
    assert_eq!(
        adults_not_covered(&h, std::slice::from_ref(&base), day(2027, 12, 1)).len(),
        3
    );

    // A daughter-in-law moves in: she is not covered until she signs an addendum.
    let mut newcomer = h.members[2].clone();
    newcomer.id = member(5);
    newcomer.name = crate::identity::PersonName::parse("张敏").unwrap();
    newcomer.id_number = crate::identity::IdNumber::parse("50023119850101302X", today).unwrap();
    h.members.push(newcomer);
    assert_eq!(
        adults_not_covered(&h, std::slice::from_ref(&base), today),
        vec![member(5)]
    );

    let mut addendum = package();
    addendum.id = AuthorizationId(Uuid::from_u128(77));
    addendum.addendum_to = Some(base.id);
    addendum.members = vec![CoveredMember {
        member: member(5),
        name: "张敏".to_owned(),
        id_number: "50023119850101302X".to_owned(),
        limited_capacity: false,
    }];
    addendum.signatures = vec![own_signature(5)];
    let t = text();
    let on = Against {
        base: Some(&base),
        ..against(&h, &t)
    };
    assert_eq!(addendum.validate(on), Ok(()));
    addendum.valid_until = day(2027, 12, 31);
    assert_eq!(
        addendum.validate(on),
        Err(vec![AuthorizationError::BadPeriod])
    );
    addendum.valid_until = base.valid_until;
    let on_revoked = Against {
        base: Some(&revoked),
        ..against(&h, &t)
    };
    assert_eq!(
        addendum.validate(on_revoked),
        Err(vec![AuthorizationError::AddendumBaseUnusable])
    );
    strip_photos(&mut addendum);
    addendum.countersignature = Some(addendum.countersign(&key, now()));
    assert_eq!(
        adults_not_covered(&h, &[base.clone(), addendum.clone()], today),
        vec![]
    );
    // The addendum falls with the authorization it adds to.
    assert_eq!(
        adults_not_covered(&h, &[revoked, addendum], today),
        vec![member(1), member(2), member(3), member(5)]
    );
}
