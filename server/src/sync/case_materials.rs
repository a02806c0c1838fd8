//! What the case's materials checklist and entrustments say about a workflow command, in
//! place of what the phone asserted (like the catalogue facts in `case_ops`):
//!
//! * the window's material decisions (accept, the one notice, urgent acceptance, confirming
//!   the materials complete) use the materials outstanding on the checklist — the phone may
//!   name more (a photo the clerk cannot read), never fewer;
//! * the economic check waits for every adult of the household (today, Beijing) that no
//!   usable authorization covers (countersigned, unrevoked, in its period: 一次授权、全网通用),
//!   whatever the checklist says, and names the authorizations it used;
//! * a case entrusted remotely (by phone, online) is not submitted before the resident has
//!   signed the entrustment (seed 000: the intake is their request only once they sign).
//!
//! Without a checklist the phone's lists stand, as before checklists existed.

use chrono::{DateTime, Utc};
use domain::authorization::{adults_not_covered, usable};
use domain::catalogue::{Catalogue, MaterialCode};
use domain::clocks::china_date;
use domain::fieldwork::{HardshipReport, MaterialsRecord, required_for};
use domain::ids::{CaseId, MemberId};
use domain::routing::{HardshipFacts, hardship_facts};
use domain::sync::RecordKind;
use domain::workflow::Command;
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use super::batch::Batch;
use super::case_ops::CaseRecord;
use super::field_materials::household_of;
use super::field_ops::decode_body;
use super::{OpError, field_authorization};

/// Whether `command` reads the checklist (so a push prefetches it).
pub(super) fn reads_checklist(command: &Command) -> bool {
    matches!(
        command,
        Command::Accept { .. }
            | Command::RequestSupplement { .. }
            | Command::UrgentAccept { .. }
            | Command::ConfirmMaterialsComplete { .. }
            | Command::EconomicCheck { .. }
    )
}

/// `command` with the checklist's facts merged in.
pub(super) async fn with_checklist(
    conn: &mut AnyConnection,
    batch: &mut Batch,
    catalogue: &Catalogue,
    record: &CaseRecord,
    command: Command,
    now: DateTime<Utc>,
) -> Result<Command, OpError> {
    if !reads_checklist(&command) {
        return Ok(command);
    }
    if let Command::EconomicCheck {
        adults_without_authorization,
        ..
    } = command
    {
        let household = household_of(conn, batch, record).await?;
        let records = field_authorization::of_household(conn, batch, household.id).await?;
        let today = china_date(now);
        return Ok(Command::EconomicCheck {
            adults_without_authorization: union::<MemberId>(
                adults_without_authorization,
                adults_not_covered(&household, &records, today),
            ),
            authorizations: usable(&household, &records, today).map(|r| r.id).collect(),
        });
    }
    let id = record.case.id().0;
    let Some(stored) = batch.load(conn, RecordKind::Materials, id).await? else {
        return Ok(command);
    };
    let checklist: MaterialsRecord = decode_body(&stored)?;
    let household = household_of(conn, batch, record).await?;
    let today = china_date(now);
    let required = required_for(catalogue, record.case.requested_items(), &household, today);
    let outstanding = |phone: Vec<MaterialCode>| union(phone, checklist.outstanding(&required));
    Ok(match command {
        Command::Accept { missing } => Command::Accept {
            missing: outstanding(missing),
        },
        // The window's view of every provided material comes from the checklist itself, so
        // the one-notice rule compares what really changed (一次性告知).
        Command::RequestSupplement { missing, .. } => Command::RequestSupplement {
            missing: outstanding(missing),
            seen: checklist.seen_materials(),
        },
        Command::UrgentAccept {
            missing,
            urgent_allowed,
            flagged_urgent,
        } => Command::UrgentAccept {
            missing: outstanding(missing),
            urgent_allowed,
            flagged_urgent,
        },
        Command::ConfirmMaterialsComplete { missing } => Command::ConfirmMaterialsComplete {
            missing: outstanding(missing),
        },
        other => other,
    })
}

/// Refuses submitting `case` while an entrustment that lists it still waits for the
/// resident's signature. Entrustments lie where the case's household lay when they were
/// saved: looked up there and among those written earlier in the batch.
pub(super) async fn check_entrustments_signed(
    conn: &mut AnyConnection,
    batch: &mut Batch,
    case: CaseId,
    place: &str,
) -> Result<(), OpError> {
    for entrustment in super::entrustments::naming(conn, batch, case, Some(place)).await? {
        if entrustment.needs_signature() {
            return Err(OpError::invalid(
                "该申请的委托是电话或网络委托，委托人尚未签名，请先请委托人在屏幕上签名再提交",
            ));
        }
    }
    Ok(())
}

/// The temporary-aid facts of the case from its records (`domain::routing::hardship_facts`):
/// its household and the hardship reports on the household or the case in its place, so the
/// routing tells the window when to help the applicant apply for temporary aid (乌海 二(二)五).
pub(super) async fn hardship_of(
    conn: &mut AnyConnection,
    batch: &mut Batch,
    record: &CaseRecord,
    place: &str,
) -> Result<HardshipFacts, OpError> {
    let household = household_of(conn, batch, record).await.ok();
    let rows = sqlx::query(
        "SELECT id FROM records WHERE place_code LIKE $1 AND kind = $2 AND (body LIKE $3 OR body LIKE $4)",
    )
    .bind(format!("{}%", place.get(..9).unwrap_or(place)))
    .bind(RecordKind::Hardship.code())
    .bind(format!("%{}%", record.household.0))
    .bind(format!("%{}%", record.case.id().0))
    .fetch_all(&mut *conn)
    .await?;
    let mut reports: Vec<HardshipReport> = Vec::with_capacity(rows.len());
    for row in rows {
        let id: String = row.try_get(0)?;
        let id = Uuid::parse_str(&id).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        if let Some(stored) = batch.load(conn, RecordKind::Hardship, id).await? {
            reports.push(decode_body(&stored)?);
        }
    }
    Ok(hardship_facts(&record.case, household.as_ref(), &reports))
}

/// `a` and `b` together, sorted, each once.
fn union<T: Ord>(mut a: Vec<T>, b: Vec<T>) -> Vec<T> {
    a.extend(b);
    a.sort();
    a.dedup();
    a
}

/// The audit entry of an economic check that used the household's authorizations.
pub(super) fn reuse_audit(
    actor: &domain::jurisdiction::Actor,
    case: CaseId,
    command: &Command,
    place: &str,
) -> Option<crate::audit::AuditEntry> {
    let Command::EconomicCheck { authorizations, .. } = command else {
        return None;
    };
    let ids: Vec<String> = authorizations.iter().map(|a| a.to_string()).collect();
    Some(
        crate::audit::AuditEntry::by(actor, "authorization.reuse")
            .on(RecordKind::Case.code(), case.0, Some(place))
            .with_detail(serde_json::json!({ "case": case.0.to_string(), "authorizations": ids })),
    )
}
