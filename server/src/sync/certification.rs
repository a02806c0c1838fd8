//! A household's yearly certification of eligibility (待遇资格认证), saved whole through the
//! push like every field record, checked with `domain::certification`'s rules: once per
//! household and period, never replaced; only a household that receives a monthly aid; by
//! the recipient (a resident whose phone is registered for them), a member of the household
//! for them (a resident registered for another member: guardian or family), or the helper who
//! serves the household's place — each recorded as such. It lies where the household lies,
//! owned by the resident who made it or shared with the helper.

use chrono::{DateTime, Utc};
use domain::certification::{CertificationRecord, CertifiedBy, Period, must_certify};
use domain::clocks::china_date;
use domain::household::Household;
use domain::jurisdiction::{Actor, RecordScope, can_act, can_see};
use domain::role::Role;
use domain::sync::{RecordKind, RejectCode};
use serde_json::Value;
use sqlx::AnyConnection;
use uuid::Uuid;

use super::OpError;
use super::batch::Batch;
use super::field_ops::{decode_body, parse, shared_with};

/// Checks a new certification; answers its scope.
pub(super) async fn record(
    conn: &mut AnyConnection,
    batch: &mut Batch,
    actor: &Actor,
    now: DateTime<Utc>,
    (id, body): (Uuid, &Value),
) -> Result<RecordScope, OpError> {
    let record = parse(body, id, |c: &CertificationRecord| c.id.0)?;
    let errors = record.validate(now);
    if !errors.is_empty() {
        let text: Vec<&str> = errors.iter().map(|e| e.message_zh()).collect();
        return Err(OpError::invalid(text.join("")));
    }
    let home = batch
        .load(conn, RecordKind::Household, record.household.0)
        .await?
        .ok_or_else(OpError::not_found)?;
    let household: Household = decode_body(&home)?;
    let scope = match (actor.role, record.by) {
        (Role::Resident, by) => {
            let mine = super::resident_self::members_who_are(conn, actor, &household).await?;
            let allowed = match by {
                CertifiedBy::Recipient => mine.contains(&record.recipient),
                CertifiedBy::Guardian { member } => mine.contains(&member),
                CertifiedBy::Helper { .. } => false,
            };
            // Another household's, or a member who is not the resident: as if none.
            if !allowed {
                return Err(OpError::not_found());
            }
            let mut scope = home.scope.clone();
            scope.owner = Some(actor.user);
            scope
        }
        (Role::Helper, CertifiedBy::Helper { user }) if user == actor.user => {
            if !can_see(actor, &home.scope) {
                return Err(OpError::not_found());
            }
            if !can_act(actor, &home.scope) {
                return Err(OpError::Rejected(
                    RejectCode::Forbidden,
                    "您只能查看此家庭".to_owned(),
                ));
            }
            shared_with(home.scope.clone(), actor.user)
        }
        _ => {
            return Err(OpError::Rejected(
                RejectCode::Forbidden,
                "只有领救助的人、家里的人或村里的帮办员能认证".to_owned(),
            ));
        }
    };
    record
        .check_household(&household)
        .map_err(|e| OpError::invalid(e.message_zh()))?;
    let period =
        Period::of_year(record.year).ok_or_else(|| OpError::invalid("认证的年份不对。"))?;
    let household_id = record.household.0.to_string();
    let grants = crate::certify::household_grants(conn, &household_id).await?;
    if !must_certify(&grants, &period) {
        return Err(OpError::invalid("您家今年不用认证。"));
    }
    let earlier = crate::certify::household_certifications(conn, &household_id).await?;
    let in_batch = batch
        .written(RecordKind::Certification)
        .filter_map(|v| serde_json::from_value::<CertificationRecord>(v.clone()).ok())
        .any(|c| c.household == record.household && c.year == record.year);
    if in_batch || earlier.iter().any(|c| c.year == record.year) {
        return Err(OpError::invalid("您家今年已经认证过了，不用再认证。"));
    }
    debug_assert_eq!(
        period.year,
        Period::containing(china_date(record.certified_at)).year
    );
    Ok(scope)
}
