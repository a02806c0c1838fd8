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
fn the_window_clerk_has_every_channel_and_stage_in_the_inbox() {
    for now in nows() {
        let d = demo(now);
        let clerk = account("clerk", staff().clerk);
        let seen = d.seen_by(&clerk);
        assert_eq!(seen.len(), 12, "the helper's four and the township's eight");
        let state = |name: &str| d.case_of(name).case.state();
        assert_eq!(state("陈大勇"), CaseState::Submitted);
        assert_eq!(state("谭丽华"), CaseState::Resubmitted);
        assert_eq!(state("邓志强"), CaseState::Accepted);
        assert_eq!(state("彭桂芳"), CaseState::Accepted);
        for routed in ["吴国平", "余德福", "冉光明", "秦永福"] {
            assert_eq!(state(routed), CaseState::Routed, "{routed}");
        }
        // Every channel the workflow knows, the helper's cases bringing the entrusted one.
        let mut channels: Vec<_> = d.all().map(|c| format!("{:?}", c.case.channel())).collect();
        channels.sort();
        channels.dedup();
        assert_eq!(
            channels,
            [
                "Entrusted",
                "Hotline",
                "Online",
                "ProactiveDiscovery",
                "Window"
            ]
        );
        // The fire: urgent (临时救助 may be accepted first), reported by the village.
        let fire = d.case_of("陈大勇");
        let catalogue = Catalogue::builtin();
        assert!(
            fire.case
                .requested_items()
                .iter()
                .all(|i| catalogue.item(i).unwrap().urgent_acceptance)
        );
        assert!(d.home(fire).housing_damaged);
        // One notice, answered: the clock waited.
        let tan = d.case_of("谭丽华");
        assert_eq!(tan.case.supplement_pauses().len(), 1);
        assert!(tan.case.supplement_pauses()[0].resubmitted_at.is_some());
        assert_eq!(tan.case.applicant(), Some(more().online_resident));
        // Verified, waiting for routing (1 working day from acceptance: today at the latest).
        let peng = d.case_of("彭桂芳");
        assert!(peng.case.verification().is_complete());
        let clocks = case_clocks(
            &peng.case,
            &catalogue,
            &Calendar::builtin(),
            &d.home(peng).place,
        )
        .unwrap();
        let route_by = clocks.route.unwrap().value;
        assert!(route_by >= china_date(now), "{route_by}");
        // Referred by another township, noted on the submission; the window is the first asker.
        let wu = d.case_of("吴国平");
        assert!(
            wu.events
                .iter()
                .any(|e| e.reason.as_deref().is_some_and(|r| r.contains("桂溪街道")))
        );
        assert_eq!(wu.case.first_asker().unwrap().user, staff().clerk);
        // Two departments; civil affairs decided, the window tells within 2 working days.
        let departments: Vec<_> = wu
            .case
            .sub_cases()
            .iter()
            .map(|s| s.department.as_str())
            .collect();
        assert_eq!(departments, ["civil_affairs", "medical_security"]);
        let temporary = wu.case.item(&AidItemCode::temporary()).unwrap();
        assert!(temporary.decision.is_some() && temporary.told_at.is_none());
        let medical = wu.case.item(&AidItemCode("medical".into())).unwrap();
        assert!(medical.decision.is_none());
        assert_eq!(d.urgency("吴国平", "temporary", true), Urgency::DueSoon);
        // Near its deadline, and chased.
        assert_eq!(d.urgency("冉光明", "temporary", false), Urgency::DueSoon);
        assert_eq!(d.case_of("冉光明").case.chases().len(), 1);
    }
}

#[test]
fn the_verifier_has_an_economic_check_under_a_valid_authorization_and_a_home_survey() {
    for now in nows() {
        let d = demo(now);
        let verifier = account("verifier", staff().verifier);
        assert_eq!(d.seen_by(&verifier).len(), 12);
        let deng = d.case_of("邓志强");
        assert_eq!(deng.case.state(), CaseState::Accepted);
        assert!(deng.case.verification().economic_check.is_none());
        let home = d.home(deng);
        let adults = home
            .members
            .iter()
            .filter(|m| m.id_number.is_adult(china_date(now)))
            .count();
        assert_eq!(
            (home.members.len(), adults),
            (3, 2),
            "two adults and a minor"
        );
        // Countersigned as the store does, the family's authorization covers every adult.
        let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
        let signed: Vec<AuthorizationRecord> = d
            .township
            .authorizations
            .iter()
            .filter(|a| a.household == home.id)
            .map(|a| {
                let mut a = a.clone();
                a.countersignature = Some(a.countersign(&key, now));
                a
            })
            .collect();
        assert_eq!(signed.len(), 1);
        assert!(adults_not_covered(home, &signed, china_date(now)).is_empty());
        let text = domain::authorization::AuthorizationText::builtin();
        signed[0]
            .validate(domain::authorization::Against {
                household: home,
                text: &text,
                base: None,
                allowed: &[domain::authorization::IdentityMethod::InPerson],
                now,
            })
            .unwrap();
        let yu = d.case_of("余德福");
        let v = yu.case.verification();
        assert!(v.done_at(VerificationStep::EconomicCheck).is_some());
        assert!(v.done_at(VerificationStep::HomeSurvey).is_none());
        assert!(
            yu.case
                .pending_on()
                .contains(&domain::workflow::Party::Verifier)
        );
    }
}

#[test]
fn each_department_officer_sees_their_own_sub_cases() {
    for now in nows() {
        let d = demo(now);
        let officer = account("officer", staff().officer);
        let seen = d.seen_by(&officer);
        assert_eq!(
            names(&seen),
            sorted(vec![
                "余德福",
                "冉光明",
                "刘芳",
                "吴国平",
                "李建国",
                "王秀英",
                "秦永福"
            ])
        );
        let civil = DepartmentCode::civil_affairs();
        let waiting: Vec<&str> = d
            .township
            .cases
            .iter()
            .filter(|c| {
                c.case
                    .items()
                    .iter()
                    .any(|p| p.department == civil && p.decision.is_none())
            })
            .map(|c| d.home(c).members[0].name.expose())
            .collect();
        assert_eq!(sorted(waiting), sorted(vec!["余德福", "冉光明", "秦永福"]));
        assert_eq!(d.urgency("冉光明", "temporary", false), Urgency::DueSoon);
        let qin = d.case_of("秦永福");
        let dibao = qin.case.item(&AidItemCode("dibao".into())).unwrap();
        assert_eq!(dibao.extensions.len(), 1);
        assert!(
            dibao.extensions[0]
                .reason
                .as_deref()
                .unwrap()
                .contains("核实")
        );
        assert_eq!(dibao.extensions[0].by.user, staff().officer);
        assert_eq!(d.urgency("秦永福", "dibao", false), Urgency::OnTrack);
        assert!(qin.case.verification().is_complete());

        let officer2 = account("officer2", more().medical_officer);
        assert_eq!(names(&d.seen_by(&officer2)), ["吴国平"]);
        let wu = d.case_of("吴国平");
        let medical = wu.case.item(&AidItemCode("medical".into())).unwrap();
        assert_eq!(medical.department.as_str(), "medical_security");
        assert!(medical.decision.is_none());
        assert_eq!(d.urgency("吴国平", "medical", false), Urgency::OnTrack);
        let resident = account("13800000002", more().online_resident);
        assert_eq!(names(&d.seen_by(&resident)), ["谭丽华"]);
    }
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
