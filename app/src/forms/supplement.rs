//! The helper answers the window's one notice (补正告知) on the phone: a photo of each
//! material the notice asks for — the entries `domain::fieldwork::supplement::answer_sheet`
//! names on the checklist completed against what the case requires now (so a material the
//! checklist never listed, say a new adult's ID card, is asked by photo too), the rule the
//! resident's page on the server uses too — kept as a draft on every change.
//! Saving writes the case's checklist with the new photos and, once every asked material has
//! one, resubmits the case (`Resubmit`, decided here with the server's rules), in one outbox
//! transaction; with some still missing the photos taken are kept and the case waits.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use domain::catalogue::RequiredMaterial;
use domain::fieldwork::supplement::{AnswerSheet, Asked, answer_sheet};
use domain::fieldwork::{AttachmentRef, MaterialStatus, MaterialsRecord};
use domain::sync::CaseRecord;
use domain::workflow::{Actor, CaseState, Command};
use serde::{Deserialize, Serialize};

use super::FormError;

/// Where the draft of the answer to case `case`'s notice is kept.
pub fn draft_key(case: &str) -> String {
    format!("draft:supplement:{case}")
}

/// The answer as filled in.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SupplementDraft {
    /// The case's id.
    pub case: String,
    /// The photos taken, by the asked entry's field name ([`Asked::field`]).
    #[serde(default)]
    pub photos: BTreeMap<String, Vec<String>>,
}

/// What the notice open on `record` asks, given its checklist and what the case requires now
/// (`domain::fieldwork::required_for`: its items and household today; empty when the phone
/// lacks the household, and then only the listed entries are asked): the checklist to answer
/// on (completed), the entries a photo answers, and the materials answered only in person.
/// `None` when the case waits for no materials.
pub fn open_notice(
    record: &CaseRecord,
    checklist: &MaterialsRecord,
    required: &[RequiredMaterial],
) -> Option<AnswerSheet> {
    if record.case.state() != CaseState::SupplementRequested {
        return None;
    }
    let pause = record
        .case
        .supplement_pauses()
        .last()
        .filter(|p| p.resubmitted_at.is_none())?;
    Some(answer_sheet(pause, checklist, required))
}

/// What saving writes.
#[derive(Debug, Clone)]
pub struct SupplementPlan {
    /// The checklist with the new photos (completed: an entry for every required material).
    pub checklist: MaterialsRecord,
    /// The resubmission, once every asked material has a new photo: the base version and the
    /// case after it.
    pub resubmit: Option<(i64, CaseRecord)>,
    /// The asked entries still without a new photo.
    pub still: Vec<Asked>,
}

/// The answer `draft` makes to the notice open on `record` (its checklist completed against
/// `required`, as [`open_notice`]), by `by` at `now`; every problem at its field (`form` for the
/// whole answer, an entry's field name for its photo).
pub fn plan(
    draft: &SupplementDraft,
    record: &CaseRecord,
    checklist: &MaterialsRecord,
    required: &[RequiredMaterial],
    by: &Actor,
    now: DateTime<Utc>,
) -> Result<SupplementPlan, Vec<FormError>> {
    let Some(sheet) = open_notice(record, checklist, required) else {
        let message = "这件申请现在不用补交材料".to_owned();
        return Err(vec![FormError::at("form", message)]);
    };
    let asked_now = sheet.asked;
    let mut next = sheet.checklist;
    let mut taken = false;
    let mut errors = Vec::new();
    for a in asked_now.iter().filter(|a| !a.done) {
        let Some(photos) = draft.photos.get(&a.field()).filter(|p| !p.is_empty()) else {
            continue;
        };
        match photos
            .iter()
            .map(|p| AttachmentRef::parse(p))
            .collect::<Result<Vec<_>, _>>()
        {
            Ok(photos) => {
                next.entries[a.entry].status = MaterialStatus::Photographed { photos };
                taken = true;
            }
            Err(_) => errors.push(FormError::at(&a.field(), "照片有误，请重新拍".to_owned())),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if !taken {
        let message = "请至少给一样补正材料拍照".to_owned();
        return Err(vec![FormError::at("form", message)]);
    }
    next.updated_at = now;
    let still: Vec<Asked> = open_notice(record, &next, required)
        .map(|sheet| sheet.asked)
        .unwrap_or_default()
        .into_iter()
        .filter(|a| !a.done)
        .collect();
    let resubmit = if still.is_empty() {
        let mut after = record.clone();
        let events = after
            .case
            .decide(&Command::Resubmit, by, now, None)
            .map_err(|e| vec![FormError::at("form", e.message_zh())])?;
        for e in &events {
            after.case.apply(e);
        }
        after.events.extend(events);
        Some((record.case.version(), after))
    } else {
        None
    };
    Ok(SupplementPlan {
        checklist: next,
        resubmit,
        still,
    })
}

#[cfg(test)]
#[path = "supplement_tests.rs"]
mod tests;
