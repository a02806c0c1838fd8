//! One tab syncs at a time, through the browser's Web Locks API: a second tab that finds the
//! lock taken skips its round instead of pushing the same outbox twice at once.

use std::future::Future;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, future_to_promise};

#[wasm_bindgen]
extern "C" {
    type LockManager;
    #[wasm_bindgen(method, js_name = request)]
    fn request(this: &LockManager, name: &str, options: &JsValue, callback: &Function) -> Promise;
}

const LOCK_NAME: &str = "onedoor-sync";

/// Runs `work` while holding the sync lock; `false` when another tab holds it. Without the
/// Web Locks API (very old browsers) the work simply runs.
pub async fn exclusive<F>(work: F) -> bool
where
    F: Future<Output = ()> + 'static,
{
    let locks = web_sys::window()
        .and_then(|w| Reflect::get(&w.navigator(), &JsValue::from_str("locks")).ok())
        .filter(|l| !l.is_undefined() && !l.is_null());
    let Some(locks) = locks else {
        work.await;
        return true;
    };
    let locks: LockManager = locks.unchecked_into();
    let options = js_sys::Object::new();
    let _ = Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE);
    let callback = Closure::once_into_js(move |lock: JsValue| -> Promise {
        if lock.is_null() {
            return Promise::resolve(&JsValue::FALSE);
        }
        future_to_promise(async move {
            work.await;
            Ok(JsValue::TRUE)
        })
    });
    let promise = locks.request(LOCK_NAME, &options, callback.unchecked_ref());
    JsFuture::from(promise)
        .await
        .map(|v| v.is_truthy())
        .unwrap_or(false)
}
