//! What an operation must be before it is applied (issue 22, points 8 and 10):
//!
//! * its time may lie no further in the past than the offline allowance, and not before its
//!   record's last write (a phone cannot backdate what it does); one that arrives more than
//!   a day after it was made is accepted and flagged as late;
//! * a record body it carries is parsed into its domain type, with no unknown field and
//!   every text and list within its limit (`domain::limits`), and the re-serialised value is
//!   what is stored, never the client's JSON.

use chrono::{DateTime, Duration, Utc};
use domain::sync::{OpBody, Operation, RecordKind};

use super::OpError;
use super::batch::Acting;
use crate::db::time;

/// An operation arriving later than this after it was made is flagged as late.
pub const LATE_AFTER: Duration = Duration::days(1);

/// When the operation counts as made, and how the record's write is stamped; refuses one
/// older than `allowance` or made before `last` (the record's last write).
pub fn when(
    op: &Operation,
    last: Option<&str>,
    now: DateTime<Utc>,
    allowance: Duration,
) -> Result<(DateTime<Utc>, Acting), OpError> {
    // The phone's clock says when the user acted; it may not say the future.
    let at = op.made_at.min(now);
    if at < now - allowance {
        return Err(OpError::invalid(format!(
            "操作时间（{}）早于离线允许期限（{} 天），未予受理，请在窗口核实后重新办理",
            at.format("%Y-%m-%d"),
            allowance.num_days()
        )));
    }
    let last = last.and_then(|s| time::from_db(s).ok());
    if let Some(last) = last.filter(|last| at < *last) {
        return Err(OpError::invalid(format!(
            "操作时间（{}）早于该记录最近一次变更（{}），请核对手机时间",
            at.format("%Y-%m-%d %H:%M"),
            last.format("%Y-%m-%d %H:%M")
        )));
    }
    let late = now - at;
    let acting = Acting {
        made_at: time::to_db(at),
        late_days: (late > LATE_AFTER).then(|| late.num_days()),
    };
    Ok((at, acting))
}

/// The operation's body with any record it carries as it is to be stored, or the refusal
/// naming the field.
pub fn body(op: &OpBody) -> Result<Option<OpBody>, OpError> {
    let refuse = |e: domain::limits::BodyError| OpError::invalid(e.message_zh());
    let limit = |e: domain::limits::LimitError| OpError::invalid(e.message_zh());
    match op {
        OpBody::CreateHousehold { id, body } => {
            let body = domain::limits::canonical(RecordKind::Household, body).map_err(refuse)?;
            Ok(Some(OpBody::CreateHousehold { id: *id, body }))
        }
        OpBody::SaveFieldRecord {
            kind,
            id,
            base_version,
            body,
        } => {
            let body = domain::limits::canonical(*kind, body).map_err(refuse)?;
            Ok(Some(OpBody::SaveFieldRecord {
                kind: *kind,
                id: *id,
                base_version: *base_version,
                body,
            }))
        }
        OpBody::EditHousehold { changes, .. } => {
            // The household after the changes is checked whole (`household_rules`); the
            // changes themselves are bounded here.
            domain::limits::list("changes", changes, domain::limits::MAX_ANY_LIST_ITEMS)
                .map_err(limit)?;
            Ok(None)
        }
        OpBody::CaseCommand {
            command, reason, ..
        } => {
            domain::limits::reason(reason.as_deref()).map_err(limit)?;
            let command = serde_json::to_value(command).expect("commands serialize");
            domain::limits::json(&command).map_err(limit)?;
            Ok(None)
        }
        OpBody::RevokeAuthorization { reason, .. } => {
            domain::limits::reason(reason.as_deref()).map_err(limit)?;
            Ok(None)
        }
        OpBody::CreateCase { .. } => Ok(None),
    }
}
