//! What the phone saves for an intake, in the order the server must apply it: the household
//! (created when new, else the fields the helper changed), the case and its items, the
//! entrustment linking the case, the authorization package signed now (before the checklist
//! naming it), the materials checklist with its photos, and last the submission to the
//! window.

use chrono::{DateTime, Utc};
use domain::authorization::{AuthorizationRecord, IdentityCheck};
use domain::catalogue::MaterialCode;
use domain::fieldwork::{AttachmentRef, MaterialEntry, MaterialStatus, MaterialsRecord};
use domain::household::Household;
use domain::ids::{AuthorizationId, MemberId, UserId};
use domain::sync::RecordKind;
use domain::workflow::Command;
use uuid::Uuid;

use super::IntakePlan;
use super::materials::MaterialDraft;
use crate::forms::household_edit;
use crate::phone::Changes;

/// The checklist record of the plan's case.
pub fn materials_record(
    plan: &IntakePlan,
    helper: UserId,
    now: DateTime<Utc>,
) -> Option<MaterialsRecord> {
    let case = plan.case.last()?.case.id();
    Some(MaterialsRecord {
        id: case,
        household: plan.household.id,
        collected_by: helper,
        updated_at: now,
        entries: plan.materials.iter().filter_map(entry).collect(),
    })
}

fn entry(line: &MaterialDraft) -> Option<MaterialEntry> {
    let member = match line.member.as_str() {
        "" => None,
        id => Some(MemberId(Uuid::parse_str(id).ok()?)),
    };
    let hashes = |list: &[String]| -> Option<Vec<AttachmentRef>> {
        list.iter().map(|s| AttachmentRef::parse(s).ok()).collect()
    };
    let status = if line.missing {
        MaterialStatus::Missing
    } else if let Some(a) = &line.authorization {
        MaterialStatus::Authorized {
            authorization: AuthorizationId(Uuid::parse_str(a).ok()?),
        }
    } else if let Some(s) = &line.signature {
        MaterialStatus::Signed {
            signature: AttachmentRef::parse(s).ok()?,
        }
    } else {
        MaterialStatus::Photographed {
            photos: hashes(&line.photos)?,
        }
    };
    Some(MaterialEntry {
        material: MaterialCode(line.material.clone()),
        member,
        status,
    })
}

/// The signature images and ID-card photos of an authorization package, each once.
pub fn authorization_attachments(a: &AuthorizationRecord) -> Vec<AttachmentRef> {
    let mut all: Vec<AttachmentRef> = Vec::new();
    for s in &a.signatures {
        let photo = match &s.identity {
            IdentityCheck::InPerson { id_card_photo, .. } => id_card_photo.as_ref(),
            IdentityCheck::OneTimeCode { .. } => None,
        };
        for sha in std::iter::once(s.mark.image()).chain(photo) {
            if !all.contains(sha) {
                all.push(sha.clone());
            }
        }
    }
    all
}

/// The changes of `plan`. `registered` is the phone's copy of the household with the
/// server's version, when the phone holds it: only what the helper changed in it goes.
pub fn intake_changes(
    plan: &IntakePlan,
    registered: Option<(&Household, Option<i64>)>,
    helper: UserId,
    now: DateTime<Utc>,
) -> Changes {
    let mut changes = Changes::new();
    match registered {
        Some((before, version)) => {
            let edited = household_edit::changes(before, &plan.household);
            if !edited.is_empty() {
                changes.edit_household(&plan.household, version.unwrap_or(0), &edited);
            }
        }
        None if plan.create_household => changes.create_household(&plan.household),
        None => {}
    }
    if let Some(created) = &plan.case.created {
        changes.create_case(created, created.case.channel(), None);
    }
    let (submit, edits): (Vec<_>, Vec<_>) = plan
        .case
        .commands
        .iter()
        .partition(|c| c.command == Command::Submit);
    for c in &edits {
        changes.case_command(&c.after, c.base_version, &c.command, c.reason.as_deref());
    }
    if let Some(e) = &plan.entrustment {
        changes.save_record(RecordKind::Entrustment, e.id.0, e);
        if let Some(signature) = &e.signature {
            changes.attach(RecordKind::Entrustment, e.id.0, signature.as_str());
        }
    }
    // The authorization before the checklist: the server checks the checklist's
    // `Authorized` entries against it. Its images and ID-card photos go like photos.
    if let Some(a) = &plan.authorization {
        changes.save_record(RecordKind::Authorization, a.id.0, a);
        for sha in authorization_attachments(a) {
            changes.attach(RecordKind::Authorization, a.id.0, sha.as_str());
        }
    }
    if let Some(record) = materials_record(plan, helper, now) {
        changes.save_record(RecordKind::Materials, record.id.0, &record);
        for sha in record.attachments() {
            changes.attach(RecordKind::Materials, record.id.0, sha.as_str());
        }
    }
    for c in &submit {
        changes.case_command(&c.after, c.base_version, &c.command, c.reason.as_deref());
    }
    changes
}
