use proptest::prelude::*;
use serde_json::{Value, json};

use super::patch::*;

fn household() -> Value {
    json!({
        "address": "东门社区 3 栋",
        "members": [
            {"id": "m1", "name": "张三", "relation": "applicant"},
            {"id": "m2", "name": "李四", "relation": "spouse"}
        ],
        "income": []
    })
}

#[test]
fn diff_then_apply_gives_the_target() {
    let a = household();
    let mut b = a.clone();
    b["address"] = json!("东门社区 5 栋");
    b["members"][1]["name"] = json!("李思");
    b["members"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "m3", "name": "张小", "relation": "child"}));
    let changes = diff(&a, &b);
    assert_eq!(changes.len(), 3);
    assert_eq!(apply_changes(&a, &changes).unwrap(), b);
}

#[test]
fn edits_of_different_fields_by_two_people_merge() {
    let base = household();
    let mut mine = base.clone();
    mine["address"] = json!("新地址");
    let mut theirs = base.clone();
    theirs["members"][0]["name"] = json!("张叁");
    let server = apply_changes(&base, &diff(&base, &theirs)).unwrap();
    let merged = apply_changes(&server, &diff(&base, &mine)).unwrap();
    assert_eq!(merged["address"], "新地址");
    assert_eq!(merged["members"][0]["name"], "张叁");
}

#[test]
fn edits_of_the_same_field_conflict_and_change_nothing() {
    let base = household();
    let mut mine = base.clone();
    mine["members"][1]["name"] = json!("李斯");
    mine["address"] = json!("新地址");
    let mut theirs = base.clone();
    theirs["members"][1]["name"] = json!("李思");
    let server = apply_changes(&base, &diff(&base, &theirs)).unwrap();
    let conflicts = apply_changes(&server, &diff(&base, &mine)).unwrap_err();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(
        conflicts[0].path,
        vec![
            PathSeg::Key("members".into()),
            PathSeg::Id { id: "m2".into() },
            PathSeg::Key("name".into())
        ]
    );
    assert_eq!(conflicts[0].theirs, Some(json!("李思")));
    assert_eq!(conflicts[0].yours, Some(json!("李斯")));
}

#[test]
fn the_same_edit_made_twice_is_not_a_conflict() {
    let base = household();
    let mut b = base.clone();
    b["address"] = json!("新地址");
    let changes = diff(&base, &b);
    let once = apply_changes(&base, &changes).unwrap();
    assert_eq!(apply_changes(&once, &changes).unwrap(), once);
}

#[test]
fn removing_a_member_somebody_edited_meanwhile_conflicts() {
    let base = household();
    let mut mine = base.clone();
    mine["members"].as_array_mut().unwrap().remove(1);
    let mut theirs = base.clone();
    theirs["members"][1]["relation"] = json!("other_cohabitant");
    let server = apply_changes(&base, &diff(&base, &theirs)).unwrap();
    assert!(apply_changes(&server, &diff(&base, &mine)).is_err());
}

#[test]
fn a_change_below_a_missing_parent_conflicts() {
    let c = FieldChange {
        path: vec![
            PathSeg::Key("members".into()),
            PathSeg::Id {
                id: "nobody".into(),
            },
            PathSeg::Key("name".into()),
        ],
        old: Some(json!("x")),
        new: Some(json!("y")),
    };
    assert!(apply_changes(&household(), &[c]).is_err());
}

#[test]
fn paths_travel_as_plain_json() {
    let c = FieldChange {
        path: vec![
            PathSeg::Key("members".into()),
            PathSeg::Id { id: "m1".into() },
        ],
        old: None,
        new: Some(json!({"id": "m1"})),
    };
    let text = serde_json::to_string(&c).unwrap();
    assert!(text.contains(r#""path":["members",{"id":"m1"}]"#), "{text}");
    assert_eq!(serde_json::from_str::<FieldChange>(&text).unwrap(), c);
}

fn member() -> impl Strategy<Value = Value> {
    (0u8..6, "[a-c]{0,2}", prop::option::of(0i64..3)).prop_map(|(id, name, grade)| {
        let mut m = json!({"id": format!("m{id}"), "name": name});
        if let Some(g) = grade {
            m["grade"] = json!(g);
        }
        m
    })
}

fn record() -> impl Strategy<Value = Value> {
    (
        prop::option::of("[a-c]{0,3}"),
        prop::collection::vec(member(), 0..5),
        prop::collection::vec(0i64..3, 0..3),
    )
        .prop_map(|(address, members, tags)| {
            let mut seen = std::collections::HashSet::new();
            let members: Vec<Value> = members
                .into_iter()
                .filter(|m| seen.insert(m["id"].clone()))
                .collect();
            let mut r = json!({"members": members, "tags": tags});
            if let Some(a) = address {
                r["address"] = json!(a);
            }
            r
        })
}

proptest! {
    #[test]
    fn apply_of_diff_is_the_target(a in record(), b in record()) {
        prop_assert_eq!(canonical(apply_changes(&a, &diff(&a, &b)).unwrap()), canonical(b));
    }

    #[test]
    fn diff_of_equal_records_is_empty(a in record()) {
        prop_assert!(diff(&a, &a).is_empty());
    }

    #[test]
    fn concurrent_edits_merge_or_conflict_but_never_overwrite(base in record(), x in record(), y in record()) {
        let server = apply_changes(&base, &diff(&base, &x)).unwrap();
        match apply_changes(&server, &diff(&base, &y)) {
            Ok(merged) => {
                // Whatever the second editor did not touch keeps the first editor's value.
                for c in diff(&base, &x) {
                    let touched_by_y = diff(&base, &y).iter().any(|d| d.path.starts_with(&c.path) || c.path.starts_with(&d.path));
                    if !touched_by_y {
                        prop_assert_eq!(pointer(&merged, &c.path), c.new.clone());
                    }
                }
            }
            Err(conflicts) => prop_assert!(!conflicts.is_empty()),
        }
    }
}

fn pointer(v: &Value, path: &[PathSeg]) -> Option<Value> {
    path.iter()
        .try_fold(v, |v, seg| match (seg, v) {
            (PathSeg::Key(k), Value::Object(m)) => m.get(k),
            (PathSeg::Id { id }, Value::Array(l)) => l.iter().find(|e| e["id"] == json!(id)),
            _ => None,
        })
        .cloned()
}

/// The record with `id`-keyed lists sorted by id (their order is not a field).
fn canonical(mut v: Value) -> Value {
    if let Some(list) = v.get_mut("members").and_then(Value::as_array_mut) {
        list.sort_by(|x, y| x["id"].as_str().cmp(&y["id"].as_str()));
    }
    v
}

#[test]
fn a_change_of_a_field_holding_null_survives_the_wire_and_applies() {
    let record = json!({"members": [{"id": "m1", "phone": null}]});
    let to = json!({"members": [{"id": "m1", "phone": "13800000001"}]});
    let changes = diff(&record, &to);
    let wire = serde_json::to_string(&changes).unwrap();
    let back: Vec<FieldChange> = serde_json::from_str(&wire).unwrap();
    assert_eq!(back, changes);
    assert_eq!(back[0].old, Some(Value::Null));
    assert_eq!(apply_changes(&record, &back).unwrap(), to);
    // An added element's missing old value stays missing.
    let added = diff(
        &record,
        &json!({"members": [{"id": "m1", "phone": null}, {"id": "m2"}]}),
    );
    let back: Vec<FieldChange> =
        serde_json::from_str(&serde_json::to_string(&added).unwrap()).unwrap();
    assert_eq!(back, added);
    assert_eq!(back[0].old, None);
}
