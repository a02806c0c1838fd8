use chrono::{DateTime, TimeZone, Utc};
use domain::authorization::{AuthorizationRecord, adults_not_covered};
use domain::calendar::{Calendar, Urgency};
use domain::clocks::{case_clocks, china_date};
use domain::jurisdiction::{Actor as Who, RecordScope, can_see};
use domain::sync::CaseRecord;
use domain::workflow::{Case, CaseState, VerificationStep};
use uuid::Uuid;

use super::super::super::{ACCOUNTS, households};
use super::super::{DemoCases, build as build_helper};
use super::*;

fn user(n: u128) -> UserId {
    UserId(Uuid::from_u128(n))
}

fn staff() -> Staff {
    Staff {
        helper: user(1),
        clerk: user(2),
        verifier: user(3),
        officer: user(4),
        resident: user(5),
        leader: user(8),
    }
}

fn more() -> MoreStaff {
    MoreStaff {
        medical_officer: user(6),
        online_resident: user(7),
    }
}

/// The Wednesday morning of the helper's tests, a Sunday afternoon, and a day of the National
/// Day holiday: the clocks read the same whatever day the demo loads.
fn nows() -> [DateTime<Utc>; 3] {
    [
        Utc.with_ymd_and_hms(2026, 11, 18, 2, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 12, 6, 7, 30, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 10, 5, 1, 0, 0).unwrap(),
    ]
}

struct Demo {
    now: DateTime<Utc>,
    homes: Vec<Household>,
    helper: DemoCases,
    township: DemoCases,
}

fn demo(now: DateTime<Utc>) -> Demo {
    let homes = households::build(china_date(now)).unwrap();
    let catalogue = Catalogue::builtin();
    let helper = build_helper(&homes, &staff(), &catalogue, now).unwrap();
    let township = build(&homes, &staff(), &more(), &catalogue, now).unwrap();
    Demo {
        now,
        homes,
        helper,
        township,
    }
}

impl Demo {
    fn home(&self, c: &CaseRecord) -> &Household {
        self.homes.iter().find(|h| h.id == c.household).unwrap()
    }

    fn applicant(&self, c: &CaseRecord) -> String {
        self.home(c).members[0].name.expose().to_owned()
    }

    /// Where the case lies and who is attached, as the store writes it.
    fn scope(&self, c: &CaseRecord) -> RecordScope {
        let home = RecordScope {
            place: self.home(c).place.clone(),
            owner: None,
            departments: Vec::new(),
            helpers: Vec::new(),
        };
        crate::sync::scope_of(c, &home)
    }

    fn all(&self) -> impl Iterator<Item = &CaseRecord> {
        self.helper.cases.iter().chain(&self.township.cases)
    }

    /// The applicants of the cases `who` may see, with their states.
    fn seen_by(&self, who: &Who) -> Vec<(String, CaseState)> {
        self.all()
            .filter(|c| can_see(who, &self.scope(c)))
            .map(|c| (self.applicant(c), c.case.state()))
            .collect()
    }

    fn case_of(&self, name: &str) -> &CaseRecord {
        self.township
            .cases
            .iter()
            .find(|c| self.applicant(c) == name)
            .unwrap_or_else(|| panic!("no case of {name}"))
    }

    /// How pressing the deadline of `item`'s decision (or, with `tell`, of telling its
    /// result) is today.
    fn urgency(&self, name: &str, item: &str, tell: bool) -> Urgency {
        let c = self.case_of(name);
        let calendar = Calendar::builtin();
        let clocks = case_clocks(
            &c.case,
            &Catalogue::builtin(),
            &calendar,
            &self.home(c).place,
        )
        .unwrap();
        let clock = clocks
            .items
            .iter()
            .find(|i| i.item.as_str() == item)
            .unwrap();
        let deadline = if tell {
            domain::calendar::Deadline::Due {
                on: clock.tell_by.unwrap().value,
            }
        } else {
            clock.deadline.value
        };
        calendar.urgency(deadline, china_date(self.now)).value
    }
}

/// The demo account signed in as `username` (or by phone).
fn account(key: &str, id: UserId) -> Who {
    let a = ACCOUNTS
        .iter()
        .find(|a| a.username == Some(key) || a.phone == Some(key))
        .unwrap();
    Who {
        user: id,
        role: Role::from_code(a.role).unwrap(),
        place: PlaceCode::parse(a.place).unwrap(),
        department: a.department.map(|d| DepartmentCode(d.to_owned())),
    }
}

fn names(seen: &[(String, CaseState)]) -> Vec<&str> {
    let mut v: Vec<&str> = seen.iter().map(|(n, _)| n.as_str()).collect();
    v.sort();
    v
}

fn sorted(mut v: Vec<&str>) -> Vec<&str> {
    v.sort();
    v
}

const HELPERS_CASES: [&str; 4] = ["刘芳", "张桂兰", "李建国", "王秀英"];

#[test]
fn every_township_case_lies_in_lijia_and_replays_to_its_state() {
    // And today, whatever day the tests run: the demo loads at any time.
    for now in nows().into_iter().chain([Utc::now()]) {
        let d = demo(now);
        assert_eq!(d.township.cases.len(), 8);
        assert!(d.township.entrustments.is_empty() && d.township.evaluations.is_empty());
        let lijia = PlaceCode::parse(LIJIA).unwrap();
        let mut households: Vec<_> = d.township.cases.iter().map(|c| c.household).collect();
        households.sort();
        households.dedup();
        assert_eq!(households.len(), 8, "one household each");
        for c in d.all() {
            if d.township.cases.contains(c) {
                assert!(lijia.contains(&d.home(c).place), "{}", d.home(c).address);
            }
            assert_eq!(Case::replay(&c.events).unwrap(), c.case);
            assert!(c.events.windows(2).all(|w| w[0].at <= w[1].at));
            assert!(c.events.iter().all(|e| e.at < now), "{now}");
        }
    }
}

#[test]
fn the_helper_sees_none_of_the_township_cases_and_keeps_their_own() {
    let d = demo(nows()[0]);
    let helper = account("helper", staff().helper);
    assert_eq!(names(&d.seen_by(&helper)), sorted(HELPERS_CASES.to_vec()));
    assert_eq!(d.helper.cases.len(), 4);
    assert_eq!(d.helper.entrustments.len(), 5);
}

#[test]
fn the_clocks_read_the_same_on_every_day_of_the_year() {
    let first = Utc.with_ymd_and_hms(2026, 1, 1, 2, 0, 0).unwrap();
    for day in 0..365 {
        let d = demo(first + chrono::Duration::days(day));
        let today = china_date(d.now);
        assert_eq!(
            d.urgency("冉光明", "temporary", false),
            Urgency::DueSoon,
            "{today}"
        );
        assert_eq!(
            d.urgency("吴国平", "temporary", true),
            Urgency::DueSoon,
            "{today}"
        );
        assert_eq!(
            d.urgency("吴国平", "medical", false),
            Urgency::OnTrack,
            "{today}"
        );
        assert_eq!(
            d.urgency("余德福", "dibao", false),
            Urgency::OnTrack,
            "{today}"
        );
        assert_eq!(
            d.urgency("秦永福", "dibao", false),
            Urgency::OnTrack,
            "{today}"
        );
    }
}

/// What each staff desk of the township finds in the demo.
#[path = "township_roles_tests.rs"]
mod roles;
