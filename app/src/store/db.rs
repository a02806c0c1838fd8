//! Opening the database once per page, and deleting it at sign-out.

use std::cell::RefCell;
use std::rc::Rc;

use rexie::{ObjectStore, Rexie, TransactionMode};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use super::StoreError;

const DB_NAME: &str = "onedoor";
/// Raise with every change of the stores below.
const DB_VERSION: u32 = 3;
pub(super) const RECORDS: &str = "records";
pub(super) const OUTBOX: &str = "outbox";
pub(super) const META: &str = "meta";
/// Which attachment belongs to which record (version 2).
pub(super) const UPLOADS: &str = "uploads";
/// Photos and signatures as Blobs, by SHA-256 (version 3).
pub(super) const ATTACHMENTS: &str = "attachments";

thread_local! {
    static OPEN: RefCell<Option<Rc<Rexie>>> = const { RefCell::new(None) };
}

/// The open database, opened (and created or upgraded) on first use.
pub(super) async fn db() -> Result<Rc<Rexie>, StoreError> {
    if let Some(db) = OPEN.with(|o| o.borrow().clone()) {
        return Ok(db);
    }
    let db = Rexie::builder(DB_NAME)
        .version(DB_VERSION)
        .add_object_store(ObjectStore::new(RECORDS).key_path("key"))
        .add_object_store(ObjectStore::new(OUTBOX).key_path("key"))
        .add_object_store(ObjectStore::new(META))
        .add_object_store(ObjectStore::new(UPLOADS).key_path("key"))
        .add_object_store(ObjectStore::new(ATTACHMENTS).key_path("sha256"))
        .build()
        .await?;
    // Tasks that started together opened one connection each; the first kept wins and the
    // others close, or sign-out's delete would wait for a connection nobody holds any more.
    if let Some(first) = OPEN.with(|o| o.borrow().clone()) {
        db.close();
        return Ok(first);
    }
    let db = Rc::new(db);
    OPEN.with(|o| *o.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// A read-write transaction over `stores`.
pub(super) async fn write(stores: &[&str]) -> Result<rexie::Transaction, StoreError> {
    Ok(db()
        .await?
        .transaction(stores, TransactionMode::ReadWrite)?)
}

/// A read-only transaction over `stores`.
pub(super) async fn read(stores: &[&str]) -> Result<rexie::Transaction, StoreError> {
    Ok(db().await?.transaction(stores, TransactionMode::ReadOnly)?)
}

/// A Rust value as a plain JS object (maps as objects, as IndexedDB and JSON expect).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, StoreError> {
    let s = serde_wasm_bindgen::Serializer::json_compatible();
    Ok(value.serialize(&s)?)
}

/// A Rust value as JSON text (a fetch body), through the browser's own `JSON.stringify`.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, StoreError> {
    js_sys::JSON::stringify(&to_js(value)?)
        .map(String::from)
        .map_err(|e| StoreError(format!("{e:?}")))
}

/// Decodes a stored value; `None` for a missing one.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(
    value: Option<JsValue>,
) -> Result<Option<T>, StoreError> {
    Ok(match value {
        Some(v) if !v.is_undefined() && !v.is_null() => Some(serde_wasm_bindgen::from_value(v)?),
        _ => None,
    })
}

/// Whether this phone has the database at all, asked without opening (and so creating) it:
/// a first visit, or a phone signed out, has nothing to read, and then the store's code (a
/// WASM chunk of its own) need not be fetched. `true` when the browser cannot tell
/// (`indexedDB.databases()` is missing before Firefox 126 and Safari 14).
pub async fn exists() -> bool {
    use js_sys::{Array, Function, Promise, Reflect};
    let Some(window) = web_sys::window() else {
        return false;
    };
    let factory = Reflect::get(&window, &JsValue::from_str("indexedDB")).unwrap_or_default();
    let Ok(databases) = Reflect::get(&factory, &JsValue::from_str("databases")) else {
        return true;
    };
    let Some(databases) = databases.dyn_ref::<Function>() else {
        return true;
    };
    let Ok(promise) = databases.call0(&factory) else {
        return true;
    };
    let Ok(list) = wasm_bindgen_futures::JsFuture::from(Promise::from(promise)).await else {
        return true;
    };
    Array::from(&list).iter().any(|db| {
        Reflect::get(&db, &JsValue::from_str("name"))
            .ok()
            .and_then(|n| n.as_string())
            .is_some_and(|n| n == DB_NAME)
    })
}

/// Deletes the whole database: sign-out leaves nothing of the user's on the phone.
pub async fn wipe() -> Result<(), StoreError> {
    if let Some(db) = OPEN.with(|o| o.borrow_mut().take()) {
        // Deleting waits for open connections; this page's must close first.
        if let Ok(db) = Rc::try_unwrap(db) {
            db.close();
        }
    }
    Rexie::delete(DB_NAME).await?;
    Ok(())
}

/// Reads `keys` from `store` with every request issued at once (IndexedDB answers them in
/// order within the transaction); awaiting one request after another cost a round trip
/// through the event loop each, which made pushing 10,000 records take most of a minute.
pub(super) async fn get_each<T: serde::de::DeserializeOwned>(
    store: &rexie::Store,
    keys: impl Iterator<Item = &str>,
) -> Result<Vec<Option<T>>, StoreError> {
    let requests = keys.map(|k| store.get(JsValue::from_str(k)));
    futures_util::future::join_all(requests)
        .await
        .into_iter()
        .map(|v| decode(v?))
        .collect()
}

/// Writes `values` into `store`, every request issued at once; an error aborts the
/// transaction, which the caller's `done()` then reports.
pub(super) async fn put_each(store: &rexie::Store, values: Vec<JsValue>) -> Result<(), StoreError> {
    if !values.is_empty() {
        store.put_all(values.into_iter().map(|v| (v, None))).await?;
    }
    Ok(())
}

/// Deletes `keys` from `store`, every request issued at once.
pub(super) async fn delete_each(
    store: &rexie::Store,
    keys: impl Iterator<Item = &str>,
) -> Result<(), StoreError> {
    let requests = keys.map(|k| store.delete(JsValue::from_str(k)));
    for r in futures_util::future::join_all(requests).await {
        r?;
    }
    Ok(())
}
