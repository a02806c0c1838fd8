//! Sending refused records again: as they are, or (a household edit) as the helper chose field
//! by field; the household's other refused field records follow, since they were most likely
//! refused because of it.

use domain::household::Household;
use domain::sync::RecordKind;
use leptos::prelude::WithUntracked;
use wasm_bindgen::JsValue;

use super::ops::OpOut;
use super::queue::failed;
use super::time;
use super::wire::OutOp;
use crate::contexts::FieldSync;
use crate::forms::household_edit::Refusal;
use crate::records::RecordState;
use crate::store::outbox::Queued;
use crate::store::{LocalRecord, StoreError, outbox, records, to_js};

/// A refused authorization package saved again (fixed at its members' lines) takes with it
/// the household's field records refused because of it (the checklist naming it was refused
/// for naming a package the server did not have): they are queued again after it, so they
/// reach the server once it has the package.
pub(super) async fn follow_authorizations(
    s: FieldSync,
    saved: &[LocalRecord],
) -> Result<(), String> {
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
    let mut standing = local.standing();
    standing.queued_again();
    local.set_standing(standing);
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
            .filter(|r| {
                r.state == RecordState::Attention && super::row_cache::is_field_record(&r.kind)
            })
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
    let mut standing = local.standing();
    standing.queued_again();
    local.set_standing(standing);
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
