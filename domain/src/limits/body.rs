//! A record body as the server stores it: the validated domain value re-serialised, never the
//! client's JSON (issue 22, point 10).
//!
//! Unknown fields are refused by comparing the client's JSON with the re-serialised value,
//! not with `#[serde(deny_unknown_fields)]` on each type: the bodies hold dozens of nested
//! types, several of them internally tagged enums (an authorization's signatures, a visit's
//! answers) where serde cannot deny unknown fields, and the comparison covers every type at
//! every depth at once and names the field's path.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::LimitError;
use crate::authorization::AuthorizationRecord;
use crate::fieldwork::{EntrustmentRecord, Evaluation, HardshipReport, MaterialsRecord, Visit};
use crate::household::Household;
use crate::sync::RecordKind;

/// Why a body cannot be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyError {
    /// Not a record of its kind (the parser's message).
    Malformed(String),
    /// A field the record does not have, by its JSON path.
    UnknownField(String),
    /// A text or list over its limit.
    Limit(LimitError),
}

impl BodyError {
    /// For the user, in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            BodyError::Malformed(e) => format!("记录格式错误：{e}"),
            BodyError::UnknownField(path) => format!("记录含有未知字段：{path}"),
            BodyError::Limit(e) => e.message_zh(),
        }
    }

    /// The field concerned, by its JSON path, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            BodyError::Malformed(_) => None,
            BodyError::UnknownField(path) => Some(path),
            BodyError::Limit(e) => Some(&e.field),
        }
    }
}

/// The body of a record of `kind` as it is to be stored: parsed into its domain type,
/// re-serialised, with no field the type lacks and every text and list within its limit.
/// (The rules of the kind are checked by the caller, as before.)
pub fn canonical(kind: RecordKind, body: &Value) -> Result<Value, BodyError> {
    let stored = match kind {
        RecordKind::Household => {
            let h: Household = parse(body)?;
            super::household(&h).map_err(BodyError::Limit)?;
            to_value(&h)
        }
        RecordKind::Entrustment => to_value(&parse::<EntrustmentRecord>(body)?),
        RecordKind::Visit => to_value(&parse::<Visit>(body)?),
        RecordKind::Hardship => to_value(&parse::<HardshipReport>(body)?),
        RecordKind::Evaluation => to_value(&parse::<Evaluation>(body)?),
        RecordKind::Materials => to_value(&parse::<MaterialsRecord>(body)?),
        RecordKind::Authorization => to_value(&parse::<AuthorizationRecord>(body)?),
        RecordKind::Certification => {
            to_value(&parse::<crate::certification::CertificationRecord>(body)?)
        }
        RecordKind::Registry => to_value(&parse::<crate::registry::RegistryRecord>(body)?),
        RecordKind::Case => {
            return Err(BodyError::Malformed(
                "a case changes only by commands".into(),
            ));
        }
    };
    if let Some(path) = unknown_field(body, &stored, &mut String::new()) {
        return Err(BodyError::UnknownField(path));
    }
    super::json(&stored).map_err(BodyError::Limit)?;
    Ok(stored)
}

fn parse<T: DeserializeOwned>(body: &Value) -> Result<T, BodyError> {
    T::deserialize(body).map_err(|e| BodyError::Malformed(e.to_string()))
}

fn to_value<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("domain records serialize")
}

/// The first field of `sent` that `stored` lacks (a `null` the type dropped is no field).
pub fn unknown_field(sent: &Value, stored: &Value, path: &mut String) -> Option<String> {
    match (sent, stored) {
        (Value::Object(sent), Value::Object(stored)) => sent.iter().find_map(|(key, value)| {
            let len = path.len();
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(key);
            let found = match stored.get(key) {
                Some(inner) => unknown_field(value, inner, path),
                None if value.is_null() => None,
                None => Some(path.clone()),
            };
            path.truncate(len);
            found
        }),
        (Value::Array(sent), Value::Array(stored)) => {
            sent.iter().zip(stored).enumerate().find_map(|(n, (a, b))| {
                let len = path.len();
                if !path.is_empty() {
                    path.push('/');
                }
                path.push_str(&n.to_string());
                let found = unknown_field(a, b, path);
                path.truncate(len);
                found
            })
        }
        _ => None,
    }
}
