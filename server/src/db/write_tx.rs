//! A write transaction that also holds SQLite's single writer slot until it ends.

use std::ops::{Deref, DerefMut};

use sqlx::{Any, AnyConnection, Transaction};
use tokio::sync::OwnedMutexGuard;

/// A transaction from [`super::Db::begin_write`]. Use `&mut *tx` as the executor; nested
/// `begin` on it makes a savepoint. Dropped without `commit`, it rolls back.
pub struct WriteTx {
    tx: Transaction<'static, Any>,
    // Released after the transaction (fields drop in order), so the next writer never sees
    // this one still holding SQLite's lock.
    _writer: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub(super) fn new(tx: Transaction<'static, Any>, writer: Option<OwnedMutexGuard<()>>) -> Self {
        WriteTx {
            tx,
            _writer: writer,
        }
    }

    /// Commits, then releases the writer slot.
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }

    /// The transaction itself, e.g. to open a savepoint with `begin`.
    pub fn transaction(&mut self) -> &mut Transaction<'static, Any> {
        &mut self.tx
    }
}

impl Deref for WriteTx {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}
