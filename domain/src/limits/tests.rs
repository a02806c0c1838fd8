use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::json;
use uuid::Uuid;

use super::*;
use crate::household::{Employment, Health, IncomeItem, IncomeKind, Member, Relation};
use crate::identity::{IdNumber, PersonName};
use crate::ids::{HouseholdId, MemberId};
use crate::jurisdiction::PlaceCode;
use crate::sync::RecordKind;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn member() -> Member {
    Member {
        id: MemberId(Uuid::from_u128(1)),
        name: PersonName::parse("王秀英").unwrap(),
        id_number: IdNumber::parse("500231195803124020", today()).unwrap(),
        relation: Relation::Applicant,
        disability: None,
        health: Health::Healthy,
        employment: Employment::Farming,
        phone: None,
    }
}

fn income(n: usize, note: String) -> IncomeItem {
    IncomeItem {
        id: format!("i{n}"),
        member: None,
        kind: IncomeKind::Wages,
        monthly: crate::household::Fen(100),
        note,
    }
}

fn household() -> Household {
    Household {
        id: HouseholdId(Uuid::from_u128(9)),
        place: PlaceCode::parse("500231101201-G01").unwrap(),
        address: "沙坪镇毛家村3组12号".to_owned(),
        members: vec![member()],
        income: vec![],
        property: vec![],
        housing_damaged: false,
    }
}

/// Texts of `n` characters, Chinese or not (the limits count characters, not bytes).
fn text_of(n: usize, wide: bool) -> String {
    std::iter::repeat_n(if wide { '家' } else { 'a' }, n).collect()
}

proptest! {
    #[test]
    fn a_text_at_its_limit_passes_and_one_more_is_refused(max in 0usize..300, wide: bool) {
        prop_assert!(text("note", &text_of(max, wide), max).is_ok());
        let err = text("note", &text_of(max + 1, wide), max).unwrap_err();
        prop_assert_eq!(err, LimitError {
            field: "note".into(), kind: LimitKind::Text, max, found: max + 1,
        });
    }

    #[test]
    fn a_list_at_its_limit_passes_and_one_more_is_refused(max in 0usize..300) {
        prop_assert!(list("photos", &vec![(); max], max).is_ok());
        let err = list("photos", &vec![(); max + 1], max).unwrap_err();
        prop_assert_eq!((err.kind, err.found), (LimitKind::List, max + 1));
    }

    #[test]
    fn a_household_address_is_bounded(extra in 0usize..3, wide: bool) {
        let h = Household { address: text_of(MAX_ADDRESS_CHARS - 1 + extra, wide), ..household() };
        let result = super::household(&h);
        prop_assert_eq!(result.is_ok(), extra <= 1);
        if extra > 1 {
            prop_assert_eq!(result.unwrap_err().field, "address");
        }
    }

    #[test]
    fn household_members_and_items_are_bounded(extra in 0usize..3) {
        let many = MAX_MEMBERS - 1 + extra;
        let h = Household { members: vec![member(); many], ..household() };
        prop_assert_eq!(super::household(&h).is_ok(), extra <= 1);
        let items = (0..MAX_MONEY_ITEMS - 1 + extra).map(|n| income(n, String::new())).collect();
        let h = Household { income: items, ..household() };
        let result = super::household(&h);
        prop_assert_eq!(result.is_ok(), extra <= 1);
        if extra > 1 {
            prop_assert_eq!(result.unwrap_err().field, "income");
        }
    }

    #[test]
    fn an_item_note_is_bounded_and_named_by_its_place(extra in 0usize..3, at in 0usize..5) {
        let mut items: Vec<_> = (0..5).map(|n| income(n, String::new())).collect();
        items[at].note = text_of(MAX_ITEM_NOTE_CHARS - 1 + extra, true);
        let h = Household { income: items, ..household() };
        match super::household(&h) {
            Ok(()) => prop_assert!(extra <= 1),
            Err(e) => {
                prop_assert!(extra > 1);
                prop_assert_eq!(e.field, format!("income/{at}/note"));
            }
        }
    }

    #[test]
    fn the_backstop_bounds_every_text_and_list_at_any_depth(
        extra in 0usize..3, depth in 0usize..4,
    ) {
        let mut text_value = json!(text_of(MAX_ANY_TEXT_CHARS - 1 + extra, false));
        let mut list_value = json!(vec![0; MAX_ANY_LIST_ITEMS - 1 + extra]);
        for _ in 0..depth {
            text_value = json!({ "x": [text_value] });
            list_value = json!({ "x": list_value });
        }
        prop_assert_eq!(json(&text_value).is_ok(), extra <= 1);
        prop_assert_eq!(json(&list_value).is_ok(), extra <= 1);
    }
}

#[test]
fn household_validation_reports_a_limit() {
    let h = Household {
        members: vec![member(); MAX_MEMBERS + 1],
        ..household()
    };
    let errors = h.validate(today()).unwrap_err();
    assert!(errors.iter().any(|e| matches!(
        e,
        crate::household::HouseholdError::Limit(LimitError { field, .. }) if field == "members"
    )));
}

#[test]
fn a_body_is_stored_as_its_type_writes_it_and_unknown_fields_are_refused() {
    let mut sent = serde_json::to_value(household()).unwrap();
    // A field the type drops when empty may come as null.
    sent["members"][0]["phone"] = Value::Null;
    let stored = canonical(RecordKind::Household, &sent).unwrap();
    assert_eq!(stored, serde_json::to_value(household()).unwrap());

    let mut extra = sent.clone();
    extra["members"][0]["nickname"] = json!("阿英");
    assert_eq!(
        canonical(RecordKind::Household, &extra),
        Err(BodyError::UnknownField("members/0/nickname".into()))
    );
    let mut top = sent.clone();
    top["padding"] = json!(0);
    assert_eq!(
        canonical(RecordKind::Household, &top).unwrap_err().field(),
        Some("padding")
    );
    let mut long = sent;
    long["address"] = json!(text_of(MAX_ADDRESS_CHARS + 1, true));
    let err = canonical(RecordKind::Household, &long).unwrap_err();
    assert_eq!(err.field(), Some("address"));
    assert!(err.message_zh().contains("address"));
    assert!(matches!(
        canonical(RecordKind::Visit, &json!({})),
        Err(BodyError::Malformed(_))
    ));
}
