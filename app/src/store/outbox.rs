//! The outbox: changes saved on the phone and not yet answered by the server. Records and
//! their queued changes are written in one transaction, so "saved" is true once it is shown;
//! a change leaves the outbox only in the transaction that stores the server's answer, so a
//! reload or a crash in between sends it again with the same operation id, which the server
//! answers from its record instead of applying twice.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::db::{OUTBOX, RECORDS, UPLOADS, decode, read, to_js, write};
use super::uploads::UploadLink;
use super::{LocalRecord, StoreError};
use crate::sync::wire::OutOp;

/// One queued change. A whole-record save is keyed by its record, so a newer save of the
/// same record replaces the one waiting (the server only needs the latest whole record);
/// household and case operations are keyed `op:<id>` and all go, in the order made.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Queued {
    /// The outbox key.
    pub key: String,
    /// The store key of the record the change is about (empty in changes queued before
    /// there were ordered operations, whose key is the record's).
    #[serde(default)]
    pub record: String,
    /// The operation to push.
    pub op: OutOp,
}

impl Queued {
    /// A save that replaces whatever waits for `record`.
    pub fn replacing(record: &str, op: OutOp) -> Self {
        Queued {
            key: record.to_owned(),
            record: record.to_owned(),
            op,
        }
    }

    /// One operation in a sequence that must all reach the server, in order.
    pub fn in_order(record: &str, op: OutOp) -> Self {
        Queued {
            key: format!("op:{}", op.id),
            record: record.to_owned(),
            op,
        }
    }

    /// The store key of the record this change is about.
    pub fn record_key(&self) -> &str {
        if self.record.is_empty() {
            &self.key
        } else {
            &self.record
        }
    }
}

/// Saves records, queues their changes and links their attachments, all together.
pub async fn save(
    records: &[LocalRecord],
    queued: &[Queued],
    links: &[UploadLink],
) -> Result<(), StoreError> {
    let tx = write(&[RECORDS, OUTBOX, UPLOADS]).await?;
    let store = tx.store(RECORDS)?;
    for record in records {
        store.put(&to_js(record)?, None).await?;
    }
    let outbox = tx.store(OUTBOX)?;
    for q in queued {
        outbox.put(&to_js(q)?, None).await?;
    }
    let uploads = tx.store(UPLOADS)?;
    for link in links {
        let known = uploads.get(JsValue::from_str(&link.key)).await?;
        if decode::<UploadLink>(known)?.is_none() {
            uploads.put(&to_js(link)?, None).await?;
        }
    }
    tx.done().await?;
    Ok(())
}

/// Every queued change, in the order made.
pub async fn pending() -> Result<Vec<Queued>, StoreError> {
    let tx = read(&[OUTBOX]).await?;
    let values = tx.store(OUTBOX)?.get_all(None, None).await?;
    let mut queued: Vec<Queued> = values
        .into_iter()
        .map(|v| serde_wasm_bindgen::from_value(v).map_err(StoreError::from))
        .collect::<Result<_, _>>()?;
    // Operation ids are UUIDv7: in text, too, their order is the order they were made.
    queued.sort_by(|a, b| a.op.id.cmp(&b.op.id));
    Ok(queued)
}

/// How many changes wait.
pub async fn count() -> Result<u32, StoreError> {
    let tx = read(&[OUTBOX]).await?;
    Ok(tx.store(OUTBOX)?.count(None).await?)
}

/// Stores the server's answers: the records as they now stand, and the changes answered
/// leave the outbox, in one transaction. A whole-record save replaced by a newer one while
/// it was on its way stays (its key now holds the newer operation, rebased on the version
/// the server just made).
pub async fn settle(records: &[LocalRecord], answered: &[Queued]) -> Result<(), StoreError> {
    let tx = write(&[RECORDS, OUTBOX]).await?;
    let store = tx.store(RECORDS)?;
    let outbox = tx.store(OUTBOX)?;
    for q in answered {
        let key = JsValue::from_str(&q.key);
        let now: Option<Queued> = decode(outbox.get(key.clone()).await?)?;
        let record = records.iter().find(|r| r.key == q.record_key());
        match now {
            Some(newer) if newer.op.id != q.op.id => {
                if let (Some(r), Some(version)) = (record, record.and_then(|r| r.version)) {
                    newer.op.rebase(version);
                    outbox.put(&to_js(&newer)?, None).await?;
                    let stored: Option<LocalRecord> =
                        decode(store.get(JsValue::from_str(&r.key)).await?)?;
                    if let Some(mut stored) = stored {
                        stored.version = Some(version);
                        store.put(&to_js(&stored)?, None).await?;
                    }
                }
            }
            _ => outbox.delete(key).await?,
        }
    }
    // Records whose newer save waits keep the phone's body (written above); the others take
    // the server's answer.
    for r in records {
        let waiting: Option<Queued> = decode(outbox.get(JsValue::from_str(&r.key)).await?)?;
        if waiting.is_none() {
            store.put(&to_js(r)?, None).await?;
        }
    }
    tx.done().await?;
    Ok(())
}
