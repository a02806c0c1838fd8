//! Issue 21 point 6 on PostgreSQL: the case projection's columns have their own types
//! (`date`, `boolean`, `timestamptz`), rows stored as text before migration 0043 are carried
//! over, and every record body is queryable as `jsonb`. SQLite keeps text (nothing to check
//! there beyond the suite itself, which runs every projection query on both).

use sqlx::{Connection, PgConnection};

use crate::helpers::{Backend, fresh_database, spawn_app_on};

/// The migration that types the projection.
const TYPED: i64 = 43;

#[tokio::test]
async fn text_rows_are_carried_over_into_typed_columns() {
    let dir = std::env::temp_dir().join(format!("onedoor-test-{}", uuid::Uuid::now_v7()));
    let Some(url) = fresh_database(Backend::Postgres, &dir).await else {
        return;
    };
    let mut conn = PgConnection::connect(&url).await.unwrap();
    let all = sqlx::migrate!("./migrations/postgres");
    let mut before = sqlx::migrate!("./migrations/postgres");
    before.migrations = all
        .migrations
        .iter()
        .filter(|m| m.version < TYPED)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    before.run(&mut conn).await.unwrap();
    sqlx::query(
        "INSERT INTO case_projection (case_id, version, household_id, place_code, \
         township_code, state, channel, urgent, created_on, decided_on, deadline_on, updated_at) \
         VALUES ('c1', 3, 'h1', '430102001001', '430102001', 'decided', 'window', 1, \
         '2026-03-02', '2026-03-20', NULL, '2026-03-20T08:00:00.000000Z')",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO case_projection_items (case_id, item, department, step, deadline_on) \
         VALUES ('c1', 'dibao', 'civil', 'decision', '2026-04-01')",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO records (kind, id, version, scope, place_code, body, seq, scope_since, \
         updated_at, updated_by) VALUES ('case', 'c1', 3, '{}', '430102001001', \
         '{\"case\": {\"state\": \"decided\"}}', 1, 1, '2026-03-20T08:00:00.000000Z', 'u')",
    )
    .execute(&mut conn)
    .await
    .unwrap();

    all.run(&mut conn).await.unwrap();

    let row: (bool, String, Option<String>, Option<String>, String, String) = sqlx::query_as(
        "SELECT urgent, created_on::text, decided_on::text, deadline_on::text, \
         (updated_at AT TIME ZONE 'UTC')::text, pg_typeof(created_on)::text FROM case_projection",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(
        row,
        (
            true,
            "2026-03-02".to_owned(),
            Some("2026-03-20".to_owned()),
            None,
            "2026-03-20 08:00:00".to_owned(),
            "date".to_owned()
        )
    );
    let (item_deadline,): (String,) =
        sqlx::query_as("SELECT deadline_on::text || ' ' || pg_typeof(deadline_on)::text FROM case_projection_items")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert_eq!(item_deadline, "2026-04-01 date");
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM records WHERE doc @> '{\"case\": {\"state\": \"decided\"}}'",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(n, 1);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The server writes and reads the typed columns through its one SQL text per query: the demo
/// cases land in them, and the dashboard, data checks and registry read them back.
#[tokio::test]
async fn the_server_writes_typed_columns() {
    let Some(app) = spawn_app_on(Backend::Postgres, true).await else {
        return;
    };
    let types: Vec<(String, String)> = sqlx::query_as(
        "SELECT column_name::text, data_type::text FROM information_schema.columns \
         WHERE table_name = 'case_projection' \
         AND column_name IN ('urgent', 'created_on', 'deadline_on', 'updated_at') \
         ORDER BY column_name",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(
        types,
        [
            ("created_on", "date"),
            ("deadline_on", "date"),
            ("updated_at", "timestamp with time zone"),
            ("urgent", "boolean"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    let (cases, projected, docs): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM records WHERE kind = 'case'), \
         (SELECT COUNT(*) FROM case_projection WHERE created_on <= date($1)), \
         (SELECT COUNT(*) FROM records WHERE kind = 'case' AND doc ? 'case')",
    )
    .bind("2100-01-01")
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert!(cases > 0, "the demo data has cases");
    assert_eq!(projected, cases);
    assert_eq!(docs, cases);
}
