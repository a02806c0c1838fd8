//! What the phone keeps to fix a refused authorization package: what the installation
//! accepts (`GET /api/authorizations/v1/settings`, fetched at sign-in and after each sync
//! round, kept for offline checks), and a refused package with its problems as the push
//! answer named them.

use domain::authorization::AuthorizationRecord;
use domain::sync::RecordKind;
use uuid::Uuid;

use super::http;
use crate::forms::intake::authorization_fix::{Accepted, RefusedProblem};
use crate::records::RecordState;
use crate::store::{meta, records};

/// Where the installation's settings are kept ([`Accepted`]).
const SETTINGS: &str = "authorization_settings";

/// Fetches what the installation accepts and keeps it; `false` without a network (what was
/// learned before stays).
pub async fn fetch_settings() -> bool {
    match http::get::<Accepted>("/api/authorizations/v1/settings").await {
        Ok(a) => meta::set(SETTINGS, &a).await.is_ok(),
        Err(_) => false,
    }
}

/// What the installation accepts, as last learned (before any sync: the built-in text and
/// every method).
pub async fn settings() -> Accepted {
    meta::get(SETTINGS).await.ok().flatten().unwrap_or_default()
}

/// The package `id` as the phone holds it, if the server refused it: the package as sent and
/// the problems the answer named (none from a server that does not name them).
pub async fn refusal(id: Uuid) -> Option<(AuthorizationRecord, Vec<RefusedProblem>)> {
    let key = records::key(RecordKind::Authorization.code(), &id.to_string());
    let local = records::get(&key).await.ok()??;
    if local.state != RecordState::Attention {
        return None;
    }
    let record = serde_wasm_bindgen::from_value(local.body).ok()?;
    let problems = if local.refused.is_undefined() || local.refused.is_null() {
        Vec::new()
    } else {
        serde_wasm_bindgen::from_value(local.refused).unwrap_or_default()
    };
    Some((record, problems))
}
