//! The recipient registry's records (`RecordKind::Registry`: an imported roster row, a
//! periodic review done), saved whole through the push like a field record. The server parses
//! the body into `domain::registry::RegistryRecord`, holds it to the same rules the import's
//! preview applied, and places it at its village: only the township's window clerk (their
//! township) and the county's supervisor (the county) may save one (`domain::rights`), in
//! their own name. A saved registry record is never replaced: a review is a new record, a
//! corrected roster row comes with a new import.

use chrono::{DateTime, Utc};
use domain::clocks::china_date;
use domain::jurisdiction::{Actor, RecordScope};
use domain::registry::RegistryRecord;
use domain::rights::{Action, permits};
use domain::sync::{RecordKind, RejectCode};
use serde_json::Value;
use uuid::Uuid;

use super::OpError;
use super::field_ops::{by_actor, parse};

/// The scope a registry record is stored under, once it passed every rule.
pub(super) fn record(
    actor: &Actor,
    id: Uuid,
    base_version: Option<i64>,
    body: &Value,
    now: DateTime<Utc>,
) -> Result<RecordScope, OpError> {
    if base_version.is_some() {
        return Err(OpError::invalid("救助对象记录保存后不能修改"));
    }
    let record = parse(body, id, RegistryRecord::id)?;
    let problems = record.problems(china_date(now));
    if !problems.is_empty() {
        return Err(OpError::invalid(problems.join("；")));
    }
    let scope = RecordScope {
        place: record.place().clone(),
        owner: None,
        departments: Vec::new(),
        helpers: Vec::new(),
    };
    if !permits(actor, Action::Record(RecordKind::Registry), &scope, false) {
        return Err(OpError::Rejected(
            RejectCode::Forbidden,
            "只能登记您管辖范围内的救助对象（乡镇窗口本乡镇，县级监管全县）".to_owned(),
        ));
    }
    let author = match &record {
        RegistryRecord::Roster(r) => r.imported_by,
        RegistryRecord::Review(r) => r.by,
    };
    by_actor(author, actor)?;
    Ok(scope)
}
