//! The staff's actions on a case (受理、一次性告知、先行受理、不予受理、核查、分办、审批、
//! 延期、退回、转办、告知、催办、办结): what a form holds while it is filled in, kept as a
//! draft per case so nothing typed is lost, and the command it becomes, decided on the device
//! with the same workflow rules the server applies (a refusal is said at the button, before
//! anything is queued).

use chrono::{DateTime, Utc};
use domain::catalogue::{AidItemCode, Catalogue, MaterialCode, ReferralKind};
use domain::department::DepartmentCode;
use domain::household::Household;
use domain::routing::{HardshipFacts, confirm, route};
use domain::sync::CaseRecord;
use domain::workflow::{
    Actor, AidAmount, AmountPeriod, Command, CommandKind, DecisionOutcome, reason_required,
};
use serde::{Deserialize, Serialize};

pub use super::casework_error::ActionError;
pub use super::casework_inputs::{chosen_routing, parse_yuan};
pub use super::intake::case::PlannedCommand;

/// Where a case's open action form is kept.
pub fn draft_key(case: domain::ids::CaseId) -> String {
    format!("draft:case:{case}")
}

/// One action form as it is being filled in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionDraft {
    /// The action chosen.
    pub kind: Option<CommandKind>,
    /// The written reason (or what was said, or the objection's text).
    #[serde(default)]
    pub reason: String,
    /// The materials ticked for the one notice or urgent acceptance, with the window's note
    /// on each (why it is missing or unusable).
    #[serde(default)]
    pub missing: Vec<(String, String)>,
    /// Not accepted: where to apply instead.
    #[serde(default)]
    pub referral: String,
    /// Not accepted: what kind of referral.
    #[serde(default)]
    pub referral_kind: Option<ReferralKind>,
    /// Urgent acceptance the window judges necessary whatever the items allow.
    #[serde(default)]
    pub flagged_urgent: bool,
    /// The item acted on (decide, extend, return, re-route, tell, chase, public notice).
    #[serde(default)]
    pub item: String,
    /// Decide: deny instead of approve.
    #[serde(default)]
    pub deny: bool,
    /// Decide: the amount in yuan, as typed.
    #[serde(default)]
    pub amount: String,
    /// Decide: paid monthly (else once).
    #[serde(default)]
    pub monthly: bool,
    /// Extend: working days, as typed.
    #[serde(default)]
    pub days: String,
    /// Re-route: the department it goes to.
    #[serde(default)]
    pub department: String,
    /// Resolve an objection: its number, as typed.
    #[serde(default)]
    pub objection: String,
    /// Resolve an objection: founded.
    #[serde(default)]
    pub upheld: bool,
    /// Route: each item's department as the window changed it (empty: as proposed).
    #[serde(default)]
    pub routing: Vec<(String, String)>,
    /// Route: the lead department as the window changed it (empty: as proposed).
    #[serde(default)]
    pub lead: String,
}

/// What an action needs beside the form: the case's household, the account's department,
/// the materials outstanding, the catalogue.
pub struct ActionContext<'a> {
    /// The case's household.
    pub household: &'a Household,
    /// The acting account.
    pub actor: Actor,
    /// A department officer's department.
    pub department: Option<DepartmentCode>,
    /// Materials outstanding as the device sees them.
    pub outstanding: Vec<MaterialCode>,
    /// The catalogue in force.
    pub catalogue: &'a Catalogue,
}

/// The items an action may name, for its item choice: a department's own undecided items to
/// decide, extend or return; returned items to route again; results ready and not told;
/// approvals to post or posted; undecided items to chase.
pub fn item_choices(
    kind: CommandKind,
    case: &domain::workflow::Case,
    department: Option<&DepartmentCode>,
) -> Vec<AidItemCode> {
    use domain::workflow::NoticeStatus;
    let undecided = |p: &&domain::workflow::ItemProgress| p.decision.is_none();
    case.items()
        .iter()
        .filter(|p| match kind {
            CommandKind::Decide | CommandKind::ExtendDeadline | CommandKind::ReturnItem => {
                undecided(p)
                    && !p.awaiting_reroute()
                    && department.is_none_or(|d| &p.department == d)
            }
            CommandKind::Reroute => p.awaiting_reroute(),
            CommandKind::TellResult => p.told_at.is_none() && p.result_ready_at().is_some(),
            CommandKind::StartPublicNotice => p.notice == NoticeStatus::Due,
            CommandKind::EndPublicNotice => matches!(p.notice, NoticeStatus::Posted { .. }),
            CommandKind::Chase => undecided(p),
            _ => false,
        })
        .map(|p| p.item.clone())
        .collect()
}

/// Whether the action names an item.
pub fn names_item(kind: CommandKind) -> bool {
    matches!(
        kind,
        CommandKind::Decide
            | CommandKind::ExtendDeadline
            | CommandKind::ReturnItem
            | CommandKind::Reroute
            | CommandKind::TellResult
            | CommandKind::StartPublicNotice
            | CommandKind::EndPublicNotice
            | CommandKind::Chase
    )
}

/// The command the form makes, with its written reason.
pub fn command_of(
    draft: &ActionDraft,
    record: &CaseRecord,
    cx: &ActionContext<'_>,
) -> Result<(Command, Option<String>), ActionError> {
    let kind = draft.kind.ok_or(ActionError::NoAction)?;
    let item = || -> Result<AidItemCode, ActionError> {
        let code = AidItemCode(draft.item.clone());
        if record.case.requested_items().contains(&code) {
            Ok(code)
        } else {
            Err(ActionError::ItemRequired)
        }
    };
    let own = || cx.department.clone().ok_or(ActionError::DepartmentOnly);
    let ticked = || -> Vec<MaterialCode> {
        draft
            .missing
            .iter()
            .map(|(m, _)| MaterialCode(m.clone()))
            .collect()
    };
    let mut reason = draft.reason.trim().to_owned();
    let command = match kind {
        CommandKind::Accept => Command::Accept {
            missing: cx.outstanding.clone(),
        },
        CommandKind::ConfirmMaterialsComplete => Command::ConfirmMaterialsComplete {
            missing: cx.outstanding.clone(),
        },
        CommandKind::RequestSupplement | CommandKind::UrgentAccept => {
            let mut missing = ticked();
            for m in &cx.outstanding {
                if !missing.contains(m) {
                    missing.push(m.clone());
                }
            }
            if missing.is_empty() {
                return Err(ActionError::MaterialsRequired);
            }
            let urgent_allowed = cx
                .catalogue
                .urgent_acceptance_allowed(record.case.requested_items());
            // The window's own judgement of urgency is written in its own words (首问负责人
            // answers for it): the materials' notes do not stand in for it.
            if kind == CommandKind::UrgentAccept
                && draft.flagged_urgent
                && !urgent_allowed
                && reason.is_empty()
            {
                return Err(ActionError::ReasonRequired(kind));
            }
            // The notice's reasons, one line per material, before the window's own words.
            let notes: Vec<String> = draft
                .missing
                .iter()
                .filter(|(_, note)| !note.trim().is_empty())
                .map(|(m, note)| {
                    let name = cx
                        .catalogue
                        .material(&MaterialCode(m.clone()))
                        .map_or(m.clone(), |x| x.name_zh.clone());
                    format!("{name}：{}", note.trim())
                })
                .collect();
            if !notes.is_empty() {
                let own_words = std::mem::take(&mut reason);
                reason = notes.join("；");
                if !own_words.is_empty() {
                    reason = format!("{reason}。{own_words}");
                }
            }
            if kind == CommandKind::RequestSupplement {
                Command::RequestSupplement {
                    missing,
                    seen: Vec::new(),
                }
            } else {
                Command::UrgentAccept {
                    missing,
                    urgent_allowed,
                    flagged_urgent: draft.flagged_urgent,
                }
            }
        }
        CommandKind::NotAccept => {
            let referral = draft.referral.trim();
            if referral.is_empty() {
                return Err(ActionError::ReferralRequired);
            }
            Command::NotAccept {
                referral: referral.to_owned(),
                kind: draft.referral_kind.unwrap_or_default(),
            }
        }
        CommandKind::EconomicCheck => Command::EconomicCheck {
            adults_without_authorization: Vec::new(),
            authorizations: Vec::new(),
        },
        CommandKind::HomeSurvey => Command::HomeSurvey,
        CommandKind::DemocraticAppraisal => Command::DemocraticAppraisal,
        CommandKind::Route => {
            let routing = route(
                cx.catalogue,
                record.case.requested_items(),
                record.case.primary_item(),
                HardshipFacts::default(),
            )?;
            let proposal = routing.to_workflow();
            let chosen = chosen_routing(draft, &proposal);
            if chosen == proposal {
                Command::Route(proposal)
            } else {
                let routing = confirm(
                    cx.catalogue,
                    record.case.requested_items(),
                    record.case.primary_item(),
                    &chosen,
                )
                .map_err(|e| ActionError::RoutingChoice {
                    zh: e.message_zh(cx.catalogue),
                    en: e.to_string(),
                })?;
                Command::Route(routing)
            }
        }
        CommandKind::Decide => {
            let item = item()?;
            let outcome = if draft.deny {
                DecisionOutcome::Deny
            } else {
                DecisionOutcome::Approve {
                    amount: AidAmount {
                        fen: parse_yuan(&draft.amount)?,
                        period: if draft.monthly {
                            AmountPeriod::Monthly
                        } else {
                            AmountPeriod::OneOff
                        },
                    },
                }
            };
            if draft.deny && reason.is_empty() {
                return Err(ActionError::DenialReason);
            }
            Command::Decide {
                facts: cx.catalogue.decision_facts(&item).unwrap_or_default(),
                item,
                department: own()?,
                outcome,
            }
        }
        CommandKind::ExtendDeadline => {
            let item = item()?;
            let working_days: i64 = draft
                .days
                .trim()
                .parse()
                .map_err(|_| ActionError::DaysRequired)?;
            Command::ExtendDeadline {
                cap_days: cx
                    .catalogue
                    .time_limit(&item, &cx.household.place)
                    .map(|l| i64::from(l.extension_days)),
                item,
                department: own()?,
                working_days,
            }
        }
        CommandKind::ReturnItem => Command::ReturnItem {
            item: item()?,
            department: own()?,
        },
        CommandKind::Reroute => {
            let department = DepartmentCode(draft.department.clone());
            if cx.catalogue.department(&department).is_none() {
                return Err(ActionError::DepartmentRequired);
            }
            Command::Reroute {
                item: item()?,
                department,
                acting_department: cx.department.clone(),
            }
        }
        CommandKind::StartPublicNotice => Command::StartPublicNotice { item: item()? },
        CommandKind::EndPublicNotice => Command::EndPublicNotice { item: item()? },
        CommandKind::ResolveObjection => Command::ResolveObjection {
            objection: draft
                .objection
                .trim()
                .parse()
                .map_err(|_| ActionError::ObjectionRequired)?,
            upheld: draft.upheld,
        },
        CommandKind::TellResult => Command::TellResult { item: item()? },
        CommandKind::NotifyResult => Command::NotifyResult,
        CommandKind::Chase => Command::Chase {
            item: (!draft.item.is_empty()).then(|| AidItemCode(draft.item.clone())),
        },
        CommandKind::Close => Command::Close,
        CommandKind::Supervise => Command::Supervise,
        CommandKind::ApproveRouting => Command::ApproveRouting,
        CommandKind::ReturnForRevision => Command::ReturnForRevision,
        CommandKind::RequestApproval => Command::RequestApproval,
        CommandKind::AnswerReview => Command::AnswerReview,
        other => return Err(ActionError::NotHere(other)),
    };
    if reason_required(kind) && reason.is_empty() {
        return Err(ActionError::ReasonRequired(kind));
    }
    Ok((command, (!reason.is_empty()).then_some(reason)))
}

/// The form's command decided on the device against `record` at `at`: the case after it, or
/// the rules' refusal in Chinese.
pub fn plan_action(
    draft: &ActionDraft,
    record: &CaseRecord,
    cx: &ActionContext<'_>,
    at: DateTime<Utc>,
) -> Result<PlannedCommand, ActionError> {
    let (command, reason) = command_of(draft, record, cx)?;
    let base_version = record.case.version();
    let events = record
        .case
        .decide(&command, &cx.actor, at, reason.as_deref())?;
    let mut after = record.clone();
    for e in &events {
        after.case.apply(e);
    }
    after.events.extend(events);
    Ok(PlannedCommand {
        base_version,
        command,
        reason,
        after,
    })
}

#[cfg(test)]
#[path = "casework_tests.rs"]
mod tests;
