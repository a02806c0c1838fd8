//! The inbox of a staff desk: the cases of the account's jurisdiction held on this device,
//! those waiting on the desk first, most urgent first.

use chrono::{DateTime, NaiveDate, Utc};
use domain::calendar::Calendar;
use domain::catalogue::Catalogue;
use domain::clocks::{case_clocks, china_date};
use domain::department::DepartmentCode;
use domain::escalation::late_clocks;
use domain::ids::{CaseId, UserId};
use domain::role::Role;
use domain::workflow::{CaseState, Channel, Party};

use super::{due_of, due_rank};
use crate::helper_view::{Due, PhoneRecords};

/// Whose work a desk is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Desk {
    /// The account.
    pub user: UserId,
    /// Its role.
    pub role: Role,
    /// The party of the case workflow it acts as; `None` for a supervisor, who watches.
    pub party: Option<Party>,
}

impl Desk {
    /// The desk of a signed-in account; `None` for a role without one (a resident, a helper).
    pub fn of(account: &crate::records::Account) -> Option<Desk> {
        let user = UserId(uuid::Uuid::parse_str(&account.user).ok()?);
        let role = Role::from_code(&account.role)?;
        let party = match role {
            Role::WindowClerk => Some(Party::Window),
            Role::Verifier => Some(Party::Verifier),
            Role::DepartmentOfficer => Some(Party::Department(DepartmentCode(
                account.department.clone()?,
            ))),
            Role::TownshipLeader => Some(Party::Leader),
            Role::Supervisor | Role::Admin => None,
            Role::Resident | Role::Helper => return None,
        };
        Some(Desk { user, role, party })
    }
}

/// One case of the inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxRow {
    /// The case.
    pub id: CaseId,
    /// The case number as staff read it out (its id's last 8 characters).
    pub number: String,
    /// The applicant, masked (`王*英`).
    pub applicant: String,
    /// The requested items' Chinese names, the main one first.
    pub items: Vec<String>,
    /// Its state.
    pub state: CaseState,
    /// How it came in.
    pub channel: Channel,
    /// Who referred it, when another township sent it on.
    pub referred_by: Option<String>,
    /// Whether it waits on this desk now.
    pub mine: bool,
    /// Who must act next (Chinese).
    pub pending_on: Vec<String>,
    /// The soonest running clock.
    pub due: Due,
    /// That clock's last day.
    pub due_on: Option<NaiveDate>,
    /// Working days the latest clock is late, when one is.
    pub late: Option<i64>,
    /// Whether a late clock has reached the county (`escalation::EscalationLevel`).
    pub escalated_to_county: bool,
    /// Accepted urgently, or its items allow urgent acceptance and it waits for the check.
    pub urgent: bool,
    /// When it reached the window.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Whether the first-asker (首问负责人) is this account.
    pub first_asker_is_me: bool,
    /// The applicant asked for a review (申请复核) and the window has not answered.
    pub review_pending: bool,
}

/// The desk's inbox at `now`: every open case the device holds, and every case whose review
/// request waits for the window's answer (or, with `all`, also the finished ones), those
/// waiting on the desk first, then by their soonest clock.
pub fn inbox(
    records: &PhoneRecords,
    desk: &Desk,
    catalogue: &Catalogue,
    calendar: &Calendar,
    now: DateTime<Utc>,
    all: bool,
) -> Result<Vec<InboxRow>, String> {
    let today = china_date(now);
    let mut rows = Vec::new();
    for record in &records.cases {
        let case = &record.case;
        let review_pending = case.review_awaits_answer();
        if case.state() == CaseState::Draft || (!all && !case.is_open() && !review_pending) {
            continue;
        }
        let Some(household) = records.household(record.household) else {
            continue;
        };
        if let Some(Party::Department(own)) = &desk.party
            && !case.sub_cases().iter().any(|s| &s.department == own)
        {
            continue;
        }
        let clocks =
            case_clocks(case, catalogue, calendar, &household.place).map_err(|e| e.to_string())?;
        let pending = case.pending_on();
        let mine = desk.party.as_ref().is_some_and(|p| pending.contains(p));
        // A department sees its own items' clocks; the window and the verifiers every clock.
        let deadline = match &desk.party {
            Some(Party::Department(own)) => clocks
                .items
                .iter()
                .filter(|c| c.department.as_ref() == Some(own) && c.decided_on.is_none())
                .map(|c| c.deadline)
                .min_by_key(|d| d.value.due_on().unwrap_or(NaiveDate::MAX)),
            _ => clocks.open_deadlines().into_iter().next(),
        };
        let due = deadline.map_or(Due::Open, |d| due_of(d.value, calendar, today));
        let late_now = late_clocks(case, &clocks, calendar, now);
        let late = late_now.iter().map(|l| l.working_days_late).max();
        let escalated_to_county = late_now
            .iter()
            .any(|l| l.escalate_to == domain::escalation::EscalationLevel::CountySupervisor);
        let mut items: Vec<String> = case
            .requested_items()
            .iter()
            .map(|code| {
                catalogue
                    .item(code)
                    .map_or(code.0.clone(), |i| i.name_zh.clone())
            })
            .collect();
        if let Some(primary) = case.primary_item()
            && let Some(i) = case.requested_items().iter().position(|c| c == primary)
        {
            items[..=i].rotate_right(1);
        }
        let waiting_check = matches!(case.state(), CaseState::Submitted | CaseState::Resubmitted);
        rows.push(InboxRow {
            id: case.id(),
            number: case_number(case.id()),
            applicant: records
                .masked_applicant(record.household)
                .unwrap_or_else(|| "—".to_owned()),
            items,
            state: case.state(),
            channel: case.channel(),
            referred_by: case.referred_by().map(str::to_owned),
            mine,
            pending_on: pending.iter().map(Party::name_zh).collect(),
            due,
            due_on: deadline.and_then(|d| d.value.due_on()),
            late,
            escalated_to_county,
            urgent: case.accepted_urgently()
                || (waiting_check && catalogue.urgent_acceptance_allowed(case.requested_items())),
            submitted_at: case.submitted_at(),
            first_asker_is_me: case.first_asker().is_some_and(|a| a.user == desk.user),
            review_pending,
        });
    }
    rows.sort_by(|a, b| {
        (!a.mine, due_rank(a.due), !a.urgent, a.submitted_at).cmp(&(
            !b.mine,
            due_rank(b.due),
            !b.urgent,
            b.submitted_at,
        ))
    });
    Ok(rows)
}

/// The signed-in account's inbox with the app's catalogue and calendar.
pub fn inbox_for_account(
    records: &PhoneRecords,
    account: &crate::records::Account,
    now: DateTime<Utc>,
    all: bool,
) -> Result<Vec<InboxRow>, String> {
    let desk = Desk::of(account).ok_or_else(|| "此账号没有办理案件的工作台".to_owned())?;
    inbox(
        records,
        &desk,
        crate::components::catalogue::catalogue(),
        &Calendar::builtin(),
        now,
        all,
    )
}

/// The number staff read out, as the printed notices carry it ([`CaseId::number`]).
pub fn case_number(id: CaseId) -> String {
    id.number()
}
