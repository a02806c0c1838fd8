//! PostgreSQL, selected by a `postgres://` URL.

use anyhow::Context;
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

/// Opens the pool.
pub async fn connect(url: &str) -> anyhow::Result<PgPool> {
    PgPoolOptions::new()
        .max_connections(16)
        .connect(url)
        .await
        .context("connecting to PostgreSQL")
}
