//! Reference data the phone keeps beside the records: the user's places (for pickers and
//! names), fetched at sign-in and whenever a page finds none; and the server's catalogue, whose
//! counties' own time limits the clocks count, fetched at sign-in and each time the app starts.

use domain::catalogue::CatalogueData;
use serde::Deserialize;

use super::http;
use crate::records::{HelperName, PlaceInfo};
use crate::store::meta;

#[derive(Deserialize)]
struct Places {
    places: Vec<PlaceInfo>,
    /// Absent from a server older than the helpers' names.
    #[serde(default)]
    helpers: Vec<HelperName>,
}

/// Fetches the user's places and keeps them; `false` without a network (the old list stays).
pub async fn fetch_places() -> bool {
    match http::get::<Places>("/api/places").await {
        Ok(p) => {
            meta::set(meta::PLACES, &p.places).await.is_ok()
                && meta::set(meta::HELPERS, &p.helpers).await.is_ok()
        }
        Err(_) => false,
    }
}

/// The places kept on the phone.
pub async fn places() -> Vec<PlaceInfo> {
    meta::get(meta::PLACES)
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// The township's helpers by name, as last fetched with the places; fetched now when the
/// phone never was told (signed in before the server sent them), if there is a network.
pub async fn helpers() -> Vec<HelperName> {
    if let Ok(Some(known)) = meta::get(meta::HELPERS).await {
        return known;
    }
    fetch_places().await;
    meta::get(meta::HELPERS)
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// Uses the catalogue kept on the phone, if one was fetched before (offline starts too).
pub async fn kept_catalogue() {
    if let Ok(Some(data)) = meta::get::<CatalogueData>(meta::CATALOGUE).await {
        crate::components::catalogue::install(data);
    }
}

/// Fetches the server's catalogue, keeps it and uses it; answers whether the catalogue in use
/// changed (`false` without a network: the kept one stays). An admin's change of a local time
/// limit reaches the phone this way.
pub async fn fetch_catalogue() -> bool {
    match http::get::<CatalogueData>("/api/catalogue").await {
        Ok(data) => {
            let _ = meta::set(meta::CATALOGUE, &data).await;
            crate::components::catalogue::install(data)
        }
        Err(_) => false,
    }
}
