//! Service-worker registration and the update handshake (browser only).
//!
//! A new build installs in the background and waits; the page shows a banner, and only when the
//! user accepts does the waiting worker take over and the page reload, so old JavaScript never
//! runs against new WASM.

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

const SW_URL: &str = "/sw.js";
const SKIP_WAITING: &str = "SKIP_WAITING";

/// Set when the user accepted the new version: only then does a change of worker reload the
/// page (the very first install also changes the worker, and must not reload).
static USER_ACCEPTED_UPDATE: AtomicBool = AtomicBool::new(false);

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent on insecure origins (plain http other than localhost).
    let has = js_has(&navigator, "serviceWorker");
    has.then(|| navigator.service_worker())
}

fn js_has(target: &JsValue, key: &str) -> bool {
    js_sys::Reflect::has(target, &JsValue::from_str(key)).unwrap_or(false)
}

/// Registers the service worker and sets `update_ready` when a new version is waiting.
pub fn register_service_worker(update_ready: RwSignal<bool>) {
    let Some(sw) = container() else { return };
    let on_controller_change = Closure::<dyn FnMut()>::new(move || {
        if USER_ACCEPTED_UPDATE.load(Ordering::Relaxed)
            && let Some(w) = web_sys::window()
        {
            let _ = w.location().reload();
        }
    });
    sw.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    on_controller_change.forget();

    let promise = sw.register(SW_URL);
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(reg) = JsFuture::from(promise).await else {
            return;
        };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        if reg.waiting().is_some() && is_controlled() {
            update_ready.set(true);
        }
        watch_for_updates(reg, update_ready);
    });
}

/// Whether a worker already serves this page: a newly installed one is then an update.
fn is_controlled() -> bool {
    container().is_some_and(|c| c.controller().is_some())
}

fn watch_for_updates(reg: ServiceWorkerRegistration, ready: RwSignal<bool>) {
    let reg_in = reg.clone();
    let on_found = Closure::<dyn FnMut()>::new(move || {
        let Some(worker) = reg_in.installing() else {
            return;
        };
        let w = worker.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            if w.state() == ServiceWorkerState::Installed && is_controlled() {
                ready.set(true);
            }
        });
        worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    on_found.forget();
}

/// Tells the waiting version to take over; the `controllerchange` handler then reloads.
pub fn activate_waiting_version() {
    let Some(sw) = container() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(reg) = JsFuture::from(sw.get_registration()).await else {
            return;
        };
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        if let Some(waiting) = reg.waiting() {
            USER_ACCEPTED_UPDATE.store(true, Ordering::Relaxed);
            let _ = waiting.post_message(&JsValue::from_str(SKIP_WAITING));
        }
    });
}

thread_local! {
    /// Whether the page listens to the worker's answers to `PRECACHE_HELPER` already.
    static LISTENING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Asks the worker to cache the helper's pages and code (`PRECACHE_HELPER`) and follows it in
/// `ready`: preparing until the worker answers that they are cached (or that it failed). A
/// browser without service workers leaves `ready` unknown.
pub fn precache_helper(ready: RwSignal<u32>) {
    use crate::contexts::OfflineReady;
    let Some(sw) = container() else { return };
    if !LISTENING.with(|l| l.replace(true)) {
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let data = js_sys::Reflect::get(&e, &JsValue::from_str("data")).ok();
            let state = match data.and_then(|d| d.as_string()).as_deref() {
                Some("HELPER_CACHED") => OfflineReady::Ready,
                Some("HELPER_CACHE_FAILED") => OfflineReady::Failed,
                _ => return,
            };
            let _ = ready.try_set(state.code());
        });
        let _ = sw.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
        on_message.forget();
    }
    if ready.try_get_untracked() != Some(OfflineReady::Ready.code()) {
        let _ = ready.try_set(OfflineReady::Preparing.code());
    }
    tell_worker("PRECACHE_HELPER");
}

/// Sends a message to the worker that serves this page (`PRECACHE_HELPER`); on a first visit,
/// when none does yet, to the worker being installed as soon as it is active.
pub fn tell_worker(message: &str) {
    let Some(sw) = container() else { return };
    let message = JsValue::from_str(message);
    if let Some(worker) = sw.controller() {
        let _ = worker.post_message(&message);
        return;
    }
    let Ok(ready) = sw.ready() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(reg) = JsFuture::from(ready).await else {
            return;
        };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        if let Some(worker) = reg.active() {
            let _ = worker.post_message(&message);
        }
    });
}
