use proptest::prelude::*;
use uuid::Uuid;

use super::*;
use crate::department::DepartmentCode;
use crate::ids::MemberId;
use crate::jurisdiction::PlaceCode;

/// A new member id (domain has no clock, so no UUIDv7 here).
fn fresh() -> Uuid {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    Uuid::from_u128(u128::from(
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
    ))
}

fn code(s: &str) -> AidItemCode {
    AidItemCode(s.to_owned())
}

fn member(adult: bool) -> MemberFacts {
    MemberFacts {
        member: MemberId(fresh()),
        adult,
        has_disability: false,
        has_illness: false,
        is_student: false,
        unemployed: false,
    }
}

#[test]
fn the_builtin_catalogue_has_the_eight_national_items_the_status_and_tongnan_extras() {
    let c = Catalogue::builtin();
    for item in [
        "dibao",
        "tekun",
        "disaster",
        "medical",
        "education",
        "housing",
        "employment",
        "temporary",
    ] {
        assert_eq!(
            c.item(&code(item)).map(|i| i.kind),
            Some(ItemKind::Aid),
            "{item}"
        );
    }
    assert_eq!(c.item(&code("dibao_edge")).unwrap().kind, ItemKind::Status);
    for item in [
        "rural_dangerous_house",
        "registered_poor",
        "disability",
        "needy_worker",
        "women_children",
    ] {
        assert!(c.item(&code(item)).is_some(), "{item}");
    }
    for d in [
        "civil_affairs",
        "medical_security",
        "health",
        "hrss",
        "education",
        "housing",
        "emergency",
        "disabled_federation",
        "trade_union",
        "womens_federation",
    ] {
        assert!(c.department(&DepartmentCode(d.to_owned())).is_some(), "{d}");
    }
}

#[test]
fn dibao_and_tekun_are_posted_seven_days_and_need_the_economic_check() {
    let c = Catalogue::builtin();
    for item in ["dibao", "tekun"] {
        let i = c.item(&code(item)).unwrap();
        assert_eq!(i.public_notice_days, Some(7));
        let facts = c.decision_facts(&code(item)).unwrap();
        assert!(facts.economic_check_required && facts.needs_public_notice);
    }
    assert!(c.urgent_acceptance_allowed(&[code("temporary"), code("medical")]));
    // Any urgent item makes the case urgent (乌海 附件2 第二条), not only all of them.
    assert!(c.urgent_acceptance_allowed(&[code("temporary"), code("dibao")]));
    assert!(!c.urgent_acceptance_allowed(&[code("dibao"), code("education")]));
    assert!(!c.urgent_acceptance_allowed(&[]));
}

#[test]
fn each_validation_error_is_found() {
    let base = Catalogue::builtin().data().clone();
    let check = |edit: &dyn Fn(&mut CatalogueData), want: &dyn Fn(&CatalogueError) -> bool| {
        let mut d = base.clone();
        edit(&mut d);
        let e = Catalogue::new(d).unwrap_err();
        assert!(want(&e), "{e:?}");
        assert!(!e.message_zh().is_empty());
    };
    check(&|d| d.items.push(d.items[0].clone()), &|e| {
        matches!(e, CatalogueError::Duplicate { what: "item", .. })
    });
    check(&|d| d.departments.push(d.departments[0].clone()), &|e| {
        matches!(
            e,
            CatalogueError::Duplicate {
                what: "department",
                ..
            }
        )
    });
    check(
        &|d| d.items[0].lead_department = DepartmentCode("nope".into()),
        &|e| {
            matches!(
                e,
                CatalogueError::Unknown {
                    what: "department",
                    ..
                }
            )
        },
    );
    check(
        &|d| d.items[0].materials[0].material = MaterialCode("nope".into()),
        &|e| {
            matches!(
                e,
                CatalogueError::Unknown {
                    what: "material",
                    ..
                }
            )
        },
    );
    check(&|d| d.items[0].time_limit.days = 0, &|e| {
        matches!(e, CatalogueError::ZeroTimeLimit { .. })
    });
    check(&|d| d.items[0].name_zh = " ".into(), &|e| {
        matches!(e, CatalogueError::Empty(_))
    });
    let ov = |prefix: &str, item: &str| TimeLimitOverride {
        place_prefix: prefix.into(),
        item: code(item),
        time_limit: TimeLimit {
            days: 20,
            extension_days: 10,
        },
        source: "test".into(),
    };
    check(&|d| d.overrides.push(ov("50", "nope")), &|e| {
        matches!(e, CatalogueError::Unknown { what: "item", .. })
    });
    check(&|d| d.overrides.push(ov("5x", "dibao")), &|e| {
        matches!(e, CatalogueError::BadPrefix(_))
    });
    assert!(matches!(
        Catalogue::from_json("{"),
        Err(CatalogueError::Format(_))
    ));
}

#[test]
fn the_longest_matching_override_wins() {
    let mut d = Catalogue::builtin().data().clone();
    let limit = |days| TimeLimit {
        days,
        extension_days: 10,
    };
    for (prefix, days) in [("50", 25), ("500231", 20)] {
        d.overrides.push(TimeLimitOverride {
            place_prefix: prefix.into(),
            item: code("dibao"),
            time_limit: limit(days),
            source: "test".into(),
        });
    }
    let c = Catalogue::new(d).unwrap();
    let at = |p: &str| {
        c.time_limit(&code("dibao"), &PlaceCode::parse(p).unwrap())
            .unwrap()
            .days
    };
    assert_eq!(at("500231101201"), 20);
    assert_eq!(at("500101"), 25);
    assert_eq!(at("110105"), 30);
    assert_eq!(
        c.time_limit(&code("nope"), &PlaceCode::parse("500231").unwrap()),
        None
    );
}

#[test]
fn materials_are_per_household_per_member_or_per_adult_and_conditional_ones_follow_the_facts() {
    let c = Catalogue::builtin();
    let mut ill = member(true);
    ill.has_illness = true;
    let child = member(false);
    let facts = HouseholdFacts {
        members: vec![ill.clone(), child.clone()],
        has_housing_damage: false,
    };
    let req = c.required_materials(&[code("dibao"), code("medical")], &facts);
    let has = |m: &str, who: Option<MemberId>| {
        req.iter()
            .any(|r| r.material.as_str() == m && r.member == who)
    };
    assert!(has("hukou", None));
    assert!(has("id_card", Some(ill.member)) && has("id_card", Some(child.member)));
    assert!(has("verification_authorization", Some(ill.member)));
    assert!(!has("verification_authorization", Some(child.member)));
    assert!(has("diagnosis", Some(ill.member)) && !has("diagnosis", Some(child.member)));
    assert!(
        !req.iter()
            .any(|r| r.material.as_str() == "disability_certificate")
    );
    let hukou = req.iter().find(|r| r.material.as_str() == "hukou").unwrap();
    assert_eq!(hukou.for_items, vec![code("dibao"), code("medical")]);
    // Damage photos only when the home is damaged.
    let disaster = |damaged| {
        c.required_materials(
            &[code("disaster")],
            &HouseholdFacts {
                members: vec![member(true)],
                has_housing_damage: damaged,
            },
        )
    };
    assert!(
        disaster(true)
            .iter()
            .any(|r| r.material.as_str() == "damage_photos")
    );
    assert!(
        !disaster(false)
            .iter()
            .any(|r| r.material.as_str() == "damage_photos")
    );
}

fn facts() -> impl Strategy<Value = HouseholdFacts> {
    (
        prop::collection::vec(
            (
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
            ),
            1..6,
        ),
        any::<bool>(),
    )
        .prop_map(|(ms, damaged)| HouseholdFacts {
            members: ms
                .into_iter()
                .map(
                    |(adult, has_disability, has_illness, is_student, unemployed)| MemberFacts {
                        member: MemberId(fresh()),
                        adult,
                        has_disability,
                        has_illness,
                        is_student,
                        unemployed,
                    },
                )
                .collect(),
            has_housing_damage: damaged,
        })
}

fn items() -> impl Strategy<Value = Vec<AidItemCode>> {
    let all: Vec<AidItemCode> = Catalogue::builtin()
        .items()
        .iter()
        .map(|i| i.code.clone())
        .collect();
    prop::sample::subsequence(all.clone(), 0..=all.len())
}

proptest! {
    #[test]
    fn required_materials_are_listed_once_and_missing_is_a_subset(items in items(), facts in facts(), keep in prop::collection::vec(any::<bool>(), 64)) {
        let c = Catalogue::builtin();
        let req = c.required_materials(&items, &facts);
        let mut keys: Vec<_> = req.iter().map(|r| (r.material.clone(), r.member)).collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        prop_assert_eq!(keys.len(), n);
        let present: Vec<_> = req.iter().zip(keep.iter().cycle()).filter(|(_, k)| **k).map(|(r, _)| (r.material.clone(), r.member)).collect();
        let missing = missing_materials(&req, &present);
        prop_assert!(missing.iter().all(|m| req.contains(m)));
        prop_assert_eq!(missing.len() + present.len(), req.len());
        let all: Vec<_> = req.iter().map(|r| (r.material.clone(), r.member)).collect();
        prop_assert!(missing_materials(&req, &all).is_empty());
    }
}

#[test]
fn the_compact_form_round_trips() {
    let c = Catalogue::builtin();
    let bytes = c.to_postcard();
    assert!(bytes.len() < 20_000, "{} bytes", bytes.len());
    assert_eq!(Catalogue::from_trusted_postcard(&bytes).unwrap(), c);
    assert!(Catalogue::from_trusted_postcard(&bytes[..bytes.len() / 2]).is_err());
}
