//! Property tests over random places, trees and actors, drawn from a small alphabet of codes so
//! that containment and its absence both come up often.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use uuid::Uuid;

use super::{
    Access, Actor, JurisdictionTree, Level, Place, PlaceCode, PlaceKind, RecordScope, access,
    can_act, can_see, helpers_required,
};
use crate::department::DepartmentCode;
use crate::ids::UserId;
use crate::role::Role;

fn place_code() -> impl Strategy<Value = PlaceCode> {
    (
        prop::sample::select(vec!["500231", "500232"]),
        prop::sample::select(vec!["100", "101"]),
        prop::sample::select(vec!["001", "201"]),
        prop::sample::select(vec!["-G01", "-G02", "-G100"]),
        0usize..4,
    )
        .prop_map(|(county, township, village, grid, depth)| {
            let parts = [county, township, village, grid];
            PlaceCode::parse(&parts[..=depth].concat()).unwrap()
        })
}

fn user() -> impl Strategy<Value = UserId> {
    (1u128..4).prop_map(|n| UserId(Uuid::from_u128(n)))
}

fn department() -> impl Strategy<Value = DepartmentCode> {
    prop::sample::select(vec!["civil_affairs", "education", "housing"])
        .prop_map(|d| DepartmentCode(d.to_owned()))
}

fn actor() -> impl Strategy<Value = Actor> {
    (
        user(),
        prop::sample::select(Role::ALL.to_vec()),
        place_code(),
        prop::option::of(department()),
    )
        .prop_map(|(user, role, place, department)| Actor {
            user,
            role,
            place,
            department,
        })
}

fn record() -> impl Strategy<Value = RecordScope> {
    (
        place_code(),
        prop::option::of(user()),
        prop::collection::vec(department(), 0..3),
        prop::collection::vec(user(), 0..3),
    )
        .prop_map(|(place, owner, departments, helpers)| RecordScope {
            place,
            owner,
            departments,
            helpers,
        })
}

fn kind_at(level: Level) -> PlaceKind {
    match level {
        Level::County => PlaceKind::County,
        Level::Township => PlaceKind::Town,
        Level::Village => PlaceKind::Village,
        Level::Grid => PlaceKind::Grid,
    }
}

/// The places of `codes` and all their ancestors, each once, in reverse code order.
fn closed_places(codes: &[PlaceCode], populations: &[i64]) -> Vec<Place> {
    let mut all = BTreeSet::new();
    for code in codes {
        let mut next = Some(code.clone());
        while let Some(c) = next {
            next = c.parent();
            all.insert(c);
        }
    }
    all.into_iter()
        .rev()
        .enumerate()
        .map(|(i, code)| Place {
            name_zh: format!("地{i}"),
            name_en: String::new(),
            kind: kind_at(code.level()),
            population: populations.get(i).copied(),
            code,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn outside_the_actors_place_is_none_unless_attached(actor in actor(), record in record()) {
        let got = access(&actor, &record);
        let owner = actor.role == Role::Resident && record.owner == Some(actor.user);
        let entrusted = actor.role == Role::Helper && record.helpers.contains(&actor.user);
        if !actor.place.contains(&record.place) && !owner && !entrusted {
            prop_assert_eq!(got, Access::None);
        }
        if actor.role == Role::Resident && !owner {
            prop_assert_eq!(got, Access::None);
        }
        if actor.validate().is_err() {
            prop_assert_eq!(got, Access::None);
        }
        prop_assert_eq!(can_see(&actor, &record), got >= Access::Read);
        prop_assert_eq!(can_act(&actor, &record), got == Access::Act);
    }

    #[test]
    fn admin_reads_nothing(mut actor in actor(), record in record()) {
        actor.role = Role::Admin;
        prop_assert_eq!(access(&actor, &record), Access::None);
    }

    #[test]
    fn department_officer_needs_the_routing(actor in actor(), record in record()) {
        if actor.role == Role::DepartmentOfficer && access(&actor, &record) > Access::None {
            let department = actor.department.clone().unwrap();
            prop_assert!(record.departments.contains(&department));
            prop_assert!(actor.place.contains(&record.place));
        }
    }

    #[test]
    fn contains_is_reflexive_transitive_and_antisymmetric(
        a in place_code(), b in place_code(), c in place_code()
    ) {
        prop_assert!(a.contains(&a));
        if a.contains(&b) && b.contains(&c) {
            prop_assert!(a.contains(&c));
        }
        if a.contains(&b) && b.contains(&a) {
            prop_assert_eq!(&a, &b);
        }
        prop_assert_eq!(a.contains(&b), b.ancestor_at(a.level()).as_ref() == Some(&a));
    }

    #[test]
    fn parent_chain_reaches_the_county_in_at_most_three_steps(code in place_code()) {
        let mut steps = 0;
        let mut current = code.clone();
        while let Some(parent) = current.parent() {
            prop_assert!(parent.contains(&current));
            prop_assert_eq!(parent.level().depth(), current.level().depth() - 1);
            current = parent;
            steps += 1;
            prop_assert!(steps <= 3);
        }
        prop_assert_eq!(current.level(), Level::County);
        prop_assert_eq!(&current, &code.county());
        prop_assert_eq!(steps, code.level().depth());
        prop_assert_eq!(PlaceCode::parse(code.as_str()).unwrap(), code);
    }

    #[test]
    fn random_trees_build_and_answer_paths(
        codes in prop::collection::vec(place_code(), 1..12),
        populations in prop::collection::vec(0i64..3_000, 0..40),
    ) {
        let places = closed_places(&codes, &populations);
        let tree = JurisdictionTree::new(places.clone()).unwrap();
        prop_assert_eq!(tree.len(), places.len());
        for code in &codes {
            let path = tree.path(code).unwrap();
            prop_assert_eq!(path.len() as i64, code.level().depth() + 1);
            prop_assert_eq!(&path.last().unwrap().code, code);
            prop_assert_eq!(path[0].code.level(), Level::County);
            for child in tree.children(code) {
                prop_assert_eq!(child.code.parent(), Some(code.clone()));
            }
            prop_assert!(tree.within(code).all(|p| code.contains(&p.code)));
            let inside = tree.places().filter(|p| code.contains(&p.code)).count();
            prop_assert_eq!(tree.within(code).count(), inside);
        }
        // Dropping a place that has children leaves orphans.
        let parents: BTreeSet<PlaceCode> = places.iter().filter_map(|p| p.code.parent()).collect();
        if let Some(parent) = parents.iter().next() {
            let without: Vec<Place> = places.iter().filter(|p| &p.code != parent).cloned().collect();
            prop_assert!(JurisdictionTree::new(without).is_err());
        }
    }

    #[test]
    fn helper_shortfall_lists_exactly_the_short_villages(
        codes in prop::collection::vec(place_code(), 1..12),
        populations in prop::collection::vec(0i64..3_000, 0..40),
        counts in prop::collection::vec((place_code(), 0i64..3), 0..10),
    ) {
        let tree = JurisdictionTree::new(closed_places(&codes, &populations)).unwrap();
        let counts: BTreeMap<PlaceCode, i64> = counts.into_iter().collect();
        let short: BTreeSet<PlaceCode> =
            tree.villages_needing_helpers(&counts).into_iter().map(|s| s.village).collect();
        for village in tree.villages() {
            let present: i64 = counts
                .iter()
                .filter(|(c, _)| c.village().as_ref() == Some(&village.code))
                .map(|(_, n)| n)
                .sum();
            let needs = present < helpers_required(village.population);
            prop_assert_eq!(short.contains(&village.code), needs);
        }
    }
}
