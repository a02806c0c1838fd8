//! Saving on the phone: records and their operations go into IndexedDB together (with the
//! links of their attachments), then a sync round starts (it only sends when there is a
//! network).

use domain::household::Household;
use domain::sync::{CaseRecord, FieldChange, RecordKind};
use domain::workflow::{Channel, Command};
use leptos::prelude::WithUntracked;
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;
use wasm_bindgen::JsValue;

use super::time;
use super::wire::{OpOut, OutOp};
use crate::contexts::FieldSync;
use crate::forms::household_edit::Refusal;
use crate::phone::Stored;
use crate::records::RecordState;
use crate::store::outbox::Queued;
use crate::store::uploads::UploadLink;
use crate::store::{LocalRecord, StoreError, outbox, records, to_js};

const NOT_SAVED: &str = "未能保存到手机，请重试；如仍失败，请检查手机存储空间";
const BUSY: &str = "这条记录正在发送，请稍候再修改";

/// Changes gathered for one transaction (see [`crate::phone::Changes`]).
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

    /// Saves a field record whole; its version is filled in from the phone's copy at save.
    pub fn field_record<T: Serialize>(&mut self, kind: RecordKind, id: Uuid, record: &T) {
        let id = id.to_string();
        let Some(local) = self.record(kind, &id, record) else {
            return;
        };
        let op = OpOut::SaveFieldRecord {
            kind: kind.code(),
            id: &id,
            base_version: None,
            body: local.body.clone(),
        };
        if let Some(op) = self.op(&op) {
            self.queued.push(Queued::replacing(&local.key, op));
        }
    }

    /// Records a new household.
    pub fn create_household(&mut self, household: &domain::household::Household) {
        let id = household.id.to_string();
        let Some(local) = self.record(RecordKind::Household, &id, household) else {
            return;
        };
        let op = OpOut::CreateHousehold {
            id: &id,
            body: local.body.clone(),
        };
        self.in_order(&local.key, &op);
    }

    /// Changes fields of a household the phone holds: `after` is how it now reads on the
    /// phone, `changes` what goes to the server (made against the phone's copy, which
    /// `base_version` names).
    pub fn edit_household(
        &mut self,
        after: &domain::household::Household,
        base_version: i64,
        changes: &[FieldChange],
    ) {
        let id = after.id.to_string();
        let Some(local) = self.record(RecordKind::Household, &id, after) else {
            return;
        };
        let op = OpOut::EditHousehold {
            id: &id,
            base_version,
            changes,
        };
        self.in_order(&local.key, &op);
    }

    /// Opens a case (`record` is the draft the phone made, shown until the server's comes).
    pub fn create_case(
        &mut self,
        record: &CaseRecord,
        channel: Channel,
        applicant: Option<domain::ids::UserId>,
    ) {
        let id = record.case.id().to_string();
        let Some(local) = self.record(RecordKind::Case, &id, record) else {
            return;
        };
        let applicant = applicant.map(|a| a.to_string());
        let op = OpOut::CreateCase {
            id: &id,
            household: &record.household.to_string(),
            channel,
            applicant: applicant.as_deref(),
        };
        self.in_order(&local.key, &op);
    }

    /// A workflow command on a case; `after` is the case as the phone's rules say it becomes.
    pub fn case_command(
        &mut self,
        after: &CaseRecord,
        base_version: i64,
        command: &Command,
        reason: Option<&str>,
    ) {
        let id = after.case.id().to_string();
        let Some(local) = self.record(RecordKind::Case, &id, after) else {
            return;
        };
        let op = OpOut::CaseCommand {
            id: &id,
            base_version,
            command,
            reason,
        };
        self.in_order(&local.key, &op);
    }

    fn in_order(&mut self, record: &str, op: &OpOut<'_>) {
        if let Some(op) = self.op(op) {
            self.queued.push(Queued::in_order(record, op));
        }
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
    follow_authorizations(s, &batch.records).await?;
    s.changed();
    s.sync_now();
    Ok(())
}

/// A refused authorization package saved again (fixed at its members' lines) takes with it
/// the household's field records refused because of it (the checklist naming it was refused
/// for naming a package the server did not have): they are queued again after it, so they
/// reach the server once it has the package.
async fn follow_authorizations(s: FieldSync, saved: &[LocalRecord]) -> Result<(), String> {
    let households: Vec<String> = saved
        .iter()
        .filter(|r| r.kind == RecordKind::Authorization.code())
        .filter_map(|r| {
            js_sys::Reflect::get(&r.body, &JsValue::from_str("household"))
                .ok()?
                .as_string()
        })
        .collect();
    for household in households {
        for mut local in refused_with(s, &household).await {
            if local.kind == RecordKind::Authorization.code()
                || saved.iter().any(|r| r.key == local.key)
            {
                continue;
            }
            let queued = again(&mut local).map_err(failed)?;
            outbox::save(std::slice::from_ref(&local), &[queued], &[])
                .await
                .map_err(failed)?;
            super::rows::update(s, std::slice::from_ref(&local), &[]);
        }
    }
    Ok(())
}

/// Saves `record` whole and queues it.
pub async fn save<T: Serialize>(
    s: FieldSync,
    kind: RecordKind,
    id: Uuid,
    record: &T,
) -> Result<(), String> {
    let mut batch = Batch::default();
    batch.field_record(kind, id, record);
    save_batch(s, batch).await
}

/// Queues a refused field record again as it is.
pub async fn resend(s: FieldSync, key: &str) -> Result<(), String> {
    let Some(mut local) = records::get(key).await.map_err(failed)? else {
        return Err("这条记录已不在手机上".to_owned());
    };
    let queued = again(&mut local).map_err(failed)?;
    outbox::save(std::slice::from_ref(&local), &[queued], &[])
        .await
        .map_err(failed)?;
    super::rows::update(s, std::slice::from_ref(&local), &[]);
    s.changed();
    s.sync_now();
    Ok(())
}

/// A refused field record marked as saved again, and its whole save to queue.
fn again(local: &mut LocalRecord) -> Result<Queued, StoreError> {
    local.state = RecordState::Saved;
    local.message = None;
    local.local = true;
    // After a conflict the version is the server's current one: sending again keeps the
    // phone's record over it, as the helper chose. A refused new record has none.
    let op = OpOut::SaveFieldRecord {
        kind: &local.kind,
        id: &local.id,
        base_version: local.version,
        body: local.body.clone(),
    };
    let op = OutOp {
        id: time::new_id().to_string(),
        made_at: time::now_rfc3339(),
        body: to_js(&op)?,
    };
    Ok(Queued::replacing(&local.key, op))
}

/// The refused field records of household `id` (its checklist, its entrustment): refused
/// most likely because the household edit was (a material of a member the township did not
/// have yet), they go again right after it.
async fn refused_with(s: FieldSync, household: &str) -> Vec<LocalRecord> {
    let keys: Vec<String> = s.rows.with_untracked(|rows| {
        rows.iter()
            .filter(|r| r.state == RecordState::Attention && super::wire::is_field_record(&r.kind))
            .map(|r| r.key.clone())
            .collect()
    });
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let of = |r: &LocalRecord| {
        js_sys::Reflect::get(&r.body, &JsValue::from_str("household"))
            .ok()
            .and_then(|h| h.as_string())
            .is_some_and(|h| h == household)
    };
    let mut records: Vec<LocalRecord> = records::get_many(&keys)
        .await
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .filter(of)
        .collect();
    // An authorization goes before the checklist that names it (the server checks the
    // checklist's `Authorized` lines against it); the list's order is not the saving order.
    records.sort_by_key(|r| r.kind != RecordKind::Authorization.code());
    records
}

/// A refused household edit and the helper's copy of the household, to choose from.
pub async fn household_refusal(key: &str) -> Option<(Household, Refusal)> {
    let local = records::get(key).await.ok()??;
    if local.refused.is_undefined() {
        return None;
    }
    let household = serde_wasm_bindgen::from_value(local.body).ok()?;
    let refusal = serde_wasm_bindgen::from_value(local.refused).ok()?;
    Some((household, refusal))
}

/// Sends a refused household edit again as the helper chose, field by field (`keep_mine`,
/// in the order of the conflicting fields), against the server's current version; the
/// phone's copy takes the township's values the helper chose. The household's refused field
/// records follow it.
pub async fn resend_household(s: FieldSync, key: &str, keep_mine: &[bool]) -> Result<(), String> {
    let Some(mut local) = records::get(key).await.map_err(failed)? else {
        return Err("这条记录已不在手机上".to_owned());
    };
    let refusal: Refusal = serde_wasm_bindgen::from_value(local.refused.clone())
        .map_err(|_| "这条记录无需重新发送".to_owned())?;
    let mine: serde_json::Value = serde_wasm_bindgen::from_value(local.body.clone())
        .map_err(|_| "这条记录无法读取，请重新登记".to_owned())?;
    local.body = to_js(&refusal.settled(&mine, keep_mine)).map_err(failed)?;
    local.state = RecordState::Saved;
    local.message = None;
    local.local = true;
    local.refused = JsValue::UNDEFINED;
    local.saved_at = time::now_ms();
    let changes = refusal.resolved(keep_mine);
    let op = OpOut::EditHousehold {
        id: &local.id,
        base_version: local.version.unwrap_or(0),
        changes: &changes,
    };
    let op = OutOp {
        id: time::new_id().to_string(),
        made_at: time::now_rfc3339(),
        body: to_js(&op).map_err(failed)?,
    };
    let mut queued = vec![Queued::in_order(&local.key, op)];
    let mut saved = vec![local];
    for mut other in refused_with(s, &saved[0].id).await {
        queued.push(again(&mut other).map_err(failed)?);
        saved.push(other);
    }
    outbox::save(&saved, &queued, &[]).await.map_err(failed)?;
    super::rows::update(s, &saved, &[]);
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

fn failed(e: StoreError) -> String {
    leptos::logging::warn!("local store: {e}");
    NOT_SAVED.to_owned()
}
