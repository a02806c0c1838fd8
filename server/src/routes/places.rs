//! `GET /api/places`: the caller's part of the jurisdiction tree, for the phone to name the
//! places of its records offline — the caller's own place, every place below it, and the
//! places above it (a helper of 毛家村 sees its grids, 沙坪镇 and 垫江县, and no other village);
//! and the names of the helpers of the caller's township, for the helper ledger to name who
//! took each entrustment (seed 000 attachment 1, 帮办代办员姓名).

use axum::Json;
use axum::extract::State;
use domain::jurisdiction::{Level, PlaceCode};
use serde::Serialize;

use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::state::AppState;

/// The caller's places.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Places {
    /// From the top of the tree down (county first), each level in code order.
    pub places: Vec<PlaceRow>,
    /// The active helpers placed in the caller's township (the county's, for a county user),
    /// by id, each with the name the ledger shows.
    pub helpers: Vec<HelperName>,
}

/// A helper's account and name.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct HelperName {
    /// The account's id.
    pub id: String,
    /// The name the account is shown by, e.g. 李网格.
    pub name: String,
}

/// One place.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PlaceRow {
    /// Its code, e.g. `500231101201` or `500231101201-G01`.
    pub code: String,
    /// Its Chinese name, e.g. 毛家村.
    pub name_zh: String,
    /// `county`, `township`, `village` or `grid`.
    #[schema(value_type = String, example = "village")]
    pub level: Level,
    /// The place above it; `null` for the county.
    pub parent: Option<String>,
}

/// The signed-in caller's places; 401 without a session.
#[utoipa::path(get, path = "/api/places", tag = "reference",
    responses((status = 200, body = Places),
              (status = 401, description = "Not signed in", body = crate::error::ErrorBody)),
    security(("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Places>, ApiError> {
    let own = &user.actor.place;
    // Everything the caller may see lies in their county; the exact rule is below.
    let rows: Vec<(String, Option<String>, String)> =
        sqlx::query_as("SELECT code, parent_code, name_zh FROM places WHERE code LIKE $1")
            .bind(format!("{}%", own.county().as_str()))
            .fetch_all(state.db.pool())
            .await?;
    let mut places: Vec<PlaceRow> = rows
        .into_iter()
        .filter_map(|(code, parent, name_zh)| {
            let place = PlaceCode::parse(&code).ok()?;
            (own.contains(&place) || place.contains(own)).then(|| PlaceRow {
                level: place.level(),
                code,
                name_zh,
                parent,
            })
        })
        .collect();
    places.sort_by(|a, b| (a.level, &a.code).cmp(&(b.level, &b.code)));
    // Colleagues' names only: the township's helpers, not its residents or other staff.
    let area = own.township().unwrap_or_else(|| own.county());
    let helpers: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, display_name FROM users \
         WHERE role = 'helper' AND NOT disabled AND place_code LIKE $1 ORDER BY id",
    )
    .bind(format!("{}%", area.as_str()))
    .fetch_all(state.db.pool())
    .await?;
    let helpers = helpers
        .into_iter()
        .map(|(id, name)| HelperName { id, name })
        .collect();
    Ok(Json(Places { places, helpers }))
}
