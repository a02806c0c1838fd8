//! Creating accounts, resetting passwords, disabling.

use anyhow::{Context, bail};
use chrono::Utc;
use domain::department::DepartmentCode;
use domain::identity::MobilePhone;
use domain::ids::UserId;
use domain::jurisdiction::{Actor, PlaceCode};
use domain::role::Role;
use sqlx::AnyConnection;
use uuid::Uuid;

use crate::audit::{self, AuditEntry};
use crate::auth::{password, password_policy, session};
use crate::db::{Db, time};

/// The least length of a password an admin sets.
pub const MIN_PASSWORD_LEN: usize = password_policy::MIN_LEN;

/// A password an admin gives, checked like one its holder chooses.
fn checked(username: &str, pw: &str) -> anyhow::Result<()> {
    password_policy::check(username, pw).map_err(|w| anyhow::anyhow!("{}", w.message_zh()))
}

/// An account to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Staff sign-in name (`None` for a resident, who signs in by phone).
    pub username: Option<String>,
    /// Name shown in the app.
    pub display_name: String,
    /// Role code (`domain::role::Role::code`).
    pub role: String,
    /// Place code.
    pub place: String,
    /// Department code, for department officers.
    pub department: Option<String>,
    /// Mobile number (residents sign in with it).
    pub phone: Option<String>,
    /// The password; generated when `None` for staff.
    pub password: Option<String>,
}

/// A random password of 16 letters and digits, for handing to a new staff member.
pub fn generate_password() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    (0..16)
        .map(|_| ALPHABET[crate::auth::random_below(ALPHABET.len() as u32) as usize] as char)
        .collect()
}

/// Checks and inserts one account inside `conn`'s transaction. Answers its id and the
/// password to hand over (the generated one, or `None` when given or a resident).
pub async fn insert_user(
    conn: &mut AnyConnection,
    user: &NewUser,
) -> anyhow::Result<(UserId, Option<String>)> {
    let role =
        Role::from_code(&user.role).with_context(|| format!("unknown role `{}`", user.role))?;
    let place = PlaceCode::parse(&user.place)
        .map_err(|e| anyhow::anyhow!("place `{}`: {e}", user.place))?;
    let id = UserId(Uuid::now_v7());
    let actor = Actor {
        user: id,
        role,
        place,
        department: user.department.clone().map(DepartmentCode),
    };
    actor
        .validate()
        .map_err(|e| anyhow::anyhow!("{}", e.message_zh()))?;
    if user.display_name.trim().is_empty() {
        bail!("display name is empty");
    }
    let phone = match &user.phone {
        Some(p) => Some(
            MobilePhone::parse(p)
                .map_err(|e| anyhow::anyhow!("phone: {e}"))?
                .expose()
                .to_owned(),
        ),
        None => None,
    };
    match (role, &user.username, &phone) {
        (Role::Resident, _, None) => bail!("a resident needs a phone number"),
        (Role::Resident, Some(_), _) => bail!("a resident signs in by phone, without a username"),
        (_, None, _) if role != Role::Resident => bail!("staff need a username"),
        _ => {}
    }
    let (hash, handed) = if role == Role::Resident {
        (None, None)
    } else {
        let (pw, generated) = match &user.password {
            Some(p) if p.chars().count() < MIN_PASSWORD_LEN => {
                bail!("passwords need at least {MIN_PASSWORD_LEN} characters")
            }
            Some(p) => {
                checked(user.username.as_deref().unwrap_or(""), p)?;
                (p.clone(), false)
            }
            None => (generate_password(), true),
        };
        (Some(password::hash(&pw)?), generated.then_some(pw))
    };
    // A generated password was seen by whoever handed it over: its holder must replace it.
    let must_change = handed.is_some();
    let exists: Option<(String,)> = sqlx::query_as("SELECT code FROM places WHERE code = $1")
        .bind(actor.place.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    if exists.is_none() {
        bail!(
            "place `{}` is not in the jurisdiction tree (import it first)",
            actor.place.as_str()
        );
    }
    sqlx::query(
        "INSERT INTO users (id, username, phone, display_name, role, place_code, department_code, \
         password_hash, disabled, created_at, must_change_password) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, FALSE, $9, $10)",
    )
    .bind(id.0.to_string())
    .bind(user.username.as_deref().map(str::trim))
    .bind(phone)
    .bind(user.display_name.trim())
    .bind(role.code())
    .bind(actor.place.as_str())
    .bind(user.department.as_deref())
    .bind(hash)
    .bind(time::now())
    .bind(must_change)
    .execute(&mut *conn)
    .await
    .map_err(|e| match &e {
        sqlx::Error::Database(d) if d.message().to_lowercase().contains("unique") => {
            anyhow::anyhow!("username or phone already in use")
        }
        sqlx::Error::Database(d) if d.message().to_lowercase().contains("foreign") => {
            anyhow::anyhow!(
                "unknown department `{}`",
                user.department.as_deref().unwrap_or("")
            )
        }
        _ => anyhow::Error::from(e),
    })?;
    let entry = AuditEntry::by_operator("accounts.create_user")
        .on("user", id.0, Some(actor.place.as_str()))
        .with_detail(serde_json::json!({ "role": role.code() }));
    audit::append(conn, &entry).await?;
    Ok((id, handed))
}

/// Creates one account.
pub async fn create_user(db: &Db, user: &NewUser) -> anyhow::Result<(UserId, Option<String>)> {
    let mut tx = db.begin_write().await?;
    let created = insert_user(&mut tx, user).await?;
    tx.commit().await?;
    Ok(created)
}

/// Sets a new password (generated when `None`: then its holder must change it at the next
/// sign-in) and ends the account's sessions. Answers the generated password.
pub async fn reset_password(
    db: &Db,
    username: &str,
    new: Option<String>,
) -> anyhow::Result<Option<String>> {
    let (pw, generated) = match new {
        Some(p) if p.chars().count() < MIN_PASSWORD_LEN => {
            bail!("passwords need at least {MIN_PASSWORD_LEN} characters")
        }
        Some(p) => {
            checked(username, &p)?;
            (p, false)
        }
        None => (generate_password(), true),
    };
    let id = user_id(db, username).await?;
    let hash = password::hash(&pw)?;
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE users SET password_hash = $1, must_change_password = $2 WHERE id = $3")
        .bind(hash)
        .bind(generated)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    let entry = AuditEntry::by_operator("accounts.reset_password").on("user", &id, None);
    audit::append(&mut tx, &entry).await?;
    tx.commit().await?;
    session::end_all(db, &id, Utc::now()).await?;
    Ok(generated.then_some(pw))
}

/// Disables (or enables again) an account; disabling ends its sessions at once.
pub async fn set_disabled(db: &Db, username: &str, disabled: bool) -> anyhow::Result<()> {
    let id = user_id(db, username).await?;
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
        .bind(disabled)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    let action = if disabled {
        "accounts.disable"
    } else {
        "accounts.enable"
    };
    audit::append(
        &mut tx,
        &AuditEntry::by_operator(action).on("user", &id, None),
    )
    .await?;
    tx.commit().await?;
    if disabled {
        session::end_all(db, &id, Utc::now()).await?;
    }
    Ok(())
}

/// Removes an account's second factor and ends its sessions (an admin's help for someone who
/// lost both the phone and the recovery codes).
pub async fn reset_totp(db: &Db, username: &str) -> anyhow::Result<()> {
    let id = user_id(db, username).await?;
    crate::auth::totp_store::disable(db, &id).await?;
    let mut tx = db.begin_write().await?;
    let entry = AuditEntry::by_operator("accounts.reset_totp").on("user", &id, None);
    audit::append(&mut tx, &entry).await?;
    tx.commit().await?;
    session::end_all(db, &id, Utc::now()).await?;
    Ok(())
}

async fn user_id(db: &Db, username: &str) -> anyhow::Result<String> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT id FROM users WHERE username = $1 OR phone = $1")
            .bind(username)
            .fetch_optional(db.pool())
            .await?;
    row.map(|r| r.0)
        .with_context(|| format!("no account `{username}`"))
}
