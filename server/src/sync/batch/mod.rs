//! A write batch's unit of work. Records are read once (in bulk where the batch names them),
//! operations are applied to the batch's copy in memory, and everything the batch wrote goes
//! to the database at the end as one multi-row statement per table. So an operation's
//! effects, its id, its stored answer and its audit entry commit together or not at all,
//! without a savepoint and a dozen round trips per operation: an operation that fails
//! changes nothing in the batch (the rules run before the first write), and a database error
//! abandons the whole transaction.
//!
//! The change sequence is locked from the start (see [`SeqAlloc`]), so no other writer
//! changes a record between this batch reading and writing it.

use std::collections::{HashMap, HashSet};

use domain::jurisdiction::RecordScope;
use domain::sync::RecordKind;
use serde_json::Value;
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use super::seq::SeqAlloc;
use super::store::{Stored, decode, encode};
use crate::audit::AuditEntry;
use crate::db::bulk::{self, Val};

mod flush;

type Key = (RecordKind, Uuid);

/// What the batch will write, in order of the change numbers it handed out.
pub struct Batch {
    seq: SeqAlloc,
    now: String,
    /// Records as the batch sees them (`None`: known not to exist).
    known: HashMap<Key, Option<Stored>>,
    /// Records that exist in the database (their older changes may need pruning).
    in_db: HashSet<Key>,
    /// Records written, with the change number, account and time of their last write.
    dirty: HashMap<Key, (i64, Uuid, Acting)>,
    /// When the operation being applied was made (see [`Batch::acting`]).
    acting: Acting,
    changes: Vec<Change>,
    /// Older unmoved changes of a record made redundant by a newer unmoved one.
    stale: HashSet<(Key, String)>,
    events: Vec<Vec<Val>>,
    ops: Vec<Vec<Val>>,
    audit: Vec<AuditEntry>,
    notifications: Vec<Vec<Val>>,
}

/// When the operation that writes was made, as stored with the record (issue 22, point 8).
#[derive(Debug, Clone, PartialEq)]
pub struct Acting {
    /// When the user acted (stored form).
    pub made_at: String,
    /// Days it took to arrive, when more than a day (the window's "late" flag).
    pub late_days: Option<i64>,
}

struct Change {
    seq: i64,
    key: Key,
    scope: String,
    place: String,
    /// The scope before, when this change moved the record.
    moved_from: Option<(String, i64, String)>,
}

impl Batch {
    /// Starts a batch in `conn`'s write transaction, locking the change sequence.
    pub async fn begin(conn: &mut AnyConnection) -> Result<Batch, sqlx::Error> {
        Ok(Batch {
            seq: SeqAlloc::lock(conn).await?,
            now: crate::db::time::now(),
            known: HashMap::new(),
            in_db: HashSet::new(),
            dirty: HashMap::new(),
            acting: Acting {
                made_at: crate::db::time::now(),
                late_days: None,
            },
            changes: Vec::new(),
            stale: HashSet::new(),
            events: Vec::new(),
            ops: Vec::new(),
            audit: Vec::new(),
            notifications: Vec::new(),
        })
    }

    /// Reads every record of `keys` not yet known, one query per kind.
    pub async fn prefetch(
        &mut self,
        conn: &mut AnyConnection,
        keys: impl IntoIterator<Item = Key>,
    ) -> Result<(), sqlx::Error> {
        let mut wanted: HashMap<RecordKind, Vec<Vec<Val>>> = HashMap::new();
        for key in keys {
            if let std::collections::hash_map::Entry::Vacant(e) = self.known.entry(key) {
                e.insert(None);
                wanted
                    .entry(key.0)
                    .or_default()
                    .push(vec![Val::Text(key.1.to_string())]);
            }
        }
        for (kind, ids) in wanted {
            let head = format!(
                "SELECT id, version, scope, body, scope_since, made_at FROM records \
                 WHERE kind = '{}'",
                kind.code()
            );
            let rows = bulk::matching(conn, &head, &["id"], &ids, |row| {
                let id: String = row.try_get(0)?;
                let stored = Stored {
                    version: row.try_get(1)?,
                    scope: decode(&row.try_get::<String, _>(2)?)?,
                    body: decode(&row.try_get::<String, _>(3)?)?,
                    scope_since: row.try_get(4)?,
                    made_at: row.try_get(5)?,
                };
                let id = Uuid::parse_str(&id).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
                Ok((id, stored))
            })
            .await?;
            for (id, stored) in rows {
                self.in_db.insert((kind, id));
                self.known.insert((kind, id), Some(stored));
            }
        }
        Ok(())
    }

    /// The record as the batch sees it.
    pub async fn load(
        &mut self,
        conn: &mut AnyConnection,
        kind: RecordKind,
        id: Uuid,
    ) -> Result<Option<Stored>, sqlx::Error> {
        self.prefetch(conn, [(kind, id)]).await?;
        Ok(self.known.get(&(kind, id)).cloned().flatten())
    }

    /// The bodies of the records of `kind` written in this batch.
    pub fn written(&self, kind: RecordKind) -> impl Iterator<Item = &Value> {
        self.dirty
            .keys()
            .filter(move |key| key.0 == kind)
            .filter_map(|key| Some(&self.known.get(key)?.as_ref()?.body))
    }

    /// The version of a record the batch knows.
    pub fn version_of(&self, kind: RecordKind, id: Uuid) -> Option<i64> {
        Some(self.known.get(&(kind, id))?.as_ref()?.version)
    }

    /// Where a record the batch knows lies.
    pub fn place_of(&self, kind: RecordKind, id: Uuid) -> Option<String> {
        let stored = self.known.get(&(kind, id))?.as_ref()?;
        Some(stored.scope.place.as_str().to_owned())
    }

    /// Writes `body` as the record's next version after `previous` (what the writer read, or
    /// `None` for a creation) and appends the change. Answers the version.
    pub fn write(
        &mut self,
        kind: RecordKind,
        id: Uuid,
        scope: &RecordScope,
        body: Value,
        previous: Option<&Stored>,
        by: Uuid,
    ) -> i64 {
        let key = (kind, id);
        let n = self.seq.next();
        let scope_json = encode(scope);
        let moved = previous.filter(|p| p.scope != *scope);
        let since = match previous {
            Some(p) if moved.is_none() => p.scope_since,
            _ => n,
        };
        if moved.is_none() {
            // A change that did not move the record says nothing an older unmoved change
            // does not.
            self.changes
                .retain(|c| !(c.key == key && c.scope == scope_json && c.moved_from.is_none()));
            if self.in_db.contains(&key) {
                self.stale.insert((key, scope_json.clone()));
            }
        }
        self.changes.push(Change {
            seq: n,
            key,
            scope: scope_json,
            place: scope.place.as_str().to_owned(),
            moved_from: moved.map(|p| {
                (
                    encode(&p.scope),
                    p.scope_since,
                    p.scope.place.as_str().to_owned(),
                )
            }),
        });
        let version = previous.map_or(1, |p| p.version + 1);
        let stored = Stored {
            version,
            scope: scope.clone(),
            body,
            scope_since: since,
            made_at: Some(self.acting.made_at.clone()),
        };
        self.known.insert(key, Some(stored));
        self.dirty.insert(key, (n, by, self.acting.clone()));
        version
    }

    /// Moves a record to `scope` without changing its content: a change is appended (so the
    /// record reaches whoever may see it now, and leaves whoever may not), and the version
    /// stays `current`'s, so a phone editing that version is not stale.
    pub fn rescope(
        &mut self,
        kind: RecordKind,
        id: Uuid,
        scope: &RecordScope,
        current: &Stored,
        by: Uuid,
    ) {
        self.write(kind, id, scope, current.body.clone(), Some(current), by);
        if let Some(Some(stored)) = self.known.get_mut(&(kind, id)) {
            stored.version = current.version;
        }
    }

    /// Says when the operation applied next was made: its writes carry that time.
    pub fn acting(&mut self, acting: Acting) {
        self.acting = acting;
    }

    /// Appends a case event to the case's history.
    pub fn event(&mut self, case: Uuid, version: i64, event: String, at: String) {
        self.events.push(vec![
            Val::Text(case.to_string()),
            Val::Int(version),
            Val::Text(event),
            Val::Text(at),
        ]);
    }

    /// Stores an applied operation's answer under its id.
    pub fn applied_op(
        &mut self,
        op_id: Uuid,
        device: Uuid,
        user: Uuid,
        op: String,
        result: String,
    ) {
        self.ops.push(vec![
            Val::Text(op_id.to_string()),
            Val::Text(device.to_string()),
            Val::Text(user.to_string()),
            Val::Text(op),
            Val::Text(result),
            Val::Text(self.now.clone()),
        ]);
    }

    /// Adds an entry to the audit chain.
    pub fn audit(&mut self, entry: AuditEntry) {
        self.audit.push(entry);
    }

    /// Queues a text message, due at once, committed with the operation that called for it.
    pub fn notify(&mut self, n: crate::notify::PendingNotification) {
        self.notifications.push(vec![
            Val::Text(Uuid::now_v7().to_string()),
            Val::Text(n.case.0.to_string()),
            Val::Text(n.kind.to_owned()),
            Val::Text(n.audience.to_owned()),
            Val::OptText(n.user.map(|u| u.to_string())),
            Val::Text(n.phone),
            Val::Text(n.body),
            Val::Text(self.now.clone()),
            Val::Text(self.now.clone()),
        ]);
    }
}
