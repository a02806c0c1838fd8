//! Persistent storage: the browser is asked not to evict the phone's records under pressure
//! (an offline outbox must survive), and the app shows how much space it uses.

use js_sys::Reflect;
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::contexts::{FieldSync, StorageUse};

/// Asks for persistence (once granted it stays) and measures the use.
pub async fn persist_and_measure(s: FieldSync) {
    let Some(manager) = web_sys::window().map(|w| w.navigator().storage()) else {
        return;
    };
    let mut persisted = match manager.persisted() {
        Ok(p) => JsFuture::from(p).await.is_ok_and(|v| v.is_truthy()),
        Err(_) => false,
    };
    if !persisted && let Ok(p) = manager.persist() {
        persisted = JsFuture::from(p).await.is_ok_and(|v| v.is_truthy());
    }
    let Ok(estimate) = manager.estimate() else {
        return;
    };
    let Ok(estimate) = JsFuture::from(estimate).await else {
        return;
    };
    let number = |key: &str| {
        Reflect::get(&estimate, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0)
    };
    s.storage.set(Some(StorageUse {
        used: number("usage"),
        quota: number("quota"),
        persisted,
    }));
}
