//! Adding staff accounts, one from the form or many from an import: the checks only the
//! database can make ([`check_new`]: sign-in name and phone free, place in the admin's reach
//! and in the tree, department known) and the insert with a generated password its holder
//! must change at the first sign-in ([`insert_new`]), audited as the admin.

use domain::jurisdiction::Actor;
use domain::staff::{StaffField, StaffRecord};
use sqlx::AnyConnection;
use uuid::Uuid;

use super::staff::{StaffWriteError, confirm, detail, field, phone_free};
use super::users::generate_password;
use crate::audit::{self, AuditEntry};
use crate::auth::password;
use crate::db::{Db, time};

/// Whether `username` and `rec` can be added, as far as the database knows.
pub async fn check_new(
    conn: &mut AnyConnection,
    by: &Actor,
    username: &str,
    rec: &StaffRecord,
) -> Result<(), StaffWriteError> {
    confirm(conn, by, rec).await?;
    let taken: Option<(String,)> = sqlx::query_as("SELECT id FROM users WHERE username = $1")
        .bind(username)
        .fetch_optional(&mut *conn)
        .await?;
    if taken.is_some() {
        return Err(field(
            StaffField::Username,
            "username_taken",
            "这个账号已被使用",
            "that sign-in name is taken",
        ));
    }
    if let Some(p) = &rec.phone {
        phone_free(conn, p.expose(), None).await?;
    }
    Ok(())
}

/// Checks and inserts one account inside `conn`'s transaction with a generated password; the
/// audit entry's `source` says how (`form`, `import`). Answers its id and the password (to
/// show once, never to store or log).
pub async fn insert_new(
    conn: &mut AnyConnection,
    by: &Actor,
    username: &str,
    rec: &StaffRecord,
    source: &str,
) -> Result<(String, String), StaffWriteError> {
    check_new(conn, by, username, rec).await?;
    let id = Uuid::now_v7().to_string();
    let pw = generate_password();
    let hash = password::hash(&pw)?;
    sqlx::query(
        "INSERT INTO users (id, username, phone, display_name, role, place_code, department_code, \
         password_hash, disabled, created_at, must_change_password, id_number, staff_category) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(&id)
    .bind(username)
    .bind(rec.phone.as_ref().map(|p| p.expose().to_owned()))
    .bind(rec.name.expose())
    .bind(rec.role.code())
    .bind(rec.place.as_str())
    .bind(rec.department.as_ref().map(|d| d.as_str().to_owned()))
    .bind(hash)
    .bind(false)
    .bind(time::now())
    .bind(true)
    .bind(rec.id_number.as_ref().map(|n| n.expose().to_owned()))
    .bind(rec.category.map(|c| c.code()))
    .execute(&mut *conn)
    .await?;
    let mut d = detail(rec, &[]);
    d["source"] = serde_json::json!(source);
    let entry = AuditEntry::by(by, "admin.staff_create")
        .on("user", &id, Some(rec.place.as_str()))
        .with_detail(d);
    audit::append(conn, &entry).await?;
    Ok((id, pw))
}

/// Adds one account from the form.
pub async fn create(
    db: &Db,
    by: &Actor,
    username: &str,
    rec: &StaffRecord,
) -> Result<(String, String), StaffWriteError> {
    let mut tx = db.begin_write().await?;
    let done = insert_new(&mut tx, by, username, rec, "form").await?;
    tx.commit().await?;
    Ok(done)
}
