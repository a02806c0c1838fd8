//! The database behind one small type: SQLite (embedded, the default) or PostgreSQL, chosen by
//! the URL's scheme. Each backend has its own migrations (`migrations/<backend>/`).

mod postgres;
mod sqlite;

use anyhow::{Context, bail};

/// A connection pool to one of the supported databases.
#[derive(Clone, Debug)]
pub enum Db {
    /// Embedded SQLite in WAL mode.
    Sqlite(sqlx::SqlitePool),
    /// PostgreSQL, for installations that outgrow one machine.
    Postgres(sqlx::PgPool),
}

impl Db {
    /// Connects (creating an SQLite file and its folder if needed) and runs the migrations.
    pub async fn connect_and_migrate(url: &str) -> anyhow::Result<Db> {
        let db = if url.starts_with("sqlite:") {
            Db::Sqlite(sqlite::connect(url).await?)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Db::Postgres(postgres::connect(url).await?)
        } else {
            bail!("unsupported database URL scheme (use sqlite:// or postgres://)");
        };
        db.migrate().await.context("running migrations")?;
        Ok(db)
    }

    async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Db::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await?,
            Db::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    /// The backend's name, for logs and health answers.
    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Answers whether the database takes a trivial query.
    pub async fn ping(&self) -> bool {
        match self {
            Db::Sqlite(p) => sqlx::query("SELECT 1").execute(p).await.is_ok(),
            Db::Postgres(p) => sqlx::query("SELECT 1").execute(p).await.is_ok(),
        }
    }
}
