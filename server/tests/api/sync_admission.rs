//! What an operation must be before it is applied (issue 22, points 8 and 10): not made
//! before its record's last write, nor longer ago than the offline allowance (a late one is
//! accepted and flagged), with no unknown field and every text and list within its limit;
//! the server stores the validated record, not the client's JSON.

use chrono::{Duration, Utc};
use domain::ids::CaseId;
use domain::sync::{FieldChange, OpBody, PathSeg, RecordKind};
use domain::workflow::{Channel, Command};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::backend_tests;
use crate::helpers::{Backend, spawn_app_on};
use crate::sync_admission_support::*;
use crate::sync_support::*;

async fn backdated_operations_are_refused_for_every_record_kind(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let now = Utc::now();
    let hour_ago = now - Duration::hours(1);
    let (home, create) = create_household(GRID, "毛家村5组8号");
    let v = visit(home, &helper, now - Duration::hours(2), 1);
    let r = report(&helper, now - Duration::hours(2));
    let case = CaseId(Uuid::now_v7());
    let made = vec![
        create,
        op(save(RecordKind::Visit, id_of(&v), None, v.clone())),
        op(save(RecordKind::Hardship, id_of(&r), None, r.clone())),
        op(OpBody::CreateCase {
            id: case,
            household: home,
            channel: Channel::Entrusted,
            applicant: None,
            referred_by: None,
        }),
    ];
    for outcome in send(db, &helper, made).await {
        assert_eq!(applied(&outcome), 1);
    }
    // Each record's next operation claims to have been made an hour before its last write.
    let edit = OpBody::EditHousehold {
        id: home,
        base_version: 1,
        changes: vec![FieldChange {
            path: vec![PathSeg::Key("address".into())],
            old: Some(json!("毛家村5组8号")),
            new: Some(json!("毛家村5组9号")),
        }],
    };
    let mut v2 = v.clone();
    v2["notes"] = json!("屋顶漏雨");
    let mut r2 = r.clone();
    r2["description"] = json!("村民骑车摔伤，已送医");
    let edit_draft = OpBody::CaseCommand {
        id: case,
        base_version: 1,
        command: Command::EditDraft {
            items: vec![domain::catalogue::AidItemCode("temporary".into())],
            primary: None,
        },
        reason: None,
    };
    let backdated = vec![
        op_at(edit.clone(), hour_ago),
        op_at(
            save(RecordKind::Visit, id_of(&v), Some(1), v2.clone()),
            hour_ago,
        ),
        op_at(
            save(RecordKind::Hardship, id_of(&r), Some(1), r2.clone()),
            hour_ago,
        ),
        op_at(edit_draft.clone(), hour_ago),
    ];
    for outcome in send(db, &helper, backdated).await {
        assert!(
            refused(&outcome).contains("早于该记录最近一次变更"),
            "{outcome:?}"
        );
    }
    // The same operations made now apply.
    let timely = vec![
        op(edit),
        op(save(RecordKind::Visit, id_of(&v), Some(1), v2)),
        op(save(RecordKind::Hardship, id_of(&r), Some(1), r2)),
        op(edit_draft),
    ];
    for outcome in send(db, &helper, timely).await {
        assert_eq!(applied(&outcome), 2, "{outcome:?}");
    }
}

async fn a_late_field_record_is_flagged_and_one_beyond_the_allowance_refused(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let (home, create) = create_household(GRID, "毛家村5组8号");
    // A household recorded offline 12 days ago, and a visit on that day.
    let long_ago = Utc::now() - Duration::days(12);
    let v = visit(home, &helper, long_ago, 0);
    let late = vec![
        op_at(create.body, long_ago),
        op_at(
            save(RecordKind::Visit, id_of(&v), None, v.clone()),
            long_ago,
        ),
    ];
    for outcome in send(db, &helper, late).await {
        assert_eq!(applied(&outcome), 1);
    }
    let (flag,): (Option<i64>,) =
        sqlx::query_as("SELECT late_days FROM records WHERE kind = 'visit' AND id = $1")
            .bind(id_of(&v).to_string())
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(flag, Some(12));
    let (detail,): (String,) = sqlx::query_as(
        "SELECT detail FROM audit_log WHERE action = 'sync.save_field_record' AND record_id = $1",
    )
    .bind(id_of(&v).to_string())
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&detail).unwrap()["late_days"],
        12
    );
    // A timely record is not flagged.
    let (home2, create2) = create_household(GRID, "毛家村5组10号");
    assert_eq!(applied(&send(db, &helper, vec![create2]).await[0]), 1);
    let (flag,): (Option<i64>,) =
        sqlx::query_as("SELECT late_days FROM records WHERE kind = 'household' AND id = $1")
            .bind(home2.0.to_string())
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(flag, None);
    // Beyond the 30 days' allowance: refused, nothing stored.
    let too_old = Utc::now() - Duration::days(31);
    let v = visit(home, &helper, too_old, 0);
    let outcome = &send(
        db,
        &helper,
        vec![op_at(
            save(RecordKind::Visit, id_of(&v), None, v.clone()),
            too_old,
        )],
    )
    .await[0];
    assert!(
        refused(outcome).contains("离线允许期限（30 天）"),
        "{outcome:?}"
    );
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM records WHERE id = $1")
        .bind(id_of(&v).to_string())
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(n, 0);
}

async fn over_limit_texts_and_lists_are_refused_naming_the_field(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let (home, create) = create_household(GRID, "毛家村5组8号");
    let OpBody::CreateHousehold { body, .. } = &create.body else {
        unreachable!()
    };
    let mut crowded = body.clone();
    let member = crowded["members"][0].clone();
    crowded["members"] = json!(vec![member; domain::limits::MAX_MEMBERS + 1]);
    let mut long = body.clone();
    long["address"] = json!("家".repeat(domain::limits::MAX_ADDRESS_CHARS + 1));
    let mut noted = body.clone();
    noted["income"][0]["note"] = json!("x".repeat(domain::limits::MAX_ITEM_NOTE_CHARS + 1));
    let v = visit(
        home,
        &helper,
        Utc::now(),
        domain::fieldwork::MAX_PHOTOS as usize + 1,
    );
    let ops = vec![
        op(OpBody::CreateHousehold {
            id: home,
            body: crowded,
        }),
        op(OpBody::CreateHousehold {
            id: home,
            body: long,
        }),
        op(OpBody::CreateHousehold {
            id: home,
            body: noted,
        }),
    ];
    let outcomes = send(db, &helper, ops).await;
    assert!(refused(&outcomes[0]).contains("members"), "{outcomes:?}");
    assert!(refused(&outcomes[1]).contains("address"), "{outcomes:?}");
    assert!(
        refused(&outcomes[2]).contains("income/0/note"),
        "{outcomes:?}"
    );
    // At the limits, the household is taken.
    let mut full = body.clone();
    full["address"] = json!("家".repeat(domain::limits::MAX_ADDRESS_CHARS));
    assert_eq!(
        applied(
            &send(
                db,
                &helper,
                vec![op(OpBody::CreateHousehold {
                    id: home,
                    body: full
                })]
            )
            .await[0]
        ),
        1
    );
    let outcome = &send(
        db,
        &helper,
        vec![op(save(RecordKind::Visit, id_of(&v), None, v.clone()))],
    )
    .await[0];
    assert!(refused(outcome).contains("照片"), "{outcome:?}");
    // A case command's written reason is bounded too.
    let case = CaseId(Uuid::now_v7());
    let create_case = op(OpBody::CreateCase {
        id: case,
        household: home,
        channel: Channel::Entrusted,
        applicant: None,
        referred_by: None,
    });
    assert_eq!(applied(&send(db, &helper, vec![create_case]).await[0]), 1);
    let withdraw = op(OpBody::CaseCommand {
        id: case,
        base_version: 1,
        command: Command::Withdraw,
        reason: Some("理".repeat(domain::limits::MAX_REASON_CHARS + 1)),
    });
    let outcome = &send(db, &helper, vec![withdraw]).await[0];
    assert!(refused(outcome).contains("reason"), "{outcome:?}");
}

async fn unknown_fields_are_refused_and_the_validated_record_is_stored(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let db = &app.db;
    let helper = actor(db, "helper").await;
    let (home, create) = create_household(GRID, "毛家村5组8号");
    let OpBody::CreateHousehold { body, .. } = &create.body else {
        unreachable!()
    };
    let mut extra = body.clone();
    extra["members"][0]["nickname"] = json!("阿英");
    let outcome = &send(
        db,
        &helper,
        vec![op(OpBody::CreateHousehold {
            id: home,
            body: extra,
        })],
    )
    .await[0];
    assert!(
        refused(outcome).contains("members/0/nickname"),
        "{outcome:?}"
    );
    // The body sent leaves out fields with defaults (an income item's note, the member's
    // phone): what is stored is the household as the server's type writes it.
    assert!(body["income"][0].get("note").is_none());
    assert_eq!(
        applied(&send(db, &helper, vec![create.clone()]).await[0]),
        1
    );
    let (stored,): (String,) =
        sqlx::query_as("SELECT body FROM records WHERE kind = 'household' AND id = $1")
            .bind(home.0.to_string())
            .fetch_one(db.pool())
            .await
            .unwrap();
    let stored: Value = serde_json::from_str(&stored).unwrap();
    let household: domain::household::Household = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(stored, serde_json::to_value(household).unwrap());
    assert_eq!(stored["income"][0]["note"], "");
    // An edit that adds an unknown field is refused as well.
    let edit = op(OpBody::EditHousehold {
        id: home,
        base_version: 1,
        changes: vec![FieldChange {
            path: vec![PathSeg::Key("secret".into())],
            old: None,
            new: Some(json!("x")),
        }],
    });
    let outcome = &send(db, &helper, vec![edit]).await[0];
    assert!(refused(outcome).contains("secret"), "{outcome:?}");
}

async fn a_ten_megabyte_unknown_field_is_refused_without_a_server_error(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let helper = app.sign_in("helper").await;
    let padding = "x".repeat(10 * 1024 * 1024);
    let id = Uuid::now_v7();
    let bodies = [
        json!({ "device": id, "ops": [], "padding": padding }),
        json!({ "device": id, "ops": [{ "id": id, "made_at": Utc::now(), "padding": padding,
            "body": { "op": "create_case", "id": id, "household": id, "channel": "walk_in",
                      "applicant": null } }] }),
        json!({ "device": id, "ops": [{ "id": id, "made_at": Utc::now(),
            "body": { "op": "create_case", "id": id, "household": id, "channel": "walk_in",
                      "applicant": null, "padding": padding } }] }),
    ];
    for body in bodies {
        let res = helper
            .post(app.url("/api/sync/v1/push"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "{:?}", res.text().await);
    }
    // Beyond the byte limit, refused before it is parsed.
    let huge = json!({ "device": id, "ops": [], "padding": "x".repeat(17 * 1024 * 1024) });
    let res = helper
        .post(app.url("/api/sync/v1/push"))
        .json(&huge)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sync_ops")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(n, 0);
}

/// `bytes` gzip-compressed, as a phone's browser compresses its push.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// A push sent gzip-compressed (what the phone does where its browser can) is taken like a
/// plain one, in a fraction of the bytes; a body that is not the gzip it says it is, and a small
/// one that inflates past the byte limit, are refused and change nothing.
async fn a_gzip_compressed_push_is_taken_and_a_false_or_inflating_one_refused(backend: Backend) {
    let Some(app) = spawn_app_on(backend, true).await else {
        return;
    };
    let helper = app.sign_in("helper").await;
    let post = |body: Vec<u8>| {
        helper
            .post(app.url("/api/sync/v1/push"))
            .header("content-type", "application/json")
            .header("content-encoding", "gzip")
            .body(body)
            .send()
    };
    let homes: Vec<_> = (0..20)
        .map(|i| create_household("500231101201-G01", &format!("毛家村3组{i}号")))
        .collect();
    let plain = serde_json::to_vec(&batch(
        device(),
        homes.iter().map(|(_, op)| op.clone()).collect(),
    ))
    .unwrap();
    let compressed = gzip(&plain);
    assert!(
        compressed.len() * 3 < plain.len(),
        "{} of {}",
        compressed.len(),
        plain.len()
    );
    let res = post(compressed).await.unwrap();
    assert_eq!(res.status(), 200);
    let answer: domain::sync::PushResponse = res.json().await.unwrap();
    assert_eq!(answer.results.len(), 20);
    for r in &answer.results {
        assert!(
            matches!(r.outcome, domain::sync::Outcome::Applied { version: 1, .. }),
            "{r:?}"
        );
    }

    let count = || async {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sync_ops")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        n
    };
    let before = count().await;
    // Said to be gzip, but plain JSON.
    let (_, one) = create_household("500231101201-G01", "毛家村4组1号");
    let res = post(serde_json::to_vec(&batch(device(), vec![one])).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), 400, "{:?}", res.text().await);
    // Under 40 KB on the wire, over the 16 MiB limit once inflated.
    let bomb =
        json!({ "device": Uuid::now_v7(), "ops": [], "padding": "x".repeat(17 * 1024 * 1024) });
    let bomb = gzip(&serde_json::to_vec(&bomb).unwrap());
    assert!(bomb.len() < 40 * 1024, "{}", bomb.len());
    let res = post(bomb).await.unwrap();
    assert_eq!(res.status(), 413);
    assert_eq!(count().await, before);
}

backend_tests!(
    a_gzip_compressed_push_is_taken_and_a_false_or_inflating_one_refused,
    backdated_operations_are_refused_for_every_record_kind,
    a_late_field_record_is_flagged_and_one_beyond_the_allowance_refused,
    over_limit_texts_and_lists_are_refused_naming_the_field,
    unknown_fields_are_refused_and_the_validated_record_is_stored,
    a_ten_megabyte_unknown_field_is_refused_without_a_server_error,
);
