//! `GET /healthz`: for load balancers and the install script.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;

use crate::db::Db;

/// The health answer.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    /// `ok` when the database answers.
    pub status: &'static str,
    /// `sqlite` or `postgres`.
    pub database: &'static str,
    /// The server's version.
    pub version: &'static str,
}

/// 200 with `{"status":"ok"}` when the database answers, 503 otherwise.
#[utoipa::path(get, path = "/healthz", tag = "health",
    responses((status = 200, body = Health), (status = 503, body = Health)))]
pub async fn get(State(db): State<Db>) -> (StatusCode, Json<Health>) {
    let ok = db.ping().await;
    let code = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let health = Health {
        status: if ok { "ok" } else { "unavailable" },
        database: db.backend(),
        version: env!("CARGO_PKG_VERSION"),
    };
    (code, Json(health))
}
