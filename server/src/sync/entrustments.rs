//! The entrustments that name a case, as the write path sees them: those stored and those
//! written earlier in the same batch. One lookup for the submit check (`case_materials`) and the
//! rights check (`rights`).

use domain::fieldwork::EntrustmentRecord;
use domain::ids::CaseId;
use domain::sync::RecordKind;
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use super::OpError;
use super::batch::Batch;
use super::field_ops::decode_body;

/// Every entrustment whose `cases` list `case`, stored (in `place` when given: entrustments
/// lie where the case's household lay when they were saved) or written earlier in `batch`.
pub(super) async fn naming(
    conn: &mut AnyConnection,
    batch: &mut Batch,
    case: CaseId,
    place: Option<&str>,
) -> Result<Vec<EntrustmentRecord>, OpError> {
    // The body search narrows the candidates; the decoded `cases` list decides.
    let pattern = format!("%{}%", case.0);
    let rows = match place {
        Some(place) => {
            sqlx::query(
                "SELECT id FROM records WHERE place_code = $1 AND kind = $2 AND body LIKE $3",
            )
            .bind(place)
            .bind(RecordKind::Entrustment.code())
            .bind(pattern)
            .fetch_all(&mut *conn)
            .await?
        }
        None => {
            sqlx::query("SELECT id FROM records WHERE kind = $1 AND body LIKE $2")
                .bind(RecordKind::Entrustment.code())
                .bind(pattern)
                .fetch_all(&mut *conn)
                .await?
        }
    };
    let mut ids = Vec::with_capacity(rows.len());
    for row in rows {
        let id: String = row.try_get(0)?;
        ids.push(Uuid::parse_str(&id).map_err(|e| sqlx::Error::Decode(Box::new(e)))?);
    }
    for body in batch.written(RecordKind::Entrustment) {
        if let Some(id) = body.get("id").and_then(|v| v.as_str()) {
            ids.push(Uuid::parse_str(id).map_err(|e| sqlx::Error::Decode(Box::new(e)))?);
        }
    }
    ids.sort();
    ids.dedup();
    let mut found = Vec::new();
    for id in ids {
        let Some(stored) = batch.load(conn, RecordKind::Entrustment, id).await? else {
            continue;
        };
        let entrustment: EntrustmentRecord = decode_body(&stored)?;
        if entrustment.cases.contains(&case) {
            found.push(entrustment);
        }
    }
    Ok(found)
}
