//! The records on the phone: the helper's own field records, and the households, cases and
//! records of others that the server sent down for their villages.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::StoreError;
use super::db::{
    META, OUTBOX, RECORDS, decode, delete_each, get_each, put_each, read, to_js, write,
};
use super::meta::CURSOR;
use super::page_plan::{Step, step};
use crate::records::RecordState;
use crate::sync::answers::Standing;
use crate::sync::wire::ChangeIn;

/// One record as the phone keeps it: the server's version once it has one, where it stands
/// in sync, and the whole record as JSON (what the server and the forms read).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalRecord {
    /// `kind:id`, the store's key.
    pub key: String,
    /// Which kind (`RecordKind` code).
    pub kind: String,
    /// Its id.
    pub id: String,
    /// The server's version, once the server has it.
    pub version: Option<i64>,
    /// Where it stands in sync.
    pub state: RecordState,
    /// Why the server refused it, while it needs attention.
    #[serde(default)]
    pub message: Option<String>,
    /// When it was last saved on the phone or received (ms since 1970).
    pub saved_at: f64,
    /// Made or changed on this phone (so the sync page lists it), not only received.
    #[serde(default)]
    pub local: bool,
    /// The record, as the plain JS object IndexedDB holds.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    pub body: JsValue,
    /// A refused household edit, `{changes, fields}` (`forms::household_edit::Refusal`),
    /// kept until the helper has chosen what to send again; undefined otherwise.
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub refused: JsValue,
}

impl LocalRecord {
    /// Where it stands in sync.
    pub fn standing(&self) -> Standing {
        Standing {
            state: self.state,
            version: self.version,
            message: self.message.clone(),
        }
    }

    /// Takes `standing` as where it stands.
    pub fn set_standing(&mut self, standing: Standing) {
        self.state = standing.state;
        self.version = standing.version;
        self.message = standing.message;
    }
}

/// The store key of a record.
pub fn key(kind: &str, id: &str) -> String {
    format!("{kind}:{id}")
}

/// One record, if the phone has it.
pub async fn get(key: &str) -> Result<Option<LocalRecord>, StoreError> {
    let tx = read(&[RECORDS]).await?;
    decode(tx.store(RECORDS)?.get(JsValue::from_str(key)).await?)
}

/// Several records, in the order of `keys`, read in one transaction.
pub async fn get_many(keys: &[&str]) -> Result<Vec<Option<LocalRecord>>, StoreError> {
    let tx = read(&[RECORDS]).await?;
    get_each(&tx.store(RECORDS)?, keys.iter().copied()).await
}

/// Up to `limit` records in key order after `after` (from the first with `None`): the whole
/// store is read a page at a time, so that no single step holds the page up for long.
pub async fn page(after: Option<&str>, limit: u32) -> Result<Vec<LocalRecord>, StoreError> {
    let tx = read(&[RECORDS]).await?;
    let range = after
        .map(|k| rexie::KeyRange::lower_bound(&JsValue::from_str(k), Some(true)))
        .transpose()
        .map_err(rexie::Error::from)?;
    let values = tx.store(RECORDS)?.get_all(range, Some(limit)).await?;
    values
        .into_iter()
        .map(|v| serde_wasm_bindgen::from_value(v).map_err(StoreError::from))
        .collect()
}

/// Every record of one kind. Keys are `kind:id`, so one key range holds a kind's records
/// together and nothing else is read or decoded.
pub async fn of_kind(kind: &str) -> Result<Vec<LocalRecord>, StoreError> {
    let tx = read(&[RECORDS]).await?;
    let range = rexie::KeyRange::bound(
        &JsValue::from_str(&format!("{kind}:")),
        &JsValue::from_str(&format!("{kind}:\u{ffff}")),
        None,
        None,
    )
    .map_err(rexie::Error::from)?;
    let values = tx.store(RECORDS)?.get_all(Some(range), None).await?;
    values
        .into_iter()
        .map(|v| serde_wasm_bindgen::from_value(v).map_err(StoreError::from))
        .collect()
}

/// Stores records as they are now (e.g. marked as sending).
pub async fn put_all(records: &[LocalRecord]) -> Result<(), StoreError> {
    let tx = write(&[RECORDS]).await?;
    let values = records.iter().map(to_js).collect::<Result<_, _>>()?;
    put_each(&tx.store(RECORDS)?, values).await?;
    tx.done().await?;
    Ok(())
}

/// What storing a pulled page changed, for the rows the pages list.
#[derive(Default)]
pub struct Applied {
    /// The records as now stored.
    pub stored: Vec<LocalRecord>,
    /// The keys of the records removed.
    pub removed: Vec<String>,
}

/// Stores one page of pulled changes and the cursor after it, together: a page is stored
/// whole or not at all, so pulling resumes after the last page stored. A record with a change
/// still in the outbox keeps the phone's version until the server has answered that change,
/// and a refused one until the helper has dealt with it.
pub async fn apply_page(
    changes: &[ChangeIn],
    cursor: i64,
    now_ms: f64,
) -> Result<Applied, StoreError> {
    let tx = write(&[RECORDS, OUTBOX, META]).await?;
    let records = tx.store(RECORDS)?;
    // The outbox is small next to a page (empty after a push): its keys are read once.
    let waiting: HashSet<String> = tx
        .store(OUTBOX)?
        .get_all_keys(None, None)
        .await?
        .into_iter()
        .filter_map(|k| k.as_string())
        .collect();
    let changes: Vec<(String, &ChangeIn)> = changes
        .iter()
        .map(|c| (key(&c.kind, &c.id), c))
        .filter(|(k, c)| step(&c.change, waiting.contains(k), None) != Step::Wait)
        .collect();
    let locals: Vec<Option<LocalRecord>> =
        get_each(&records, changes.iter().map(|(k, _)| k.as_str())).await?;
    let mut applied = Applied::default();
    for ((key, change), local) in changes.into_iter().zip(locals) {
        match (
            step(
                &change.change,
                false,
                local.as_ref().map(|l| (l.state, l.local)),
            ),
            local,
        ) {
            (Step::Wait, _) => {}
            (Step::Remove, _) => applied.removed.push(key),
            (Step::KeepRefused, Some(mut l)) => {
                l.version = change.version;
                applied.stored.push(l);
            }
            (Step::KeepRefused | Step::Take { .. }, local) => applied.stored.push(LocalRecord {
                key,
                kind: change.kind.clone(),
                id: change.id.clone(),
                version: change.version,
                state: RecordState::Received,
                message: None,
                saved_at: now_ms,
                local: local.is_some_and(|l| l.local),
                body: change.body.clone(),
                refused: JsValue::UNDEFINED,
            }),
        }
    }
    let values = applied.stored.iter().map(to_js).collect::<Result<_, _>>()?;
    put_each(&records, values).await?;
    delete_each(&records, applied.removed.iter().map(String::as_str)).await?;
    let meta = tx.store(META)?;
    meta.put(
        &JsValue::from_f64(cursor as f64),
        Some(&JsValue::from_str(CURSOR)),
    )
    .await?;
    tx.done().await?;
    Ok(applied)
}
