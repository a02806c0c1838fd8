//! Saving a field record: the record and its operation go into IndexedDB together, then a
//! sync round starts (it only sends when there is a network).

use domain::sync::RecordKind;
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::time;
use super::wire::{SAVE_FIELD_RECORD, SaveBody, SaveOp};
use crate::contexts::FieldSync;
use crate::phone::Stored;
use crate::records::RecordState;
use crate::store::{LocalRecord, outbox, records, to_js};

const NOT_SAVED: &str = "未能保存到手机，请重试；如仍失败，请检查手机存储空间";

/// Saves `record` and queues it. An edit of a record the server has replaces that version.
pub async fn save<T: Serialize>(
    s: FieldSync,
    kind: RecordKind,
    id: Uuid,
    record: &T,
) -> Result<(), String> {
    let body = to_js(record).map_err(failed)?;
    let (kind, id) = (kind.code().to_owned(), id.to_string());
    let key = records::key(&kind, &id);
    let existing = records::get(&key).await.map_err(failed)?;
    if existing
        .as_ref()
        .is_some_and(|r| r.state == RecordState::Sending)
    {
        return Err("这条记录正在发送，请稍候再修改".to_owned());
    }
    let base_version = existing.and_then(|r| r.version);
    let local = LocalRecord {
        key,
        kind,
        id,
        version: base_version,
        state: RecordState::Saved,
        message: None,
        saved_at: time::now_ms(),
        body,
    };
    queue(s, local, base_version).await
}

/// Queues a refused record again as it is.
pub async fn resend(s: FieldSync, key: &str) -> Result<(), String> {
    let Some(mut local) = records::get(key).await.map_err(failed)? else {
        return Err("这条记录已不在手机上".to_owned());
    };
    local.state = RecordState::Saved;
    local.message = None;
    // After a conflict the version is the server's current one: sending again keeps the
    // phone's record over it, as the helper chose. A refused new record has none.
    let base = local.version;
    queue(s, local, base).await
}

async fn queue(s: FieldSync, local: LocalRecord, base_version: Option<i64>) -> Result<(), String> {
    let op = SaveOp {
        id: time::new_id().to_string(),
        made_at: time::now_rfc3339(),
        body: SaveBody {
            op: SAVE_FIELD_RECORD.to_owned(),
            kind: local.kind.clone(),
            id: local.id.clone(),
            base_version,
            body: local.body.clone(),
        },
    };
    outbox::save(&local, op).await.map_err(failed)?;
    super::engine::refresh(s).await;
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

fn failed(e: crate::store::StoreError) -> String {
    leptos::logging::warn!("local store: {e}");
    NOT_SAVED.to_owned()
}
