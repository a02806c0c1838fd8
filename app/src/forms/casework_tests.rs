//! The staff's action forms: each makes its command, decided with the workflow's rules.

use domain::catalogue::{Catalogue, MaterialCode};
use domain::department::DepartmentCode;
use domain::role::Role;
use domain::workflow::{CaseState, Command, CommandKind};

use super::*;
use crate::helper_view::fixtures::*;

fn cx<'a>(household: &'a Household, catalogue: &'a Catalogue, role: Role) -> ActionContext<'a> {
    ActionContext {
        household,
        actor: Actor {
            user: user(60),
            role,
        },
        department: (role == Role::DepartmentOfficer).then(DepartmentCode::civil_affairs),
        outstanding: Vec::new(),
        catalogue,
    }
}

/// The township leader's agreement to route (乌海 附件4 第一条), which routing waits for.
fn leader_agrees(record: &CaseRecord, h: &Household, catalogue: &Catalogue) -> CaseRecord {
    let leader = cx(h, catalogue, Role::TownshipLeader);
    plan_action(&draft(CommandKind::ApproveRouting), record, &leader, now())
        .unwrap()
        .after
}

fn draft(kind: CommandKind) -> ActionDraft {
    ActionDraft {
        kind: Some(kind),
        ..ActionDraft::default()
    }
}

#[test]
fn yuan_is_read_to_the_fen_and_nonsense_is_refused() {
    assert_eq!(parse_yuan("580"), Ok(58_000));
    assert_eq!(parse_yuan(" 1500.5 "), Ok(150_050));
    assert_eq!(parse_yuan("1500.05元"), Ok(150_005));
    for bad in ["", "-5", "1.234", "abc", "1e5", "12345678901"] {
        assert!(parse_yuan(bad).is_err(), "{bad}");
    }
}

#[test]
fn accepting_with_materials_outstanding_is_refused_at_the_button() {
    let (h, catalogue) = (wang(), Catalogue::builtin());
    let record = case(1, &h, me(), 1, 1);
    let mut cx = cx(&h, &catalogue, Role::WindowClerk);
    let ok = plan_action(&draft(CommandKind::Accept), &record, &cx, now()).unwrap();
    assert_eq!(ok.after.case.state(), CaseState::Accepted);
    assert_eq!(ok.base_version, record.case.version());
    cx.outstanding = vec![MaterialCode("hukou".into())];
    assert!(plan_action(&draft(CommandKind::Accept), &record, &cx, now()).is_err());
}

#[test]
fn the_one_notice_lists_every_ticked_and_outstanding_material_with_its_reason() {
    let (h, catalogue) = (wang(), Catalogue::builtin());
    let record = case(1, &h, me(), 1, 1);
    let mut cx = cx(&h, &catalogue, Role::WindowClerk);
    cx.outstanding = vec![MaterialCode("income_statement".into())];
    let mut d = draft(CommandKind::RequestSupplement);
    assert!(
        plan_action(&d, &record, &cx_none(&h, &catalogue), now()).is_err(),
        "nothing ticked, nothing outstanding"
    );
    d.missing = vec![("hukou".into(), "照片模糊，看不清户主页".into())];
    let planned = plan_action(&d, &record, &cx, now()).unwrap();
    let Command::RequestSupplement { missing, .. } = &planned.command else {
        panic!("{:?}", planned.command);
    };
    assert_eq!(missing.len(), 2);
    let reason = planned.reason.unwrap();
    assert!(reason.contains("照片模糊"), "{reason}");
    assert_eq!(planned.after.case.state(), CaseState::SupplementRequested);
}

#[test]
fn the_window_accepts_first_only_in_its_own_words_where_the_items_do_not_allow_it() {
    // A catalogue where no item may be accepted first: only the window's judgement remains.
    let mut data = Catalogue::builtin().data().clone();
    for item in &mut data.items {
        item.urgent_acceptance = false;
    }
    let (h, catalogue) = (wang(), Catalogue::new(data).unwrap());
    let record = case(1, &h, me(), 1, 1);
    assert!(!catalogue.urgent_acceptance_allowed(record.case.requested_items()));
    let cx = cx(&h, &catalogue, Role::WindowClerk);
    let mut d = draft(CommandKind::UrgentAccept);
    d.missing = vec![("hukou".into(), "户口簿在外地亲属处".into())];
    // Not flagged: the rules refuse it.
    assert!(matches!(
        plan_action(&d, &record, &cx, now()),
        Err(ActionError::Workflow(_))
    ));
    // Flagged, with only the material's note: the window's own reason is asked for.
    d.flagged_urgent = true;
    assert_eq!(
        plan_action(&d, &record, &cx, now()).unwrap_err(),
        ActionError::ReasonRequired(CommandKind::UrgentAccept)
    );
    d.reason = "户主突发重病住院，需先行受理".into();
    let planned = plan_action(&d, &record, &cx, now()).unwrap();
    assert_eq!(planned.after.case.state(), CaseState::Accepted);
    assert_eq!(
        planned.after.case.outstanding_materials(),
        [MaterialCode("hukou".into())]
    );
    let reason = planned.reason.unwrap();
    assert!(
        reason.contains("户口簿在外地亲属处") && reason.contains("突发重病"),
        "{reason}"
    );
}

fn cx_none<'a>(h: &'a Household, c: &'a Catalogue) -> ActionContext<'a> {
    cx(h, c, Role::WindowClerk)
}

#[test]
fn not_accepting_needs_a_reason_and_where_to_go() {
    let (h, catalogue) = (wang(), Catalogue::builtin());
    let record = case(1, &h, me(), 1, 1);
    let cx = cx(&h, &catalogue, Role::WindowClerk);
    let mut d = draft(CommandKind::NotAccept);
    assert!(plan_action(&d, &record, &cx, now()).is_err());
    d.referral = "县人力社保局".into();
    assert!(plan_action(&d, &record, &cx, now()).is_err(), "no reason");
    d.reason = "所申请事项不属于社会救助".into();
    let planned = plan_action(&d, &record, &cx, now()).unwrap();
    assert_eq!(planned.after.case.state(), CaseState::NotAccepted);
}

#[test]
fn a_department_decides_its_item_and_a_denial_needs_a_reason() {
    let (h, catalogue) = (wang(), Catalogue::builtin());
    let record = case(3, &h, me(), 5, 3);
    let cx = cx(&h, &catalogue, Role::DepartmentOfficer);
    let mut d = draft(CommandKind::Decide);
    assert!(plan_action(&d, &record, &cx, now()).is_err(), "no item");
    d.item = "temporary".into();
    assert!(plan_action(&d, &record, &cx, now()).is_err(), "no amount");
    d.amount = "1200".into();
    let planned = plan_action(&d, &record, &cx, now()).unwrap();
    let decision = planned.after.case.items()[0].decision.clone().unwrap();
    assert_eq!(decision.approved.unwrap().fen, 120_000);
    d.deny = true;
    assert!(plan_action(&d, &record, &cx, now()).is_err(), "no reason");
    d.reason = "家庭收入高于标准".into();
    assert!(plan_action(&d, &record, &cx, now()).is_ok());
}

#[test]
fn the_window_may_not_decide_and_a_department_may_not_accept() {
    let (h, catalogue) = (wang(), Catalogue::builtin());
    let routed = case(3, &h, me(), 5, 3);
    let mut d = draft(CommandKind::Decide);
    d.item = "temporary".into();
    d.amount = "100".into();
    assert!(plan_action(&d, &routed, &cx(&h, &catalogue, Role::WindowClerk), now()).is_err());
    let submitted = case(1, &h, me(), 1, 1);
    let officer = cx(&h, &catalogue, Role::DepartmentOfficer);
    assert!(plan_action(&draft(CommandKind::Accept), &submitted, &officer, now()).is_err());
}

#[test]
fn an_extension_is_capped_by_the_catalogue_and_needs_a_reason() {
    let (h, catalogue) = (wang(), Catalogue::builtin());
    let record = case(3, &h, me(), 5, 3);
    let cx = cx(&h, &catalogue, Role::DepartmentOfficer);
    let mut d = draft(CommandKind::ExtendDeadline);
    d.item = "temporary".into();
    d.days = "2".into();
    assert!(plan_action(&d, &record, &cx, now()).is_err(), "no reason");
    d.reason = "需要补充调查".into();
    let cap = catalogue
        .time_limit(&AidItemCode("temporary".into()), &h.place)
        .unwrap()
        .extension_days;
    if cap >= 2 {
        assert!(plan_action(&d, &record, &cx, now()).is_ok());
    }
    d.days = (cap + 1).to_string();
    assert!(
        plan_action(&d, &record, &cx, now()).is_err(),
        "over the cap"
    );
}

#[test]
fn routing_follows_the_catalogue_and_a_return_is_routed_again() {
    let (h, catalogue) = (wang(), Catalogue::builtin());
    let mut record = case(1, &h, me(), 5, 1);
    let window = cx(&h, &catalogue, Role::WindowClerk);
    let accepted = plan_action(&draft(CommandKind::Accept), &record, &window, now()).unwrap();
    record = leader_agrees(&accepted.after, &h, &catalogue);
    let routed = plan_action(&draft(CommandKind::Route), &record, &window, now()).unwrap();
    assert_eq!(routed.after.case.state(), CaseState::Routed);
    let mut back = draft(CommandKind::ReturnItem);
    back.item = "temporary".into();
    back.reason = "非本部门事项".into();
    let officer = cx(&h, &catalogue, Role::DepartmentOfficer);
    let returned = plan_action(&back, &routed.after, &officer, now()).unwrap();
    assert!(returned.after.case.items()[0].awaiting_reroute());
    let mut again = draft(CommandKind::Reroute);
    again.item = "temporary".into();
    again.department = "nowhere".into();
    assert!(plan_action(&again, &returned.after, &window, now()).is_err());
    again.department = catalogue.departments()[1].code.as_str().to_owned();
    let rerouted = plan_action(&again, &returned.after, &window, now()).unwrap();
    assert!(!rerouted.after.case.items()[0].awaiting_reroute());
}

#[test]
fn drafts_survive_a_round_trip_through_json() {
    let mut d = draft(CommandKind::RequestSupplement);
    d.missing = vec![("hukou".into(), "不清晰".into())];
    let back: ActionDraft = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
    assert_eq!(back, d);
    let old: ActionDraft = serde_json::from_str(r#"{"kind":"accept"}"#).unwrap();
    assert_eq!(old.kind, Some(CommandKind::Accept));
}

#[test]
fn item_choices_offer_only_what_the_action_can_name() {
    let h = wang();
    let routed = case(3, &h, me(), 5, 3);
    let civil = DepartmentCode::civil_affairs();
    let temporary = vec![domain::catalogue::AidItemCode("temporary".into())];
    assert_eq!(
        item_choices(CommandKind::Decide, &routed.case, Some(&civil)),
        temporary
    );
    let other = DepartmentCode("education".into());
    assert!(item_choices(CommandKind::Decide, &routed.case, Some(&other)).is_empty());
    assert!(item_choices(CommandKind::TellResult, &routed.case, None).is_empty());
    assert!(item_choices(CommandKind::Reroute, &routed.case, None).is_empty());
    let decided = case(4, &h, me(), 5, 4);
    assert_eq!(
        item_choices(CommandKind::TellResult, &decided.case, None),
        temporary
    );
    assert!(names_item(CommandKind::Chase) && !names_item(CommandKind::Accept));
}

#[test]
fn refusals_are_said_in_both_languages() {
    use domain::workflow::WorkflowError;
    let errors = [
        ActionError::NoAction,
        ActionError::Amount,
        ActionError::AmountTooLarge,
        ActionError::ItemRequired,
        ActionError::DepartmentOnly,
        ActionError::MaterialsRequired,
        ActionError::ReferralRequired,
        ActionError::DenialReason,
        ActionError::DaysRequired,
        ActionError::DepartmentRequired,
        ActionError::ObjectionRequired,
        ActionError::NotHere(CommandKind::Submit),
        ActionError::ReasonRequired(CommandKind::NotAccept),
        ActionError::Routing(domain::routing::RoutingError::Empty),
        ActionError::Workflow(WorkflowError::ReasonRequired {
            command: CommandKind::NotAccept,
        }),
    ];
    let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let mut codes = std::collections::HashSet::new();
    for e in errors {
        assert!(codes.insert(e.code()), "{} twice", e.code());
        assert!(cjk(&e.message_zh()), "{e:?}");
        assert!(!cjk(&e.message_en()) && !e.message_en().is_empty(), "{e:?}");
        assert_eq!(e.message(true), e.message_en());
    }
    // A refusal of the rules themselves comes back as the workflow's, in either language.
    let bad = parse_yuan("12.345").unwrap_err();
    assert_eq!(bad, ActionError::Amount);
}

#[test]
fn the_window_may_change_the_routing_only_where_the_catalogue_allows() {
    let (h, catalogue) = (wang(), Catalogue::builtin());
    let mut record = case(1, &h, me(), 5, 1);
    let window = cx(&h, &catalogue, Role::WindowClerk);
    record = plan_action(&draft(CommandKind::Accept), &record, &window, now())
        .unwrap()
        .after;
    record = leader_agrees(&record, &h, &catalogue);
    let mut route = draft(CommandKind::Route);
    route.routing = vec![("temporary".into(), "education".into())];
    route.lead = "education".into();
    let refused = plan_action(&route, &record, &window, now()).unwrap_err();
    assert_eq!(refused.code(), "routing_choice");
    assert!(
        refused.message_zh().contains("不能分给"),
        "{}",
        refused.message_zh()
    );
    assert!(!refused.message_en().is_empty());
    // Back to civil affairs, as proposed: routed.
    route.routing = vec![("temporary".into(), "civil_affairs".into())];
    route.lead = "civil_affairs".into();
    let routed = plan_action(&route, &record, &window, now()).unwrap();
    assert_eq!(routed.after.case.state(), CaseState::Routed);
}
