//! Length limits on what phones send (issue 22, point 10): every text and every list a
//! record holds has a largest size, so one operation cannot fill the server's memory, disk or
//! a window clerk's screen. The phone checks the same limits before it queues a record, so a
//! refusal shows at once, offline.
//!
//! Two layers: named limits for the fields a person types or adds to (an address, a note,
//! members, money items) checked per record kind, and a backstop over a record's whole JSON
//! ([`json`]) that bounds every text and list of every kind, so a field nobody thought of
//! is bounded too. The fieldwork kinds keep their own named limits next to their rules
//! (`fieldwork::MAX_PHOTOS`, `MAX_NOTES_CHARS`, …); this module adds what they lacked.

mod body;

pub use body::{BodyError, canonical};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::household::Household;

/// A household's street address, in characters.
pub const MAX_ADDRESS_CHARS: usize = 200;
/// The note of an income or property item, in characters.
pub const MAX_ITEM_NOTE_CHARS: usize = 200;
/// The phone-made id of an income or property item, in characters.
pub const MAX_ITEM_ID_CHARS: usize = 64;
/// Members of one household (a 共同生活的家庭 larger than this is a data error).
pub const MAX_MEMBERS: usize = 30;
/// Income items, and property items, of one household (each).
pub const MAX_MONEY_ITEMS: usize = 100;
/// A written reason (a case command's, a revocation's), in characters.
pub const MAX_REASON_CHARS: usize = 2000;
/// Backstop: any text anywhere in a record (the longest named one is a signature's strokes,
/// `authorization::MAX_STROKES_CHARS`).
pub const MAX_ANY_TEXT_CHARS: usize = 40_000;
/// Backstop: any list anywhere in a record.
pub const MAX_ANY_LIST_ITEMS: usize = 500;
/// Backstop: one record's JSON, in bytes (a household of [`MAX_MEMBERS`] with every list
/// full stays well under this).
pub const MAX_RECORD_BYTES: usize = 512 * 1024;

/// A text or list over its limit, naming the field by its JSON path (`members`,
/// `income/3/note`), for the refusal shown at the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitError {
    /// The field, as a JSON path.
    pub field: String,
    /// What was over.
    pub kind: LimitKind,
    /// The limit.
    pub max: usize,
    /// What came.
    pub found: usize,
}

/// What kind of limit was broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitKind {
    /// A text longer than its limit (characters).
    Text,
    /// A list with more items than its limit.
    List,
    /// A record larger than its limit (bytes).
    Bytes,
}

impl LimitError {
    /// For the user, in Chinese, naming the field.
    pub fn message_zh(&self) -> String {
        let LimitError {
            field, max, found, ..
        } = self;
        match self.kind {
            LimitKind::Text => format!("{field} 过长：最多 {max} 个字，现有 {found} 个"),
            LimitKind::List => format!("{field} 过多：最多 {max} 项，现有 {found} 项"),
            LimitKind::Bytes => format!("记录过大：最多 {max} 字节，现有 {found} 字节"),
        }
    }
}

/// Checks a text's length in characters.
pub fn text(field: &str, value: &str, max: usize) -> Result<(), LimitError> {
    let found = value.chars().count();
    over(field, LimitKind::Text, max, found)
}

/// Checks a list's length.
pub fn list<T>(field: &str, items: &[T], max: usize) -> Result<(), LimitError> {
    over(field, LimitKind::List, max, items.len())
}

fn over(field: &str, kind: LimitKind, max: usize, found: usize) -> Result<(), LimitError> {
    if found > max {
        Err(LimitError {
            field: field.to_owned(),
            kind,
            max,
            found,
        })
    } else {
        Ok(())
    }
}

/// A household's named limits: address, members, income and property items, their ids and
/// notes. (Names and ID numbers are bounded by their own types.)
pub fn household(h: &Household) -> Result<(), LimitError> {
    text("address", &h.address, MAX_ADDRESS_CHARS)?;
    list("members", &h.members, MAX_MEMBERS)?;
    list("income", &h.income, MAX_MONEY_ITEMS)?;
    list("property", &h.property, MAX_MONEY_ITEMS)?;
    let items = h
        .income
        .iter()
        .map(|i| ("income", &i.id, &i.note))
        .chain(h.property.iter().map(|p| ("property", &p.id, &p.note)));
    for (n, (list_name, id, note)) in items.enumerate() {
        let at = if list_name == "income" {
            n
        } else {
            n - h.income.len()
        };
        text(&format!("{list_name}/{at}/id"), id, MAX_ITEM_ID_CHARS)?;
        text(&format!("{list_name}/{at}/note"), note, MAX_ITEM_NOTE_CHARS)?;
    }
    Ok(())
}

/// A written reason.
pub fn reason(reason: Option<&str>) -> Result<(), LimitError> {
    reason.map_or(Ok(()), |r| text("reason", r, MAX_REASON_CHARS))
}

/// The backstop over a record's whole JSON: its size, every text and every list, at any
/// depth. Answers the first field over, by path.
pub fn json(value: &Value) -> Result<(), LimitError> {
    let bytes = serde_json::to_string(value).map_or(usize::MAX, |s| s.len());
    over("", LimitKind::Bytes, MAX_RECORD_BYTES, bytes)?;
    walk(value, &mut String::new())
}

fn walk(value: &Value, path: &mut String) -> Result<(), LimitError> {
    match value {
        Value::String(s) => text(path, s, MAX_ANY_TEXT_CHARS),
        Value::Array(items) => {
            list(path, items, MAX_ANY_LIST_ITEMS)?;
            for (n, item) in items.iter().enumerate() {
                within(path, &n.to_string(), |p| walk(item, p))?;
            }
            Ok(())
        }
        Value::Object(map) => {
            for (key, item) in map {
                within(path, key, |p| walk(item, p))?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Runs `f` with `seg` appended to `path`, then restores `path`.
fn within<R>(path: &mut String, seg: &str, f: impl FnOnce(&mut String) -> R) -> R {
    let len = path.len();
    if !path.is_empty() {
        path.push('/');
    }
    path.push_str(seg);
    let r = f(path);
    path.truncate(len);
    r
}

#[cfg(test)]
mod tests;
