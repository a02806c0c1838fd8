//! Security events in the audit chain: failed sign-ins, lockouts, code requests, sign-outs
//! (refused operations are audited by the push). Each carries the client address as the
//! limits count it (an IPv4 address, an IPv6 /64); a resident's phone is masked, a staff
//! account's sign-in name is kept (it names an account, not a resident).
//!
//! Only what the limits bound is recorded: a failed check (at most the lockout's allowance),
//! the attempt that begins a lockout, an admitted code request; the refusals that follow are
//! not, so a flood of attempts cannot flood the chain.

use domain::identity::mask::mask_phone;
use serde_json::json;

use crate::audit::{self, AuditEntry};
use crate::db::Db;

/// How someone tried to sign in.
#[derive(Debug, Clone, Copy)]
pub enum Method {
    /// Staff: sign-in name and password.
    Password,
    /// Resident: phone and one-time code.
    Code,
    /// Staff: the second factor after a right password.
    Totp,
}

impl Method {
    fn code(self) -> &'static str {
        match self {
            Method::Password => "password",
            Method::Code => "code",
            Method::Totp => "totp",
        }
    }

    /// The account as the chain may show it (at most 64 characters of whatever was typed).
    fn shown(self, account: &str) -> String {
        let account: String = account.chars().take(64).collect();
        let account = account.as_str();
        match self {
            Method::Password | Method::Totp => account.to_owned(),
            Method::Code => mask_phone(account),
        }
    }
}

/// A sign-in that failed its check; `lockout` names what it locked (`account`, `address`).
pub async fn sign_in_failed(
    db: &Db,
    method: Method,
    account: &str,
    address: &str,
    lockout: &[String],
) -> Result<(), sqlx::Error> {
    let account = method.shown(account);
    let detail = json!({ "method": method.code(), "account": account, "address": address });
    let entry = AuditEntry::by_operator("auth.sign_in_failed").with_detail(detail);
    append(db, entry).await?;
    if !lockout.is_empty() {
        let locked: Vec<&str> = lockout
            .iter()
            .filter_map(|k| k.split_once(':').map(|(kind, _)| kind))
            .collect();
        let detail = json!({ "method": method.code(), "account": account, "address": address,
            "locked": locked });
        append(
            db,
            AuditEntry::by_operator("auth.locked_out").with_detail(detail),
        )
        .await?;
    }
    Ok(())
}

/// A one-time code asked for (`limit_reached`: this request used up a request limit).
pub async fn code_requested(
    db: &Db,
    phone: &str,
    address: &str,
    limit_reached: bool,
) -> Result<(), sqlx::Error> {
    let detail = json!({ "phone": mask_phone(phone), "address": address,
        "limit_reached": limit_reached });
    append(
        db,
        AuditEntry::by_operator("auth.code_requested").with_detail(detail),
    )
    .await
}

/// A session ended by its user.
pub async fn signed_out(db: &Db, user: &str, address: &str) -> Result<(), sqlx::Error> {
    let entry = AuditEntry::by_user(user, "auth.logout")
        .on("user", user, None)
        .with_detail(json!({ "address": address }));
    append(db, entry).await
}

/// A recovery code was used to sign in (its holder may have lost their phone).
pub async fn recovery_code_used(db: &Db, user: &str, address: &str) -> Result<(), sqlx::Error> {
    let entry = AuditEntry::by_user(user, "auth.recovery_code_used")
        .on("user", user, None)
        .with_detail(json!({ "address": address }));
    append(db, entry).await
}

/// Something the account holder did to their own sign-in (`account.password_changed`,
/// `account.totp_enabled`, `account.totp_disabled`), from `address`.
pub async fn account_changed(
    db: &Db,
    user: &str,
    action: &str,
    address: &str,
) -> Result<(), sqlx::Error> {
    let entry = AuditEntry::by_user(user, action)
        .on("user", user, None)
        .with_detail(json!({ "address": address }));
    append(db, entry).await
}

/// Appends without an actor account (the attempt has none yet): the role says `anonymous`.
async fn append(db: &Db, mut entry: AuditEntry) -> Result<(), sqlx::Error> {
    if entry.actor_user.is_none() {
        entry.actor_role = Some("anonymous".to_owned());
    }
    audit::append_standalone(db, &entry).await.map(drop)
}
