//! Storing the demo cases: the demo accounts' ids, then every case (with its history),
//! entrustment, evaluation and authorization (countersigned with the server's key) written
//! like a synced record, in the demo's transaction.

use chrono::{DateTime, Utc};
use domain::catalogue::Catalogue;
use domain::household::Household;
use domain::ids::UserId;
use domain::jurisdiction::RecordScope;
use domain::sync::RecordKind;
use uuid::Uuid;

use super::cases::township::{self, MoreStaff};
use super::cases::{Staff, build};

/// The demo accounts' ids, as the demo just stored them.
async fn staff(conn: &mut sqlx::AnyConnection) -> anyhow::Result<Staff> {
    async fn id(conn: &mut sqlx::AnyConnection, sql: &str, key: &str) -> anyhow::Result<UserId> {
        let (id,): (String,) = sqlx::query_as(sql).bind(key).fetch_one(&mut *conn).await?;
        Ok(UserId(Uuid::parse_str(&id)?))
    }
    let by_name = "SELECT id FROM users WHERE username = $1";
    Ok(Staff {
        helper: id(conn, by_name, "helper").await?,
        clerk: id(conn, by_name, "clerk").await?,
        verifier: id(conn, by_name, "verifier").await?,
        officer: id(conn, by_name, "officer").await?,
        resident: id(conn, "SELECT id FROM users WHERE phone = $1", "13800000001").await?,
        leader: id(conn, by_name, "leader").await?,
    })
}

/// The demo accounts only the township's cases need.
async fn more_staff(conn: &mut sqlx::AnyConnection) -> anyhow::Result<MoreStaff> {
    let id = |row: (String,)| -> anyhow::Result<UserId> { Ok(UserId(Uuid::parse_str(&row.0)?)) };
    let officer2 = sqlx::query_as("SELECT id FROM users WHERE username = $1")
        .bind("officer2")
        .fetch_one(&mut *conn)
        .await?;
    let resident = sqlx::query_as("SELECT id FROM users WHERE phone = $1")
        .bind("13800000002")
        .fetch_one(&mut *conn)
        .await?;
    Ok(MoreStaff {
        medical_officer: id(officer2)?,
        online_resident: id(resident)?,
    })
}

/// Builds the demo cases (the helper's first, then the township's) and stores them like any
/// synced record (with the cases' histories),
/// inside the demo's transaction.
pub async fn load(
    conn: &mut sqlx::AnyConnection,
    households: &[Household],
    keys: &crate::authorization::AuthorizationKeys,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let staff = staff(conn).await?;
    let more = more_staff(conn).await?;
    let catalogue = Catalogue::builtin();
    let mut demo = build(households, &staff, &catalogue, now)?;
    let window = township::build(households, &staff, &more, &catalogue, now)?;
    demo.cases.extend(window.cases);
    demo.entrustments.extend(window.entrustments);
    demo.evaluations.extend(window.evaluations);
    demo.authorizations.extend(window.authorizations);
    demo.hardship.extend(window.hardship);
    let home_scope = |id: domain::ids::HouseholdId| {
        households
            .iter()
            .find(|h| h.id == id)
            .map(|h| RecordScope {
                place: h.place.clone(),
                owner: None,
                departments: Vec::new(),
                helpers: Vec::new(),
            })
            .ok_or_else(|| anyhow::anyhow!("demo record of an unknown household"))
    };
    let mut case_scopes = Vec::new();
    for record in &demo.cases {
        // Who may see it, as for a case a phone pushes.
        let scope = crate::sync::scope_of(record, &home_scope(record.household)?);
        let id = record.case.id().0;
        let body = serde_json::to_value(record)?;
        crate::sync::import_record(conn, RecordKind::Case, id, &scope, &body, Uuid::nil()).await?;
        for (i, event) in record.events.iter().enumerate() {
            sqlx::query(
                "INSERT INTO case_events (case_id, version, event, at) VALUES ($1, $2, $3, $4)",
            )
            .bind(id.to_string())
            .bind(i as i64 + 1)
            .bind(serde_json::to_string(event)?)
            .bind(crate::db::time::to_db(event.at))
            .execute(&mut *conn)
            .await?;
        }
        case_scopes.push((record.case.id(), scope));
    }
    let with_scopes: Vec<_> = demo
        .cases
        .iter()
        .zip(&case_scopes)
        .map(|(c, (_, s))| (c.clone(), s.clone()))
        .collect();
    let resident = more.online_resident;
    super::checklist::load(conn, &with_scopes, households, resident, &catalogue, now).await?;
    // A household opens to the departments its cases were routed to, as a routing pushed by
    // the window does (`sync::case_ops`): the officers decide with its data before them.
    for h in households {
        let mut scope = home_scope(h.id)?;
        for (case, case_scope) in &case_scopes {
            let of_home = demo
                .cases
                .iter()
                .any(|c| c.case.id() == *case && c.household == h.id);
            if of_home {
                scope
                    .departments
                    .extend(case_scope.departments.iter().cloned());
            }
        }
        scope.departments.sort();
        scope.departments.dedup();
        if !scope.departments.is_empty() {
            sqlx::query("UPDATE records SET scope = $1 WHERE kind = $2 AND id = $3")
                .bind(crate::sync::store::encode(&scope))
                .bind(RecordKind::Household.code())
                .bind(h.id.0.to_string())
                .execute(&mut *conn)
                .await?;
        }
    }
    for e in &demo.entrustments {
        let mut scope = home_scope(e.household)?;
        scope.helpers.push(e.helper);
        let body = serde_json::to_value(e)?;
        let kind = RecordKind::Entrustment;
        crate::sync::import_record(conn, kind, e.id.0, &scope, &body, Uuid::nil()).await?;
    }
    for a in &demo.authorizations {
        // Countersigned as the demo loads (the key is published from now on).
        let mut record = a.clone();
        record.countersignature = Some(record.countersign(&keys.signing, now));
        let mut scope = home_scope(record.household)?;
        scope.helpers.push(record.collected_by);
        let body = serde_json::to_value(&record)?;
        let kind = RecordKind::Authorization;
        crate::sync::import_record(conn, kind, record.id.0, &scope, &body, Uuid::nil()).await?;
        crate::authorization::store::index(conn, &record).await?;
    }
    for h in &demo.hardship {
        // Where it happened, for the township's staff; no helper's phone holds it.
        let scope = RecordScope {
            place: h.place.clone(),
            owner: None,
            departments: Vec::new(),
            helpers: Vec::new(),
        };
        let body = serde_json::to_value(h)?;
        let kind = RecordKind::Hardship;
        crate::sync::import_record(conn, kind, h.id.0, &scope, &body, Uuid::nil()).await?;
    }
    for e in &demo.evaluations {
        let (_, scope) = case_scopes
            .iter()
            .find(|(id, _)| *id == e.case)
            .ok_or_else(|| anyhow::anyhow!("demo evaluation of an unknown case"))?;
        let body = serde_json::to_value(e)?;
        let kind = RecordKind::Evaluation;
        crate::sync::import_record(conn, kind, e.id.0, scope, &body, Uuid::nil()).await?;
    }
    Ok(())
}
