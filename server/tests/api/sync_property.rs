//! Several phones push and pull at random through a lossy network; the server ends with
//! exactly the operations it accepted, each once, and every phone can pull exactly that.

use std::collections::HashMap;

use chrono::Utc;
use domain::ids::{HouseholdId, OpId};
use domain::sync::{Change, FieldChange, OpBody, Operation, Outcome, PathSeg, PushRequest};
use proptest::prelude::*;
use serde_json::json;
use server::sync::{pull, push};
use uuid::Uuid;

use crate::helpers::{Backend, fresh_database};
use crate::sync_support::*;

/// What one step of the simulation does.
#[derive(Debug, Clone)]
enum Step {
    /// Phone `p` records a new household.
    Create(usize),
    /// Phone `p` edits the address of the `k`-th household it knows.
    Edit(usize, usize),
    /// Phone `p` pushes its outbox; the network does `fault`.
    Push(usize, Fault),
    /// Phone `p` pulls.
    Pull(usize),
}

#[derive(Debug, Clone, Copy)]
enum Fault {
    None,
    CutBeforeCommit,
    AnswerLost,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..3usize).prop_map(Step::Create),
        (0..3usize, 0..6usize).prop_map(|(p, k)| Step::Edit(p, k)),
        (
            0..3usize,
            prop_oneof![
                Just(Fault::None),
                Just(Fault::CutBeforeCommit),
                Just(Fault::AnswerLost)
            ]
        )
            .prop_map(|(p, f)| Step::Push(p, f)),
        (0..3usize).prop_map(Step::Pull),
    ]
}

#[derive(Default)]
struct Phone {
    outbox: Vec<Operation>,
    known: HashMap<Uuid, (i64, String)>,
    cursor: i64,
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn the_server_ends_with_exactly_the_accepted_operations(steps in prop::collection::vec(step(), 1..40)) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(simulate(Backend::Sqlite, steps.clone()));
        rt.block_on(simulate(Backend::Postgres, steps));
    }
}

async fn simulate(backend: Backend, steps: Vec<Step>) {
    let dir = std::env::temp_dir().join(format!("onedoor-prop-{}", Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    let Some(url) = fresh_database(backend, &dir).await else {
        return;
    };
    let db = server::db::Db::connect_and_migrate(&url).await.unwrap();
    let keys = server::authorization::AuthorizationKeys::new(
        ed25519_dalek::SigningKey::from_bytes(&[7; 32]),
    );
    server::demo::load_if_empty(&db, &keys).await.unwrap();
    without_demo_households(&db).await;
    let helper = actor(&db, "helper").await;
    let mut phones: Vec<Phone> = (0..3).map(|_| Phone::default()).collect();
    let devices: Vec<_> = (0..3).map(|_| device()).collect();
    // Every operation ever answered "applied", with the order the server applied them in.
    let mut applied: Vec<OpId> = Vec::new();
    let mut ops: HashMap<OpId, OpBody> = HashMap::new();
    let mut address_no = 0;
    for s in steps {
        match s {
            Step::Create(p) => {
                let (id, o) = create_household("500231101201-G01", "0号");
                phones[p].known.insert(id.0, (1, "0号".into()));
                ops.insert(o.id, o.body.clone());
                phones[p].outbox.push(o);
            }
            Step::Edit(p, k) => {
                let mut ids: Vec<_> = phones[p].known.keys().copied().collect();
                ids.sort();
                let Some(id) = ids.get(k % ids.len().max(1)).copied() else {
                    continue;
                };
                let (version, old) = phones[p].known[&id].clone();
                address_no += 1;
                let new = format!("{address_no}号");
                let o = op(OpBody::EditHousehold {
                    id: HouseholdId(id),
                    base_version: version,
                    changes: vec![FieldChange {
                        path: vec![PathSeg::Key("address".into())],
                        old: Some(json!(old)),
                        new: Some(json!(new)),
                    }],
                });
                phones[p].known.insert(id, (version, new));
                ops.insert(o.id, o.body.clone());
                phones[p].outbox.push(o);
            }
            Step::Push(p, fault) => {
                let req = PushRequest {
                    device: devices[p],
                    ops: phones[p].outbox.clone(),
                };
                match fault {
                    Fault::CutBeforeCommit => {
                        let mut tx = db.begin_write().await.unwrap();
                        push::apply_batch(&mut tx, &catalogue(), &helper, &req, Utc::now())
                            .await
                            .unwrap();
                    }
                    Fault::AnswerLost => {
                        let answer = push::push(&db, &catalogue(), &helper, &req, Utc::now())
                            .await
                            .unwrap();
                        record_applied(&answer.results, &mut applied);
                    }
                    Fault::None => {
                        let answer = push::push(&db, &catalogue(), &helper, &req, Utc::now())
                            .await
                            .unwrap();
                        record_applied(&answer.results, &mut applied);
                        // Applied and refused operations leave the outbox; conflicts are
                        // dropped here as a user would discard them after reading.
                        phones[p].outbox.clear();
                    }
                }
            }
            Step::Pull(p) => loop {
                let page = pull::pull(&db, &helper, phones[p].cursor, 7).await.unwrap();
                for c in page.changes {
                    if let Change::Upsert {
                        id, version, body, ..
                    } = c
                    {
                        phones[p]
                            .known
                            .insert(id, (version, body["address"].as_str().unwrap().to_owned()));
                    }
                }
                phones[p].cursor = page.cursor;
                if !page.more {
                    break;
                }
            },
        }
    }
    // Exactly once: every applied operation is stored once, nothing else is.
    let mut stored: Vec<(String,)> = sqlx::query_as("SELECT op_id FROM sync_ops")
        .fetch_all(db.pool())
        .await
        .unwrap();
    stored.sort();
    let mut expected: Vec<String> = applied.iter().map(|o| o.0.to_string()).collect();
    expected.sort();
    expected.dedup();
    assert_eq!(
        stored.into_iter().map(|s| s.0).collect::<Vec<_>>(),
        expected
    );
    // Each household's version counts its applied operations; its address is the last edit's.
    let mut versions: HashMap<Uuid, (i64, String)> = HashMap::new();
    let mut seen = std::collections::HashSet::new();
    for id in applied.iter().filter(|o| seen.insert(**o)) {
        match &ops[id] {
            OpBody::CreateHousehold { id, .. } => {
                versions.insert(id.0, (1, "0号".into()));
            }
            OpBody::EditHousehold { id, changes, .. } => {
                let v = versions
                    .get_mut(&id.0)
                    .expect("edit applied after its create");
                v.0 += 1;
                v.1 = changes[0]
                    .new
                    .as_ref()
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned();
            }
            _ => unreachable!(),
        }
    }
    // A new phone pulling everything gets exactly that.
    let mut fresh: HashMap<Uuid, (i64, String)> = HashMap::new();
    let mut cursor = 0;
    loop {
        let page = pull::pull(&db, &helper, cursor, 5).await.unwrap();
        for c in page.changes {
            if let Change::Upsert {
                id, version, body, ..
            } = c
            {
                fresh.insert(id, (version, body["address"].as_str().unwrap().to_owned()));
            }
        }
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    assert_eq!(fresh, versions);
    let _ = std::fs::remove_dir_all(dir);
}

fn record_applied(results: &[domain::sync::OpResult], applied: &mut Vec<OpId>) {
    for r in results {
        if matches!(r.outcome, Outcome::Applied { .. }) && !applied.contains(&r.id) {
            applied.push(r.id);
        }
    }
}
