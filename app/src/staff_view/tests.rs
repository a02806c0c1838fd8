//! The staff desks' inboxes and the case workspace, from the helper view's fixtures.

use domain::calendar::Calendar;
use domain::catalogue::Catalogue;
use domain::department::DepartmentCode;
use domain::role::Role;
use domain::workflow::{CaseState, CommandKind, Party};

use super::*;
use crate::helper_view::fixtures::*;
use crate::helper_view::{Due, PhoneRecords};

fn desk(role: Role) -> Desk {
    let party = match role {
        Role::WindowClerk => Some(Party::Window),
        Role::Verifier => Some(Party::Verifier),
        Role::DepartmentOfficer => Some(Party::Department(DepartmentCode::civil_affairs())),
        _ => None,
    };
    Desk {
        user: user(60),
        role,
        party,
    }
}

/// 王秀英's case waits for its material check; 张桂兰's for her materials (one notice);
/// a third household's case is routed to civil affairs, 5 days ago; a fourth is a draft.
fn village() -> PhoneRecords {
    let li = household(3, "李建国", "500231196001012013", "沙坪镇毛家村6组15号");
    let liu = household(4, "刘芳", "500231197002022023", "沙坪镇毛家村5组4号");
    PhoneRecords {
        cases: vec![
            case(1, &wang(), me(), 1, 1),
            case(2, &zhang(), me(), 3, 2),
            case(3, &li, me(), 5, 3),
            case(4, &liu, me(), 1, 0),
        ],
        households: vec![wang(), zhang(), li, liu],
        ..PhoneRecords::default()
    }
}

fn rows(role: Role, all: bool) -> Vec<InboxRow> {
    inbox(
        &village(),
        &desk(role),
        &Catalogue::builtin(),
        &Calendar::builtin(),
        now(),
        all,
    )
    .unwrap()
}

#[test]
fn the_window_sees_its_own_work_first_and_never_a_draft() {
    let rows = rows(Role::WindowClerk, false);
    let states: Vec<_> = rows.iter().map(|r| (r.state, r.mine)).collect();
    assert_eq!(rows.len(), 3, "{states:?}");
    // The submitted case waits on the window; then the routed one (a department's running
    // clock), and last the one waiting for the applicant's materials (its clock stopped).
    assert_eq!(rows[0].state, CaseState::Submitted);
    assert!(rows[0].mine, "{states:?}");
    assert_eq!(rows[1].state, CaseState::Routed);
    assert!(!rows[1].mine && rows[1].due_on.is_some(), "{states:?}");
    assert_eq!(rows[2].state, CaseState::SupplementRequested);
    assert!(!rows[2].mine);
    assert!(rows.iter().all(|r| r.state != CaseState::Draft));
    // Names are masked in lists.
    assert!(rows.iter().any(|r| r.applicant == "王*英"), "{rows:?}");
}

#[test]
fn a_department_sees_only_cases_routed_to_it_with_its_decision_clock() {
    let rows = rows(Role::DepartmentOfficer, false);
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = &rows[0];
    assert_eq!(row.state, CaseState::Routed);
    assert!(row.mine);
    assert!(row.due_on.is_some());
    assert!(matches!(
        row.due,
        Due::Left(_) | Due::Today | Due::Overdue(_)
    ));
    assert_eq!(row.items, vec!["临时救助".to_owned()]);
}

#[test]
fn another_department_sees_nothing() {
    let mut other = desk(Role::DepartmentOfficer);
    other.party = Some(Party::Department(DepartmentCode("education".into())));
    let rows = inbox(
        &village(),
        &other,
        &Catalogue::builtin(),
        &Calendar::builtin(),
        now(),
        true,
    )
    .unwrap();
    assert!(rows.is_empty(), "{rows:?}");
}

#[test]
fn finished_cases_show_only_when_asked() {
    let mut records = village();
    let mut closed = case(5, &wang(), me(), 20, 6);
    let clerk = domain::workflow::Actor {
        user: user(50),
        role: Role::WindowClerk,
    };
    let close = domain::workflow::Command::Close;
    for e in closed
        .case
        .decide(&close, &clerk, days_ago(1), None)
        .unwrap()
    {
        closed.case.apply(&e);
        closed.events.push(e);
    }
    records.cases.push(closed);
    let desk = desk(Role::WindowClerk);
    let (catalogue, calendar) = (Catalogue::builtin(), Calendar::builtin());
    let open = inbox(&records, &desk, &catalogue, &calendar, now(), false).unwrap();
    let all = inbox(&records, &desk, &catalogue, &calendar, now(), true).unwrap();
    assert_eq!(all.len(), open.len() + 1);
}

#[test]
fn case_numbers_are_the_printed_notices_numbers() {
    let record = case(7, &wang(), me(), 1, 1);
    let n = inbox::case_number(record.case.id());
    assert_eq!(n.len(), 19);
    assert_eq!(n, domain::ids::printed_number(record.case.id().0));
}

#[test]
fn the_workspace_offers_the_window_its_material_decisions_and_lists_what_is_missing() {
    let record = case(1, &wang(), me(), 1, 1);
    let detail = case_detail(
        &record,
        &wang(),
        None,
        &[],
        &desk(Role::WindowClerk),
        &Catalogue::builtin(),
        &Calendar::builtin(),
        now(),
    )
    .unwrap();
    assert!(detail.mine);
    for k in [
        CommandKind::Accept,
        CommandKind::RequestSupplement,
        CommandKind::NotAccept,
    ] {
        assert!(detail.actions.contains(&k), "{:?}", detail.actions);
    }
    assert!(!detail.actions.contains(&CommandKind::Decide));
    // Without a checklist every required material shows as not provided.
    assert!(!detail.materials.is_empty());
    assert!(
        detail
            .materials
            .iter()
            .all(|m| m.provided == MaterialProvided::Missing)
    );
    assert_eq!(detail.history.len(), record.events.len());
    assert_eq!(detail.history[0].what, "新建申请");
    assert_eq!(detail.first_asker, None);
}

#[test]
fn the_workspace_gives_a_department_its_decision_and_clock() {
    let li = household(3, "李建国", "500231196001012013", "沙坪镇毛家村6组15号");
    let record = case(3, &li, me(), 5, 3);
    let detail = case_detail(
        &record,
        &li,
        None,
        &[],
        &desk(Role::DepartmentOfficer),
        &Catalogue::builtin(),
        &Calendar::builtin(),
        now(),
    )
    .unwrap();
    assert!(
        detail.actions.contains(&CommandKind::Decide),
        "{:?}",
        detail.actions
    );
    assert!(detail.actions.contains(&CommandKind::ReturnItem));
    assert_eq!(detail.items[0].department.as_deref(), Some("民政部门"));
    assert!(detail.items[0].lead);
    assert!(
        detail.clocks.iter().any(|c| c.label.contains("审批")),
        "{:?}",
        detail.clocks
    );
    // The window accepted it, so the window's clerk is the first-asker.
    assert_eq!(detail.first_asker.as_deref(), Some("窗口受理员"));
}

#[test]
fn yuan_prints_fen_as_money() {
    assert_eq!(case_detail::yuan(58_000), "580");
    assert_eq!(case_detail::yuan(150_050), "1500.50");
    assert_eq!(case_detail::yuan(5), "0.05");
}

#[test]
fn the_workspace_shows_each_authorization_of_the_household_as_valid_or_revoked() {
    use chrono::NaiveDate;
    use domain::authorization::AuthorizationSummary;
    use domain::ids::AuthorizationId;
    let summary = |n: u128, until: NaiveDate, revoked: bool| AuthorizationSummary {
        id: AuthorizationId(uuid::Uuid::from_u128(n)),
        household: wang().id,
        valid_until: until,
        addendum_to: None,
        countersigned: true,
        revoked,
    };
    let later = NaiveDate::from_ymd_opt(2027, 11, 18).unwrap();
    let past = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
    let mut other = summary(4, later, false);
    other.household = zhang().id;
    let mut addendum = summary(5, later, false);
    addendum.addendum_to = Some(AuthorizationId(uuid::Uuid::from_u128(1)));
    let authorizations = [
        summary(1, later, false),
        summary(2, later, true),
        summary(3, past, false),
        other,
        addendum,
    ];
    let detail = case_detail(
        &case(1, &wang(), me(), 1, 1),
        &wang(),
        None,
        &authorizations,
        &desk(Role::WindowClerk),
        &Catalogue::builtin(),
        &Calendar::builtin(),
        now(),
    )
    .unwrap();
    // (valid until, usable now, revoked): the revoked one is shown as such and not usable, the
    // expired one not usable; another household's and an addendum are not listed.
    assert_eq!(
        detail.authorizations,
        vec![
            (later, true, false),
            (later, false, true),
            (past, false, false)
        ]
    );
}
