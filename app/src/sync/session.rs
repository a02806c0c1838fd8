//! Signing in (online, once) and out. Sign-out is refused while anything is unsent, and then
//! leaves nothing of the user's on the phone: the database is deleted and the caches emptied.

use leptos::prelude::*;
use serde::Serialize;
use wasm_bindgen_futures::JsFuture;

use super::http::{self, HttpError};
use super::types::SessionError;
use crate::contexts::FieldSync;
use crate::records::Account;
use crate::store::{self, meta, outbox};

#[derive(Serialize)]
struct Login<'a> {
    username: &'a str,
    password: &'a str,
}

/// What the password step answers: a session's account, or "now the code".
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum LoginAnswer {
    Next {
        #[allow(dead_code)]
        next: String,
    },
    Signed(Account),
}

#[derive(Serialize)]
struct Code<'a> {
    code: &'a str,
}

/// Signs in with a username and password and keeps the account on the phone. When the phone
/// held another account's records (a session that expired without sign-out), they are wiped
/// first, unless some are unsent. An account with a second factor answers
/// [`SessionError::SecondFactor`]: then [`sign_in_code`].
pub async fn sign_in(s: FieldSync, username: &str, password: &str) -> Result<(), SessionError> {
    let login = Login { username, password };
    let account = match http::post("/api/auth/login", &login).await {
        Ok(LoginAnswer::Signed(a)) => a,
        Ok(LoginAnswer::Next { .. }) => return Err(SessionError::SecondFactor),
        Err(HttpError::Offline) => return Err(SessionError::Offline),
        Err(HttpError::Refused { message, .. }) => return Err(SessionError::Refused(message)),
        Err(HttpError::SignedOut) => {
            return Err(SessionError::Refused("用户名或密码不正确".to_owned()));
        }
        Err(HttpError::Garbled(e)) => return Err(SessionError::Storage(e)),
    };
    signed_in(s, account).await
}

/// The second step: the code after a right password.
pub async fn sign_in_code(s: FieldSync, code: &str) -> Result<(), SessionError> {
    let account: Account = match http::post("/api/auth/totp", &Code { code }).await {
        Ok(a) => a,
        Err(HttpError::Offline) => return Err(SessionError::Offline),
        Err(HttpError::Refused { message, .. }) => return Err(SessionError::Refused(message)),
        Err(HttpError::SignedOut) => {
            return Err(SessionError::Refused("验证码错误或已使用".to_owned()));
        }
        Err(HttpError::Garbled(e)) => return Err(SessionError::Storage(e)),
    };
    signed_in(s, account).await
}

/// Keeps a signed-in account on the phone and starts the first sync (not while the account
/// must first change its password or enrol: the server would refuse it).
async fn signed_in(s: FieldSync, account: Account) -> Result<(), SessionError> {
    let restricted = account.restricted();
    let previous: Option<Account> = meta::get(meta::ACCOUNT).await.map_err(storage)?;
    if previous.is_some_and(|p| p.user != account.user) {
        if outbox::count().await.map_err(storage)? > 0 {
            return Err(SessionError::OtherAccountUnsent);
        }
        store::wipe().await.map_err(storage)?;
    }
    meta::set(meta::ACCOUNT, &account).await.map_err(storage)?;
    s.account.set(Some(account));
    if !restricted {
        start_work(s).await;
    }
    Ok(())
}

/// What follows a sign-in that may work: places, the helper's pages cached, the first sync.
pub async fn start_work(s: FieldSync) {
    super::reference::fetch_places().await;
    super::reference::fetch_catalogue().await;
    super::authorization_fix::fetch_settings().await;
    crate::pwa::precache_helper(s.offline_ready);
    super::rows::reload(s).await;
    s.sync_now();
}

/// Signs out: refused while records or photos are unsent; otherwise ends the session on the server
/// (when there is a network) and deletes everything of the user's from the phone.
pub async fn sign_out(s: FieldSync) -> Result<(), SessionError> {
    let waiting = unsent(s).await.map_err(storage)?;
    if waiting > 0 {
        return Err(SessionError::Unsent(waiting));
    }
    // Offline, the server's session simply runs out; the phone is cleared either way.
    let _: Result<serde::de::IgnoredAny, _> = http::post("/api/auth/logout", &()).await;
    store::wipe().await.map_err(storage)?;
    clear_caches().await;
    s.account.set(None);
    s.rows.set(Vec::new());
    s.last_synced.set(None);
    Ok(())
}

/// Records and photos on the phone not yet on the server.
async fn unsent(s: FieldSync) -> Result<usize, store::StoreError> {
    let records = (outbox::count().await? as usize).max(s.unsent());
    // A photo not yet on the server would be lost with the phone's store.
    let photos = store::uploads::all()
        .await?
        .iter()
        .filter(|l| !l.done)
        .count();
    Ok(records + photos)
}

/// [`unsent`], counting a store that cannot be read as holding something.
pub async fn waiting(s: FieldSync) -> usize {
    unsent(s).await.unwrap_or(1)
}

/// Deletes the account's data from the phone because the server said so (issue 22 point 13;
/// `why` is its code: the account was disabled, or the sign-in lapsed long ago): the store
/// (records, outbox, cached photos and attachments) and every cache, then the sign-in page,
/// which says why. For a disabled account, unsent records were pushed first by the round that
/// learned it; what the server could no longer take is not kept either.
pub async fn wipe(s: FieldSync, why: &str) {
    if let Err(e) = store::wipe().await {
        leptos::logging::warn!("wipe: {}", e.0);
    }
    clear_caches().await;
    s.account.set(None);
    s.rows.set(Vec::new());
    s.last_synced.set(None);
    s.offline_ready
        .set(crate::contexts::OfflineReady::Unknown.code());
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_href(&format!("/signin?why={why}"));
    }
}

fn storage(e: store::StoreError) -> SessionError {
    SessionError::Storage(e.0)
}

/// Empties every cache of this origin. The page's `caches` is the same storage the service
/// worker uses, and the page is running while the worker may not be.
async fn clear_caches() {
    let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else {
        return;
    };
    let Ok(keys) = JsFuture::from(caches.keys()).await else {
        return;
    };
    for key in js_sys::Array::from(&keys).iter() {
        if let Some(name) = key.as_string() {
            let _ = JsFuture::from(caches.delete(&name)).await;
        }
    }
}
