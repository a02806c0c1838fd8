//! Unit tests of [`JurisdictionTree`] on a slice of Dianjiang county.

use std::collections::BTreeMap;

use super::{JurisdictionTree, Place, PlaceCode, PlaceKind, TreeError};

fn code(s: &str) -> PlaceCode {
    PlaceCode::parse(s).unwrap()
}

fn place(c: &str, name: &str, kind: PlaceKind, population: Option<i64>) -> Place {
    Place {
        code: code(c),
        name_zh: name.to_owned(),
        name_en: String::new(),
        kind,
        population,
    }
}

fn dianjiang() -> Vec<Place> {
    vec![
        place("500231100001-G01", "一网格", PlaceKind::Grid, Some(300)),
        place("500231", "垫江县", PlaceKind::County, Some(960_000)),
        place("500231001", "桂溪街道", PlaceKind::Street, None),
        place(
            "500231001001",
            "东门社区",
            PlaceKind::Community,
            Some(4_000),
        ),
        place("500231100", "澄溪镇", PlaceKind::Town, None),
        place("500231100001", "澄溪村", PlaceKind::Village, Some(1_200)),
        place("500231100002", "大石村", PlaceKind::Village, Some(800)),
        place("500231100001-G02", "二网格", PlaceKind::Grid, None),
    ]
}

fn tree() -> JurisdictionTree {
    JurisdictionTree::new(dianjiang()).unwrap()
}

#[test]
fn builds_in_any_order_and_looks_up() {
    let tree = tree();
    assert_eq!(tree.len(), 8);
    assert!(!tree.is_empty());
    assert_eq!(tree.get(&code("500231100")).unwrap().name_zh, "澄溪镇");
    assert!(tree.get(&code("500231101")).is_none());
    let codes: Vec<&str> = tree.places().map(|p| p.code.as_str()).collect();
    assert_eq!(codes[0], "500231");
}

#[test]
fn children_and_within() {
    let tree = tree();
    let names = |places: Vec<&Place>| places.iter().map(|p| p.name_zh.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(tree.children(&code("500231"))),
        ["桂溪街道", "澄溪镇"]
    );
    assert_eq!(
        names(tree.children(&code("500231100"))),
        ["澄溪村", "大石村"]
    );
    assert!(tree.children(&code("500231100001-G01")).is_empty());
    assert!(tree.children(&code("500232")).is_empty());
    let town = code("500231100");
    assert_eq!(tree.within(&town).count(), 5);
    let grid = code("500231100001-G01");
    assert_eq!(tree.within(&grid).count(), 1);
}

#[test]
fn path_is_a_breadcrumb_from_the_county() {
    let tree = tree();
    let path: Vec<&str> = tree
        .path(&code("500231100001-G02"))
        .unwrap()
        .iter()
        .map(|p| p.name_zh.as_str())
        .collect();
    assert_eq!(path, ["垫江县", "澄溪镇", "澄溪村", "二网格"]);
    assert_eq!(tree.path(&code("500231")).unwrap().len(), 1);
    assert!(tree.path(&code("500231100003")).is_none());
}

#[test]
fn refuses_invalid_lists() {
    let mut places = dianjiang();
    places.push(place("500231100", "重复", PlaceKind::Town, None));
    assert_eq!(
        JurisdictionTree::new(places),
        Err(TreeError::Duplicate {
            code: code("500231100")
        })
    );

    let mut places = dianjiang();
    places.retain(|p| p.code.as_str() != "500231100");
    assert_eq!(
        JurisdictionTree::new(places),
        Err(TreeError::MissingParent {
            code: code("500231100001"),
            parent: code("500231100")
        })
    );

    let mut places = dianjiang();
    places.push(place(
        "500231100001-G002",
        "又二网格",
        PlaceKind::Grid,
        None,
    ));
    assert!(matches!(
        JurisdictionTree::new(places),
        Err(TreeError::DuplicateGridNumber { .. })
    ));

    let places = vec![place("500231", "垫江县", PlaceKind::Village, None)];
    assert!(matches!(
        JurisdictionTree::new(places),
        Err(TreeError::KindMismatch { .. })
    ));
    let places = vec![place("500231", " ", PlaceKind::County, None)];
    assert_eq!(
        JurisdictionTree::new(places),
        Err(TreeError::MissingName {
            code: code("500231")
        })
    );
    let places = vec![place("500231", "垫江县", PlaceKind::County, Some(-1))];
    assert!(matches!(
        JurisdictionTree::new(places),
        Err(TreeError::NegativePopulation { .. })
    ));
}

#[test]
fn helper_rule_one_per_village_two_over_a_thousand() {
    let tree = tree();
    let counts = BTreeMap::from([
        (code("500231100001-G01"), 1), // counts for 澄溪村 (1,200 people: needs 2)
        (code("500231100002"), 1),     // 大石村 (800 people) has its one
        (code("500231100"), 5),        // township-level staff do not count
    ]);
    let short = tree.villages_needing_helpers(&counts);
    let summary: Vec<(&str, i64, i64)> = short
        .iter()
        .map(|s| (s.village.as_str(), s.required, s.present))
        .collect();
    assert_eq!(summary, [("500231001001", 2, 0), ("500231100001", 2, 1)]);

    let counts = BTreeMap::from([
        (code("500231001001"), 2),
        (code("500231100001"), 1),
        (code("500231100001-G02"), 1),
        (code("500231100002"), 1),
    ]);
    assert!(tree.villages_needing_helpers(&counts).is_empty());
}

#[test]
fn serde_is_the_validated_list() {
    let tree = tree();
    let json = serde_json::to_string(&tree).unwrap();
    assert_eq!(
        serde_json::from_str::<JurisdictionTree>(&json).unwrap(),
        tree
    );
    let orphan =
        r#"[{"code":"500231100","name_zh":"澄溪镇","name_en":"","kind":"town","population":null}]"#;
    assert!(serde_json::from_str::<JurisdictionTree>(orphan).is_err());
}

#[test]
fn error_messages_name_the_code() {
    let e = TreeError::MissingParent {
        code: code("500231100001"),
        parent: code("500231100"),
    };
    assert!(e.to_string().contains("add 500231100"));
    assert!(e.message_zh().contains("500231100"));
}
