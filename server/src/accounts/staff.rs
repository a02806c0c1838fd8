//! Staff accounts as the administrator's screen (`/admin/staff`) keeps them: listing those in
//! the admin's jurisdiction with the roster's columns, adding, editing, disabling and enabling,
//! and resetting a password. The checks are `domain::staff`'s; what only the database knows
//! (a name already taken, a place or department that does not exist) comes back at its field
//! like them. Every change is audited as done by the admin, naming the account and which
//! fields changed, with ID numbers and phones masked, never in full.

use chrono::Utc;
use domain::identity::{mask_id_number, mask_phone};
use domain::jurisdiction::{Actor, PlaceCode};
use domain::staff::{StaffError, StaffField, StaffRecord};
use sqlx::Row;

use super::users::generate_password;
use crate::audit::{self, AuditEntry};
use crate::auth::{password, session};
use crate::db::Db;

/// One staff account as the screen lists it.
#[derive(Debug, Clone)]
pub struct StaffAccount {
    /// Account id.
    pub id: String,
    /// Sign-in name.
    pub username: String,
    /// 姓名.
    pub display_name: String,
    /// Role code.
    pub role: String,
    /// Place code.
    pub place: String,
    /// Department code.
    pub department: Option<String>,
    /// Mobile number, in full (mask it before showing).
    pub phone: Option<String>,
    /// ID number, in full (mask it before showing).
    pub id_number: Option<String>,
    /// `StaffCategory` code.
    pub category: Option<String>,
    /// Disabled: may not sign in.
    pub disabled: bool,
    /// Holds a generated password not yet changed.
    pub must_change: bool,
}

/// Why a write failed: a field's error the form shows, or something else.
#[derive(Debug, thiserror::Error)]
pub enum StaffWriteError {
    /// A field the database refused (name taken, unknown place or department, outside reach).
    #[error("{}", .0.message_en)]
    Field(StaffError),
    /// Anything else.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<sqlx::Error> for StaffWriteError {
    fn from(e: sqlx::Error) -> Self {
        StaffWriteError::Other(e.into())
    }
}

const COLUMNS: &str = "id, username, display_name, role, place_code, department_code, phone, \
     id_number, staff_category, CAST(CASE WHEN disabled THEN 1 ELSE 0 END AS BIGINT), \
     CAST(CASE WHEN must_change_password THEN 1 ELSE 0 END AS BIGINT)";

fn account(row: &sqlx::any::AnyRow) -> Result<StaffAccount, sqlx::Error> {
    Ok(StaffAccount {
        id: row.try_get(0)?,
        username: row.try_get::<Option<String>, _>(1)?.unwrap_or_default(),
        display_name: row.try_get(2)?,
        role: row.try_get(3)?,
        place: row.try_get(4)?,
        department: row.try_get(5)?,
        phone: row.try_get(6)?,
        id_number: row.try_get(7)?,
        category: row.try_get(8)?,
        disabled: row.try_get::<i64, _>(9)? != 0,
        must_change: row.try_get::<i64, _>(10)? != 0,
    })
}

/// The staff accounts (residents left out) placed at or under `place`, by place and name.
pub async fn list_under(db: &Db, place: &PlaceCode) -> Result<Vec<StaffAccount>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM users WHERE role <> 'resident' AND place_code LIKE $1 \
         ORDER BY place_code, display_name"
    ))
    .bind(format!("{}%", place.as_str()))
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(account).collect()
}

/// One staff account, when it is at or under `place`.
pub async fn find_under(
    db: &Db,
    place: &PlaceCode,
    id: &str,
) -> Result<Option<StaffAccount>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM users WHERE id = $1 AND role <> 'resident' AND place_code LIKE $2"
    ))
    .bind(id)
    .bind(format!("{}%", place.as_str()))
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(account).transpose()
}

pub(super) fn field(field: StaffField, code: &'static str, zh: &str, en: &str) -> StaffWriteError {
    StaffWriteError::Field(StaffError::new(field, code, zh.to_owned(), en.to_owned()))
}

/// What the database must confirm: the place is in the admin's reach and in the tree, the
/// department exists.
pub(super) async fn confirm(
    conn: &mut sqlx::AnyConnection,
    by: &Actor,
    rec: &StaffRecord,
) -> Result<(), StaffWriteError> {
    if !by.place.contains(&rec.place) {
        return Err(field(
            StaffField::Place,
            "place_outside",
            "该地点不在您的管辖范围内",
            "that place is outside your jurisdiction",
        ));
    }
    let place: Option<(String,)> = sqlx::query_as("SELECT code FROM places WHERE code = $1")
        .bind(rec.place.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    if place.is_none() {
        return Err(field(
            StaffField::Place,
            "place_unknown",
            "行政区划中没有这个地点",
            "no such place in the jurisdiction tree",
        ));
    }
    if let Some(d) = &rec.department {
        let dept: Option<(String,)> =
            sqlx::query_as("SELECT code FROM departments WHERE code = $1")
                .bind(d.as_str())
                .fetch_optional(&mut *conn)
                .await?;
        if dept.is_none() {
            return Err(field(
                StaffField::Department,
                "department_unknown",
                "没有这个部门",
                "no such department",
            ));
        }
    }
    Ok(())
}

/// The audit detail of a record: role, place, category, and the masked ID number and phone.
pub(super) fn detail(rec: &StaffRecord, changed: &[&str]) -> serde_json::Value {
    serde_json::json!({
        "role": rec.role.code(),
        "place": rec.place.as_str(),
        "category": rec.category.map(|c| c.code()),
        "id_number": rec.id_number.as_ref().map(|n| mask_id_number(n.expose())),
        "phone": rec.phone.as_ref().map(|p| mask_phone(p.expose())),
        "changed": changed,
    })
}

pub(super) async fn phone_free(
    conn: &mut sqlx::AnyConnection,
    phone: &str,
    except: Option<&str>,
) -> Result<(), StaffWriteError> {
    let other: Option<(String,)> = sqlx::query_as("SELECT id FROM users WHERE phone = $1")
        .bind(phone)
        .fetch_optional(&mut *conn)
        .await?;
    match other {
        Some((o,)) if Some(o.as_str()) != except => Err(field(
            StaffField::Phone,
            "phone_taken",
            "这个手机号码已登记在另一个账号上",
            "another account has that mobile number",
        )),
        _ => Ok(()),
    }
}

/// Changes an account's record (name, role, place, department, phone, ID number, category).
pub async fn update(
    db: &Db,
    by: &Actor,
    before: &StaffAccount,
    rec: &StaffRecord,
) -> Result<(), StaffWriteError> {
    let mut tx = db.begin_write().await?;
    confirm(&mut tx, by, rec).await?;
    if let Some(p) = &rec.phone {
        phone_free(&mut tx, p.expose(), Some(&before.id)).await?;
    }
    let phone = rec.phone.as_ref().map(|p| p.expose().to_owned());
    let id_number = rec.id_number.as_ref().map(|n| n.expose().to_owned());
    let department = rec.department.as_ref().map(|d| d.as_str().to_owned());
    let category = rec.category.map(|c| c.code().to_owned());
    let mut changed = Vec::new();
    for (name, was, now) in [
        (
            "name",
            Some(&before.display_name),
            Some(&rec.name.expose().to_owned()),
        ),
        (
            "role",
            Some(&before.role),
            Some(&rec.role.code().to_owned()),
        ),
        (
            "place",
            Some(&before.place),
            Some(&rec.place.as_str().to_owned()),
        ),
        (
            "department",
            before.department.as_ref(),
            department.as_ref(),
        ),
        ("phone", before.phone.as_ref(), phone.as_ref()),
        ("id_number", before.id_number.as_ref(), id_number.as_ref()),
        ("category", before.category.as_ref(), category.as_ref()),
    ] {
        if was != now {
            changed.push(name);
        }
    }
    sqlx::query(
        "UPDATE users SET display_name = $1, role = $2, place_code = $3, department_code = $4, \
         phone = $5, id_number = $6, staff_category = $7 WHERE id = $8",
    )
    .bind(rec.name.expose())
    .bind(rec.role.code())
    .bind(rec.place.as_str())
    .bind(department)
    .bind(phone)
    .bind(id_number)
    .bind(category)
    .bind(&before.id)
    .execute(&mut *tx)
    .await?;
    let entry = AuditEntry::by(by, "admin.staff_update")
        .on("user", &before.id, Some(rec.place.as_str()))
        .with_detail(detail(rec, &changed));
    audit::append(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(())
}

/// Disables (ending its sessions at once) or enables an account.
pub async fn set_disabled(
    db: &Db,
    by: &Actor,
    account: &StaffAccount,
    disabled: bool,
) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
        .bind(disabled)
        .bind(&account.id)
        .execute(&mut *tx)
        .await?;
    let action = if disabled {
        "admin.staff_disable"
    } else {
        "admin.staff_enable"
    };
    let entry = AuditEntry::by(by, action).on("user", &account.id, Some(account.place.as_str()));
    audit::append(&mut tx, &entry).await?;
    tx.commit().await?;
    if disabled {
        session::end_all(db, &account.id, Utc::now()).await?;
    }
    Ok(())
}

/// Gives an account a new generated password, to be changed at its next sign-in, and ends its
/// sessions. Answers the password (to show once).
pub async fn reset_password(db: &Db, by: &Actor, account: &StaffAccount) -> anyhow::Result<String> {
    let pw = generate_password();
    let hash = password::hash(&pw)?;
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE users SET password_hash = $1, must_change_password = $2 WHERE id = $3")
        .bind(hash)
        .bind(true)
        .bind(&account.id)
        .execute(&mut *tx)
        .await?;
    let entry = AuditEntry::by(by, "admin.staff_reset_password").on(
        "user",
        &account.id,
        Some(account.place.as_str()),
    );
    audit::append(&mut tx, &entry).await?;
    tx.commit().await?;
    session::end_all(db, &account.id, Utc::now()).await?;
    Ok(pw)
}
