//! The demo as each staff role of 沙坪镇 finds it: the window clerk, the verifier and the
//! department officers.

use super::*;

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
                "Referral",
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
