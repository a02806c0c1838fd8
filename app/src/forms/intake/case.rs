//! The case an intake opens, decided on the phone with the same workflow rules the server
//! uses: created as entrusted, its items set, and submitted to the window when the resident
//! has signed. The phone shows these states until the server's own arrive.

use chrono::{DateTime, Utc};
use domain::catalogue::AidItemCode;
use domain::ids::{CaseId, HouseholdId};
use domain::sync::CaseRecord;
use domain::workflow::{self, Case, Channel, Command};

/// One command with the version it was decided against and the case after it.
#[derive(Debug, Clone)]
pub struct PlannedCommand {
    /// The case's version before the command.
    pub base_version: i64,
    /// The command.
    pub command: Command,
    /// Its written reason.
    pub reason: Option<String>,
    /// The case after it.
    pub after: CaseRecord,
}

/// What the intake does to its case.
#[derive(Debug, Clone)]
pub struct CasePlan {
    /// The draft as created (for a new case).
    pub created: Option<CaseRecord>,
    /// The commands after it, in order.
    pub commands: Vec<PlannedCommand>,
}

impl CasePlan {
    /// The case as it ends up.
    pub fn last(&self) -> Option<&CaseRecord> {
        self.commands
            .last()
            .map(|c| &c.after)
            .or(self.created.as_ref())
    }
}

/// How a new case comes in, with its id and household.
#[derive(Debug, Clone)]
pub struct NewCase {
    /// The case's id.
    pub id: CaseId,
    /// Its household.
    pub household: HouseholdId,
    /// Entrusted (an intake), at the window (in person, by telephone, referred by another
    /// township) or proactive discovery (an urgent hardship report).
    pub channel: Channel,
    /// Who referred a [`Channel::Referral`] case.
    pub referred_by: Option<String>,
}

/// Opens (when `existing` is `None`) or continues the draft `new.id` for `new.household`,
/// sets its items and, with `submit`, sends it to the window with the application's `reason`.
#[allow(clippy::too_many_arguments)]
pub fn plan_case(
    existing: Option<CaseRecord>,
    new: NewCase,
    items: &[AidItemCode],
    primary: Option<&AidItemCode>,
    reason: &str,
    submit: bool,
    by: &workflow::Actor,
    at: DateTime<Utc>,
) -> Result<CasePlan, String> {
    let (created, mut record) = match existing {
        Some(record) => (None, record),
        None => {
            let event = match &new.referred_by {
                Some(from) => Case::create_referred(new.id, from, None, by, at),
                None => Case::create(new.id, new.channel, None, by, at),
            }
            .map_err(|e| e.message_zh())?;
            let case = Case::from_created(&event).map_err(|e| e.message_zh())?;
            let record = CaseRecord {
                household: new.household,
                case,
                events: vec![event],
            };
            (Some(record.clone()), record)
        }
    };
    let changed = record.case.requested_items() != items || record.case.primary_item() != primary;
    let mut commands = Vec::new();
    let mut run = |command: Command, reason: Option<&str>| -> Result<(), String> {
        let base_version = record.case.version();
        let events = record
            .case
            .decide(&command, by, at, reason)
            .map_err(|e| e.message_zh())?;
        for e in &events {
            record.case.apply(e);
        }
        record.events.extend(events);
        commands.push(PlannedCommand {
            base_version,
            command,
            reason: reason.map(str::to_owned),
            after: record.clone(),
        });
        Ok(())
    };
    let edit = Command::EditDraft {
        items: items.to_vec(),
        primary: primary.cloned(),
    };
    if changed {
        run(edit, None)?;
    }
    if submit {
        let reason = reason.trim();
        run(Command::Submit, (!reason.is_empty()).then_some(reason))?;
    }
    Ok(CasePlan { created, commands })
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::ids::UserId;
    use domain::role::Role;
    use domain::workflow::CaseState;
    use uuid::Uuid;

    fn helper() -> workflow::Actor {
        workflow::Actor {
            user: UserId(Uuid::from_u128(3)),
            role: Role::Helper,
        }
    }

    fn entrusted() -> NewCase {
        NewCase {
            id: CaseId(Uuid::from_u128(7)),
            household: HouseholdId(Uuid::from_u128(9)),
            channel: Channel::Entrusted,
            referred_by: None,
        }
    }

    fn at() -> DateTime<Utc> {
        DateTime::from_timestamp(1_796_200_000, 0).unwrap()
    }

    #[test]
    fn a_new_intake_is_created_edited_and_submitted_with_its_reason() {
        let items = [AidItemCode("dibao".to_owned())];
        let plan = plan_case(
            None,
            entrusted(),
            &items,
            Some(&items[0]),
            "老伴去世，无固定收入",
            true,
            &helper(),
            at(),
        )
        .unwrap();
        assert!(plan.created.is_some());
        assert_eq!(plan.commands.len(), 2);
        assert_eq!(plan.commands[0].base_version, 1);
        let last = plan.last().unwrap();
        assert_eq!(last.case.state(), CaseState::Submitted);
        assert_eq!(last.case.channel(), Channel::Entrusted);
        assert_eq!(last.events.len() as i64, last.case.version());
        assert_eq!(
            plan.commands[1].reason.as_deref(),
            Some("老伴去世，无固定收入")
        );
    }

    #[test]
    fn a_draft_kept_for_a_signature_is_only_edited_and_unchanged_items_send_nothing() {
        let items = [AidItemCode("temporary".to_owned())];
        let plan = plan_case(
            None,
            entrusted(),
            &items,
            Some(&items[0]),
            "",
            false,
            &helper(),
            at(),
        )
        .unwrap();
        let draft = plan.last().unwrap().clone();
        assert_eq!(draft.case.state(), CaseState::Draft);
        let again = plan_case(
            Some(draft.clone()),
            entrusted(),
            &items,
            Some(&items[0]),
            "",
            false,
            &helper(),
            at(),
        )
        .unwrap();
        assert!(again.created.is_none() && again.commands.is_empty());
        // Submitting it later is one command on the stored draft.
        let later = plan_case(
            Some(draft.clone()),
            entrusted(),
            &items,
            Some(&items[0]),
            "突发疾病",
            true,
            &helper(),
            at(),
        )
        .unwrap();
        assert_eq!(later.commands.len(), 1);
        assert_eq!(later.commands[0].base_version, draft.case.version());
    }

    #[test]
    fn a_refusal_of_the_rules_comes_back_as_its_message() {
        let err = plan_case(None, entrusted(), &[], None, "", true, &helper(), at()).unwrap_err();
        assert!(!err.is_empty());
    }
}
