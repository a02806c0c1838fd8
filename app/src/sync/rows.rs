//! The rows the pages list, kept in memory in step with the store: every write updates the
//! rows of the records it wrote. Re-reading and decoding every record after each save, pushed
//! chunk or pulled page took a quarter of a second with 10,000 records on the phone, and the
//! whole list drawn again held the page up for most of a second.

use domain::fieldwork::HardshipReport;
use leptos::prelude::*;

use super::row_cache::{Restate, listed, restate_rows};
use crate::contexts::FieldSync;
use crate::forms::visit::VisitHeading;
use crate::records::{RecordRow, merge_rows, sort_rows};
use crate::store::{LocalRecord, records};

/// Records read per step when the whole store is read (the page gets a turn in between).
const READ_PAGE: u32 = 500;

/// The rows of records just stored or removed.
pub fn update(s: FieldSync, stored: &[LocalRecord], removed: &[String]) {
    if stored.is_empty() && removed.is_empty() {
        return;
    }
    let fresh: Vec<RecordRow> = stored.iter().filter_map(row_of).collect();
    let replaced: Vec<&str> = stored
        .iter()
        .map(|r| r.key.as_str())
        .chain(removed.iter().map(String::as_str))
        .collect();
    s.rows.update(|rows| merge_rows(rows, fresh, &replaced));
}

/// The new states of records whose bodies did not change (marked as sending, answered by
/// the server): their rows change in place, without making their titles again or sorting.
/// A record whose row is missing or was saved again meanwhile gets its row made anew.
pub fn restate(s: FieldSync, stored: &[LocalRecord]) {
    if stored.is_empty() {
        return;
    }
    let standings: Vec<Restate<'_>> = stored
        .iter()
        .map(|r| Restate {
            key: &r.key,
            saved_at: r.saved_at,
            state: r.state,
            message: r.message.as_deref(),
        })
        .collect();
    let mut anew = Vec::new();
    s.rows.update(|rows| anew = restate_rows(rows, &standings));
    let rest: Vec<LocalRecord> = anew
        .into_iter()
        .map(|i| &stored[i])
        .filter(|r| row_of(r).is_some())
        .cloned()
        .collect();
    update(s, &rest, &[]);
}

/// Reads every row from the store again (when the page opens, or another account's records
/// were wiped), a page of records at a time.
pub async fn reload(s: FieldSync) {
    let mut rows = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let Ok(page) = records::page(after.as_deref(), READ_PAGE).await else {
            return;
        };
        rows.extend(page.iter().filter_map(row_of));
        match page.last() {
            Some(last) if page.len() == READ_PAGE as usize => after = Some(last.key.clone()),
            _ => break,
        }
    }
    sort_rows(&mut rows);
    s.rows.set(rows);
}

/// A record's row, for the records the pages list: the helper's own and field records.
fn row_of(r: &LocalRecord) -> Option<RecordRow> {
    listed(r.local, &r.kind).then(|| RecordRow {
        key: r.key.clone(),
        kind: r.kind.clone(),
        title: title(r),
        state: r.state,
        message: r.message.clone(),
        saved_at: r.saved_at,
    })
}

/// One line for the list; names masked, as in every list.
fn title(r: &LocalRecord) -> String {
    match r.kind.as_str() {
        "hardship" => match serde_wasm_bindgen::from_value::<HardshipReport>(r.body.clone()) {
            Ok(h) => {
                let who = h
                    .person_name
                    .map(|n| format!(" · {}", n.masked()))
                    .unwrap_or_default();
                format!("{} · {}{who}", h.urgency.name_zh(), h.category.name_zh())
            }
            Err(_) => "困难报告".to_owned(),
        },
        "household" => format!("家庭登记{}", applicant_masked(&r.body)),
        "case" => "救助申请".to_owned(),
        "materials" => "申请材料清单".to_owned(),
        "authorization" => "核对授权书".to_owned(),
        "visit" => serde_wasm_bindgen::from_value::<VisitHeading>(r.body.clone())
            .map(|v| v.title_zh(super::time::utc_offset()))
            .unwrap_or_else(|_| "入户走访".to_owned()),
        "entrustment" => "帮办委托".to_owned(),
        "evaluation" => "服务评价".to_owned(),
        "certification" => "待遇资格认证".to_owned(),
        other => other.to_owned(),
    }
}

/// " · 王*英": the first member's name, masked, read without decoding the household.
fn applicant_masked(household: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsValue;
    let first = js_sys::Reflect::get(household, &JsValue::from_str("members"))
        .ok()
        .and_then(|m| js_sys::Reflect::get(&m, &JsValue::from_f64(0.0)).ok())
        .and_then(|m| js_sys::Reflect::get(&m, &JsValue::from_str("name")).ok())
        .and_then(|n| n.as_string());
    first
        .map(|n| format!(" · {}", domain::identity::mask_name(&n)))
        .unwrap_or_default()
}
