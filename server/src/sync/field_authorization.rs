//! An authorization package (核对授权书) pushed by the phone: checked with the same rules
//! the phone ran, the protected ID-card photos taken out of the body, countersigned with the
//! server's key, stored once (an authorization is never replaced: it is revoked and signed
//! again) and indexed for look-ups by number and household.

use chrono::{DateTime, Utc};
use domain::authorization::{
    Against, AuthorizationError, AuthorizationRecord, IdentityCheck, PublishedKey, number,
};
use domain::ids::{HouseholdId, MemberId};
use domain::jurisdiction::Actor;
use domain::sync::RecordKind;
use serde_json::{Value, json};
use sqlx::AnyConnection;
use uuid::Uuid;

use super::batch::Batch;
use super::field_ops::{by_actor, decode_body, household, parse, shared_with};
use super::{OpError, PushEnv};
use crate::audit::AuditEntry;
use crate::authorization::{identity, store};

/// What a package is checked and countersigned with.
pub(super) struct Cx<'a> {
    pub conn: &'a mut AnyConnection,
    pub batch: &'a mut Batch,
    pub env: PushEnv<'a>,
    pub actor: &'a Actor,
    pub now: DateTime<Utc>,
}

/// The refusal of a replacement: what was signed stays as signed.
pub(super) fn no_replacement() -> OpError {
    OpError::invalid("授权书签署后不能修改，如需更改请撤回后重新签署")
}

/// Checks, countersigns and stores a new authorization. Answers its version.
pub(super) async fn create(cx: Cx<'_>, id: Uuid, body: &Value) -> Result<i64, OpError> {
    let Cx {
        conn,
        batch,
        env,
        actor,
        now,
    } = cx;
    let mut record = parse(body, id, |r: &AuthorizationRecord| r.id.0)?;
    // The server's fields are the server's to set.
    record.countersignature = None;
    record.revocation = None;
    by_actor(record.collected_by, actor)?;
    // A resident signs for their own household only (issue 20 point 4); the package is then
    // theirs to see, like the case it is for.
    let (home, household) = if actor.role == domain::role::Role::Resident {
        super::resident_self::own_household(conn, batch, actor, record.household.0).await?
    } else {
        household(conn, batch, actor, record.household.0).await?
    };
    let text = store::text_in(conn, &record.text_version)
        .await?
        .ok_or_else(|| refused(vec![AuthorizationError::UnknownTextVersion]))?;
    let base = match record.addendum_to {
        Some(base) => batch
            .load(conn, RecordKind::Authorization, base.0)
            .await?
            .map(|stored| decode_body::<AuthorizationRecord>(&stored))
            .transpose()?,
        None => None,
    };
    let mut errors = record
        .validate(Against {
            household: &household,
            text: &text,
            base: base.as_ref(),
            allowed: env.identity_methods,
            now,
        })
        .err()
        .unwrap_or_default();
    errors.extend(record.check_id_card_photos().err().unwrap_or_default());
    let published = store::published_keys_in(conn).await?;
    errors.extend(unconfirmed_codes(&record, env, &published, now));
    if !errors.is_empty() {
        return Err(refused(errors));
    }
    let key = env
        .authorization
        .ok_or_else(|| OpError::invalid("服务器未配置授权书签章密钥，请联系管理员"))?;
    let evidence = take_id_card_photos(&mut record);
    let countersignature = record.countersign(&key.signing, now);
    let document_sha256 = countersignature.document_sha256.clone();
    record.countersignature = Some(countersignature);
    let scope = shared_with(home.scope, record.collected_by);
    let place = scope.place.as_str().to_owned();
    let body = serde_json::to_value(&record).expect("domain types serialize");
    let version = batch.write(
        RecordKind::Authorization,
        id,
        &scope,
        body,
        None,
        actor.user.0,
    );
    let printed = number(record.id);
    store::index(conn, &record).await?;
    for (member, sha256) in &evidence {
        sqlx::query(
            "INSERT INTO authorization_evidence (authorization_id, member_id, sha256) \
             VALUES ($1, $2, $3)",
        )
        .bind(id.to_string())
        .bind(member.to_string())
        .bind(sha256)
        .execute(&mut *conn)
        .await?;
    }
    let detail = json!({
        "id": id.to_string(),
        "number": printed,
        "document_sha256": document_sha256,
        "key_id": key.key_id,
        "members": record.members.len(),
        "evidence": evidence
            .iter()
            .map(|(member, sha)| json!({ "member": member.to_string(), "sha256": sha }))
            .collect::<Vec<_>>(),
    });
    batch.audit(
        AuditEntry::by(actor, "authorization.countersign")
            .on(RecordKind::Authorization.code(), id, Some(&place))
            .with_detail(detail),
    );
    Ok(version)
}

/// A one-time code check needs the server's proof that the code was confirmed, for this
/// household and member ([`crate::authorization::identity`]), not from the future.
fn unconfirmed_codes<'r>(
    record: &'r AuthorizationRecord,
    env: PushEnv<'_>,
    published: &'r [PublishedKey],
    now: DateTime<Utc>,
) -> impl Iterator<Item = AuthorizationError> + 'r {
    let allowed = env
        .identity_methods
        .contains(&domain::authorization::IdentityMethod::OneTimeCode);
    record
        .signatures
        .iter()
        .filter(move |s| match &s.identity {
            IdentityCheck::OneTimeCode {
                phone_masked,
                proof,
                confirmed_at,
            } => {
                allowed
                    && (*confirmed_at > now
                        || !identity::proof_holds(
                            published,
                            record.household,
                            s.member,
                            phone_masked,
                            *confirmed_at,
                            proof,
                        ))
            }
            IdentityCheck::InPerson { .. } => false,
        })
        .map(|s| AuthorizationError::CodeNotConfirmed { member: s.member })
}

/// Takes each in-person check's ID-card photo out of the record: the photos are kept aside
/// (their hashes in `authorization_evidence`), never in a body anyone pulls.
fn take_id_card_photos(record: &mut AuthorizationRecord) -> Vec<(MemberId, String)> {
    let mut taken = Vec::new();
    for s in &mut record.signatures {
        if let IdentityCheck::InPerson { id_card_photo, .. } = &mut s.identity
            && let Some(photo) = id_card_photo.take()
        {
            taken.push((s.member, photo.as_str().to_owned()));
        }
    }
    taken
}

/// Every problem as one refusal, each with its code and member (see [`OpError`]).
pub(super) fn refused(errors: Vec<AuthorizationError>) -> OpError {
    OpError::Authorization(errors)
}

/// The household's countersigned authorizations as the batch sees them (any standing; those
/// written earlier in the same push too).
pub(super) async fn of_household(
    conn: &mut AnyConnection,
    batch: &mut Batch,
    household: HouseholdId,
) -> Result<Vec<AuthorizationRecord>, OpError> {
    let mut out = Vec::new();
    for id in store::ids_for_household(conn, household).await? {
        let id = Uuid::parse_str(&id).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        if let Some(stored) = batch.load(conn, RecordKind::Authorization, id).await? {
            out.push(decode_body(&stored)?);
        }
    }
    Ok(out)
}
