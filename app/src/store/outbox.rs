//! The outbox: changes saved on the phone and not yet answered by the server. Records and
//! their queued changes are written in one transaction, so "saved" is true once it is shown;
//! a change leaves the outbox only in the transaction that stores the server's answer, so a
//! reload or a crash in between sends it again with the same operation id, which the server
//! answers from its record instead of applying twice.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::db::{OUTBOX, RECORDS, UPLOADS, delete_each, get_each, put_each, read, to_js, write};
use super::settlement::{self, Answered};
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
    let values = records.iter().map(to_js).collect::<Result<_, _>>()?;
    put_each(&tx.store(RECORDS)?, values).await?;
    let values = queued.iter().map(to_js).collect::<Result<_, _>>()?;
    put_each(&tx.store(OUTBOX)?, values).await?;
    // A link already there keeps whether its file went up.
    let uploads = tx.store(UPLOADS)?;
    let known: Vec<Option<UploadLink>> =
        get_each(&uploads, links.iter().map(|l| l.key.as_str())).await?;
    let new = links
        .iter()
        .zip(known)
        .filter(|(_, k)| k.is_none())
        .map(|(l, _)| to_js(l))
        .collect::<Result<_, _>>()?;
    put_each(&uploads, new).await?;
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
/// the server just made), and its record keeps the phone's body with that version. Returns
/// the records as stored.
pub async fn settle(
    records: &[LocalRecord],
    answered: &[Queued],
) -> Result<Vec<LocalRecord>, StoreError> {
    let tx = write(&[RECORDS, OUTBOX]).await?;
    let store = tx.store(RECORDS)?;
    let outbox = tx.store(OUTBOX)?;
    // What waits now under the answered keys and the records' own keys, read together.
    let mut keys: Vec<&str> = answered
        .iter()
        .map(|q| q.key.as_str())
        .chain(records.iter().map(|r| r.key.as_str()))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let found: Vec<Option<Queued>> = get_each(&outbox, keys.iter().copied()).await?;
    let waiting: HashMap<&str, Queued> = keys
        .iter()
        .zip(found)
        .filter_map(|(k, q)| Some((*k, q?)))
        .collect();
    let answers: Vec<Answered<'_>> = answered
        .iter()
        .map(|q| Answered {
            key: &q.key,
            op: &q.op.id,
            record: q.record_key(),
        })
        .collect();
    let record_keys: Vec<&str> = records.iter().map(|r| r.key.as_str()).collect();
    let plan = settlement::settle(
        &answers,
        waiting
            .iter()
            .map(|(k, q)| (*k, q.op.id.as_str()))
            .collect(),
        |record| {
            records
                .iter()
                .find(|r| r.key == record)
                .and_then(|r| r.version)
        },
        &record_keys,
    );
    let mut newer_ops = Vec::new();
    for (key, version) in &plan.rebase {
        if let Some(newer) = waiting.get(key) {
            newer.op.rebase(*version);
            newer_ops.push(to_js(newer)?);
        }
    }
    put_each(&outbox, newer_ops).await?;
    delete_each(&outbox, plan.delete.iter().copied()).await?;
    // Records whose newer save waits keep the phone's body; the others take the answer.
    let (kept, answered_records): (Vec<&LocalRecord>, Vec<&LocalRecord>) = records
        .iter()
        .partition(|r| plan.keep.contains(r.key.as_str()));
    let mut stored: Vec<LocalRecord> = answered_records.into_iter().cloned().collect();
    let phone: Vec<Option<LocalRecord>> =
        get_each(&store, kept.iter().map(|r| r.key.as_str())).await?;
    for mut r in phone.into_iter().flatten() {
        if let Some(version) = plan.versions.get(r.key.as_str()) {
            r.version = Some(*version);
        }
        stored.push(r);
    }
    let values = stored.iter().map(to_js).collect::<Result<_, _>>()?;
    put_each(&store, values).await?;
    tx.done().await?;
    Ok(stored)
}
