//! Reference data the phone keeps beside the records: the user's places (for pickers and
//! names), fetched at sign-in and whenever a page finds none.

use serde::Deserialize;

use super::http;
use crate::records::PlaceInfo;
use crate::store::meta;

#[derive(Deserialize)]
struct Places {
    places: Vec<PlaceInfo>,
}

/// Fetches the user's places and keeps them; `false` without a network (the old list stays).
pub async fn fetch_places() -> bool {
    match http::get::<Places>("/api/places").await {
        Ok(p) => meta::set(meta::PLACES, &p.places).await.is_ok(),
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
