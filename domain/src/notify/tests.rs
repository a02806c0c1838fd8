use proptest::prelude::*;

use super::*;
use crate::role::Role;
use crate::workflow::Command;
use crate::workflow::test_support::{World, approve, civil, deny, dibao, mat, medical, medsec};

const NUMBER: &str = "ABCD-EFGH-JKMN-PQRS";

/// Runs `cmd` as `role` with `reason` and answers the messages it calls for.
fn step(w: &mut World, cmd: Command, role: Role, reason: Option<&str>) -> Vec<Message> {
    let before = w.case.clone();
    let from = w.events.len();
    w.run_as(cmd, &crate::workflow::test_support::actor(role), reason)
        .expect("allowed");
    messages(
        &before,
        &w.case,
        &w.events[from..],
        NUMBER,
        &Catalogue::builtin(),
    )
}

fn audiences(m: &[Message]) -> Vec<(Audience, MessageKind)> {
    m.iter().map(|m| (m.audience, m.kind)).collect()
}

#[test]
fn acceptance_tells_the_applicant_only() {
    let mut w = World::submitted();
    let m = step(
        &mut w,
        Command::Accept { missing: vec![] },
        Role::WindowClerk,
        None,
    );
    assert_eq!(
        audiences(&m),
        [(Audience::Applicant, MessageKind::Accepted)]
    );
    assert!(m[0].text.starts_with(SIGNATURE) && m[0].text.contains(NUMBER));
}

#[test]
fn the_one_notice_names_every_missing_material_to_applicant_and_helper() {
    let mut w = World::submitted();
    let m = step(
        &mut w,
        Command::RequestSupplement {
            missing: vec![mat("hukou"), mat("id_card")],
            seen: vec![],
        },
        Role::WindowClerk,
        Some("户口簿缺页"),
    );
    assert_eq!(
        audiences(&m),
        [
            (Audience::Applicant, MessageKind::Supplement),
            (Audience::Helper, MessageKind::Supplement)
        ]
    );
    assert!(m[0].text.contains("户口簿") && m[0].text.contains("身份证"));
    assert!(m[0].text.contains("您的救助申请"));
    assert!(m[1].text.contains("您帮办的救助申请") && m[1].text.contains("帮办通知"));
}

#[test]
fn not_accepted_says_why_and_where_to_go() {
    let mut w = World::submitted();
    let m = step(
        &mut w,
        Command::NotAccept {
            referral: "区人力社保局".to_owned(),
            kind: Default::default(),
        },
        Role::WindowClerk,
        Some("所申请事项不属于社会救助。"),
    );
    assert_eq!(m.len(), 2);
    assert!(
        m[0].text
            .contains("原因：所申请事项不属于社会救助。可以去：区人力社保局")
    );
}

#[test]
fn each_result_is_told_once_with_its_amount_or_reason() {
    let mut w = World::verified_and_routed();
    w.ok(approve(dibao(), civil(), false), Role::DepartmentOfficer);
    let m = step(
        &mut w,
        Command::TellResult { item: dibao() },
        Role::WindowClerk,
        None,
    );
    assert_eq!(
        audiences(&m),
        [
            (Audience::Applicant, MessageKind::Result),
            (Audience::Helper, MessageKind::Result)
        ]
    );
    assert!(m[0].text.contains("批准，每月650元"), "{}", m[0].text);
    assert!(!m[0].text.contains("复议"));
    w.run_as(
        deny(medical(), medsec()),
        &crate::workflow::test_support::actor(Role::DepartmentOfficer),
        Some("收入超过标准"),
    )
    .unwrap();
    // The combined notice tells only what was not told before.
    let m = step(&mut w, Command::NotifyResult, Role::WindowClerk, None);
    assert_eq!(m.len(), 2);
    assert!(!m[0].text.contains("650"), "{}", m[0].text);
    assert!(m[0].text.contains("没有批准，原因：收入超过标准"));
    assert!(m[0].text.contains("复议"));
}

#[test]
fn a_chase_tells_the_applicant_of_the_delay() {
    let mut w = World::verified_and_routed();
    let m = step(
        &mut w,
        Command::Chase {
            item: Some(medical()),
        },
        Role::WindowClerk,
        Some("医保部门正在核实，预计下周答复"),
    );
    assert_eq!(audiences(&m), [(Audience::Applicant, MessageKind::Delay)]);
    assert!(m[0].text.contains("窗口已经催办"));
    assert!(m[0].text.contains("预计下周答复"));
}

#[test]
fn the_answer_to_a_review_tells_the_applicant_and_the_way_on() {
    let mut w = World::notified();
    assert!(
        step(
            &mut w,
            Command::RequestReview,
            Role::Resident,
            Some("收入算错了")
        )
        .is_empty()
    );
    let long = "经复核，".to_owned() + &"家庭收入按规定计算无误".repeat(20);
    let m = step(
        &mut w,
        Command::AnswerReview,
        Role::WindowClerk,
        Some(&long),
    );
    assert_eq!(
        audiences(&m),
        [
            (Audience::Applicant, MessageKind::Review),
            (Audience::Helper, MessageKind::Review)
        ]
    );
    assert!(m[0].text.contains("窗口已答复：经复核"));
    assert!(m[0].text.contains("60日内申请行政复议"));
    assert!(m.iter().all(|m| m.text.chars().count() <= 220), "{m:#?}");
}

#[test]
fn office_steps_send_nothing() {
    let mut w = World::accepted();
    let m = step(
        &mut w,
        Command::EconomicCheck {
            adults_without_authorization: vec![],
            authorizations: vec![],
        },
        Role::Verifier,
        None,
    );
    assert!(m.is_empty());
    let m = step(
        &mut w,
        Command::Route(crate::workflow::test_support::routing()),
        Role::WindowClerk,
        None,
    );
    assert!(m.is_empty());
}

#[test]
fn yuan_drops_needless_cents() {
    assert_eq!(yuan(65_000), "650");
    assert_eq!(yuan(150_050), "1500.50");
    assert_eq!(yuan(7), "0.07");
}

proptest! {
    /// However long the written reason, a message stays within what one long SMS carries
    /// and keeps its signature and number.
    #[test]
    fn messages_stay_short(reason in "\\PC{0,400}", referral in "\\PC{0,400}") {
        let mut w = World::submitted();
        let m = step(
            &mut w,
            Command::NotAccept { referral: format!("去{referral}"), kind: Default::default() },
            Role::WindowClerk,
            Some(if reason.trim().is_empty() { "理由" } else { &reason }),
        );
        prop_assert_eq!(m.len(), 2);
        for message in m {
            prop_assert!(message.text.starts_with(SIGNATURE));
            prop_assert!(message.text.contains(NUMBER));
            prop_assert!(message.text.chars().count() <= 220, "{}", message.text);
        }
    }
}
