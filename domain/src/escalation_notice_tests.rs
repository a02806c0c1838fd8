use proptest::prelude::*;

use super::*;
use crate::calendar::Calendar;
use crate::catalogue::Catalogue;
use crate::clocks::case_clocks;
use crate::escalation::late_clocks;
use crate::jurisdiction::PlaceCode;
use crate::workflow::test_support::{World, at};

fn late(w: &World, hours_after: i64) -> Vec<LateClock> {
    let place = PlaceCode::parse("500231101201").unwrap();
    let cal = Calendar::builtin();
    let clocks = case_clocks(&w.case, &Catalogue::builtin(), &cal, &place).unwrap();
    late_clocks(&w.case, &clocks, &cal, at(w.clock + hours_after))
}

#[test]
fn a_case_waiting_for_the_leader_goes_late_to_the_leader_then_the_county() {
    let w = World::accepted_awaiting_leader();
    // Accepted Wed 2023-11-15 (Beijing), due Thu 16th: on Fri 17th one working day late.
    let l = late(&w, 48);
    assert_eq!(l.len(), 1);
    assert_eq!(levels_reached(&l[0]), vec![EscalationLevel::TownshipLeader]);
    let due_now = due(&l, &[]);
    assert_eq!(due_now.len(), 1);
    // Told once: nothing more that day, nor the next.
    let sent = vec![("route".to_owned(), EscalationLevel::TownshipLeader)];
    assert!(due(&l, &sent).is_empty());
    // A week on: the county too, and only the county is new.
    let l = late(&w, 24 * 7);
    assert_eq!(l[0].escalate_to, EscalationLevel::CountySupervisor);
    let again = due(&l, &sent);
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].1, EscalationLevel::CountySupervisor);
}

#[test]
fn late_only_by_rest_days_is_not_told() {
    let mut l = late(&World::accepted(), 48)[0].clone();
    l.working_days_late = 0;
    assert!(levels_reached(&l).is_empty());
}

#[test]
fn the_text_names_the_step_the_delay_and_the_responsible_person_only() {
    let l = late(&World::accepted(), 48)[0].clone();
    let step = l.clock.name_zh(|c| c.to_owned());
    let t = text(
        "A1B2C3D4",
        &l,
        &step,
        "张窗口（首问负责人）",
        EscalationLevel::TownshipLeader,
    );
    assert!(t.contains("A1B2C3D4"), "{t}");
    assert!(t.contains("分办"), "{t}");
    assert!(t.contains("逾期1个工作日"), "{t}");
    assert!(t.contains("11月16日"), "{t}");
    assert!(t.contains("责任人：张窗口（首问负责人）"), "{t}");
    assert!(t.contains("分管领导"), "{t}");
    let t = text(
        "A1B2C3D4",
        &l,
        &step,
        "民政局",
        EscalationLevel::CountySupervisor,
    );
    assert!(t.contains("县民政局"), "{t}");
}

#[test]
fn clock_codes_are_distinct() {
    use crate::workflow::test_support::{dibao, medical};
    let codes: std::collections::BTreeSet<String> = [
        ClockKind::Route,
        ClockKind::Notify,
        ClockKind::Decision(dibao()),
        ClockKind::Decision(medical()),
        ClockKind::Reroute(dibao()),
        ClockKind::Tell(dibao()),
    ]
    .iter()
    .map(ClockKind::code)
    .collect();
    assert_eq!(codes.len(), 6);
}

proptest! {
    /// However the rounds fall, each late clock is told once per level it reached: what one
    /// round sends, the next never sends again, and nothing below a working day is sent.
    #[test]
    fn each_level_is_told_once(rounds in proptest::collection::vec(0i64..400, 1..8)) {
        let w = World::accepted_awaiting_leader();
        let mut rounds = rounds;
        rounds.sort();
        let mut sent: Vec<(String, EscalationLevel)> = Vec::new();
        for hours in rounds {
            let l = late(&w, hours);
            for (clock, level) in due(&l, &sent) {
                prop_assert!(clock.working_days_late >= 1);
                prop_assert!(level <= clock.escalate_to);
                let key = (clock.clock.code(), level);
                prop_assert!(!sent.contains(&key));
                sent.push(key);
            }
            prop_assert!(due(&l, &sent).is_empty());
        }
        // The county is told only after the leader.
        if let Some(c) = sent.iter().position(|(_, l)| *l == EscalationLevel::CountySupervisor) {
            let leader = sent.iter().position(|(_, l)| *l == EscalationLevel::TownshipLeader);
            prop_assert!(leader.is_some_and(|p| p <= c));
        }
    }
}
