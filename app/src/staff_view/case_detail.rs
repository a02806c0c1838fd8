//! One case in full for its workspace (案件办理): the household, the items with their
//! departments and results, every running clock, the materials the items require beside
//! what was provided, the household's verification authorizations and the history.

use chrono::{DateTime, NaiveDate, Utc};
use domain::authorization::AuthorizationSummary;
use domain::calendar::{Calendar, Deadline};
use domain::catalogue::{Catalogue, MaterialCode};
use domain::clocks::{case_clocks, china_date};
use domain::escalation::late_clocks;
use domain::fieldwork::{MaterialStatus, MaterialsRecord, required_for};
use domain::household::Household;
use domain::sync::CaseRecord;
use domain::workflow::{AmountPeriod, CommandKind, NoticeStatus, Party};

use super::inbox::case_number;
use super::{Desk, due_of};
use crate::helper_view::Due;

/// The workspace's model of one case.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseDetail {
    /// The case number staff read out.
    pub number: String,
    /// The state's Chinese name.
    pub state_zh: &'static str,
    /// The state's English name.
    pub state_en: &'static str,
    /// Who must act next (Chinese).
    pub pending_on: Vec<String>,
    /// Whether it waits on this desk.
    pub mine: bool,
    /// The household's address.
    pub address: String,
    /// The members: name, relation, masked ID number (a staff screen of the township).
    pub members: Vec<(String, &'static str, String)>,
    /// The requested items.
    pub items: Vec<ItemLine>,
    /// The running clocks, soonest first.
    pub clocks: Vec<ClockLine>,
    /// The materials the items require, each with what was provided.
    pub materials: Vec<MaterialLine>,
    /// Materials outstanding (required and not provided, or outstanding after urgent
    /// acceptance): what the one notice would list.
    pub outstanding: Vec<MaterialCode>,
    /// The household's authorizations: last day, usable today, withdrawn.
    pub authorizations: Vec<(NaiveDate, bool, bool)>,
    /// What happened, oldest first.
    pub history: Vec<HistoryLine>,
    /// The commands the desk may give now.
    pub actions: Vec<CommandKind>,
    /// The first-asker (首问负责人): "you", or the role of whoever it is.
    pub first_asker: Option<String>,
    /// Who referred a case another township sent on (外镇转来).
    pub referred_by: Option<String>,
}

/// One requested item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemLine {
    /// Its code.
    pub code: String,
    /// Its Chinese name.
    pub name: String,
    /// The deciding department's name, once routed.
    pub department: Option<String>,
    /// Whether that department leads (牵头).
    pub lead: bool,
    /// The result in words, once decided.
    pub result: Option<String>,
    /// Whether the applicant was told this item's result.
    pub told: bool,
    /// The public notice, in words, when one is due, running or over.
    pub notice: Option<String>,
    /// Returned by its department and waiting to be routed again.
    pub returned: bool,
}

/// One running clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockLine {
    /// What it limits (Chinese).
    pub label: String,
    /// Time left.
    pub due: Due,
    /// Its last day.
    pub due_on: Option<NaiveDate>,
    /// Counted with an estimated holiday calendar.
    pub provisional: bool,
}

/// One required material.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaterialLine {
    /// Its code.
    pub code: MaterialCode,
    /// Its Chinese name, with the member's name where per member.
    pub name: String,
    /// What was provided.
    pub provided: MaterialProvided,
}

/// What was provided of one material.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MaterialProvided {
    /// Photographed: the photos' SHA-256, in page order.
    Photos(Vec<String>),
    /// Signed on the screen.
    Signed(String),
    /// Covered by the household's authorization.
    Authorized,
    /// Not provided.
    Missing,
}

/// One line of the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    /// When (Beijing date and time).
    pub at: String,
    /// The role of who acted (Chinese).
    pub by: &'static str,
    /// What happened (the command's Chinese name).
    pub what: &'static str,
    /// The written reason, when there is one.
    pub reason: Option<String>,
}

/// The workspace's model of `record` for `desk` at `now`.
#[allow(clippy::too_many_arguments)]
pub fn case_detail(
    record: &CaseRecord,
    household: &Household,
    materials: Option<&MaterialsRecord>,
    authorizations: &[AuthorizationSummary],
    desk: &Desk,
    catalogue: &Catalogue,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> Result<CaseDetail, String> {
    let case = &record.case;
    let today = china_date(now);
    let item_name = |code: &domain::catalogue::AidItemCode| {
        catalogue
            .item(code)
            .map_or(code.0.clone(), |i| i.name_zh.clone())
    };
    let department_name = |code: &domain::department::DepartmentCode| {
        catalogue
            .department(code)
            .map_or(code.as_str().to_owned(), |d| d.name_zh.clone())
    };
    let clocks =
        case_clocks(case, catalogue, calendar, &household.place).map_err(|e| e.to_string())?;
    let mut clock_lines = Vec::new();
    let mut clock = |label: String, deadline: Deadline, provisional: bool| {
        clock_lines.push(ClockLine {
            label,
            due: due_of(deadline, calendar, today),
            due_on: deadline.due_on(),
            provisional,
        });
    };
    if let Some(r) = clocks.route {
        clock(
            "分办（受理后1个工作日内）".to_owned(),
            Deadline::Due { on: r.value },
            r.provisional,
        );
    }
    for c in &clocks.items {
        let name = item_name(&c.item);
        if let Some(r) = c.reroute_by {
            clock(
                format!("{name}：重新分办"),
                Deadline::Due { on: r.value },
                r.provisional,
            );
        } else if c.decided_on.is_none() {
            let who = c
                .department
                .as_ref()
                .map(&department_name)
                .unwrap_or_default();
            clock(
                format!("{name}：{who}审批"),
                c.deadline.value,
                c.deadline.provisional,
            );
        }
        if let Some(t) = c.tell_by {
            clock(
                format!("{name}：告知结果"),
                Deadline::Due { on: t.value },
                t.provisional,
            );
        }
    }
    if let Some(n) = clocks.notify {
        clock(
            "反馈办理结果".to_owned(),
            Deadline::Due { on: n.value },
            n.provisional,
        );
    }
    clock_lines.sort_by_key(|c| super::due_rank(c.due));
    for late in late_clocks(case, &clocks, calendar, now) {
        if let Some(line) = clock_lines
            .iter_mut()
            .find(|l| l.due_on == Some(late.due_on))
        {
            line.label = format!("{}（逾期，已报{}）", line.label, late.escalate_to.name_zh());
        }
    }

    let items = case
        .requested_items()
        .iter()
        .map(|code| {
            let progress = case.item(code);
            let lead = progress.is_some_and(|p| case.lead() == Some(&p.department));
            ItemLine {
                code: code.0.clone(),
                name: item_name(code),
                department: progress.map(|p| department_name(&p.department)),
                lead,
                result: progress
                    .and_then(|p| p.decision.as_ref())
                    .map(|d| match d.approved {
                        Some(a) => format!(
                            "批准：{}元{}",
                            yuan(a.fen),
                            match a.period {
                                AmountPeriod::Monthly => "/月",
                                AmountPeriod::OneOff => "（一次性）",
                            }
                        ),
                        None => format!("不予批准：{}", d.reason.clone().unwrap_or_default()),
                    }),
                told: progress.is_some_and(|p| p.told_at.is_some()),
                notice: progress.and_then(|p| match p.notice {
                    NoticeStatus::Due => Some("待公示".to_owned()),
                    NoticeStatus::Posted { .. } => Some(match p.notice_open_until() {
                        Some(until) => format!(
                            "公示中，至{}",
                            domain::calendar::print::md_zh_padded(&until)
                        ),
                        None => "公示中".to_owned(),
                    }),
                    NoticeStatus::Finished { .. } => Some("公示期满".to_owned()),
                    _ => None,
                }),
                returned: progress.is_some_and(|p| p.awaiting_reroute()),
            }
        })
        .collect();

    let required = required_for(catalogue, case.requested_items(), household, today);
    let member_name = |id: domain::ids::MemberId| {
        household
            .members
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.name.expose().to_owned())
    };
    let material_lines = required
        .iter()
        .map(|r| {
            let base = catalogue
                .material(&r.material)
                .map_or(r.material.0.clone(), |m| m.name_zh.clone());
            let name = match r.member.and_then(member_name) {
                Some(who) => format!("{base}（{who}）"),
                None => base,
            };
            let entry = materials.and_then(|m| {
                m.entries
                    .iter()
                    .find(|e| e.material == r.material && e.member == r.member)
            });
            let provided = match entry.map(|e| &e.status) {
                Some(MaterialStatus::Photographed { photos }) => {
                    MaterialProvided::Photos(photos.iter().map(|p| p.as_str().to_owned()).collect())
                }
                Some(MaterialStatus::Signed { signature }) => {
                    MaterialProvided::Signed(signature.as_str().to_owned())
                }
                Some(MaterialStatus::Authorized { .. }) => MaterialProvided::Authorized,
                Some(MaterialStatus::Missing) | None => MaterialProvided::Missing,
            };
            MaterialLine {
                code: r.material.clone(),
                name,
                provided,
            }
        })
        .collect::<Vec<_>>();
    let mut outstanding: Vec<MaterialCode> = match materials {
        Some(m) => m.outstanding(&required),
        None => Vec::new(),
    };
    for m in case.outstanding_materials() {
        if !outstanding.contains(m) {
            outstanding.push(m.clone());
        }
    }

    let pending = case.pending_on();
    let mine = desk.party.as_ref().is_some_and(|p| pending.contains(p));
    let actions = case
        .allowed_commands_for(&domain::workflow::Actor {
            user: desk.user,
            role: desk.role,
        })
        .into_iter()
        .filter(|k| match (&desk.party, k) {
            // An officer returns, extends and decides only their own department's items.
            (
                Some(Party::Department(own)),
                CommandKind::Decide | CommandKind::ExtendDeadline | CommandKind::ReturnItem,
            ) => case
                .items()
                .iter()
                .any(|p| &p.department == own && p.decision.is_none() && !p.awaiting_reroute()),
            _ => true,
        })
        .filter(|k| !matches!(k, CommandKind::FileObjection | CommandKind::Archive))
        .collect();
    let beijing = chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset");
    let history = record
        .events
        .iter()
        .map(|e| HistoryLine {
            at: domain::calendar::print::ymd_hm(&e.at.with_timezone(&beijing)),
            by: e.by.role.name_zh(),
            what: e.body.kind().name_zh(),
            reason: e.reason.clone(),
        })
        .collect();
    Ok(CaseDetail {
        number: case_number(case.id()),
        state_zh: case.state().name_zh(),
        state_en: case.state().name_en(),
        pending_on: pending.iter().map(Party::name_zh).collect(),
        mine,
        address: household.address.clone(),
        members: household
            .members
            .iter()
            .map(|m| {
                (
                    m.name.expose().to_owned(),
                    m.relation.name_zh(),
                    m.id_number.masked(),
                )
            })
            .collect(),
        items,
        clocks: clock_lines,
        materials: material_lines,
        outstanding,
        authorizations: authorizations
            .iter()
            .filter(|a| a.household == household.id && a.addendum_to.is_none())
            .map(|a| {
                (
                    a.valid_until,
                    a.countersigned && !a.revoked && a.valid_until >= today,
                    a.revoked,
                )
            })
            .collect(),
        history,
        actions,
        first_asker: case.first_asker().map(|a| {
            if a.user == desk.user {
                "本人".to_owned()
            } else {
                a.role.name_zh().to_owned()
            }
        }),
        referred_by: case.referred_by().map(str::to_owned),
    })
}

/// Fen as yuan: `58000` → `580`, `150050` → `1500.50` (the domain's, as the texts say it).
pub use domain::household::yuan;
