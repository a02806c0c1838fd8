//! Service-worker registration and the update handshake (browser only).
//!
//! A new build installs in the background and waits; the page shows a banner, and only when the
//! user accepts does the waiting worker take over and the page reload, so old JavaScript never
//! runs against new WASM.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

const SW_URL: &str = "/sw.js";
const SKIP_WAITING: &str = "SKIP_WAITING";

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
    let controlled_at_start = sw.controller().is_some();
    // Reload once the new version has taken over (not on the very first install).
    let on_controller_change = Closure::<dyn FnMut()>::new(move || {
        if controlled_at_start && let Some(w) = web_sys::window() {
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
        if reg.waiting().is_some() && controlled_at_start {
            update_ready.set(true);
        }
        watch_for_updates(reg, controlled_at_start, update_ready);
    });
}

fn watch_for_updates(reg: ServiceWorkerRegistration, controlled: bool, ready: RwSignal<bool>) {
    let reg_in = reg.clone();
    let on_found = Closure::<dyn FnMut()>::new(move || {
        let Some(worker) = reg_in.installing() else {
            return;
        };
        let w = worker.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            if w.state() == ServiceWorkerState::Installed && controlled {
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
            let _ = waiting.post_message(&JsValue::from_str(SKIP_WAITING));
        }
    });
}
