//! The database behind one small type: SQLite (embedded, the default) or PostgreSQL, chosen by
//! the URL's scheme. Each backend has its own migrations (`migrations/<backend>/`).
//!
//! Queries go through sqlx's `Any` driver so that each query is written once: both backends
//! take `$N` placeholders, `ON CONFLICT`, `RETURNING` and savepoints. The price is that `Any`
//! carries only plain types, so times are stored as fixed-width UTC text (see [`time`]) and
//! ids as text; both sort correctly as text.

pub mod bulk;
mod sqlite;
pub mod time;
mod write_tx;

use std::sync::Arc;

use anyhow::{Context, bail};
use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;

pub use write_tx::WriteTx;

/// Connections for reads on PostgreSQL.
const PG_READ_POOL: u32 = 4;
/// Connections for write transactions on PostgreSQL.
const PG_WRITE_POOL: u32 = 16;

/// Which database an installation runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite in WAL mode.
    Sqlite,
    /// PostgreSQL, for installations that outgrow one machine.
    Postgres,
}

/// A connection pool to one of the supported databases.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    /// Write transactions' connections. On PostgreSQL a pool of their own: pushes queue on the
    /// change sequence's row lock holding a connection each, and reads (the caller's session
    /// first of all) must not wait behind them.
    writes: AnyPool,
    backend: Backend,
    /// SQLite has one writer at a time; queueing writers here instead of in SQLite's busy
    /// handler avoids `database is locked` under many concurrent pushes.
    writer: Arc<tokio::sync::Mutex<()>>,
}

impl Db {
    /// Connects (creating an SQLite file and its folder if needed) and runs the migrations.
    pub async fn connect_and_migrate(url: &str) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let (backend, pool, writes) = if url.starts_with("sqlite:") {
            let pool = sqlite::connect(url).await?;
            (Backend::Sqlite, pool.clone(), pool)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            // Few connections per pool: on a small machine the database shares the cores,
            // and more backends than cores only lengthen the tail of every read.
            let connect = |size| AnyPoolOptions::new().max_connections(size).connect(url);
            let pool = connect(PG_READ_POOL)
                .await
                .context("connecting to PostgreSQL")?;
            let writes = connect(PG_WRITE_POOL)
                .await
                .context("connecting to PostgreSQL")?;
            (Backend::Postgres, pool, writes)
        } else {
            bail!("unsupported database URL scheme (use sqlite:// or postgres://)");
        };
        let db = Db {
            pool,
            writes,
            backend,
            writer: Arc::new(tokio::sync::Mutex::new(())),
        };
        db.migrate().await.context("running migrations")?;
        Ok(db)
    }

    async fn migrate(&self) -> anyhow::Result<()> {
        match self.backend {
            Backend::Sqlite => {
                sqlx::migrate!("./migrations/sqlite")
                    .run(&self.pool)
                    .await?
            }
            Backend::Postgres => {
                sqlx::migrate!("./migrations/postgres")
                    .run(&self.pool)
                    .await?
            }
        }
        Ok(())
    }

    /// The pool, for reads and single-statement writes.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Which database this is.
    pub fn kind(&self) -> Backend {
        self.backend
    }

    /// The backend's name, for logs and health answers.
    pub fn backend(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }

    /// Starts a write transaction. On SQLite it waits for the single writer slot and takes the
    /// write lock up front (`BEGIN IMMEDIATE`), so two writers never deadlock on an upgrade.
    pub async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => {
                let guard = self.writer.clone().lock_owned().await;
                let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
                Ok(WriteTx::new(tx, Some(guard)))
            }
            Backend::Postgres => Ok(WriteTx::new(self.writes.begin().await?, None)),
        }
    }

    /// Answers whether the database takes a trivial query.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }
}
