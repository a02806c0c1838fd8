//! The outbox: changes saved on the phone and not yet answered by the server. A record and its
//! queued change are written in one transaction, so "saved" is true once it is shown; a change
//! leaves the outbox only in the transaction that stores the server's answer, so a reload or a
//! crash in between sends it again with the same operation id, which the server answers from
//! its record instead of applying twice.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::db::{OUTBOX, RECORDS, decode, read, to_js, write};
use super::{LocalRecord, StoreError};
use crate::sync::wire::SaveOp;

/// One queued change, keyed by its record: a newer save of the same record replaces the
/// change that was waiting (the server only needs the latest whole record).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Queued {
    /// The record's store key.
    pub key: String,
    /// The operation to push.
    pub op: SaveOp,
}

/// Saves a record and queues its change, together.
pub async fn save(record: &LocalRecord, op: SaveOp) -> Result<(), StoreError> {
    let tx = write(&[RECORDS, OUTBOX]).await?;
    tx.store(RECORDS)?.put(&to_js(record)?, None).await?;
    let queued = Queued {
        key: record.key.clone(),
        op,
    };
    tx.store(OUTBOX)?.put(&to_js(&queued)?, None).await?;
    tx.done().await?;
    Ok(())
}

/// Every queued change, oldest record key first.
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
/// leave the outbox, in one transaction. A change replaced by a newer save while it was on
/// its way stays (its key now holds the newer operation).
pub async fn settle(records: &[LocalRecord], answered: &[Queued]) -> Result<(), StoreError> {
    let tx = write(&[RECORDS, OUTBOX]).await?;
    let store = tx.store(RECORDS)?;
    let outbox = tx.store(OUTBOX)?;
    for q in answered {
        let key = JsValue::from_str(&q.key);
        let now: Option<Queued> = decode(outbox.get(key.clone()).await?)?;
        let record = records.iter().find(|r| r.key == q.key);
        match now {
            Some(mut newer) if newer.op.id != q.op.id => {
                // Saved again while this one travelled: the newer body now replaces the
                // version the server just made.
                if let (Some(r), Some(version)) = (record, record.and_then(|r| r.version)) {
                    rebase(&mut newer.op, version);
                    outbox.put(&to_js(&newer)?, None).await?;
                    let stored: Option<LocalRecord> =
                        decode(store.get(JsValue::from_str(&r.key)).await?)?;
                    if let Some(mut stored) = stored {
                        stored.version = Some(version);
                        store.put(&to_js(&stored)?, None).await?;
                    }
                }
            }
            _ => {
                outbox.delete(key).await?;
                if let Some(r) = record {
                    store.put(&to_js(r)?, None).await?;
                }
            }
        }
    }
    tx.done().await?;
    Ok(())
}

fn rebase(op: &mut SaveOp, version: i64) {
    op.body.base_version = Some(version);
}
