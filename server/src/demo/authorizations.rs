//! A signed authorization package for a household as registered: every adult signs in
//! person, a minor through the household's first adult as guardian. The demo data's
//! authorizations are made with it, and so are the tests' (the phone builds the same thing
//! on the signing screen).

use chrono::{DateTime, Utc};
use domain::authorization::{
    AuthorizationRecord, AuthorizationText, CoveredMember, IdentityCheck, Mark, Signatory,
    Signature, period_end,
};
use domain::clocks::china_date;
use domain::fieldwork::AttachmentRef;
use domain::household::Household;
use domain::identity::IdNumber;
use domain::ids::{AuthorizationId, UserId};
use uuid::Uuid;

/// How each signer's identity was confirmed in a built package.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Photos {
    /// In person, with a photo of the signer holding their ID card (`image(1000 + i)`).
    WithIdCard,
    /// In person, the photo not taken (demo data; refused in a package the phone sends).
    None,
}

/// A package under `text` for every member of `household`, signed at `at` and collected by
/// `by`: the i-th member's mark is `image(i)`. Not countersigned.
pub fn package(
    household: &Household,
    text: &AuthorizationText,
    by: UserId,
    at: DateTime<Utc>,
    image: impl Fn(u32) -> AttachmentRef,
    photos: Photos,
) -> AuthorizationRecord {
    let today = china_date(at);
    let adult = |id: &IdNumber| id.is_adult(today);
    let guardian = household.members.iter().find(|m| adult(&m.id_number));
    let members = household
        .members
        .iter()
        .map(|m| CoveredMember {
            member: m.id,
            name: m.name.expose().to_owned(),
            id_number: m.id_number.expose().to_owned(),
            limited_capacity: false,
        })
        .collect();
    let signatures = household
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let signatory = match guardian {
                Some(g) if !adult(&m.id_number) => Signatory::Guardian {
                    name: g.name.expose().to_owned(),
                    id_number: g.id_number.expose().to_owned(),
                    relation: "监护人".to_owned(),
                    member: Some(g.id),
                },
                _ => Signatory::Member,
            };
            Signature {
                member: m.id,
                by: signatory,
                mark: Mark::Handwritten {
                    image: image(i as u32),
                    strokes: Some("10,20,0;30,40,16".to_owned()),
                },
                identity: IdentityCheck::InPerson {
                    attested_by: by,
                    id_card_photo: match photos {
                        Photos::WithIdCard => Some(image(1000 + i as u32)),
                        Photos::None => None,
                    },
                },
                signed_at: at,
            }
        })
        .collect();
    AuthorizationRecord {
        id: AuthorizationId(Uuid::now_v7()),
        household: household.id,
        text_version: text.version.clone(),
        text_sha256: text.sha256(),
        scopes: text.scopes.clone(),
        valid_from: today,
        valid_until: period_end(today, text.validity_months),
        addendum_to: None,
        members,
        signatures,
        collected_by: by,
        signed_at: at,
        countersignature: None,
        revocation: None,
    }
}
