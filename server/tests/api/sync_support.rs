//! Building blocks for sync tests: demo actors, operations, pushes.

use chrono::Utc;
use domain::department::DepartmentCode;
use domain::ids::{DeviceId, HouseholdId, OpId, UserId};
use domain::jurisdiction::{Actor, PlaceCode};
use domain::role::Role;
use domain::sync::{OpBody, Operation, PushRequest};
use serde_json::Value;
use server::db::Db;
use uuid::Uuid;

/// The demo account `username` (or the resident by phone) as a domain actor.
pub async fn actor(db: &Db, username: &str) -> Actor {
    let (id, role, place, department): (String, String, String, Option<String>) = sqlx::query_as(
        "SELECT id, role, place_code, department_code FROM users WHERE username = $1 OR phone = $1",
    )
    .bind(username)
    .fetch_one(db.pool())
    .await
    .expect("demo user");
    Actor {
        user: UserId(Uuid::parse_str(&id).unwrap()),
        role: Role::from_code(&role).unwrap(),
        place: PlaceCode::parse(&place).unwrap(),
        department: department.map(DepartmentCode),
    }
}

/// An actor like `base` but placed elsewhere (another village's helper, …).
pub fn elsewhere(base: &Actor, place: &str) -> Actor {
    Actor {
        user: UserId(Uuid::now_v7()),
        place: PlaceCode::parse(place).unwrap(),
        ..base.clone()
    }
}

/// A valid household body (one applicant) with id `id`.
pub fn household(id: HouseholdId, place: &str, address: &str) -> Value {
    server::demo::one_person_household(id, place, address)
}

/// An operation made now with a fresh id.
pub fn op(body: OpBody) -> Operation {
    Operation {
        id: OpId(Uuid::now_v7()),
        made_at: Utc::now(),
        body,
    }
}

/// Creating a household with a fresh id.
pub fn create_household(place: &str, address: &str) -> (HouseholdId, Operation) {
    let id = HouseholdId(Uuid::now_v7());
    (
        id,
        op(OpBody::CreateHousehold {
            id,
            body: household(id, place, address),
        }),
    )
}

/// A push of `ops` from one device.
pub fn batch(device: DeviceId, ops: Vec<Operation>) -> PushRequest {
    PushRequest { device, ops }
}

/// A new device id.
pub fn device() -> DeviceId {
    DeviceId(Uuid::now_v7())
}

/// Removes the demo households, so a test counts only what it pushed itself.
pub async fn without_demo_households(db: &Db) {
    for sql in ["DELETE FROM changes", "DELETE FROM records"] {
        sqlx::query(sql).execute(db.pool()).await.unwrap();
    }
}

/// The shipped catalogue.
pub fn catalogue() -> domain::catalogue::Catalogue {
    domain::catalogue::Catalogue::builtin()
}
