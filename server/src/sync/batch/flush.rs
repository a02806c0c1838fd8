//! The batch's end: everything it wrote, as one multi-row statement per table.

use domain::sync::RecordKind;
use sqlx::AnyConnection;

use super::Batch;
use crate::audit;
use crate::db::bulk::{self, Val};
use crate::sync::store::encode;

impl Batch {
    /// Writes everything and stores the sequence head; the caller commits. Every case written
    /// gets its projection row in the same statement batch (issue 21 point 6), its clocks
    /// counted with `reference`.
    pub async fn flush(
        self,
        conn: &mut AnyConnection,
        reference: crate::projection::Reference<'_>,
    ) -> Result<(), sqlx::Error> {
        let stale: Vec<Vec<Val>> = self
            .stale
            .into_iter()
            .map(|((kind, id), scope)| {
                vec![
                    Val::Text(kind.code().to_owned()),
                    Val::Text(id.to_string()),
                    Val::Text(scope),
                ]
            })
            .collect();
        bulk::execute_matching(
            conn,
            "DELETE FROM changes WHERE (prev_scope IS NULL OR prev_scope = scope)",
            &["kind", "record_id", "scope"],
            &stale,
        )
        .await?;
        let records: Vec<Vec<Val>> = self
            .dirty
            .iter()
            .filter_map(|(key, (seq, by, acting))| {
                let stored = self.known.get(key)?.as_ref()?;
                Some(vec![
                    Val::Text(key.0.code().to_owned()),
                    Val::Text(key.1.to_string()),
                    Val::Int(stored.version),
                    Val::Text(encode(&stored.scope)),
                    Val::Text(stored.scope.place.as_str().to_owned()),
                    Val::Text(stored.body.to_string()),
                    Val::Int(*seq),
                    Val::Int(stored.scope_since),
                    Val::Text(self.now.clone()),
                    Val::Text(by.to_string()),
                    Val::Text(acting.made_at.clone()),
                    Val::OptInt(acting.late_days),
                ])
            })
            .collect();
        bulk::insert(
            conn,
            "INSERT INTO records (kind, id, version, scope, place_code, body, seq, scope_since, \
             updated_at, updated_by, made_at, late_days)",
            &records,
            "ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, \
             scope = excluded.scope, place_code = excluded.place_code, body = excluded.body, \
             seq = excluded.seq, scope_since = excluded.scope_since, \
             updated_at = excluded.updated_at, updated_by = excluded.updated_by, \
             made_at = excluded.made_at, late_days = excluded.late_days",
        )
        .await?;
        let mut projected = Vec::new();
        for (key, _) in self.dirty.iter().filter(|(k, _)| k.0 == RecordKind::Case) {
            if let Some(Some(stored)) = self.known.get(key) {
                projected.push(crate::projection::row_of(
                    &stored.body,
                    stored.version,
                    &stored.scope,
                    reference,
                )?);
            }
        }
        crate::projection::write(conn, &projected).await?;
        let changes: Vec<Vec<Val>> = self
            .changes
            .into_iter()
            .map(|c| {
                let (prev_scope, prev_since, prev_place) = match c.moved_from {
                    Some((s, n, p)) => (Some(s), Some(n), Some(p)),
                    None => (None, None, None),
                };
                vec![
                    Val::Int(c.seq),
                    Val::Text(c.key.0.code().to_owned()),
                    Val::Text(c.key.1.to_string()),
                    Val::Text(c.scope),
                    Val::OptText(prev_scope),
                    Val::OptInt(prev_since),
                    Val::Text(c.place),
                    Val::OptText(prev_place),
                ]
            })
            .collect();
        bulk::insert(
            conn,
            "INSERT INTO changes (seq, kind, record_id, scope, prev_scope, prev_since, \
             place_code, prev_place_code)",
            &changes,
            "",
        )
        .await?;
        bulk::insert(
            conn,
            "INSERT INTO case_events (case_id, version, event, at)",
            &self.events,
            "",
        )
        .await?;
        bulk::insert(
            conn,
            "INSERT INTO sync_ops (op_id, device, user_id, op, result, applied_at)",
            &self.ops,
            "",
        )
        .await?;
        bulk::insert(
            conn,
            "INSERT INTO notifications (id, case_id, kind, audience, user_id, phone, body, \
             created_at, next_try_at)",
            &self.notifications,
            "",
        )
        .await?;
        if !self.audit.is_empty() {
            audit::append_all(conn, &self.audit).await?;
        }
        self.seq.finish(conn).await
    }
}
