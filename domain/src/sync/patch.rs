//! Field-level changes to a JSON record, so that concurrent edits of *different* fields merge
//! and edits of the *same* field are a conflict the user is told about.
//!
//! A path walks objects by key and lists of objects by their `id` field (members, income
//! items), so "the name of member X" stays the same field when someone else adds a member.
//! Each change carries the value it replaces (`old`); applying it where the record no longer
//! holds `old` is a conflict.
//!
//! Lists keyed by `id` are sets: their order is not a field (display order comes from the data,
//! e.g. the applicant first), and elements added by a change go to the end.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One step of a path: an object key, or the element of a list whose `id` is this.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum PathSeg {
    /// An object's field.
    Key(String),
    /// The list element with this `id`.
    Id {
        /// The element's `id`.
        id: String,
    },
}

/// Set the value at `path` from `old` to `new` (`None`: absent, i.e. added or removed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    /// Where.
    pub path: Vec<PathSeg>,
    /// The value the editor saw.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub old: Option<Value>,
    /// The value the editor wants.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub new: Option<Value>,
}

/// A change that could not apply: the field holds something else than the editor saw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldConflict {
    /// Where.
    pub path: Vec<PathSeg>,
    /// What the editor wanted.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub yours: Option<Value>,
    /// What the record holds now.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub theirs: Option<Value>,
}

/// A value that is there, `null` included: in JSON an absent field is `None` and `null` is
/// `Some(Value::Null)`, so that a change of a field holding `null` (a member with no phone)
/// does not read as one of a missing field, which would conflict.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// The changes that turn `from` into `to`: `apply_changes(from, diff(from, to))` equals `to`
/// up to the order of `id`-keyed lists.
pub fn diff(from: &Value, to: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    diff_at(&mut Vec::new(), Some(from), Some(to), &mut out);
    out
}

fn diff_at(
    path: &mut Vec<PathSeg>,
    a: Option<&Value>,
    b: Option<&Value>,
    out: &mut Vec<FieldChange>,
) {
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                path.push(PathSeg::Key(k.clone()));
                diff_at(path, x.get(k), y.get(k), out);
                path.pop();
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) if keyed(x) && keyed(y) => {
            let mut ids: Vec<&str> = x.iter().chain(y.iter()).filter_map(element_id).collect();
            // Keep first-seen order so the changes read in the list's order.
            let mut seen = std::collections::HashSet::new();
            ids.retain(|id| seen.insert(*id));
            for id in ids {
                path.push(PathSeg::Id { id: id.to_owned() });
                diff_at(path, find(x, id), find(y, id), out);
                path.pop();
            }
        }
        (a, b) if a != b => out.push(FieldChange {
            path: path.clone(),
            old: a.cloned(),
            new: b.cloned(),
        }),
        _ => {}
    }
}

/// Applies `changes` to `record`. All or nothing: any conflict leaves the record untouched and
/// lists every conflicting field.
pub fn apply_changes(record: &Value, changes: &[FieldChange]) -> Result<Value, Vec<FieldConflict>> {
    let mut next = record.clone();
    let mut conflicts = Vec::new();
    for c in changes {
        let current = get(&next, &c.path).cloned();
        if current == c.new {
            continue; // already so (the same edit made twice, or by two people alike)
        }
        if current != c.old || !set(&mut next, &c.path, c.new.clone()) {
            conflicts.push(FieldConflict {
                path: c.path.clone(),
                yours: c.new.clone(),
                theirs: current,
            });
        }
    }
    if conflicts.is_empty() {
        Ok(next)
    } else {
        Err(conflicts)
    }
}

/// A list whose elements are all objects with a distinct text `id`.
fn keyed(list: &[Value]) -> bool {
    let mut seen = std::collections::HashSet::new();
    list.iter()
        .all(|v| element_id(v).is_some_and(|id| seen.insert(id)))
}

fn element_id(v: &Value) -> Option<&str> {
    v.as_object()?.get("id")?.as_str()
}

fn find<'a>(list: &'a [Value], id: &str) -> Option<&'a Value> {
    list.iter().find(|v| element_id(v) == Some(id))
}

fn get<'a>(v: &'a Value, path: &[PathSeg]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, seg| match (seg, v) {
        (PathSeg::Key(k), Value::Object(m)) => m.get(k),
        (PathSeg::Id { id }, Value::Array(l)) => find(l, id),
        _ => None,
    })
}

/// Sets (or with `None` removes) the value at `path`. Answers false when the path cannot exist
/// (its parent is missing or of another shape).
fn set(root: &mut Value, path: &[PathSeg], new: Option<Value>) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return match new {
            Some(v) => {
                *root = v;
                true
            }
            None => false,
        };
    };
    let mut parent = root;
    for seg in parents {
        let next = match (seg, parent) {
            (PathSeg::Key(k), Value::Object(m)) => m.get_mut(k),
            (PathSeg::Id { id }, Value::Array(l)) => {
                l.iter_mut().find(|v| element_id(v) == Some(id.as_str()))
            }
            _ => None,
        };
        match next {
            Some(n) => parent = n,
            None => return false,
        }
    }
    match (last, parent, new) {
        (PathSeg::Key(k), Value::Object(m), Some(v)) => {
            m.insert(k.clone(), v);
            true
        }
        (PathSeg::Key(k), Value::Object(m), None) => m.remove(k).is_some(),
        (PathSeg::Id { id }, Value::Array(l), new) => set_element(l, id, new),
        _ => false,
    }
}

fn set_element(list: &mut Vec<Value>, id: &str, new: Option<Value>) -> bool {
    let at = list.iter().position(|v| element_id(v) == Some(id));
    match (at, new) {
        // An element must keep its id, or the path would point nowhere afterwards.
        (_, Some(v)) if element_id(&v) != Some(id) => false,
        (Some(i), Some(v)) => {
            list[i] = v;
            true
        }
        (None, Some(v)) => {
            list.push(v);
            true
        }
        (Some(i), None) => {
            list.remove(i);
            true
        }
        (None, None) => false,
    }
}
