//! Consents signed by a guardian: an adult without full capacity, a guardian chosen in the
//! household or from outside it, and the packages they make (split from `consents_tests.rs`).

//! Tests of who signs each consent online and the package it makes.

use super::super::AuthorizationError;
use super::super::record::IdentityMethod;
use super::super::test_support::*;
use super::super::validate::Against;
use super::tests::collect;
use super::*;
use proptest::prelude::*;
fn validates(h: &Household, record: &AuthorizationRecord) -> Result<(), Vec<AuthorizationError>> {
    let allowed = [IdentityMethod::OneTimeCode];
    record.validate(Against {
        household: h,
        text: &text(),
        base: None,
        allowed: &allowed,
        now: now(),
    })
}

fn package_of(h: &Household, plan: &[Consent], limited: &[Limited]) -> AuthorizationRecord {
    online_package(
        AuthorizationId(uuid::Uuid::from_u128(78)),
        h,
        &text(),
        helper(),
        (&collect(plan), limited),
        signed_at(),
    )
}

#[test]
fn the_applicant_signs_for_her_husband_with_dementia_and_the_package_says_so() {
    let h = household();
    let husband = member(2);
    let limited = [Limited {
        member: husband,
        guardian: None,
    }];
    let plan = consents(&h, day(2026, 12, 1), &limited).unwrap();
    assert_eq!(plan[1].member, husband);
    assert_eq!(plan[1].signer, member(1), "the applicant by default");
    assert!(plan[1].by_guardian());
    let record = package_of(&h, &plan, &limited);
    let covered = record.members.iter().find(|m| m.member == husband).unwrap();
    assert!(covered.limited_capacity);
    assert!(
        record
            .members
            .iter()
            .filter(|m| m.member != husband)
            .all(|m| !m.limited_capacity)
    );
    match &record.signatures[1].by {
        Signatory::Guardian {
            relation,
            member: by,
            ..
        } => {
            assert_eq!(relation, "配偶");
            assert_eq!(*by, Some(member(1)));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(validates(&h, &record), Ok(()));
    // Without the mark, the guardian's signature for a capable adult is refused.
    let unmarked = package_of(&h, &plan, &[]);
    assert!(
        validates(&h, &unmarked)
            .unwrap_err()
            .iter()
            .any(|e| e.member() == Some(husband))
    );
}

#[test]
fn the_son_chosen_as_guardian_signs_for_the_limited_applicant_and_her_granddaughter() {
    let h = household();
    let limited = [Limited {
        member: member(1),
        guardian: Some(Guardian::Member(member(3))),
    }];
    let plan = consents(&h, day(2026, 12, 1), &limited).unwrap();
    assert_eq!(plan[0].signer, member(3), "the chosen son");
    assert_eq!(
        plan[3].signer,
        member(2),
        "the applicant is not capable: the first capable adult"
    );
    let record = package_of(&h, &plan, &limited);
    assert_eq!(validates(&h, &record), Ok(()));
    assert_eq!(guardian_relation(&h.members[2], &h.members[0]), "子女");
}

#[test]
fn a_guardian_who_is_not_a_capable_adult_is_refused() {
    let h = household();
    let today = day(2026, 12, 1);
    let bad = |guardian| {
        consents(
            &h,
            today,
            &[
                Limited {
                    member: member(2),
                    guardian: Some(Guardian::Member(guardian)),
                },
                Limited {
                    member: member(3),
                    guardian: None,
                },
            ],
        )
    };
    let refused = Err(OnlineConsentError::GuardianNotCapable { member: member(2) });
    assert_eq!(bad(member(2)), refused, "not themselves");
    assert_eq!(bad(member(3)), refused, "not another without full capacity");
    assert_eq!(bad(member(4)), refused, "not a child");
    assert_eq!(
        bad(member(99)),
        refused,
        "not someone outside the household"
    );
    assert!(bad(member(1)).is_ok());
    assert_eq!(
        guardians_for(
            &h,
            today,
            &[Limited {
                member: member(3),
                guardian: None
            }],
            member(2)
        ),
        vec![member(1)]
    );
}

#[test]
fn nobody_capable_left_is_a_clear_error() {
    let mut h = household();
    let today = day(2026, 12, 1);
    h.members.truncate(2);
    let both = |g| {
        [
            Limited {
                member: member(1),
                guardian: g,
            },
            Limited {
                member: member(2),
                guardian: None,
            },
        ]
    };
    assert_eq!(
        consents(&h, today, &both(None)),
        Err(OnlineConsentError::NoGuardian { member: member(1) })
    );
    // With the granddaughter too and every adult limited: nobody for her either.
    let mut h = household();
    h.members.retain(|m| m.id != member(3));
    let all = [member(1), member(2)].map(|member| Limited {
        member,
        guardian: None,
    });
    assert!(consents(&h, today, &all).is_err());
}

/// The property test's guardian: 0..6 a member (of the household or not), 6 an adult son from
/// outside it, 7 an "outsider" with the ID number of the household's applicant.
fn guardian(n: u128) -> Guardian {
    match n {
        6 => Guardian::Outsider(son_in_the_city()),
        7 => Guardian::Outsider(Outsider {
            id_number: household().members[0].id_number.clone(),
            ..son_in_the_city()
        }),
        n => Guardian::Member(member(n)),
    }
}

/// 王秀英's other son, living in the city: not in the household.
fn son_in_the_city() -> Outsider {
    let h = household();
    Outsider::parse(
        ("李强", "50023119820611301X", "13912345678", "子女"),
        &h,
        member(1),
        day(2026, 12, 1),
    )
    .unwrap()
}

#[test]
fn a_son_from_outside_signs_for_his_mother_and_the_package_names_him_without_a_member() {
    let h = household();
    let son = son_in_the_city();
    let limited = [Limited {
        member: member(1),
        guardian: Some(Guardian::Outsider(son.clone())),
    }];
    let plan = consents(&h, day(2026, 12, 1), &limited).unwrap();
    assert_eq!(plan[0].signer, Signer::Outsider(son.clone()));
    assert!(plan[0].by_guardian());
    assert_ne!(plan[0].signer.key(), member(1).0);
    let record = package_of(&h, &plan, &limited);
    assert_eq!(validates(&h, &record), Ok(()));
    assert!(record.members[0].limited_capacity);
    match &record.signatures[0].by {
        Signatory::Guardian {
            name,
            id_number,
            relation,
            member,
        } => {
            assert_eq!(name, "李强");
            assert_eq!(id_number, "50023119820611301X");
            assert_eq!(relation, "子女");
            assert_eq!(*member, None);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_outside_guardian_is_checked_field_by_field() {
    let h = household();
    let today = day(2026, 12, 1);
    let parse = |typed: (&str, &str, &str, &str)| Outsider::parse(typed, &h, member(1), today);
    let fields = |typed: (&str, &str, &str, &str)| {
        parse(typed)
            .unwrap_err()
            .into_iter()
            .map(|(f, e)| (f, std::mem::discriminant(&e)))
            .collect::<Vec<_>>()
    };
    use OutsiderError as E;
    use OutsiderField as F;
    let d = |e: &E| std::mem::discriminant(e);
    let parse_err = crate::identity::IdNumber::parse("1", today).unwrap_err();
    assert_eq!(
        fields(("", "500231198206113017", "", "朋友")),
        vec![
            (
                F::Name,
                d(&E::Name(
                    crate::identity::PersonName::parse("").unwrap_err()
                ))
            ),
            (F::IdNumber, d(&E::IdNumber(parse_err))),
            (
                F::Phone,
                d(&E::Phone(
                    crate::identity::MobilePhone::parse("").unwrap_err()
                ))
            ),
            (F::Relation, d(&E::Relation)),
        ],
        "a wrong check digit, no phone, a relation not on the list"
    );
    let one = |id: &str| fields(("李强", id, "13912345678", "子女"));
    assert_eq!(
        one("500231195803124020"),
        vec![(F::IdNumber, d(&E::TheMember))]
    );
    assert_eq!(
        one("500231198807203010"),
        vec![(F::IdNumber, d(&E::InHousehold))]
    );
    assert_eq!(one("500231201203151023"), vec![(F::IdNumber, d(&E::Minor))]);
    let son = parse(("李强", " 50023119820611301x ", "139 1234 5678", "子女")).unwrap();
    assert_eq!(son, son_in_the_city(), "typed with spaces");
    // Any other detail makes another signer.
    let other = Outsider {
        relation: "其他亲属".to_owned(),
        ..son.clone()
    };
    assert_ne!(son.key(), other.key());
    assert_eq!(son.key(), son_in_the_city().key());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever members a household keeps, whichever adults lack full capacity and whoever is
    /// chosen to sign for them: when there is a plan, the package of its consents passes the
    /// server's rules, every minor's and limited member's consent is signed by a capable adult
    /// of the household other than them, and no capable adult is signed for; when there is
    /// none, the refusal is true.
    #[test]
    fn a_plan_with_guardians_always_makes_a_valid_package(
        keep in proptest::collection::vec(any::<bool>(), 4),
        lacking in proptest::collection::vec(any::<bool>(), 4),
        chosen in proptest::collection::vec(proptest::option::of(0u128..8), 4),
    ) {
        let today = day(2026, 12, 1);
        let mut h = household();
        let mut i = 0;
        h.members.retain(|_| { i += 1; keep[i - 1] });
        let limited: Vec<Limited> = h
            .members
            .iter()
            .filter(|m| lacking[m.id.0.as_u128() as usize - 1])
            .map(|m| Limited {
                member: m.id,
                guardian: chosen[m.id.0.as_u128() as usize - 1].map(guardian),
            })
            .collect();
        let is_limited = |id: MemberId| limited.iter().any(|l| l.member == id);
        let capable = |m: &Member| m.id_number.is_adult(today) && !is_limited(m.id);
        match consents(&h, today, &limited) {
            Ok(plan) => {
                prop_assert_eq!(plan.len(), h.members.len());
                for (c, m) in plan.iter().zip(&h.members) {
                    prop_assert_eq!(c.member, m.id);
                    match &c.signer {
                        Signer::Member(g) => {
                            let signer = h.members.iter().find(|x| x.id == *g).unwrap();
                            prop_assert!(capable(signer), "signed by a capable adult");
                        }
                        Signer::Outsider(o) => {
                            prop_assert!(is_limited(m.id), "an outsider only where chosen");
                            prop_assert!(o.id_number.is_adult(today));
                            prop_assert!(!h.members.iter().any(|x| x.id_number == o.id_number));
                        }
                    }
                    prop_assert_eq!(c.by_guardian(), !capable(m), "a guardian exactly when needed");
                }
                let record = package_of(&h, &plan, &limited);
                prop_assert_eq!(validates(&h, &record), Ok(()));
                // An outside guardian's signature names them, and no member.
                for (c, s) in plan.iter().zip(&record.signatures) {
                    if let Signer::Outsider(o) = &c.signer {
                        let named = matches!(&s.by, Signatory::Guardian { member: None, id_number, .. }
                            if id_number == o.id_number.expose());
                        prop_assert!(named, "{:?}", s.by);
                    }
                }
            }
            Err(OnlineConsentError::GuardianNotCapable { member: id }) => {
                let l = limited.iter().find(|l| l.member == id).unwrap();
                match l.guardian.as_ref().unwrap() {
                    Guardian::Member(g) => prop_assert!(
                        *g == id || !h.members.iter().any(|x| x.id == *g && capable(x))
                    ),
                    Guardian::Outsider(o) => prop_assert!(
                        !o.id_number.is_adult(today)
                            || h.members.iter().any(|x| x.id_number == o.id_number)
                    ),
                }
            }
            Err(OnlineConsentError::NoGuardian { member: id }) => {
                prop_assert!(is_limited(id));
                prop_assert!(!h.members.iter().any(capable));
            }
            Err(OnlineConsentError::NoAdult) => {
                prop_assert!(!h.members.iter().any(capable));
                prop_assert!(h.members.iter().any(|m| !m.id_number.is_adult(today)));
            }
        }
    }
}
