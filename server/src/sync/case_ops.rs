//! Case operations: opening a draft, and workflow commands decided by the same `domain`
//! rules the phone used. A command that no longer fits because somebody else moved the case
//! on is a conflict, not a silent failure.

use super::batch::Batch;
use super::field_ops::decode_body;
use super::store::{self, Stored};
use super::{Ctx, OpError, case_materials, field_materials};
use domain::catalogue::Catalogue;
use domain::household::Household;
use domain::ids::{CaseId, HouseholdId, UserId};
use domain::jurisdiction::{Actor, PlaceCode, RecordScope, can_act, can_see};
use domain::rights::Action;
use domain::role::Role;
use domain::routing::{HardshipFacts, route};
pub use domain::sync::CaseRecord;
use domain::sync::{RecordKind, RejectCode};
use domain::workflow::CommandKind;
use domain::workflow::{self, Case, Channel, Command, Event, WorkflowError};
use sqlx::AnyConnection;

/// Opens a draft case for a household the actor may act on. Answers the version.
pub async fn create(
    cx: Ctx<'_>,
    id: CaseId,
    household: HouseholdId,
    channel: Channel,
    applicant: Option<UserId>,
    referred_by: Option<&str>,
) -> Result<i64, OpError> {
    let Ctx {
        conn,
        batch,
        actor,
        at,
        ..
    } = cx;
    // A resident opens a case only of their own household, as its applicant, online: the
    // household is then theirs ("own") for the rights table.
    let resident = actor.role == Role::Resident;
    let home = if resident {
        let found = super::resident_self::own_household(conn, batch, actor, household.0).await;
        let member = found.is_ok();
        domain::rights::resident_may_open(actor.user, member, applicant, channel).map_err(|e| {
            match e {
                domain::rights::OnlineApplicationError::NotTheirHousehold => OpError::not_found(),
                other => OpError::invalid(other.message_zh()),
            }
        })?;
        found?.0
    } else {
        batch
            .load(conn, RecordKind::Household, household.0)
            .await?
            .filter(|h| can_act(actor, &h.scope))
            .ok_or_else(OpError::not_found)?
    };
    let create = Action::Case(CommandKind::Create);
    super::rights::check(conn, batch, actor, create, &home.scope, Some(id)).await?;
    if batch.load(conn, RecordKind::Case, id.0).await?.is_some() {
        return Err(OpError::invalid("该案件编号已被使用"));
    }
    let by = workflow_actor(actor);
    let event = match (channel, referred_by) {
        (Channel::Referral, Some(from)) => Case::create_referred(id, from, applicant, &by, at),
        (_, None) => Case::create(id, channel, applicant, &by, at),
        (_, Some(_)) => {
            return Err(OpError::invalid("只有外镇转来的申请才写转来单位"));
        }
    }
    .map_err(|e| match e {
        WorkflowError::ReferrerRequired => OpError::invalid(e.message_zh()),
        e => OpError::Rejected(RejectCode::Forbidden, e.message_zh()),
    })?;
    let case = Case::from_created(&event).map_err(|e| OpError::invalid(e.message_zh()))?;
    if let Some(applicant) = case.applicant().filter(|_| !resident) {
        let household: Household = decode_body(&home)?;
        applicant_of_household(&mut *conn, applicant, &household).await?;
    }
    let record = CaseRecord {
        household,
        case,
        events: vec![event.clone()],
    };
    Ok(save(
        batch,
        actor,
        id,
        None,
        record,
        Vec::new(),
        &home.scope,
    ))
}

/// Refuses naming `applicant` on a case of `household` unless their account is a resident's
/// whose phone is a member's of the household: the applicant sees and acts on the case, so
/// naming an account is giving it the household's application. A guardian or family member
/// acting for another member is named by their own membership; anybody else (another
/// household's resident, staff, an unknown id) gets the same answer.
async fn applicant_of_household(
    conn: &mut AnyConnection,
    applicant: UserId,
    household: &Household,
) -> Result<(), OpError> {
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT role, phone FROM users WHERE id = $1")
            .bind(applicant.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    let member = row.is_some_and(|(role, phone)| {
        role == Role::Resident.code()
            && phone.is_some_and(|phone| {
                household
                    .members
                    .iter()
                    .any(|m| m.phone.as_ref().is_some_and(|p| p.expose() == phone))
            })
    });
    if member {
        Ok(())
    } else {
        Err(OpError::invalid(
            "申请人账号须为本家庭成员的居民账号（以成员登记的手机号对应），请核对家庭成员的手机号，或不填申请人账号",
        ))
    }
}

/// Decides `command` on the case and stores the events. Answers the new version.
pub async fn command(
    cx: Ctx<'_>,
    id: CaseId,
    base_version: i64,
    command: &Command,
    reason: Option<&str>,
) -> Result<i64, OpError> {
    let Ctx {
        conn,
        batch,
        catalogue,
        actor,
        at,
        now,
        ..
    } = cx;
    let stored = batch
        .load(conn, RecordKind::Case, id.0)
        .await?
        .filter(|c| can_see(actor, &c.scope))
        .ok_or_else(OpError::not_found)?;
    if !can_act(actor, &stored.scope) {
        return Err(OpError::Rejected(
            RejectCode::Forbidden,
            "您只能查看此案件".to_owned(),
        ));
    }
    let action = Action::Case(command.kind());
    super::rights::check(conn, batch, actor, action, &stored.scope, Some(id)).await?;
    let record: CaseRecord = serde_json::from_value(stored.body.clone())
        .map_err(|e| OpError::Db(sqlx::Error::Decode(Box::new(e))))?;
    let home_scope = batch
        .load(conn, RecordKind::Household, record.household.0)
        .await?
        .map(|h| h.scope)
        .unwrap_or_else(|| stored.scope.clone());
    let hardship = if matches!(command, Command::Route(_)) {
        case_materials::hardship_of(conn, batch, &record, home_scope.place.as_str()).await?
    } else {
        HardshipFacts::default()
    };
    let facts = ServerFacts {
        place: &home_scope.place,
        hardship,
    };
    let command = with_server_facts(command, actor, catalogue, &record.case, facts)?;
    let command =
        case_materials::with_checklist(conn, batch, catalogue, &record, command, now).await?;
    let events = record
        .case
        .decide(&command, &workflow_actor(actor), at, reason)
        .map_err(|e| OpError::of_workflow(e, base_version, stored.version, id))?;
    if matches!(command, Command::Submit) {
        case_materials::check_entrustments_signed(conn, batch, id, home_scope.place.as_str())
            .await?;
    }
    if let Some(entry) = case_materials::reuse_audit(actor, id, &command, home_scope.place.as_str())
    {
        batch.audit(entry);
    }
    if let Some(home) = batch
        .load(conn, RecordKind::Household, record.household.0)
        .await?
    {
        let household: Household = decode_body(&home)?;
        for n in
            crate::notify::queue::for_command(conn, &record.case, &events, &household, catalogue)
                .await?
        {
            batch.notify(n);
        }
    }
    let household = record.household;
    let version = save(batch, actor, id, Some(&stored), record, events, &home_scope);
    field_materials::follow_case(conn, batch, id.0, &stored.scope, actor.user.0).await?;
    household_follows_departments(conn, batch, id, household, actor).await?;
    Ok(version)
}

/// Opens the household to the departments its case was routed to: an officer decides with
/// the household's data before them (members, income, property: issue 19 point 6). The
/// household keeps its version (only who may see it changes), and a department stays on it
/// once added: its decision rests on what it saw.
async fn household_follows_departments(
    conn: &mut sqlx::AnyConnection,
    batch: &mut Batch,
    case: CaseId,
    household: HouseholdId,
    actor: &Actor,
) -> Result<(), OpError> {
    let Some(stored_case) = batch.load(conn, RecordKind::Case, case.0).await? else {
        return Ok(());
    };
    let Some(home) = batch.load(conn, RecordKind::Household, household.0).await? else {
        return Ok(());
    };
    let mut scope = home.scope.clone();
    for d in &stored_case.scope.departments {
        if !scope.departments.contains(d) {
            scope.departments.push(d.clone());
        }
    }
    if scope != home.scope {
        scope.departments.sort();
        batch.rescope(
            RecordKind::Household,
            household.0,
            &scope,
            &home,
            actor.user.0,
        );
    }
    Ok(())
}

/// A refused command: never allowed for this user (role, ownership, department) is a refusal;
/// not allowed in the state somebody else moved the case to is a conflict.
/// Replaces facts the phone asserted with what the server knows: a department officer acts
/// for their own department; the routing is the catalogue's unless the window changed it
/// where the catalogue allows (`routing::confirm`); decision facts, whether urgent acceptance is allowed
/// and the extension cap where the household lives come from the catalogue, whatever the
/// phone's cached copy said.
fn with_server_facts(
    command: &Command,
    actor: &Actor,
    catalogue: &Catalogue,
    case: &Case,
    facts: ServerFacts<'_>,
) -> Result<Command, OpError> {
    let ServerFacts { place, hardship } = facts;
    let own = || {
        actor.department.clone().ok_or_else(|| {
            OpError::Rejected(RejectCode::Forbidden, "只有部门经办人可以审批".to_owned())
        })
    };
    Ok(match command.clone() {
        Command::Decide {
            item,
            outcome,
            facts,
            ..
        } => Command::Decide {
            facts: catalogue.decision_facts(&item).unwrap_or(facts),
            item,
            department: own()?,
            outcome,
        },
        Command::ExtendDeadline {
            item, working_days, ..
        } => Command::ExtendDeadline {
            cap_days: catalogue
                .time_limit(&item, place)
                .map(|l| i64::from(l.extension_days)),
            item,
            department: own()?,
            working_days,
        },
        Command::ReturnItem { item, .. } => Command::ReturnItem {
            item,
            department: own()?,
        },
        // A department officer re-routes only to settle a dispute, for their own department.
        Command::Reroute {
            item, department, ..
        } => Command::Reroute {
            item,
            department,
            acting_department: actor.department.clone(),
        },
        // The catalogue's proposal (also for a routing naming no item: "route as proposed"),
        // or the window's change of it where the catalogue allows.
        Command::Route(chosen) => {
            let proposal = route(
                catalogue,
                case.requested_items(),
                case.primary_item(),
                hardship,
            )
            .map_err(|e| OpError::invalid(e.message_zh()))?
            .to_workflow();
            if chosen == proposal || chosen.items.is_empty() {
                Command::Route(proposal)
            } else {
                let routing = domain::routing::confirm(
                    catalogue,
                    case.requested_items(),
                    case.primary_item(),
                    &chosen,
                )
                .map_err(|e| OpError::invalid(e.message_zh(catalogue)))?;
                Command::Route(routing)
            }
        }
        Command::UrgentAccept {
            missing,
            flagged_urgent,
            ..
        } => Command::UrgentAccept {
            missing,
            urgent_allowed: catalogue.urgent_acceptance_allowed(case.requested_items()),
            flagged_urgent,
        },
        other => other,
    })
}

/// What the server knows beside the catalogue: where the household lives (its time limits)
/// and, for routing, the temporary-aid facts of its records.
struct ServerFacts<'a> {
    place: &'a PlaceCode,
    hardship: HardshipFacts,
}

/// Stores the case with its new events (the history's first line too, for a new case).
pub(super) fn save(
    batch: &mut Batch,
    actor: &Actor,
    id: CaseId,
    previous: Option<&Stored>,
    mut record: CaseRecord,
    events: Vec<Event>,
    household_scope: &RecordScope,
) -> i64 {
    if previous.is_none() {
        let first = &record.events[0];
        batch.event(
            id.0,
            1,
            store::encode(first),
            crate::db::time::to_db(first.at),
        );
    }
    for event in &events {
        record.case.apply(event);
        let at = crate::db::time::to_db(event.at);
        batch.event(id.0, record.case.version(), store::encode(event), at);
    }
    record.events.extend(events);
    let scope = scope_of(&record, household_scope);
    let body = serde_json::to_value(&record).expect("case record serializes");
    batch.write(RecordKind::Case, id.0, &scope, body, previous, actor.user.0)
}

/// Who may see a case: the household's jurisdiction and helpers, the applicant, and the
/// departments it was routed to.
pub fn scope_of(record: &CaseRecord, household: &RecordScope) -> RecordScope {
    let mut departments: Vec<_> = record
        .case
        .sub_cases()
        .iter()
        .map(|s| s.department.clone())
        .collect();
    departments.sort();
    departments.dedup();
    RecordScope {
        place: household.place.clone(),
        owner: record.case.applicant(),
        departments,
        helpers: household.helpers.clone(),
    }
}

pub(super) fn workflow_actor(actor: &Actor) -> workflow::Actor {
    workflow::Actor {
        user: actor.user,
        role: actor.role,
    }
}
