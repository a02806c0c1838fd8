//! What a household body must be before the server stores it: a `domain` household that
//! passes every household rule, under the id the operation names.

use chrono::NaiveDate;
use domain::household::Household;
use domain::jurisdiction::PlaceCode;
use serde_json::Value;
use uuid::Uuid;

/// Checks a household body; answers its place and the body to store (the validated
/// household re-serialised: no unknown field, every text and list within its limit), or
/// every problem in Chinese.
pub fn check(id: Uuid, body: &Value, today: NaiveDate) -> Result<(PlaceCode, Value), String> {
    let stored = domain::limits::canonical(domain::sync::RecordKind::Household, body)
        .map_err(|e| e.message_zh())?;
    let household: Household =
        serde_json::from_value(stored.clone()).map_err(|e| format!("家庭信息格式错误：{e}"))?;
    if household.id.0 != id {
        return Err("家庭编号与操作不一致".to_owned());
    }
    household.validate(today).map_err(|errors| {
        errors
            .iter()
            .map(|e| e.message_zh())
            .collect::<Vec<_>>()
            .join("；")
    })?;
    Ok((household.place, stored))
}
