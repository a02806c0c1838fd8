//! A resident's request for a helper (申请帮办, issue 20 point 5): an online entrustment
//! (网络委托) the resident records themselves, to the helper who serves their household's
//! place, waiting for the signature the helper collects when they come. The helper's task
//! list already shows every remote entrustment without a signature (补签委托), so the request
//! reaches them with nothing new on the phone.
//!
//! What a resident may record is narrow: their own household (a member registered with their
//! account's phone is the entrusting person, or the applicant of a case they applied for), `Online`, unsigned, without cases, not ended,
//! and a helper whose jurisdiction holds the household. It lies where the household lies,
//! shared with that helper and owned by the resident (who may then see it, and end it).

use domain::fieldwork::EntrustmentChannel;
use domain::fieldwork::EntrustmentRecord;
use domain::household::Household;
use domain::jurisdiction::{Actor, PlaceCode, RecordScope};
use domain::sync::RecordKind;
use sqlx::AnyConnection;

use super::OpError;
use super::batch::Batch;
use super::field_ops::{decode_body, shared_with};

/// Checks a resident's new entrustment; answers its scope.
pub(super) async fn check(
    conn: &mut AnyConnection,
    batch: &mut Batch,
    actor: &Actor,
    record: &EntrustmentRecord,
) -> Result<RecordScope, OpError> {
    let request = record.channel == EntrustmentChannel::Online
        && record.signature.is_none()
        && record.cases.is_empty()
        && record.termination.is_none();
    if !request {
        return Err(OpError::invalid(
            "居民只能申请帮办（网络委托），由帮办员上门签名",
        ));
    }
    let home = batch
        .load(conn, RecordKind::Household, record.household.0)
        .await?
        .ok_or_else(OpError::not_found)?;
    let household: Household = decode_body(&home)?;
    // The resident themselves (by phone, or as the applicant of a case they applied for).
    let own = super::resident_self::members_who_are(conn, actor, &household)
        .await?
        .contains(&record.entrusting_member)
        && household
            .members
            .iter()
            .any(|m| m.id == record.entrusting_member && m.name == record.entrusting_name);
    // Another household's, or a member who is not the resident: as if there were none.
    if !own {
        return Err(OpError::not_found());
    }
    let helper: Option<(String,)> = sqlx::query_as(
        "SELECT place_code FROM users WHERE id = $1 AND role = 'helper' AND NOT disabled",
    )
    .bind(record.helper.0.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    let serves = helper
        .and_then(|(p,)| PlaceCode::parse(&p).ok())
        .is_some_and(|p| p.contains(&household.place));
    if !serves {
        return Err(OpError::invalid("这位帮办员不负责您家所在的村"));
    }
    let mut scope = home.scope;
    scope.owner = Some(actor.user);
    Ok(shared_with(scope, record.helper))
}
