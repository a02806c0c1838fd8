//! Records and the change log: the one place that writes them, so every write appends a
//! change with the record's scope before and after.

use domain::jurisdiction::RecordScope;
use domain::sync::RecordKind;
use serde_json::Value;
use sqlx::AnyConnection;
use uuid::Uuid;

use super::seq::SeqAlloc;

/// A record as stored.
#[derive(Debug, Clone)]
pub struct Stored {
    /// Its version (1 after creation).
    pub version: i64,
    /// Who may see it.
    pub scope: RecordScope,
    /// Its content.
    pub body: Value,
    /// The change since which `scope` holds (removals go only to phones that saw it then).
    pub scope_since: i64,
}

/// Loads a record, or `None`.
pub async fn load(
    conn: &mut AnyConnection,
    kind: RecordKind,
    id: Uuid,
) -> Result<Option<Stored>, sqlx::Error> {
    let row: Option<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT version, scope, body, scope_since FROM records WHERE kind = $1 AND id = $2",
    )
    .bind(kind.code())
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    row.map(|(version, scope, body, scope_since)| {
        Ok(Stored {
            version,
            scope: decode(&scope)?,
            body: decode(&body)?,
            scope_since,
        })
    })
    .transpose()
}

/// What a write needs besides the record.
pub struct WriteMeta<'a> {
    /// The version the writer read (`None` for a creation).
    pub previous: Option<&'a Stored>,
    /// The writing account.
    pub by: Uuid,
}

/// Writes `body` as the record's next version and appends the change. Answers the version.
/// The version check in the UPDATE makes a concurrent writer (PostgreSQL) lose cleanly.
pub async fn write(
    conn: &mut AnyConnection,
    seq: &mut SeqAlloc,
    kind: RecordKind,
    id: Uuid,
    scope: &RecordScope,
    body: &Value,
    meta: WriteMeta<'_>,
) -> Result<i64, sqlx::Error> {
    let n = seq.next();
    let now = crate::db::time::now();
    let scope_json = encode(scope);
    let body_json = body.to_string();
    let moved = meta.previous.filter(|p| p.scope != *scope);
    let since = match meta.previous {
        Some(p) if moved.is_none() => p.scope_since,
        _ => n,
    };
    let version = match meta.previous {
        None => {
            sqlx::query(
                "INSERT INTO records (kind, id, version, scope, place_code, body, seq, scope_since, \
                 updated_at, updated_by) VALUES ($1, $2, 1, $3, $4, $5, $6, $6, $7, $8)",
            )
            .bind(kind.code())
            .bind(id.to_string())
            .bind(&scope_json)
            .bind(scope.place.as_str())
            .bind(&body_json)
            .bind(n)
            .bind(&now)
            .bind(meta.by.to_string())
            .execute(&mut *conn)
            .await?;
            1
        }
        Some(prev) => {
            let done = sqlx::query(
                "UPDATE records SET version = $1, scope = $2, place_code = $3, body = $4, seq = $5, \
                 updated_at = $6, updated_by = $7, scope_since = $11 \
                 WHERE kind = $8 AND id = $9 AND version = $10",
            )
            .bind(prev.version + 1)
            .bind(&scope_json)
            .bind(scope.place.as_str())
            .bind(&body_json)
            .bind(n)
            .bind(&now)
            .bind(meta.by.to_string())
            .bind(kind.code())
            .bind(id.to_string())
            .bind(prev.version)
            .bind(since)
            .execute(&mut *conn)
            .await?;
            if done.rows_affected() != 1 {
                return Err(sqlx::Error::RowNotFound);
            }
            prev.version + 1
        }
    };
    if moved.is_none() {
        // A change that did not move the record says nothing an older unmoved change does not.
        sqlx::query(
            "DELETE FROM changes WHERE kind = $1 AND record_id = $2 AND scope = $3 \
             AND (prev_scope IS NULL OR prev_scope = scope)",
        )
        .bind(kind.code())
        .bind(id.to_string())
        .bind(&scope_json)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query(
        "INSERT INTO changes (seq, kind, record_id, scope, prev_scope, prev_since, place_code, \
         prev_place_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(n)
    .bind(kind.code())
    .bind(id.to_string())
    .bind(&scope_json)
    .bind(moved.map(|p| encode(&p.scope)))
    .bind(moved.map(|p| p.scope_since))
    .bind(scope.place.as_str())
    .bind(moved.map(|p| p.scope.place.as_str().to_owned()))
    .execute(&mut *conn)
    .await?;
    Ok(version)
}

/// JSON of a stored value.
pub fn encode<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("domain types serialize")
}

/// A stored JSON value back; a malformed one is a database fault.
pub fn decode<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, sqlx::Error> {
    serde_json::from_str(s).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}
