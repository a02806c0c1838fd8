//! `GET /api/catalogue`: the service item list, public like the list every village posts.

use axum::Json;
use axum::extract::State;
use domain::catalogue::CatalogueData;

use crate::state::AppState;

/// The current catalogue.
#[utoipa::path(get, path = "/api/catalogue", tag = "reference",
    responses((status = 200, body = Object, description = "The service items, departments and materials (`domain::catalogue`)")))]
pub async fn get(State(state): State<AppState>) -> Json<CatalogueData> {
    Json(state.reference.catalogue().data().clone())
}
