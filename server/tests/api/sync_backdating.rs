//! Backdating is judged against the last write the phone saw (issue 22 point 8): an operation
//! on an older version was made beside a change it did not know of, offline, and is settled by
//! the record's own rules.

use chrono::{Duration, Utc};
use domain::sync::{FieldChange, OpBody, Operation, Outcome, PathSeg};
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{Backend, spawn_app_on};
use crate::sync_admission_support::*;
use crate::sync_support::*;

/// An edit made offline an hour ago on the version the phone had, reaching the server after
/// someone else's newer write, was made beside that write, not after it: it is settled as the
/// record's conflict (the same field) or merged (another field), never refused as backdated.
async fn an_offline_edit_of_an_older_version_is_a_conflict_or_merge_not_backdated(
    backend: Backend,
) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let now = Utc::now();
    let (home, create) = create_household(GRID, "毛家村5组8号");
    assert_eq!(
        applied(
            &send(
                db,
                &helper,
                vec![Operation {
                    made_at: now - Duration::hours(3),
                    ..create
                }]
            )
            .await[0]
        ),
        1
    );
    let address = |old: &str, new: &str| FieldChange {
        path: vec![PathSeg::Key("address".into())],
        old: Some(json!(old)),
        new: Some(json!(new)),
    };
    // Someone's edit now: version 2.
    let first = OpBody::EditHousehold {
        id: home,
        base_version: 1,
        changes: vec![address("毛家村5组8号", "毛家村5组9号")],
    };
    assert_eq!(applied(&send(db, &helper, vec![op(first)]).await[0]), 2);
    // Another phone's edit of version 1, made an hour ago offline, of the same field.
    let stale = OpBody::EditHousehold {
        id: home,
        base_version: 1,
        changes: vec![address("毛家村5组8号", "毛家村5组10号")],
    };
    let outcome = send(db, &helper, vec![op_at(stale, now - Duration::hours(1))]).await;
    assert!(
        matches!(&outcome[0], Outcome::Conflict { current_version: 2, fields, .. } if !fields.is_empty()),
        "{outcome:?}"
    );
}

backend_tests!(an_offline_edit_of_an_older_version_is_a_conflict_or_merge_not_backdated);
