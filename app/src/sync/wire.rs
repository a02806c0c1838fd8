//! The sync API's JSON as the phone reads and writes it. The server's types live in
//! `domain::sync`; the phone mirrors only the part it uses and keeps record bodies as plain JS objects. Deserialising the domain's full operation enum
//! in the browser would bring every household, case and command type's decoder into the
//! bundle, twice over with `serde_json::Value`, which made the first load twice its budget.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// `domain::sync::Operation`: the body is kept as the plain JS object the server reads
/// (`OpBody` JSON), so the outbox never decodes what it only sends.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutOp {
    /// The operation id (UUIDv7).
    pub id: String,
    /// When it was made, RFC 3339.
    pub made_at: String,
    /// What it does (`OpBody` JSON, tagged by `op`).
    #[serde(with = "serde_wasm_bindgen::preserve")]
    pub body: JsValue,
}

impl OutOp {
    /// A whole-record save made against `version` instead (the record was saved again while
    /// its previous save travelled, and the server has since made `version`).
    pub fn rebase(&self, version: i64) {
        let _ = js_sys::Reflect::set(
            &self.body,
            &JsValue::from_str("base_version"),
            &JsValue::from_f64(version as f64),
        );
    }
}

impl OutOp {
    /// The changes of a household edit (`None` for other operations).
    pub fn edited_fields(&self) -> Option<JsValue> {
        let op = js_sys::Reflect::get(&self.body, &JsValue::from_str("op")).ok()?;
        (op.as_string()? == "edit_household")
            .then(|| js_sys::Reflect::get(&self.body, &JsValue::from_str("changes")).ok())
            .flatten()
    }
}

/// `domain::sync::PushRequest`.
#[derive(Serialize)]
pub struct PushBody<'a> {
    /// This phone.
    pub device: &'a str,
    /// The operations, in the order made.
    pub ops: Vec<&'a OutOp>,
}

/// `domain::sync::PushResponse`.
#[derive(Deserialize)]
pub struct PushAnswer {
    /// One per operation.
    pub results: Vec<OpAnswer>,
}

/// `domain::sync::OpResult`.
#[derive(Deserialize)]
pub struct OpAnswer {
    /// The operation's id.
    pub id: String,
    /// What became of it.
    pub outcome: Outcome,
    /// A refused authorization package's problems, each with its code and member.
    #[serde(default)]
    pub problems: Vec<crate::forms::intake::authorization_fix::RefusedProblem>,
}

/// `domain::sync::Outcome`, flattened: `applied` has `version`; `conflict` has
/// `current_version` and `message_zh`; `rejected` has `message_zh`.
#[derive(Deserialize)]
pub struct Outcome {
    /// `applied`, `conflict` or `rejected`.
    pub outcome: String,
    /// The record's version after an applied operation.
    #[serde(default)]
    pub version: Option<i64>,
    /// The server's version on a conflict.
    #[serde(default)]
    pub current_version: Option<i64>,
    /// Why, for the user.
    #[serde(default)]
    pub message_zh: Option<String>,
    /// The fields in conflict (household edits), kept as they came.
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub fields: JsValue,
}

/// `domain::sync::PullResponse`.
#[derive(Deserialize)]
pub struct PullPage {
    /// Changes in server order.
    pub changes: Vec<ChangeIn>,
    /// Where the next page starts.
    pub cursor: i64,
    /// Whether another page waits.
    pub more: bool,
}

/// `domain::sync::Change`: `upsert` with version and body, or `remove`.
#[derive(Deserialize)]
pub struct ChangeIn {
    /// `upsert` or `remove`.
    pub change: String,
    /// `RecordKind` code.
    pub kind: String,
    /// The record's id.
    pub id: String,
    /// Its version (upserts).
    #[serde(default)]
    pub version: Option<i64>,
    /// The record (upserts).
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub body: JsValue,
}
