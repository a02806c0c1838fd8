//! The materials checklist of the demo's online application (谭丽华's 低保, in 李家村): she
//! photographed every material on her phone and signed the authorization there, so the
//! window's case screen has a checklist to show, and a new notice on the case can be answered
//! from "我的申请" (issue 20 point 6). The photos are stand-ins (no image is stored for the
//! demo), like the demo's signatures. No helper serves 李家村 in the demo, so no task list
//! changes.

use chrono::{DateTime, Utc};
use domain::catalogue::Catalogue;
use domain::clocks::china_date;
use domain::fieldwork::{
    AUTHORIZATION, AttachmentRef, MaterialEntry, MaterialStatus, MaterialsRecord, required_for,
};
use domain::household::Household;
use domain::ids::UserId;
use domain::jurisdiction::RecordScope;
use domain::sync::{CaseRecord, RecordKind};
use domain::workflow::Channel;
use uuid::Uuid;

/// Stores the checklist of `resident`'s online case among `cases` (with their scopes).
pub async fn load(
    conn: &mut sqlx::AnyConnection,
    cases: &[(CaseRecord, RecordScope)],
    households: &[Household],
    resident: UserId,
    catalogue: &Catalogue,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let Some((record, scope)) = cases
        .iter()
        .find(|(c, _)| c.case.channel() == Channel::Online && c.case.applicant() == Some(resident))
    else {
        return Ok(());
    };
    let Some(household) = households.iter().find(|h| h.id == record.household) else {
        return Ok(());
    };
    let required = required_for(
        catalogue,
        record.case.requested_items(),
        household,
        china_date(now),
    );
    let stand_in = |n: usize| {
        use sha2::Digest;
        let sha = hex::encode(sha2::Sha256::digest(format!(
            "demo-material-{}-{n}",
            record.case.id().0
        )));
        AttachmentRef::parse(&sha).map_err(|e| anyhow::anyhow!("{e}"))
    };
    let mut entries = Vec::with_capacity(required.len());
    for (n, r) in required.into_iter().enumerate() {
        let status = if r.material.as_str() == AUTHORIZATION {
            MaterialStatus::Signed {
                signature: stand_in(n)?,
            }
        } else {
            MaterialStatus::Photographed {
                photos: vec![stand_in(n)?],
            }
        };
        entries.push(MaterialEntry {
            material: r.material,
            member: r.member,
            status,
        });
    }
    let checklist = MaterialsRecord {
        id: record.case.id(),
        household: household.id,
        collected_by: resident,
        updated_at: now,
        entries,
    };
    let id = checklist.id.0;
    let body = serde_json::to_value(&checklist)?;
    let kind = RecordKind::Materials;
    crate::sync::import_record(conn, kind, id, scope, &body, Uuid::nil()).await?;
    Ok(())
}
