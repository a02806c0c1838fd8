//! The change sequence. A push batch locks the head row for its whole transaction, so change
//! numbers become visible in order: a pull never skips a number that commits later (which a
//! database sequence would allow on PostgreSQL).

use sqlx::AnyConnection;

/// Hands out change numbers inside one write transaction.
pub struct SeqAlloc {
    last: i64,
}

impl SeqAlloc {
    /// Locks the head (row lock on PostgreSQL; SQLite's write lock is already held).
    pub async fn lock(conn: &mut AnyConnection) -> Result<SeqAlloc, sqlx::Error> {
        let (last,): (i64,) =
            sqlx::query_as("UPDATE sync_head SET seq = seq WHERE id = 1 RETURNING seq")
                .fetch_one(&mut *conn)
                .await?;
        Ok(SeqAlloc { last })
    }

    /// The next number.
    pub fn next(&mut self) -> i64 {
        self.last += 1;
        self.last
    }

    /// Stores the head; call before commit. Numbers of rolled-back operations stay unused,
    /// which pulls do not mind.
    pub async fn finish(self, conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE sync_head SET seq = $1 WHERE id = 1")
            .bind(self.last)
            .execute(conn)
            .await?;
        Ok(())
    }
}
