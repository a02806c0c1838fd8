//! Multi-row statements: many rows in one round trip, in chunks that stay under SQLite's
//! and PostgreSQL's limits on bound parameters. A push batch writes through these, so its
//! cost grows with the number of tables it touches, not with the number of operations.

use sqlx::AnyConnection;
use sqlx::any::AnyArguments;
use sqlx::query::Query;

/// Bound parameters per statement: SQLite allows 32,766, PostgreSQL 65,535.
const MAX_PARAMS: usize = 30_000;

/// One bound value.
#[derive(Debug, Clone)]
pub enum Val {
    /// Text.
    Text(String),
    /// Text or NULL.
    OptText(Option<String>),
    /// A 64-bit integer.
    Int(i64),
    /// An integer or NULL.
    OptInt(Option<i64>),
    /// A calendar day as ISO text, or NULL, written as `date(…)`: a `date` column on
    /// PostgreSQL (the function-style cast of the text), the same text on SQLite (its date
    /// function answers an ISO day unchanged).
    Day(Option<String>),
    /// A flag: `boolean` on PostgreSQL, 0 or 1 on SQLite.
    Bool(bool),
    /// The database's time of the statement (`CURRENT_TIMESTAMP`), bound as nothing: a
    /// `timestamptz` on PostgreSQL, which `Any` cannot bind.
    Now,
}

fn bind<'q>(
    q: Query<'q, sqlx::Any, AnyArguments<'q>>,
    v: &Val,
) -> Query<'q, sqlx::Any, AnyArguments<'q>> {
    match v {
        Val::Text(s) => q.bind(s.clone()),
        Val::OptText(s) => q.bind(s.clone()),
        Val::Int(n) => q.bind(*n),
        Val::OptInt(n) => q.bind(*n),
        Val::Day(d) => q.bind(d.clone()),
        Val::Bool(b) => q.bind(*b),
        Val::Now => q,
    }
}

/// How the statement marks its parameters. SQLite gets anonymous `?`: it looks numbered and
/// named ones up by a linear scan, for every one bound, which makes a statement with
/// thousands of parameters cost quadratic time.
#[derive(Clone, Copy)]
enum Marks {
    Anonymous,
    Numbered,
}

impl Marks {
    fn of(conn: &AnyConnection) -> Marks {
        if conn.backend_name().eq_ignore_ascii_case("sqlite") {
            Marks::Anonymous
        } else {
            Marks::Numbered
        }
    }

    fn push(self, out: &mut String, n: usize) {
        match self {
            Marks::Anonymous => out.push('?'),
            Marks::Numbered => {
                out.push('$');
                out.push_str(&n.to_string());
            }
        }
    }
}

/// `($1, $2), ($3, $4)` for `rows` rows shaped like `shape` (a day's mark in `date(…)`, the
/// current time as `CURRENT_TIMESTAMP` with no mark).
fn tuples(marks: Marks, rows: usize, shape: &[Val]) -> String {
    let mut out = String::with_capacity(rows * shape.len() * 5);
    let mut n = 0;
    for r in 0..rows {
        if r > 0 {
            out.push_str(", ");
        }
        out.push('(');
        for (c, v) in shape.iter().enumerate() {
            if c > 0 {
                out.push_str(", ");
            }
            match v {
                Val::Now => out.push_str("CURRENT_TIMESTAMP"),
                Val::Day(_) => {
                    n += 1;
                    out.push_str("date(");
                    marks.push(&mut out, n);
                    out.push(')');
                }
                _ => {
                    n += 1;
                    marks.push(&mut out, n);
                }
            }
        }
        out.push(')');
    }
    out
}

/// Runs `{head} VALUES (…), (…) {tail}` over every row, a chunk at a time. Every row must
/// have the same shape (the same variant in each column, `Day` and `Now` placed alike).
pub async fn insert(
    conn: &mut AnyConnection,
    head: &str,
    rows: &[Vec<Val>],
    tail: &str,
) -> Result<(), sqlx::Error> {
    let Some(shape) = rows.first() else {
        return Ok(());
    };
    debug_assert!(rows.iter().all(|r| r.len() == shape.len()));
    for chunk in rows.chunks((MAX_PARAMS / shape.len().max(1)).max(1)) {
        let sql = format!(
            "{head} VALUES {} {tail}",
            tuples(Marks::of(conn), chunk.len(), shape)
        );
        let mut q = sqlx::query(&sql);
        for v in chunk.iter().flatten() {
            q = bind(q, v);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Runs `{head} WHERE {filter} AND ((c1 = $1 AND c2 = $2) OR …)` for every key, a chunk at a
/// time, and answers every row fetched. `key_cols` names the key's columns.
pub async fn matching<T>(
    conn: &mut AnyConnection,
    head: &str,
    key_cols: &[&str],
    keys: &[Vec<Val>],
    decode: impl Fn(&sqlx::any::AnyRow) -> Result<T, sqlx::Error>,
) -> Result<Vec<T>, sqlx::Error> {
    let mut out = Vec::new();
    for chunk in keys.chunks((MAX_PARAMS / key_cols.len().max(1)).max(1)) {
        let sql = format!(
            "{head} AND ({})",
            any_of(Marks::of(conn), key_cols, chunk.len())
        );
        let mut q = sqlx::query(&sql);
        for v in chunk.iter().flatten() {
            q = bind(q, v);
        }
        for row in q.fetch_all(&mut *conn).await? {
            out.push(decode(&row)?);
        }
    }
    Ok(out)
}

/// Runs `{head} AND ((c1 = $1 AND c2 = $2) OR …)` as a statement for every key, a chunk at a
/// time (deletes, updates).
pub async fn execute_matching(
    conn: &mut AnyConnection,
    head: &str,
    key_cols: &[&str],
    keys: &[Vec<Val>],
) -> Result<(), sqlx::Error> {
    for chunk in keys.chunks((MAX_PARAMS / key_cols.len().max(1)).max(1)) {
        let sql = format!(
            "{head} AND ({})",
            any_of(Marks::of(conn), key_cols, chunk.len())
        );
        let mut q = sqlx::query(&sql);
        for v in chunk.iter().flatten() {
            q = bind(q, v);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// `(c1 = $1 AND c2 = $2) OR (c1 = $3 AND c2 = $4)`; `c IN ($1, $2)` for one column (which
/// both databases plan as index lookups).
fn any_of(marks: Marks, cols: &[&str], rows: usize) -> String {
    let mark = |n: usize| {
        let mut s = String::new();
        marks.push(&mut s, n);
        s
    };
    if let [col] = cols {
        let list = (1..=rows).map(mark).collect::<Vec<_>>();
        return format!("{col} IN ({})", list.join(", "));
    }
    (0..rows)
        .map(|r| {
            let terms = cols
                .iter()
                .enumerate()
                .map(|(c, col)| format!("{col} = {}", mark(r * cols.len() + c + 1)))
                .collect::<Vec<_>>()
                .join(" AND ");
            format!("({terms})")
        })
        .collect::<Vec<_>>()
        .join(" OR ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_placeholders_row_by_row() {
        let n = Marks::Numbered;
        let three = [Val::Int(1), Val::Int(2), Val::Int(3)];
        assert_eq!(tuples(n, 2, &three), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(tuples(Marks::Anonymous, 1, &three[..2]), "(?, ?)");
        let typed = [Val::Day(None), Val::Now, Val::Bool(true)];
        assert_eq!(
            tuples(n, 2, &typed),
            "(date($1), CURRENT_TIMESTAMP, $2), (date($3), CURRENT_TIMESTAMP, $4)"
        );
        assert_eq!(
            tuples(Marks::Anonymous, 1, &typed),
            "(date(?), CURRENT_TIMESTAMP, ?)"
        );
        assert_eq!(
            any_of(n, &["a", "b"], 2),
            "(a = $1 AND b = $2) OR (a = $3 AND b = $4)"
        );
        assert_eq!(any_of(n, &["a"], 3), "a IN ($1, $2, $3)");
        assert_eq!(any_of(Marks::Anonymous, &["a"], 2), "a IN (?, ?)");
    }
}
