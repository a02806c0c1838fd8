use chrono::TimeDelta;
use uuid::Uuid;

use super::test_support::*;
use super::*;
use crate::catalogue::{AidItemCode, Catalogue, CatalogueData};
use crate::ids::CaseId;
use crate::workflow::{Channel, Command};

#[test]
fn a_report_is_valid_and_round_trips() {
    let r = report(1);
    assert_eq!(r.validate(now()), Ok(()));
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["category"]["kind"], "serious_illness");
    assert_eq!(json["urgency"], "urgent");
    assert_eq!(serde_json::from_value::<HardshipReport>(json).unwrap(), r);
    let anonymous = HardshipReport {
        person_name: None,
        household: None,
        photos: vec![],
        ..report(2)
    };
    assert_eq!(anonymous.validate(now()), Ok(()));
}

#[test]
fn every_problem_is_listed() {
    let mut r = report(1);
    r.category = HardshipCategory::Other {
        text: String::new(),
    };
    r.description = "\t".to_owned();
    r.reported_at = now() + TimeDelta::hours(2);
    r.photos = vec![sha(1), sha(1)];
    let errors = r.validate(now()).unwrap_err();
    let paths: Vec<String> = errors.iter().map(FieldworkError::path).collect();
    assert_eq!(
        paths,
        ["category.text", "description", "reported_at", "photos[1]"]
    );
    assert_eq!(errors[0].message_zh(), "请填写困难类别说明");

    r.category = HardshipCategory::Other {
        text: "房".repeat(MAX_CATEGORY_TEXT_CHARS as usize + 1),
    };
    r.description = "述".repeat(MAX_DESCRIPTION_CHARS as usize + 1);
    let errors = r.validate(now()).unwrap_err();
    assert!(errors.contains(&FieldworkError::TooLong {
        field: Field::CategoryText,
        max: MAX_CATEGORY_TEXT_CHARS,
        found: MAX_CATEGORY_TEXT_CHARS + 1
    }));
    assert!(errors.contains(&FieldworkError::TooLong {
        field: Field::Description,
        max: MAX_DESCRIPTION_CHARS,
        found: MAX_DESCRIPTION_CHARS + 1
    }));
}

#[test]
fn other_shows_its_text_and_round_trips() {
    let other = HardshipCategory::Other {
        text: "房屋倒塌".to_owned(),
    };
    assert_eq!(other.name_zh(), "房屋倒塌");
    let json = serde_json::to_string(&other).unwrap();
    assert_eq!(json, r#"{"kind":"other","text":"房屋倒塌"}"#);
    assert_eq!(HardshipCategory::DeathInFamily.name_zh(), "家庭成员死亡");
}

#[test]
fn only_an_urgent_report_starts_temporary_aid_and_only_once() {
    let catalogue = Catalogue::builtin();
    let r = report(1);
    assert!(r.may_start_temporary_aid());
    let start = r.temporary_aid_start(&catalogue).unwrap();
    assert_eq!(start.channel, Channel::ProactiveDiscovery);
    assert_eq!(start.item, AidItemCode::temporary());
    assert!(start.urgent_acceptance, "临时救助 may be accepted first");
    assert_eq!(
        start.edit_draft(),
        Command::EditDraft {
            items: vec![AidItemCode::temporary()],
            primary: Some(AidItemCode::temporary()),
        }
    );
    for urgency in [HardshipUrgency::Soon, HardshipUrgency::Normal] {
        let r = HardshipReport {
            urgency,
            ..report(1)
        };
        assert!(!r.may_start_temporary_aid());
        assert_eq!(r.temporary_aid_start(&catalogue), None);
    }
    let started = HardshipReport {
        case: Some(CaseId(Uuid::from_u128(5))),
        ..report(1)
    };
    assert!(!started.may_start_temporary_aid());
}

#[test]
fn no_temporary_aid_case_without_the_item_in_the_catalogue() {
    let mut data: CatalogueData = Catalogue::builtin().data().clone();
    data.items.retain(|i| i.code != AidItemCode::temporary());
    data.overrides
        .retain(|o| o.item != AidItemCode::temporary());
    let without = Catalogue::new(data).unwrap();
    assert_eq!(report(1).temporary_aid_start(&without), None);
}

#[test]
fn the_township_sees_urgent_first_then_newest() {
    let make = |n: u128, urgency, hours| HardshipReport {
        urgency,
        reported_at: at(hours),
        ..report(n)
    };
    let mut list = vec![
        make(1, HardshipUrgency::Normal, 9),
        make(2, HardshipUrgency::Urgent, 1),
        make(3, HardshipUrgency::Soon, 5),
        make(4, HardshipUrgency::Urgent, 3),
        make(5, HardshipUrgency::Urgent, 3),
    ];
    sort_for_township(&mut list);
    let order: Vec<u128> = list.iter().map(|r| r.id.0.as_u128()).collect();
    assert_eq!(order, [4, 5, 2, 3, 1]);
    assert_eq!(HardshipUrgency::Urgent.name_zh(), "紧急");
}
