//! The audit chain: every change and every full-data read is chained; tampering is found and
//! named; the database refuses updates and deletes; a signed export of the head verifies.

use chrono::Utc;
use server::audit::{self, AuditEntry};
use server::db::{Backend as DbBackend, Db};
use server::sync::{pull, push};

use crate::backend_tests;
use crate::helpers::{Backend, TempDir, spawn_app_on};
use crate::sync_support::*;

const GRID: &str = "500231101201-G01";

async fn actions(db: &Db) -> Vec<(String, Option<String>, Option<String>, String)> {
    sqlx::query_as("SELECT action, record_id, place_code, detail FROM audit_log ORDER BY seq")
        .fetch_all(db.pool())
        .await
        .unwrap()
}

/// Appends `n` entries by the system; answers nothing, the chain is the result.
async fn append_n(db: &Db, n: usize) {
    for i in 0..n {
        let entry =
            AuditEntry::by_operator("test.entry").with_detail(serde_json::json!({ "i": i }));
        audit::append_standalone(db, &entry).await.unwrap();
    }
}

/// Lets the test's owner account change audit rows, as an attacker with the owner's
/// password could: the chain must still tell.
async fn drop_protection(db: &Db) {
    let statements: &[&str] = match db.kind() {
        DbBackend::Sqlite => &[
            "DROP TRIGGER audit_log_no_update",
            "DROP TRIGGER audit_log_no_delete",
        ],
        DbBackend::Postgres => &["ALTER TABLE audit_log DISABLE TRIGGER USER"],
    };
    for sql in statements {
        sqlx::query(sql).execute(db.pool()).await.unwrap();
    }
}

async fn exec(db: &Db, sql: &str) -> Result<u64, sqlx::Error> {
    sqlx::query(sql)
        .execute(db.pool())
        .await
        .map(|r| r.rows_affected())
}

async fn pushes_and_full_reads_are_chained_without_personal_data(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    without_demo_households(&app.db).await;
    let helper = actor(&app.db, "helper").await;
    let ops: Vec<_> = (0..3)
        .map(|i| create_household(GRID, &format!("毛家村{i}号")).1)
        .collect();
    let ids: Vec<String> = ops.iter().map(|o| o.body.record().1.to_string()).collect();
    push::push(
        &app.db,
        &catalogue(),
        &helper,
        &batch(device(), ops),
        Utc::now(),
    )
    .await
    .unwrap();
    pull::pull(&app.db, &helper, 0, 500).await.unwrap();

    let log = actions(&app.db).await;
    let created: Vec<_> = log
        .iter()
        .filter(|(a, ..)| a == "sync.create_household")
        .collect();
    assert_eq!(created.len(), 3);
    for (_, record, place, _) in &created {
        assert!(ids.contains(record.as_ref().unwrap()));
        assert_eq!(place.as_deref(), Some(GRID));
    }
    let (_, _, _, read) = log
        .iter()
        .rfind(|(a, ..)| a == "sync.pull")
        .expect("the pull that handed out households is recorded");
    for id in &ids {
        assert!(read.contains(id.as_str()), "the read names {id}");
    }
    for (_, _, _, detail) in &log {
        for secret in ["毛家村", "王秀英", "500231195803124020"] {
            assert!(!detail.contains(secret), "no personal data in the log");
        }
    }
    let report = audit::verify(&app.db).await.unwrap();
    assert_eq!(report.broken, None);
    assert_eq!(report.entries, log.len() as i64);
}

async fn sign_in_and_account_changes_are_recorded(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    app.sign_in("helper").await;
    let new = server::accounts::NewUser {
        username: Some("clerk2".into()),
        display_name: "窗口二".into(),
        role: "window_clerk".into(),
        place: "500231101".into(),
        department: None,
        phone: None,
        password: None,
    };
    server::accounts::create_user(&app.db, &new).await.unwrap();
    server::accounts::set_disabled(&app.db, "helper", true)
        .await
        .unwrap();
    let log: Vec<String> = actions(&app.db).await.into_iter().map(|r| r.0).collect();
    assert!(log.contains(&"auth.login".to_owned()));
    assert!(log.contains(&"accounts.disable".to_owned()));
    assert!(log.contains(&"accounts.create_user".to_owned()));
    assert_eq!(audit::verify(&app.db).await.unwrap().broken, None);
}

async fn the_database_refuses_to_change_or_remove_audit_rows(backend: Backend) {
    let Some(app) = spawn_app_on(backend, false).await else {
        return;
    };
    append_n(&app.db, 3).await;
    assert!(
        exec(&app.db, "UPDATE audit_log SET detail = '{}' WHERE seq = 2")
            .await
            .is_err()
    );
    assert!(
        exec(&app.db, "DELETE FROM audit_log WHERE seq = 3")
            .await
            .is_err()
    );
    if app.db.kind() == DbBackend::Postgres {
        assert!(exec(&app.db, "TRUNCATE audit_log").await.is_err());
    }
    let report = audit::verify(&app.db).await.unwrap();
    assert_eq!((report.entries, report.broken), (3, None));
}

async fn a_changed_entry_is_named(backend: Backend) {
    let Some(app) = spawn_app_on(backend, false).await else {
        return;
    };
    append_n(&app.db, 6).await;
    drop_protection(&app.db).await;
    exec(
        &app.db,
        "UPDATE audit_log SET detail = '{\"i\":99}' WHERE seq = 4",
    )
    .await
    .unwrap();
    let broken = audit::verify(&app.db).await.unwrap().broken.unwrap();
    assert_eq!(broken.seq, 4);
    assert!(broken.problem.contains("hash"), "{}", broken.problem);
}

async fn a_removed_entry_is_named(backend: Backend) {
    let Some(app) = spawn_app_on(backend, false).await else {
        return;
    };
    append_n(&app.db, 6).await;
    drop_protection(&app.db).await;
    exec(&app.db, "DELETE FROM audit_log WHERE seq = 3")
        .await
        .unwrap();
    let report = audit::verify(&app.db).await.unwrap();
    assert_eq!(report.entries, 2);
    assert_eq!(report.broken.unwrap().seq, 3);
}

async fn a_rewritten_entry_with_a_fresh_hash_breaks_the_next_link(backend: Backend) {
    let Some(app) = spawn_app_on(backend, false).await else {
        return;
    };
    append_n(&app.db, 5).await;
    drop_protection(&app.db).await;
    // A careful forger recomputes entry 2's own hash; entry 3 still points to the old one.
    exec(
        &app.db,
        "UPDATE audit_log SET detail = '{\"i\":42}', hash = 'forged' WHERE seq = 2",
    )
    .await
    .unwrap();
    let broken = audit::verify(&app.db).await.unwrap().broken.unwrap();
    assert_eq!(broken.seq, 2);
}

async fn cutting_off_the_newest_entries_shows_at_the_head(backend: Backend) {
    let Some(app) = spawn_app_on(backend, false).await else {
        return;
    };
    append_n(&app.db, 5).await;
    drop_protection(&app.db).await;
    exec(&app.db, "DELETE FROM audit_log WHERE seq >= 4")
        .await
        .unwrap();
    let report = audit::verify(&app.db).await.unwrap();
    assert_eq!(report.entries, 3);
    assert_eq!(report.broken.unwrap().seq, 4);
}

async fn concurrent_appends_leave_one_unbroken_chain(backend: Backend) {
    let Some(app) = spawn_app_on(backend, false).await else {
        return;
    };
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let db = app.db.clone();
            tokio::spawn(async move { append_n(&db, 10).await })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    let report = audit::verify(&app.db).await.unwrap();
    assert_eq!((report.entries, report.broken), (160, None));
}

async fn a_signed_export_verifies_until_the_chain_changes(backend: Backend) {
    let Some(app) = spawn_app_on(backend, false).await else {
        return;
    };
    let dir = TempDir(std::env::temp_dir().join(format!("onedoor-key-{}", uuid::Uuid::now_v7())));
    let key_file = dir.0.join("audit.key");
    append_n(&app.db, 4).await;
    let key = audit::load_or_create_key(&key_file).unwrap();
    let head = audit::sign_head(&app.db, &key).await.unwrap();
    assert_eq!(head.seq, 4);
    audit::verify_export(&app.db, &head).await.unwrap();
    // The same key comes back from the file.
    let again = audit::load_or_create_key(&key_file).unwrap();
    assert_eq!(again.verifying_key(), key.verifying_key());
    // Later entries do not spoil an older export.
    append_n(&app.db, 2).await;
    audit::verify_export(&app.db, &head).await.unwrap();

    let mut forged = head.clone();
    forged.seq = 5;
    assert!(audit::verify_export(&app.db, &forged).await.is_err());

    drop_protection(&app.db).await;
    exec(
        &app.db,
        "UPDATE audit_log SET hash = 'rewritten' WHERE seq = 4",
    )
    .await
    .unwrap();
    let err = audit::verify_export(&app.db, &head).await.unwrap_err();
    assert!(err.to_string().contains("4"), "{err}");
}

backend_tests!(
    pushes_and_full_reads_are_chained_without_personal_data,
    sign_in_and_account_changes_are_recorded,
    the_database_refuses_to_change_or_remove_audit_rows,
    a_changed_entry_is_named,
    a_removed_entry_is_named,
    a_rewritten_entry_with_a_fresh_hash_breaks_the_next_link,
    cutting_off_the_newest_entries_shows_at_the_head,
    concurrent_appends_leave_one_unbroken_chain,
    a_signed_export_verifies_until_the_chain_changes,
);
