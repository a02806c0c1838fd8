//! Exactly-once sync with the phones (DESIGN.md "Data flow").
//!
//! * push: a batch runs in one write transaction, applied in memory and written at the end
//!   (see [`batch`]), so an operation's effects, its id and its stored answer commit together
//!   or not at all, and a refused one changes nothing. A repeated operation id answers the
//!   stored result.
//! * pull: the change log after a cursor, filtered with `domain::jurisdiction::access`; a
//!   record the caller can no longer see comes as a removal.
//!
//! The functions take the caller as a `domain` [`Actor`](domain::jurisdiction::Actor), so the
//! HTTP handlers and the tests drive the same code.

mod admit;
mod authorization_revoke;
mod batch;
mod case_materials;
mod case_ops;
mod case_status;
mod certification;
mod entrustment_request;
mod entrustments;
mod field_authorization;
mod field_evaluation;
mod field_materials;
mod field_ops;
mod field_registry;
mod household_ops;
mod household_rules;
mod op_error;
pub mod pull;
pub mod push;
mod resident_self;
pub mod retention;
mod rights;
mod seq;
pub(crate) mod store;

pub use case_ops::scope_of;
pub use case_status::{CaseStatus, status_of};
pub use op_error::OpError;

use domain::authorization::IdentityMethod;
use domain::catalogue::Catalogue;

use crate::authorization::AuthorizationKeys;

/// Every identity method, as an installation allows them unless configured otherwise.
pub const ALL_IDENTITY_METHODS: &[IdentityMethod] =
    &[IdentityMethod::InPerson, IdentityMethod::OneTimeCode];

/// What a push works with besides the database: the catalogue in force, and the key that
/// countersigns authorizations with the identity methods allowed for their signers. A bare
/// catalogue converts into one without a key (an authorization package is then refused).
#[derive(Clone, Copy)]
pub struct PushEnv<'a> {
    /// The catalogue in force.
    pub catalogue: &'a Catalogue,
    /// The countersigning key (`AppState::authorization`).
    pub authorization: Option<&'a AuthorizationKeys>,
    /// The identity methods allowed (`AppState::identity_methods`).
    pub identity_methods: &'a [IdentityMethod],
    /// How far in the past an operation's time may lie (`Config::offline_allowance_days`).
    pub offline_allowance: chrono::Duration,
    /// The working-day calendar in force (`AppState::reference`), for the case projection's
    /// clocks; `None`: the shipped calendar.
    pub calendar: Option<&'a domain::calendar::Calendar>,
    /// Where the push came from (the client address as the sign-in limits count it), for the
    /// audit entries of refused operations; `None` outside an HTTP request.
    pub client_address: Option<&'a str>,
}

/// The offline allowance unless configured otherwise.
pub const DEFAULT_OFFLINE_ALLOWANCE: chrono::Duration = chrono::Duration::days(30);

impl<'a> From<&'a Catalogue> for PushEnv<'a> {
    fn from(catalogue: &'a Catalogue) -> Self {
        PushEnv {
            catalogue,
            authorization: None,
            identity_methods: ALL_IDENTITY_METHODS,
            offline_allowance: DEFAULT_OFFLINE_ALLOWANCE,
            calendar: None,
            client_address: None,
        }
    }
}

/// What every operation works with: the batch's transaction and writes, the caller, and when
/// the user acted.
pub(crate) struct Ctx<'a> {
    conn: &'a mut sqlx::AnyConnection,
    batch: &'a mut batch::Batch,
    catalogue: &'a domain::catalogue::Catalogue,
    /// The countersigning key and the identity methods allowed.
    env: PushEnv<'a>,
    actor: &'a domain::jurisdiction::Actor,
    /// When the user acted (the phone's clock, never later than `now`).
    at: chrono::DateTime<chrono::Utc>,
    /// The server's clock: what may not lie in the future.
    now: chrono::DateTime<chrono::Utc>,
}

/// Writes a record outside any push (demo data, imports): the same store and change log, so
/// phones pull it like anything else (a case gets its projection row, its clocks counted with
/// the shipped catalogue and calendar). Runs inside the caller's write transaction.
pub async fn import_record(
    conn: &mut sqlx::AnyConnection,
    kind: domain::sync::RecordKind,
    id: uuid::Uuid,
    scope: &domain::jurisdiction::RecordScope,
    body: &serde_json::Value,
    by: uuid::Uuid,
) -> Result<i64, sqlx::Error> {
    let mut batch = batch::Batch::begin(conn).await?;
    let version = batch.write(kind, id, scope, body.clone(), None, by);
    let catalogue = Catalogue::builtin();
    let calendar = domain::calendar::Calendar::builtin();
    batch
        .flush(
            conn,
            crate::projection::Reference {
                catalogue: &catalogue,
                calendar: &calendar,
            },
        )
        .await?;
    Ok(version)
}

/// Writes many records outside any push in one batch (the county benchmark's generated county,
/// `bench/server`): like [`import_record`] for each, with one multi-row statement per table,
/// and each case's history in `case_events` (`(case, version, event JSON, stored time)`).
/// Runs inside the caller's write transaction.
pub async fn import_records(
    conn: &mut sqlx::AnyConnection,
    records: &[(
        domain::sync::RecordKind,
        uuid::Uuid,
        domain::jurisdiction::RecordScope,
        serde_json::Value,
    )],
    events: Vec<(uuid::Uuid, i64, String, String)>,
    by: uuid::Uuid,
) -> Result<(), sqlx::Error> {
    let mut batch = batch::Batch::begin(conn).await?;
    for (kind, id, scope, body) in records {
        batch.write(*kind, *id, scope, body.clone(), None, by);
    }
    for (case, version, event, at) in events {
        batch.event(case, version, event, at);
    }
    let catalogue = Catalogue::builtin();
    let calendar = domain::calendar::Calendar::builtin();
    batch
        .flush(
            conn,
            crate::projection::Reference {
                catalogue: &catalogue,
                calendar: &calendar,
            },
        )
        .await
}
