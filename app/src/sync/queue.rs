//! Saving on the phone: records and their operations go into IndexedDB together (with the
//! links of their attachments), then a sync round starts (it only sends when there is a
//! network).

use domain::sync::RecordKind;
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;
use wasm_bindgen::JsValue;

use super::ops::OpOut;
use super::time;
use super::types::Stored;
use super::wire::OutOp;
use crate::contexts::FieldSync;
use crate::records::RecordState;
use crate::store::outbox::Queued;
use crate::store::uploads::UploadLink;
use crate::store::{LocalRecord, StoreError, outbox, records, to_js};

const NOT_SAVED: &str = "未能保存到手机，请重试；如仍失败，请检查手机存储空间";
const BUSY: &str = "这条记录正在发送，请稍候再修改";

/// Changes gathered for one transaction (what `crate::phone::Changes` holds in the browser).
#[derive(Default)]
pub struct Batch {
    records: Vec<LocalRecord>,
    queued: Vec<Queued>,
    links: Vec<UploadLink>,
    error: Option<StoreError>,
}

impl Batch {
    fn record<T: Serialize + ?Sized>(
        &mut self,
        kind: RecordKind,
        id: &str,
        body: &T,
    ) -> Option<LocalRecord> {
        let body = self.ok(to_js(body))?;
        let key = records::key(kind.code(), id);
        let record = LocalRecord {
            key: key.clone(),
            kind: kind.code().to_owned(),
            id: id.to_owned(),
            version: None,
            state: RecordState::Saved,
            message: None,
            saved_at: time::now_ms(),
            local: true,
            body,
            refused: JsValue::UNDEFINED,
        };
        // A record changed twice in one batch is stored as it ends up.
        self.records.retain(|r| r.key != key);
        self.records.push(record.clone());
        Some(record)
    }

    fn op(&mut self, op: &OpOut<'_>) -> Option<OutOp> {
        let body = self.ok(to_js(op))?;
        Some(OutOp {
            id: time::new_id().to_string(),
            made_at: time::now_rfc3339(),
            body,
        })
    }

    fn ok<T>(&mut self, r: Result<T, StoreError>) -> Option<T> {
        r.map_err(|e| self.error.get_or_insert(e)).ok()
    }

    /// Saves `record` on the phone as `kind` `id` and queues the operation `op` makes of
    /// its stored body: a whole-record save replaces any save of the record still waiting
    /// (its version is filled in from the phone's copy at save); other operations all go, in
    /// the order added.
    pub fn add<'a, T: Serialize + ?Sized>(
        &mut self,
        kind: RecordKind,
        id: &str,
        record: &T,
        op: impl FnOnce(JsValue) -> OpOut<'a>,
    ) {
        let Some(local) = self.record(kind, id, record) else {
            return;
        };
        let op = op(local.body.clone());
        let Some(out) = self.op(&op) else {
            return;
        };
        self.queued.push(if op.replaces_waiting() {
            Queued::replacing(&local.key, out)
        } else {
            Queued::in_order(&local.key, out)
        });
    }

    /// Links an attachment to a record of this batch (or one the phone holds).
    pub fn attach(&mut self, kind: RecordKind, id: Uuid, sha256: &str) {
        self.links
            .push(UploadLink::new(kind.code(), &id.to_string(), sha256));
    }
}

/// Saves a batch in one transaction and starts a round. A whole-record save of a record the
/// server has replaces that version; none of the records may be on its way right now.
pub async fn save_batch(s: FieldSync, mut batch: Batch) -> Result<(), String> {
    if let Some(e) = batch.error.take() {
        return Err(failed(e));
    }
    let keys: Vec<&str> = batch.records.iter().map(|r| r.key.as_str()).collect();
    let existing = records::get_many(&keys).await.map_err(failed)?;
    for (local, existing) in batch.records.iter_mut().zip(existing) {
        if let Some(existing) = existing {
            if existing.state == RecordState::Sending {
                return Err(BUSY.to_owned());
            }
            local.version = existing.version;
        }
    }
    for q in &batch.queued {
        let whole_save = q.key == q.record_key();
        let version = batch
            .records
            .iter()
            .find(|r| r.key == q.record_key())
            .and_then(|r| r.version);
        if let (true, Some(version)) = (whole_save, version) {
            q.op.rebase(version);
        }
    }
    outbox::save(&batch.records, &batch.queued, &batch.links)
        .await
        .map_err(failed)?;
    super::rows::update(s, &batch.records, &[]);
    super::resend::follow_authorizations(s, &batch.records).await?;
    s.changed();
    s.sync_now();
    Ok(())
}

/// A stored field record, decoded.
pub async fn load<T: DeserializeOwned>(kind: RecordKind, id: Uuid) -> Option<Stored<T>> {
    let key = records::key(kind.code(), &id.to_string());
    let local = records::get(&key).await.ok()??;
    decoded(local)
}

/// Every stored record of `kind`, decoded.
pub async fn load_all<T: DeserializeOwned>(kind: RecordKind) -> Vec<Stored<T>> {
    match records::of_kind(kind.code()).await {
        Ok(all) => all.into_iter().filter_map(decoded).collect(),
        Err(e) => {
            leptos::logging::warn!("local store: {e}");
            Vec::new()
        }
    }
}

fn decoded<T: DeserializeOwned>(local: LocalRecord) -> Option<Stored<T>> {
    match serde_wasm_bindgen::from_value(local.body) {
        Ok(record) => Some(Stored {
            record,
            message: local.message,
            state: local.state,
            version: local.version,
        }),
        // The decoder's message may quote a value (a name, an ID number): only the key is logged.
        Err(_) => {
            leptos::logging::warn!("{} does not decode", local.key);
            None
        }
    }
}

/// Logs a store error and says, for the user, that nothing was saved.
pub(super) fn failed(e: StoreError) -> String {
    leptos::logging::warn!("local store: {e}");
    NOT_SAVED.to_owned()
}
