//! The authorization's printed number and its text: the built-in text, its hash, and every
//! wrong field named.

use uuid::Uuid;

use super::test_support::*;
use super::*;
use crate::ids::AuthorizationId;

#[test]
fn numbers_are_printed_in_groups_and_read_back_leniently() {
    let n = number(package().id);
    assert_eq!(n.len(), 19);
    assert_eq!(n.matches('-').count(), 3);
    assert_eq!(
        normalize_number(&n.to_lowercase().replace('-', " ")),
        Some(n.clone())
    );
    assert_eq!(
        normalize_number("OIL0-0000-0000-0000").as_deref(),
        Some("0110-0000-0000-0000")
    );
    assert_eq!(normalize_number("too short"), None);
    assert_ne!(number(AuthorizationId(Uuid::from_u128(1))), n);
}

#[test]
fn the_builtin_text_is_valid_and_its_hash_is_stable_under_field_order() {
    let t = text();
    assert_eq!(t.validate(), Ok(()));
    let reordered: AuthorizationText =
        serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
    assert_eq!(reordered.sha256(), t.sha256());
    let mut changed = t.clone();
    changed.body_zh[0].push('。');
    assert_ne!(changed.sha256(), t.sha256());
}

#[test]
fn a_text_names_every_wrong_field_and_validate_answers_the_first() {
    let mut t = text();
    assert!(t.field_errors().is_empty());
    t.version = " ".to_owned();
    t.body_en.clear();
    t.scopes.push(t.scopes[0]);
    t.validity_months = 0;
    let fields: Vec<_> = t.field_errors().into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["version", "body_en", "scopes", "validity_months"]);
    assert_eq!(
        t.validate(),
        Err("版本号不能为空，最多 32 个字符".to_owned())
    );
}
