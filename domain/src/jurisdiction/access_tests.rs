//! Unit tests of [`access`] for every role, and of [`Actor::validate`].

use uuid::Uuid;

use super::{Access, Actor, ActorError, Level, PlaceCode, RecordScope, access, can_act, can_see};
use crate::department::DepartmentCode;
use crate::ids::UserId;
use crate::role::Role;

fn code(s: &str) -> PlaceCode {
    PlaceCode::parse(s).unwrap()
}

fn user(n: u128) -> UserId {
    UserId(Uuid::from_u128(n))
}

const ME: u128 = 1;
const OTHER: u128 = 2;

fn actor(role: Role, place: &str) -> Actor {
    let department =
        (role == Role::DepartmentOfficer).then(|| DepartmentCode("education".to_owned()));
    Actor {
        user: user(ME),
        role,
        place: code(place),
        department,
    }
}

fn record(place: &str) -> RecordScope {
    RecordScope {
        place: code(place),
        owner: Some(user(OTHER)),
        departments: vec![],
        helpers: vec![],
    }
}

const COUNTY: &str = "500231";
const TOWN: &str = "500231100";
const OTHER_TOWN: &str = "500231101";
const VILLAGE: &str = "500231100001";
const OTHER_VILLAGE: &str = "500231100002";
const GRID: &str = "500231100001-G01";
const OTHER_GRID: &str = "500231100001-G02";
const OTHER_COUNTY_VILLAGE: &str = "500232100001";

#[test]
fn resident_acts_on_own_records_only() {
    let me = actor(Role::Resident, GRID);
    let mut mine = record(OTHER_COUNTY_VILLAGE);
    mine.owner = Some(user(ME));
    assert_eq!(access(&me, &mine), Access::Act);
    assert_eq!(access(&me, &record(GRID)), Access::None);
    let mut unowned = record(GRID);
    unowned.owner = None;
    assert_eq!(access(&me, &unowned), Access::None);
}

#[test]
fn helper_acts_in_their_village_or_grid_and_where_entrusted() {
    let village_helper = actor(Role::Helper, VILLAGE);
    assert_eq!(access(&village_helper, &record(VILLAGE)), Access::Act);
    assert_eq!(access(&village_helper, &record(GRID)), Access::Act);
    assert_eq!(
        access(&village_helper, &record(OTHER_VILLAGE)),
        Access::None
    );
    assert_eq!(access(&village_helper, &record(TOWN)), Access::None);

    let grid_helper = actor(Role::Helper, GRID);
    assert_eq!(access(&grid_helper, &record(GRID)), Access::Act);
    assert_eq!(access(&grid_helper, &record(OTHER_GRID)), Access::None);
    assert_eq!(access(&grid_helper, &record(VILLAGE)), Access::None);

    let mut entrusted = record(OTHER_COUNTY_VILLAGE);
    entrusted.helpers = vec![user(OTHER), user(ME)];
    assert_eq!(access(&grid_helper, &entrusted), Access::Act);
}

#[test]
fn clerk_and_verifier_act_inside_their_township() {
    for role in [Role::WindowClerk, Role::Verifier] {
        let staff = actor(role, TOWN);
        for inside in [TOWN, VILLAGE, GRID] {
            assert_eq!(
                access(&staff, &record(inside)),
                Access::Act,
                "{role:?} {inside}"
            );
        }
        for outside in [COUNTY, OTHER_TOWN, OTHER_COUNTY_VILLAGE] {
            assert_eq!(
                access(&staff, &record(outside)),
                Access::None,
                "{role:?} {outside}"
            );
        }
        let county_staff = actor(role, COUNTY);
        assert_eq!(access(&county_staff, &record(OTHER_TOWN)), Access::Act);
    }
}

#[test]
fn department_officer_acts_on_cases_routed_to_their_department() {
    let officer = actor(Role::DepartmentOfficer, TOWN);
    let mut routed = record(VILLAGE);
    routed.departments = vec![
        DepartmentCode::civil_affairs(),
        DepartmentCode("education".into()),
    ];
    assert_eq!(access(&officer, &routed), Access::Act);
    let mut elsewhere = routed.clone();
    elsewhere.place = code(OTHER_TOWN);
    assert_eq!(access(&officer, &elsewhere), Access::None);
    let mut not_routed = routed.clone();
    not_routed.departments = vec![DepartmentCode::civil_affairs()];
    assert_eq!(access(&officer, &not_routed), Access::None);
    let county_officer = actor(Role::DepartmentOfficer, COUNTY);
    assert_eq!(access(&county_officer, &elsewhere), Access::Act);
}

#[test]
fn supervisor_acts_in_the_county() {
    let supervisor = actor(Role::Supervisor, COUNTY);
    for inside in [COUNTY, TOWN, VILLAGE, GRID, OTHER_TOWN] {
        assert_eq!(
            access(&supervisor, &record(inside)),
            Access::Act,
            "{inside}"
        );
    }
    assert_eq!(
        access(&supervisor, &record(OTHER_COUNTY_VILLAGE)),
        Access::None
    );
}

#[test]
fn admin_reads_no_household_data() {
    let admin = actor(Role::Admin, COUNTY);
    let mut own = record(GRID);
    own.owner = Some(user(ME));
    own.helpers = vec![user(ME)];
    assert_eq!(access(&admin, &own), Access::None);
    assert!(!can_see(&admin, &own));
    assert!(!can_act(&admin, &own));
    assert_eq!(access(&admin, &record(OTHER_COUNTY_VILLAGE)), Access::None);
}

#[test]
fn impossible_actors_are_refused_and_get_nothing() {
    let check = |role, place: &str, department: Option<&str>| {
        Actor {
            user: user(ME),
            role,
            place: code(place),
            department: department.map(|d| DepartmentCode(d.to_owned())),
        }
        .validate()
    };
    use ActorError::*;
    assert_eq!(
        check(Role::DepartmentOfficer, TOWN, None),
        Err(MissingDepartment)
    );
    assert_eq!(
        check(Role::DepartmentOfficer, TOWN, Some(" ")),
        Err(MissingDepartment)
    );
    assert_eq!(
        check(Role::Resident, GRID, Some("education")),
        Err(UnexpectedDepartment {
            role: Role::Resident
        })
    );
    assert_eq!(
        check(Role::Helper, COUNTY, None),
        Err(PlaceTooHigh {
            role: Role::Helper,
            level: Level::County,
            highest: Level::Village
        })
    );
    assert_eq!(
        check(Role::WindowClerk, VILLAGE, None),
        Err(PlaceTooLow {
            role: Role::WindowClerk,
            level: Level::Village,
            lowest: Level::Township
        })
    );
    assert!(matches!(
        check(Role::Verifier, GRID, None),
        Err(PlaceTooLow { .. })
    ));
    assert!(matches!(
        check(Role::DepartmentOfficer, VILLAGE, Some("education")),
        Err(PlaceTooLow { .. })
    ));
    assert!(matches!(
        check(Role::Supervisor, TOWN, None),
        Err(PlaceTooLow { .. })
    ));
    assert!(matches!(
        check(Role::Admin, TOWN, None),
        Err(PlaceTooLow { .. })
    ));
    for (role, place) in [
        (Role::Resident, COUNTY),
        (Role::Resident, GRID),
        (Role::Helper, VILLAGE),
        (Role::Helper, GRID),
        (Role::WindowClerk, COUNTY),
        (Role::Verifier, TOWN),
        (Role::Supervisor, COUNTY),
        (Role::Admin, COUNTY),
    ] {
        assert_eq!(check(role, place, None), Ok(()), "{role:?} at {place}");
    }

    // A clerk wrongly placed in a village sees nothing, not even that village.
    let misplaced = Actor {
        department: None,
        ..actor(Role::WindowClerk, VILLAGE)
    };
    assert_eq!(access(&misplaced, &record(VILLAGE)), Access::None);
    let no_department = Actor {
        department: None,
        ..actor(Role::DepartmentOfficer, TOWN)
    };
    assert_eq!(access(&no_department, &record(VILLAGE)), Access::None);
}

#[test]
fn access_is_ordered_and_crosses_the_wire() {
    assert!(Access::None < Access::Read && Access::Read < Access::Act);
    assert_eq!(serde_json::to_string(&Access::Read).unwrap(), "\"read\"");
    let a = actor(Role::DepartmentOfficer, TOWN);
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(serde_json::from_str::<Actor>(&json).unwrap(), a);
}

#[test]
fn actor_error_messages() {
    let e = ActorError::PlaceTooHigh {
        role: Role::Helper,
        level: Level::County,
        highest: Level::Village,
    };
    assert!(e.to_string().contains("helper"));
    assert!(e.message_zh().contains("帮办代办员"));
}
