//! Withdrawing an authorization (撤回授权, `OpBody::RevokeAuthorization`): by staff who may act
//! on the household (the window, the verification team, the village's helper), or by the
//! resident whose consent it is — the member, or the guardian who signed for them — matched
//! by the phone of their account. The record gets its revocation (who, when, why) as a new
//! version every phone pulls; the index notes when; checks stop using it.

use domain::authorization::{AuthorizationRecord, MAX_TEXT_CHARS, Revocation, Signatory};
use domain::household::Household;
use domain::ids::{AuthorizationId, MemberId};
use domain::jurisdiction::{Actor, can_act};
use domain::role::Role;
use domain::sync::{RecordKind, RejectCode};
use sqlx::AnyConnection;

use super::field_ops::decode_body;
use super::{Ctx, OpError};
use crate::db::time;

/// Records the withdrawal of `member`'s consent. Answers the new version.
pub(super) async fn revoke(
    cx: Ctx<'_>,
    id: AuthorizationId,
    member: MemberId,
    reason: Option<&str>,
) -> Result<i64, OpError> {
    let Ctx {
        conn,
        batch,
        actor,
        now,
        ..
    } = cx;
    let stored = batch
        .load(conn, RecordKind::Authorization, id.0)
        .await?
        .ok_or_else(OpError::not_found)?;
    let mut record: AuthorizationRecord = decode_body(&stored)?;
    let allowed = match actor.role {
        Role::WindowClerk | Role::Verifier | Role::Supervisor | Role::Helper => {
            can_act(actor, &stored.scope)
        }
        Role::Resident => {
            let household: Household = match batch
                .load(conn, RecordKind::Household, record.household.0)
                .await?
            {
                Some(home) => decode_body(&home)?,
                None => return Err(OpError::not_found()),
            };
            resident_may_revoke(conn, actor, &record, &household, member).await?
        }
        Role::DepartmentOfficer | Role::Admin | Role::TownshipLeader => false,
    };
    if !allowed {
        // A resident or staff member with no business here learns nothing about it.
        return Err(OpError::not_found());
    }
    if !record.members.iter().any(|m| m.member == member) {
        return Err(OpError::invalid("该成员不在这份授权书之内"));
    }
    if record.revocation.is_some() {
        return Err(OpError::Rejected(
            RejectCode::Invalid,
            "该授权书已经撤回".to_owned(),
        ));
    }
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if reason.is_some_and(|r| r.chars().count() > MAX_TEXT_CHARS) {
        return Err(OpError::invalid(format!(
            "撤回原因最多 {MAX_TEXT_CHARS} 个字"
        )));
    }
    record.revocation = Some(Revocation {
        member,
        recorded_by: actor.user,
        at: now,
        reason: reason.map(str::to_owned),
    });
    let body = serde_json::to_value(&record).expect("domain types serialize");
    let scope = stored.scope.clone();
    let version = batch.write(
        RecordKind::Authorization,
        id.0,
        &scope,
        body,
        Some(&stored),
        actor.user.0,
    );
    sqlx::query("UPDATE authorizations SET revoked_at = $1 WHERE id = $2")
        .bind(time::to_db(now))
        .bind(id.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(version)
}

/// Whether the resident's account is `member` (by the phone registered for them) or the
/// household member who signed for them as guardian.
async fn resident_may_revoke(
    conn: &mut AnyConnection,
    actor: &Actor,
    record: &AuthorizationRecord,
    household: &Household,
    member: MemberId,
) -> Result<bool, OpError> {
    // The resident themselves: by phone, or as the applicant of a case they applied for.
    let own = super::resident_self::members_who_are(conn, actor, household).await?;
    let is_account = |id: MemberId| own.contains(&id);
    let guardian = record
        .signatures
        .iter()
        .find(|s| s.member == member)
        .and_then(|s| match &s.by {
            Signatory::Guardian { member, .. } => *member,
            Signatory::Member => None,
        });
    Ok(is_account(member) || guardian.is_some_and(is_account))
}
