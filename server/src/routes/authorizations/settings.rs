//! `GET /api/authorizations/v1/settings` (public): what this installation accepts in an
//! authorization package — the text in force, every text version loaded, and the identity
//! methods allowed (`--authorization-identity-methods`). The helper's phone keeps the answer
//! so that its check before saving refuses what the server would refuse, offline too.

use axum::Json;
use axum::extract::State;
use domain::authorization::IdentityMethod;
use serde::Serialize;
use serde_json::{Value, json};

use super::lookup;
use crate::authorization::store;
use crate::error::ApiError;
use crate::state::AppState;

/// The answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Settings {
    /// The text new authorizations are signed under, with its `sha256` (as `GET …/text`).
    #[schema(value_type = Object)]
    pub text: Value,
    /// Every text version a package may name.
    pub versions: Vec<String>,
    /// The identity methods allowed (`in_person`, `one_time_code`).
    #[schema(value_type = Vec<String>)]
    pub identity_methods: Vec<IdentityMethod>,
}

/// What a package may name: the text in force, the versions loaded, the identity methods.
#[utoipa::path(get, path = "/api/authorizations/v1/settings", tag = "authorizations",
    responses((status = 200, body = Settings,
               description = "The text in force, the known text versions and the allowed identity methods")))]
pub async fn get(State(state): State<AppState>) -> Result<Json<Settings>, ApiError> {
    let in_force = lookup::text_in_force(&state.db).await?;
    let mut text = serde_json::to_value(&in_force).map_err(anyhow::Error::from)?;
    text["sha256"] = json!(in_force.sha256());
    let mut versions = store::text_versions(&state.db).await?;
    if !versions.contains(&in_force.version) {
        versions.push(in_force.version.clone());
    }
    Ok(Json(Settings {
        text,
        versions,
        identity_methods: state.identity_methods.to_vec(),
    }))
}
