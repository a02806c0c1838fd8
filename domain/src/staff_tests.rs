use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

fn helper() -> StaffInput {
    StaffInput {
        name: "李网格".to_owned(),
        role: "helper".to_owned(),
        place: "500231101201".to_owned(),
        department: String::new(),
        phone: "139 1234 5678".to_owned(),
        id_number: "500231198503120021".to_owned(),
        category: "grid_worker".to_owned(),
    }
}

fn codes(input: &StaffInput) -> Vec<(StaffField, &'static str)> {
    validate_staff(input, today())
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.code))
        .collect()
}

#[test]
fn category_codes_round_trip_and_label() {
    for c in StaffCategory::ALL {
        assert_eq!(StaffCategory::from_code(c.code()), Some(c));
        assert!(!c.label_zh().is_empty() && !c.label_en().is_empty());
    }
    assert_eq!(StaffCategory::from_code("mayor"), None);
    assert_eq!(StaffCategory::GridWorker.label_zh(), "网格员");
    assert_eq!(
        serde_json::to_string(&StaffCategory::PurchasedService).unwrap(),
        "\"purchased_service\""
    );
}

#[test]
fn a_good_record_passes_normalised() {
    let r = validate_staff(&helper(), today()).unwrap();
    assert_eq!(r.name.expose(), "李网格");
    assert_eq!(r.role, Role::Helper);
    assert_eq!(r.phone.unwrap().expose(), "13912345678");
    assert_eq!(r.id_number.unwrap().expose(), "500231198503120021");
    assert_eq!(r.category, Some(StaffCategory::GridWorker));
}

#[test]
fn optional_fields_may_be_blank() {
    let input = StaffInput {
        phone: " ".to_owned(),
        id_number: String::new(),
        category: String::new(),
        ..helper()
    };
    let r = validate_staff(&input, today()).unwrap();
    assert_eq!((r.phone, r.id_number, r.category), (None, None, None));
}

#[test]
fn every_error_is_reported_at_its_field() {
    let input = StaffInput {
        name: "  ".to_owned(),
        role: "mayor".to_owned(),
        place: String::new(),
        department: String::new(),
        phone: "1391234567".to_owned(),
        id_number: "500231198503120022".to_owned(),
        category: "chief".to_owned(),
    };
    assert_eq!(
        codes(&input),
        vec![
            (StaffField::Name, "name_empty"),
            (StaffField::Role, "role_unknown"),
            (StaffField::Place, "place_required"),
            (StaffField::Phone, "phone_invalid"),
            (StaffField::IdNumber, "id_number_invalid"),
            (StaffField::Category, "category_unknown"),
        ]
    );
}

#[test]
fn role_place_and_department_must_agree() {
    let resident = StaffInput {
        role: "resident".to_owned(),
        ..helper()
    };
    assert_eq!(codes(&resident), vec![(StaffField::Role, "role_resident")]);
    let officer = StaffInput {
        role: "department_officer".to_owned(),
        place: "500231".to_owned(),
        ..helper()
    };
    assert_eq!(
        codes(&officer),
        vec![(StaffField::Department, "department_required")]
    );
    let helper_with_department = StaffInput {
        department: "civil_affairs".to_owned(),
        ..helper()
    };
    assert_eq!(
        codes(&helper_with_department),
        vec![(StaffField::Department, "department_unexpected")]
    );
    let bad_place = StaffInput {
        place: "50023X".to_owned(),
        ..helper()
    };
    assert_eq!(
        codes(&bad_place),
        vec![(StaffField::Place, "place_invalid")]
    );
}

#[test]
fn a_long_name_and_a_future_birth_are_refused() {
    let input = StaffInput {
        name: "李".repeat(31),
        // Born 1 January 2030: after `today`.
        id_number: "500231203001010010".to_owned(),
        ..helper()
    };
    let errors = validate_staff(&input, today()).unwrap_err();
    assert_eq!(errors[0].code, "name_too_long");
    assert_eq!(errors[1].field, StaffField::IdNumber);
    // Messages never repeat the number typed.
    assert!(
        errors
            .iter()
            .all(|e| !e.message_zh.contains("500231203001010010")
                && !e.message_en.contains("500231203001010010"))
    );
}

#[test]
fn usernames_are_short_lowercase_words() {
    assert_eq!(validate_username(" li.wangge ").unwrap(), "li.wangge");
    assert_eq!(validate_username("ab").unwrap_err().code, "username_length");
    assert_eq!(
        validate_username("LiWang").unwrap_err().code,
        "username_characters"
    );
    assert_eq!(
        validate_username("1abc").unwrap_err().code,
        "username_characters"
    );
    assert_eq!(
        validate_username("李网格abc").unwrap_err().field,
        StaffField::Username
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever is typed, the check never panics, and it passes exactly when no error is
    /// reported; every error names a field whose input was given or is required.
    #[test]
    fn validation_is_total(
        name in ".{0,40}",
        role in prop::sample::select(vec!["helper", "admin", "resident", "", "x", "supervisor"]),
        phone in "[0-9 +-]{0,14}",
        id in "[0-9Xx]{0,19}",
        category in prop::sample::select(vec!["", "grid_worker", "other", "boss"]),
    ) {
        let input = StaffInput {
            name,
            role: role.to_owned(),
            phone,
            id_number: id,
            category: category.to_owned(),
            ..helper()
        };
        match validate_staff(&input, today()) {
            Ok(r) => {
                prop_assert!(r.name.expose().chars().count() <= 30);
                prop_assert!(r.role != Role::Resident);
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for e in &errors {
                    prop_assert!(!e.message_zh.is_empty());
                    let typed_phone = input.phone.trim();
                    let typed_id = input.id_number.trim();
                    if typed_phone.len() >= 7 {
                        prop_assert!(!e.message_en.contains(typed_phone));
                    }
                    if typed_id.len() >= 7 {
                        prop_assert!(!e.message_en.contains(typed_id));
                    }
                }
            }
        }
    }

    /// Any valid mobile number and category is kept as given.
    #[test]
    fn valid_optional_fields_are_kept(
        tail in "[0-9]{9}",
        second in 3u8..=9,
        c in prop::sample::select(StaffCategory::ALL.to_vec()),
    ) {
        let phone = format!("1{second}{tail}");
        let input = StaffInput { phone: phone.clone(), category: c.code().to_owned(), ..helper() };
        let r = validate_staff(&input, today()).unwrap();
        let kept = r.phone.unwrap();
        prop_assert_eq!(kept.expose(), phone.as_str());
        prop_assert_eq!(r.category, Some(c));
    }
}
