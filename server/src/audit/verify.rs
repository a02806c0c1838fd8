//! Walking the chain: a page at a time (constant memory), recomputing every hash.

use serde::Serialize;

use super::entry::{AuditEntry, GENESIS, hash};
use crate::db::Db;

/// What a verification found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// Entries checked.
    pub entries: i64,
    /// The last good hash.
    pub head: String,
    /// The first broken entry, if any.
    pub broken: Option<Broken>,
}

/// The first entry where the chain breaks, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Broken {
    /// Its sequence number (for a missing entry: the number that should be there).
    pub seq: i64,
    /// What is wrong.
    pub problem: String,
}

type Row = (
    i64,
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
    String,
);

/// Checks the whole chain and the head.
pub async fn verify(db: &Db) -> Result<VerifyReport, sqlx::Error> {
    let mut expected_seq = 1;
    let mut prev = GENESIS.to_owned();
    loop {
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT seq, at, actor_user, actor_role, action, record_kind, record_id, place_code, \
             detail, prev_hash, hash FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT 1000",
        )
        .bind(expected_seq)
        .fetch_all(db.pool())
        .await?;
        let done = rows.len() < 1000;
        for (
            seq,
            at,
            actor_user,
            actor_role,
            action,
            record_kind,
            record_id,
            place_code,
            detail,
            prev_hash,
            stored,
        ) in rows
        {
            let report = |problem: &str| VerifyReport {
                entries: expected_seq - 1,
                head: prev.clone(),
                broken: Some(Broken {
                    seq: seq.min(expected_seq),
                    problem: problem.to_owned(),
                }),
            };
            if seq != expected_seq {
                return Ok(report("an entry is missing before this one"));
            }
            if prev_hash != prev {
                return Ok(report("it does not point to the entry before it"));
            }
            let e = AuditEntry {
                actor_user,
                actor_role,
                action,
                record_kind,
                record_id,
                place_code,
                detail,
            };
            if hash(seq, &at, &e, &prev) != stored {
                return Ok(report("its content does not match its hash"));
            }
            prev = stored;
            expected_seq += 1;
        }
        if done {
            break;
        }
    }
    let (head_seq, head_hash): (i64, String) =
        sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(db.pool())
            .await?;
    let broken = (head_seq != expected_seq - 1 || head_hash != prev).then(|| Broken {
        seq: expected_seq,
        problem: format!(
            "the head says {head_seq} entries, the log ends after {}",
            expected_seq - 1
        ),
    });
    Ok(VerifyReport {
        entries: expected_seq - 1,
        head: prev,
        broken,
    })
}
