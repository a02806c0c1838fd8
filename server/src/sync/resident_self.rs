//! Who a resident is in a household, for what residents may record themselves (a request for a
//! helper, `entrustment_request`; withdrawing their consent, `authorization_revoke`): the
//! members registered with their account's phone, or — where none is — the applicant (本人) of
//! a case of the household they applied for themselves.

use domain::household::{Household, Relation};
use domain::ids::MemberId;
use domain::jurisdiction::{Actor, RecordScope};
use domain::sync::{CaseRecord, RecordKind};
use sqlx::AnyConnection;

use super::OpError;

/// The members of `household` who are the resident `actor`: by phone, else as the applicant of
/// a case of it the resident owns. Empty for anyone else.
pub(super) async fn members_who_are(
    conn: &mut AnyConnection,
    actor: &Actor,
    household: &Household,
) -> Result<Vec<MemberId>, OpError> {
    let phone: Option<(Option<String>,)> =
        sqlx::query_as("SELECT phone FROM users WHERE id = $1 AND role = 'resident'")
            .bind(actor.user.0.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    let Some((phone,)) = phone else {
        return Ok(Vec::new());
    };
    let phone = phone.filter(|p| !p.is_empty());
    let by_phone: Vec<MemberId> = household
        .members
        .iter()
        .filter(|m| {
            m.phone
                .as_ref()
                .zip(phone.as_ref())
                .is_some_and(|(a, b)| a.expose() == b)
        })
        .map(|m| m.id)
        .collect();
    if !by_phone.is_empty() {
        return Ok(by_phone);
    }
    let Some(applicant) = household
        .members
        .iter()
        .find(|m| m.relation == Relation::Applicant)
    else {
        return Ok(Vec::new());
    };
    // The LIKEs narrow the scan; the decoded scope and case decide.
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT scope, body FROM records WHERE kind = $1 AND scope LIKE $2 AND body LIKE $3",
    )
    .bind(RecordKind::Case.code())
    .bind(format!("%{}%", actor.user.0))
    .bind(format!("%{}%", household.id.0))
    .fetch_all(&mut *conn)
    .await?;
    let owns_a_case = rows.iter().any(|(scope, body)| {
        let scope: Option<RecordScope> = serde_json::from_str(scope).ok();
        let case: Option<CaseRecord> = serde_json::from_str(body).ok();
        scope.is_some_and(|s| s.owner == Some(actor.user))
            && case.is_some_and(|c| c.household == household.id)
    });
    Ok(if owns_a_case {
        vec![applicant.id]
    } else {
        Vec::new()
    })
}

/// The household `id` as a resident's own (issue 20 point 4): its stored record with the
/// resident as the scope's owner, when they are a member of it; "not found" otherwise, as for
/// any household one may not see. What they may record on it is decided by the caller.
pub(super) async fn own_household(
    conn: &mut AnyConnection,
    batch: &mut super::batch::Batch,
    actor: &Actor,
    id: uuid::Uuid,
) -> Result<(super::store::Stored, Household), OpError> {
    let mut home = batch
        .load(conn, RecordKind::Household, id)
        .await?
        .ok_or_else(OpError::not_found)?;
    let household: Household = super::field_ops::decode_body(&home)?;
    if members_who_are(conn, actor, &household).await?.is_empty() {
        return Err(OpError::not_found());
    }
    home.scope.owner = Some(actor.user);
    Ok((home, household))
}
