//! What a household body must hold before the server stores it.

use domain::jurisdiction::PlaceCode;
use serde_json::Value;

/// Checks a household body; answers its place or what is wrong, in Chinese.
pub fn check(body: &Value) -> Result<PlaceCode, String> {
    let place = body
        .get("place")
        .and_then(Value::as_str)
        .ok_or("缺少家庭所在地")?;
    let place = PlaceCode::parse(place).map_err(|e| format!("家庭所在地无效：{e}"))?;
    let address = body.get("address").and_then(Value::as_str).unwrap_or("");
    if address.trim().is_empty() {
        return Err("缺少家庭住址".to_owned());
    }
    Ok(place)
}
