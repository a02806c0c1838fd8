//! The sync engine: a round pushes the outbox in chunks, storing each chunk's answers as they
//! come, then pulls pages of changes after the stored cursor, storing each page with its
//! cursor. A round cut off anywhere resumes where it stopped: unanswered changes are sent
//! again under the same ids (the server answers them from its record), and pulling restarts
//! after the last page stored.

use std::cell::Cell;
use std::collections::HashSet;

use domain::fieldwork::HardshipReport;
use leptos::prelude::*;

use super::http::{self, HttpError};
use super::wire::{Outcome, PullPage, PushAnswer, PushBody, is_field_record};
use super::{lock, storage, time};
use crate::contexts::{FieldSync, Progress, SyncPhase};
use crate::forms::visit::VisitHeading;
use crate::records::{Account, RecordRow, RecordState};
use crate::store::outbox::Queued;
use crate::store::{LocalRecord, meta, outbox, records};

const PUSH_URL: &str = "/api/sync/v1/push";
/// Changes per push: small enough that a slow 2G link answers within a minute.
const PUSH_CHUNK: usize = 200;
/// Records per pulled page.
const PULL_LIMIT: u32 = 500;
/// While online, a round this often picks up what others changed.
const ROUND_EVERY_MS: u64 = 3 * 60 * 1000;

thread_local! {
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    static AGAIN: Cell<bool> = const { Cell::new(false) };
}

/// Reads the phone's store into `s`, then syncs now, whenever the network comes back, and
/// every few minutes.
pub fn start(s: FieldSync) {
    leptos::task::spawn_local(async move {
        load(s).await;
        run(s).await;
    });
    let online = window_event_listener(leptos::ev::online, move |_| s.sync_now());
    let every = set_interval_with_handle(
        move || s.sync_now(),
        std::time::Duration::from_millis(ROUND_EVERY_MS),
    )
    .ok();
    on_cleanup(move || {
        online.remove();
        if let Some(h) = every {
            h.clear();
        }
    });
}

/// Reads the account and the records from the phone.
#[lazy]
async fn load(s: FieldSync) {
    let account: Option<Account> = meta::get(meta::ACCOUNT).await.ok().flatten();
    s.account.set(account);
    refresh(s).await;
    s.ready.set(true);
    storage::persist_and_measure(s).await;
}

/// One sync round (or, when one is running, another right after it).
pub async fn run(s: FieldSync) {
    if RUNNING.with(|r| r.replace(true)) {
        AGAIN.with(|a| a.set(true));
        return;
    }
    loop {
        if s.account.get_untracked().is_none() {
            break;
        }
        if !lock::exclusive(round(s)).await {
            s.phase.set(SyncPhase::OtherTab);
        }
        if !AGAIN.with(|a| a.replace(false)) {
            break;
        }
    }
    RUNNING.with(|r| r.set(false));
}

// The store and the engine come as a WASM chunk of their own (`cargo leptos build --split`),
// fetched right after the page is interactive: the first load carries only the shell.

#[lazy]
async fn round(s: FieldSync) {
    s.progress.set(Progress::default());
    let result = match push(s).await {
        Ok(()) => match super::uploads::send(s).await {
            Ok(()) => pull(s).await,
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    refresh(s).await;
    s.phase.set(match result {
        Ok(()) => {
            s.last_synced.set(Some(time::now_ms()));
            SyncPhase::Idle
        }
        Err(HttpError::Offline) => SyncPhase::Offline,
        Err(HttpError::SignedOut) => SyncPhase::SignedOut,
        Err(HttpError::Refused { message, .. }) => SyncPhase::Failed(message),
        Err(HttpError::Garbled(detail)) => {
            leptos::logging::warn!("sync: {detail}");
            SyncPhase::Failed("同步出错，请稍后重试".to_owned())
        }
    });
    storage::persist_and_measure(s).await;
}

async fn push(s: FieldSync) -> Result<(), HttpError> {
    let queued = outbox::pending().await?;
    if queued.is_empty() {
        return Ok(());
    }
    s.phase.set(SyncPhase::Pushing);
    let device = device().await?;
    let mut progress = Progress {
        to_send: queued.len() as u32,
        ..Progress::default()
    };
    s.progress.set(progress);
    for (n, chunk) in queued.chunks(PUSH_CHUNK).enumerate() {
        // Records with operations in later chunks are still on their way after this one.
        let later: HashSet<&str> = queued[((n + 1) * PUSH_CHUNK).min(queued.len())..]
            .iter()
            .map(Queued::record_key)
            .collect();
        let mut sent: Vec<LocalRecord> = Vec::with_capacity(chunk.len());
        for q in chunk {
            if sent.iter().any(|r| r.key == q.record_key()) {
                continue;
            }
            if let Some(mut r) = records::get(q.record_key()).await? {
                r.state = RecordState::Sending;
                sent.push(r);
            }
        }
        records::put_all(&sent).await?;
        refresh(s).await;
        let request = PushBody {
            device: &device,
            ops: chunk.iter().map(|q| &q.op).collect(),
        };
        let answer: PushAnswer = match http::post(PUSH_URL, &request).await {
            Ok(a) => a,
            Err(e) => {
                // Not answered: they wait on the phone, to go again under the same ids.
                sent.iter_mut().for_each(|r| r.state = RecordState::Saved);
                records::put_all(&sent).await?;
                return Err(e);
            }
        };
        for result in answer.results {
            let Some(q) = chunk.iter().find(|q| q.op.id == result.id) else {
                continue;
            };
            // A record refused by one of its operations stays refused for the rest.
            if let Some(r) = sent
                .iter_mut()
                .find(|r| r.key == q.record_key() && r.state != RecordState::Attention)
            {
                apply_outcome(r, result.outcome);
            }
        }
        for r in &mut sent {
            if r.state == RecordState::Received && later.contains(r.key.as_str()) {
                r.state = RecordState::Sending;
            }
        }
        outbox::settle(&sent, chunk).await?;
        progress.sent += chunk.len() as u32;
        s.progress.set(progress);
    }
    Ok(())
}

fn apply_outcome(r: &mut LocalRecord, outcome: Outcome) {
    match outcome.outcome.as_str() {
        "applied" => {
            r.state = RecordState::Received;
            r.version = outcome.version;
            r.message = None;
        }
        other => {
            if other == "conflict" {
                r.version = outcome.current_version;
            }
            r.state = RecordState::Attention;
            r.message = Some(
                outcome
                    .message_zh
                    .unwrap_or_else(|| "乡镇未接收".to_owned()),
            );
        }
    }
}

async fn pull(s: FieldSync) -> Result<(), HttpError> {
    s.phase.set(SyncPhase::Pulling);
    let mut cursor: i64 = meta::get(meta::CURSOR).await?.unwrap_or(0);
    loop {
        let url = format!("/api/sync/v1/pull?cursor={cursor}&limit={PULL_LIMIT}");
        let page: PullPage = http::get(&url).await?;
        records::apply_page(&page.changes, page.cursor, time::now_ms()).await?;
        s.progress.update(|p| p.pulled += page.changes.len() as u32);
        cursor = page.cursor;
        if !page.more {
            return Ok(());
        }
    }
}

/// This phone's device id, made at first use.
async fn device() -> Result<String, HttpError> {
    if let Some(d) = meta::get(meta::DEVICE).await? {
        return Ok(d);
    }
    let d = time::new_id().to_string();
    meta::set(meta::DEVICE, &d).await?;
    Ok(d)
}

/// Re-reads the rows the pages show.
pub async fn refresh(s: FieldSync) {
    let Ok(all) = records::all().await else {
        return;
    };
    let mut rows: Vec<RecordRow> = all
        .iter()
        .filter(|r| r.local || is_field_record(&r.kind))
        .map(|r| RecordRow {
            key: r.key.clone(),
            kind: r.kind.clone(),
            title: title(r),
            state: r.state,
            message: r.message.clone(),
            saved_at: r.saved_at,
        })
        .collect();
    rows.sort_by(|a, b| b.saved_at.total_cmp(&a.saved_at));
    s.rows.set(rows);
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
        "visit" => serde_wasm_bindgen::from_value::<VisitHeading>(r.body.clone())
            .map(|v| v.title_zh(crate::phone::utc_offset()))
            .unwrap_or_else(|_| "入户走访".to_owned()),
        "entrustment" => "帮办委托".to_owned(),
        "evaluation" => "服务评价".to_owned(),
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
