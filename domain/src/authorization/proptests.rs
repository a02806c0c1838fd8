//! Tamper evidence, exhaustively by sampling: flipping any byte of the text, the record's
//! data, a signature image, the server's signature or the QR code makes verification fail.

use proptest::prelude::*;
use sha2::{Digest, Sha256};

use super::test_support::*;
use super::*;
use crate::fieldwork::AttachmentRef;

fn keys() -> Vec<PublishedKey> {
    vec![published(&server_key(7), None)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn flipping_a_byte_of_the_kept_record_breaks_it(index in any::<prop::sample::Index>(), bit in 0u8..8) {
        let original = countersigned(&server_key(7));
        let mut json = serde_json::to_vec(&original).unwrap();
        let i = index.index(json.len());
        json[i] ^= 1 << bit;
        if let Ok(changed) = serde_json::from_slice::<AuthorizationRecord>(&json) {
            // An unknown key spelled by the flip is ignored, and the record is the same.
            if changed != original && changed.revocation == original.revocation {
                prop_assert!(changed.verify(&keys()).is_err());
            }
        }
    }

    #[test]
    fn flipping_a_byte_of_the_text_changes_its_hash(paragraph in 0usize..4, index in any::<prop::sample::Index>(), bit in 0u8..8) {
        let text = text();
        let mut bytes = text.body_zh[paragraph].clone().into_bytes();
        let i = index.index(bytes.len());
        bytes[i] ^= 1 << bit;
        if let Ok(changed) = String::from_utf8(bytes) {
            let mut other = text.clone();
            other.body_zh[paragraph] = changed;
            prop_assert_ne!(other.sha256(), text.sha256());
            let h = household();
            prop_assert_eq!(
                package().validate(against(&h, &other)),
                Err(vec![AuthorizationError::TextChanged])
            );
        }
    }

    #[test]
    fn flipping_a_byte_of_a_signature_image_is_detected(image in prop::collection::vec(any::<u8>(), 1..256), index in any::<prop::sample::Index>(), bit in 0u8..8) {
        let reference = AttachmentRef::parse(&hex::encode(Sha256::digest(&image))).unwrap();
        let mut r = package();
        r.signatures[2].mark = Mark::Handwritten { image: reference.clone(), strokes: None };
        let mut changed = image.clone();
        let i = index.index(changed.len());
        changed[i] ^= 1 << bit;
        prop_assert_eq!(r.verify_images(|a| (a == &reference).then_some(&image[..])), Ok(()));
        prop_assert_eq!(
            r.verify_images(|a| (a == &reference).then_some(&changed[..])),
            Err(VerifyError::ImageAltered { member: member(3) })
        );
    }

    #[test]
    fn flipping_a_byte_of_the_server_signature_breaks_it(index in 0usize..64, bit in 0u8..8) {
        let mut r = countersigned(&server_key(7));
        let c = r.countersignature.as_mut().unwrap();
        let mut sig = hex::decode(&c.signature).unwrap();
        sig[index] ^= 1 << bit;
        c.signature = hex::encode(sig);
        prop_assert_eq!(r.verify(&keys()), Err(VerifyError::BadSignature));
    }

    #[test]
    fn flipping_a_byte_of_the_qr_code_breaks_it(index in any::<prop::sample::Index>(), bit in 0u8..8) {
        let token = QrToken::of(&countersigned(&server_key(7))).unwrap();
        let text = token.encode();
        let mut bytes = text.clone().into_bytes();
        let i = index.index(bytes.len());
        bytes[i] ^= 1 << bit;
        // base64url's last character carries spare bits: a flip there may decode to the
        // same token, which is the same code.
        if let Ok(changed) = String::from_utf8(bytes)
            && let Ok(decoded) = QrToken::decode(&changed)
            && decoded != token
        {
            prop_assert!(decoded.verify(&keys()).is_err());
        }
    }

    #[test]
    fn any_subset_of_missing_consents_is_refused(drop in prop::collection::vec(any::<bool>(), 4)) {
        let mut r = package();
        let dropped: Vec<_> = r.signatures.iter().zip(&drop).filter(|(_, d)| **d).map(|(s, _)| s.member).collect();
        r.signatures.retain(|s| !dropped.contains(&s.member));
        let h = household();
        let t = text();
        let result = r.validate(against(&h, &t));
        if dropped.is_empty() {
            prop_assert_eq!(result, Ok(()));
        } else {
            let errors = result.unwrap_err();
            for m in dropped {
                let missing = AuthorizationError::SignatureMissing { member: m };
                prop_assert!(errors.contains(&missing));
            }
        }
    }
}
