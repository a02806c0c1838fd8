//! Small values kept beside the records: who is signed in, this phone's device id, where
//! pulling resumes.

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

use super::StoreError;
use super::db::{META, decode, read, to_js, write};

/// The signed-in account ([`crate::records::Account`]).
pub const ACCOUNT: &str = "account";
/// This phone's device id, sent with every push.
pub const DEVICE: &str = "device";
/// The pull cursor: the server sequence after the last page stored.
pub const CURSOR: &str = "cursor";
/// The user's part of the jurisdiction tree ([`crate::records::PlaceInfo`]s).
pub const PLACES: &str = "places";
/// The township's helpers by name (`GET /api/places`), for the ledger.
pub const HELPERS: &str = "helpers";
/// The server's catalogue as last fetched (`GET /api/catalogue`: the counties' own time
/// limits with it), used over the one shipped with the build.
pub const CATALOGUE: &str = "catalogue";

/// The value under `key`, if any.
pub async fn get<T: DeserializeOwned>(key: &str) -> Result<Option<T>, StoreError> {
    let tx = read(&[META]).await?;
    decode(tx.store(META)?.get(JsValue::from_str(key)).await?)
}

/// Sets the value under `key`.
pub async fn set<T: Serialize + ?Sized>(key: &str, value: &T) -> Result<(), StoreError> {
    let tx = write(&[META]).await?;
    tx.store(META)?
        .put(&to_js(value)?, Some(&JsValue::from_str(key)))
        .await?;
    tx.done().await?;
    Ok(())
}

/// Removes the value under `key`.
pub async fn remove(key: &str) -> Result<(), StoreError> {
    let tx = write(&[META]).await?;
    tx.store(META)?.delete(JsValue::from_str(key)).await?;
    tx.done().await?;
    Ok(())
}
