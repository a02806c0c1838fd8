//! The sync engine: a round pushes the outbox in chunks, storing each chunk's answers as they
//! come, then pulls pages of changes after the stored cursor, storing each page with its
//! cursor. A round cut off anywhere resumes where it stopped: unanswered changes are sent
//! again under the same ids (the server answers them from its record), and pulling restarts
//! after the last page stored.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use leptos::prelude::*;

use super::http::{self, HttpError};
use wasm_bindgen::JsValue;

use super::answers::{Answer, Took};
use super::chunks::PushPlan;
use super::wire::{OpAnswer, OutOp, Outcome, PullPage, PushAnswer, PushBody};
use super::{lock, rows, storage, time};
use crate::contexts::{FieldSync, Progress, SyncPhase};
use crate::records::{Account, RecordState};
use crate::store::outbox::Queued;
use crate::store::{LocalRecord, meta, outbox, records};

const PUSH_URL: &str = "/api/sync/v1/push";
/// Records per pulled page.
const PULL_LIMIT: u32 = 500;
/// While online, a round this often picks up what others changed.
const ROUND_EVERY_MS: u64 = 3 * 60 * 1000;
/// A round the server failed for a while (a 5xx) is tried again after these waits, in the
/// same round; everything is sent again under the same ids, so nothing goes twice.
const RETRY_AFTER_MS: [i32; 2] = [2_000, 8_000];
/// After those, one more round this much later (before the every-few-minutes one).
const NEXT_ROUND_AFTER_TROUBLE_MS: u64 = 30_000;

thread_local! {
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    static AGAIN: Cell<bool> = const { Cell::new(false) };
}

/// Reads the phone's store into `s`, then syncs now, whenever the network comes back, and
/// every few minutes. A phone without a store (a first visit: no helper signed in here) has
/// nothing to read or send, and fetches none of the store's and the engine's code.
pub fn start(s: FieldSync) {
    leptos::task::spawn_local(async move {
        if !crate::store::exists().await {
            let _ = s.ready.try_set(true);
            return;
        }
        load(s).await;
        if s.account.try_get_untracked().flatten().is_some() {
            // A helper's phone keeps the helper's pages cached (the service worker's first
            // install only takes the public ones); a no-op when they already are.
            crate::pwa::precache_helper(s.offline_ready);
        }
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
    let signed_in = account.is_some();
    let _ = s.account.try_set(account);
    // The catalogue the clocks count with, before the rows are worked out from the records.
    super::reference::kept_catalogue().await;
    rows::reload(s).await;
    let _ = s.ready.try_set(true);
    if signed_in && super::reference::fetch_catalogue().await {
        // A limit changed while the app was closed: the rows' clocks again.
        rows::reload(s).await;
    }
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
    let mut result = attempt(s).await;
    for wait in RETRY_AFTER_MS {
        let Some(status) = result.as_ref().err().and_then(HttpError::transient_status) else {
            break;
        };
        // Said while waiting: the helper sees the phone is on it, not stuck.
        let _ = s.phase.try_set(SyncPhase::ServerTrouble(status));
        time::sleep_ms(wait).await;
        result = attempt(s).await;
    }
    s.changed();
    // A disabled account: what could be sent was sent (the server takes the last push of
    // what was made before the disabling); the rest of the account's data leaves the phone.
    if let Some(why) = result.as_ref().err().and_then(HttpError::wipe_reason) {
        // A lapsed sign-in keeps what is unsent: the helper signs in again and sends it.
        if why == crate::remote_wipe::ACCOUNT_DISABLED || super::session::waiting(s).await == 0 {
            super::session::wipe(s, why).await;
            return;
        }
    }
    s.phase.set(match result {
        Ok(()) => {
            s.last_synced.set(Some(time::now_ms()));
            // Caching for offline use failed when the signal went: the signal is back.
            if s.offline_ready.get_untracked() == crate::contexts::OfflineReady::Failed.code() {
                crate::pwa::precache_helper(s.offline_ready);
            }
            SyncPhase::Idle
        }
        Err(HttpError::Offline) => SyncPhase::Offline,
        Err(HttpError::SignedOut | HttpError::Refused { status: 401, .. }) => SyncPhase::SignedOut,
        Err(e) if let Some(status) = e.transient_status() => {
            set_timeout(
                move || s.sync_now(),
                std::time::Duration::from_millis(NEXT_ROUND_AFTER_TROUBLE_MS),
            );
            SyncPhase::ServerTrouble(status)
        }
        Err(HttpError::Refused { message, .. }) => SyncPhase::Failed(message),
        Err(HttpError::Garbled(detail)) => {
            leptos::logging::warn!("sync: {detail}");
            SyncPhase::Unreadable
        }
    });
    storage::persist_and_measure(s).await;
}

/// Sends, uploads and receives once.
async fn attempt(s: FieldSync) -> Result<(), HttpError> {
    push(s).await?;
    super::uploads::send(s).await?;
    let pulled = pull(s).await;
    // What the installation accepts, for the authorization checks offline.
    super::authorization_fix::fetch_settings().await;
    pulled
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
    let mut plan = PushPlan::new(queued.len());
    while let Some(chunk) = plan.next() {
        let asked = time::now_ms();
        let (this, later) = (&queued[chunk.clone()], &queued[chunk.end..]);
        match push_chunk(s, &device, this, later).await {
            Ok(()) => plan.answered(chunk, time::now_ms() - asked),
            // Not taken, its changes wait as they were: they go again in smaller pushes.
            Err(HttpError::Refused { status: 413, .. }) if plan.too_large(chunk) => continue,
            Err(e) => return Err(e),
        }
        progress.sent = plan.answered_count() as u32;
        s.progress.set(progress);
    }
    Ok(())
}

/// Sends one push and stores its answers; `later` is what the following pushes carry.
async fn push_chunk(
    s: FieldSync,
    device: &str,
    chunk: &[Queued],
    later: &[Queued],
) -> Result<(), HttpError> {
    // Records with operations in later pushes are still on their way after this one.
    let later: HashSet<&str> = later.iter().map(Queued::record_key).collect();
    let mut keys: Vec<&str> = chunk.iter().map(Queued::record_key).collect();
    keys.sort_unstable();
    keys.dedup();
    let mut sent: Vec<LocalRecord> = records::get_many(&keys)
        .await?
        .into_iter()
        .flatten()
        .collect();
    sent.iter_mut().for_each(|r| r.state = RecordState::Sending);
    // Records with ordered operations (cases, households) are marked in the store as well,
    // so that no change is queued behind ones on their way (a save is refused as busy). A
    // whole-record save needs no mark: a newer save replaces the queued one and `settle`
    // rebases it, so those records are not written twice per push.
    let ordered: HashSet<&str> = chunk
        .iter()
        .filter(|q| q.key != q.record_key())
        .map(Queued::record_key)
        .collect();
    let marked: Vec<LocalRecord> = sent
        .iter()
        .filter(|r| ordered.contains(r.key.as_str()))
        .cloned()
        .collect();
    records::put_all(&marked).await?;
    rows::restate(s, &sent);
    let request = PushBody {
        device,
        ops: chunk.iter().map(|q| &q.op).collect(),
    };
    let answer: PushAnswer = match http::post_compressed(PUSH_URL, &request).await {
        Ok(a) => a,
        Err(e) => {
            // Not answered: they wait on the phone, to go again under the same ids.
            let mut back = marked;
            back.iter_mut().for_each(|r| r.state = RecordState::Saved);
            records::put_all(&back).await?;
            sent.iter_mut().for_each(|r| r.state = RecordState::Saved);
            rows::restate(s, &sent);
            return Err(e);
        }
    };
    let record_of: HashMap<&str, &Queued> = chunk.iter().map(|q| (q.op.id.as_str(), q)).collect();
    let index: HashMap<String, usize> = sent
        .iter()
        .enumerate()
        .map(|(i, r)| (r.key.clone(), i))
        .collect();
    for result in answer.results {
        let Some((q, i)) = record_of
            .get(result.id.as_str())
            .and_then(|q| Some((*q, index.get(q.record_key())?)))
        else {
            continue;
        };
        answer_one(&mut sent[*i], &q.op, result);
    }
    for r in &mut sent {
        if later.contains(r.key.as_str()) {
            let mut standing = r.standing();
            standing.travelling_on();
            r.set_standing(standing);
        }
    }
    let stored = outbox::settle(&sent, chunk).await?;
    rows::restate(s, &stored);
    Ok(())
}

/// Takes the server's answer to `op` into its record; what a refused household edit sent and
/// what conflicted stay with the record, for the helper to choose what goes again, and a
/// refused package's problems at the members' lines when the helper fixes it.
fn answer_one(r: &mut LocalRecord, op: &OutOp, answer: OpAnswer) {
    let Outcome {
        outcome,
        version,
        current_version,
        message_zh,
        fields,
    } = answer.outcome;
    let mut standing = r.standing();
    let took = standing.answer(Answer::read(&outcome, version, current_version, message_zh));
    r.set_standing(standing);
    match took {
        Took::Ignored => return,
        Took::Applied => r.refused = JsValue::UNDEFINED,
        Took::Refused => {
            if let Some(changes) = op.edited_fields() {
                r.refused = refusal(&changes, &fields);
            }
        }
    }
    if !answer.problems.is_empty() {
        r.refused = serde_wasm_bindgen::to_value(&answer.problems).unwrap_or(JsValue::UNDEFINED);
    }
}

/// `{changes, fields}`, as `forms::household_edit::Refusal` reads it.
fn refusal(changes: &JsValue, fields: &JsValue) -> JsValue {
    let r = js_sys::Object::new();
    let fields = if fields.is_undefined() || fields.is_null() {
        js_sys::Array::new().into()
    } else {
        fields.clone()
    };
    let _ = js_sys::Reflect::set(&r, &JsValue::from_str("changes"), changes);
    let _ = js_sys::Reflect::set(&r, &JsValue::from_str("fields"), &fields);
    r.into()
}

async fn pull(s: FieldSync) -> Result<(), HttpError> {
    s.phase.set(SyncPhase::Pulling);
    let mut cursor: i64 = meta::get(meta::CURSOR).await?.unwrap_or(0);
    loop {
        let url = format!("/api/sync/v1/pull?cursor={cursor}&limit={PULL_LIMIT}");
        let page: PullPage = http::get(&url).await?;
        let applied = records::apply_page(&page.changes, page.cursor, time::now_ms()).await?;
        rows::update(s, &applied.stored, &applied.removed);
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
