use chrono::NaiveDate;
use proptest::prelude::*;
use uuid::Uuid;

use super::*;
use crate::identity::{IdNumber, PersonName};
use crate::ids::{HouseholdId, MemberId};
use crate::jurisdiction::PlaceCode;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn member(n: u128, name: &str, id_number: &str, relation: Relation) -> Member {
    Member {
        id: MemberId(Uuid::from_u128(n)),
        name: PersonName::parse(name).unwrap(),
        id_number: IdNumber::parse(id_number, today()).unwrap(),
        relation,
        disability: None,
        health: Health::Healthy,
        employment: Employment::Farming,
        phone: None,
    }
}

fn income(owner: Option<u128>, fen: i64) -> IncomeItem {
    IncomeItem {
        id: format!("i{fen}"),
        member: owner.map(|n| MemberId(Uuid::from_u128(n))),
        kind: IncomeKind::Wages,
        monthly: Fen(fen),
        note: String::new(),
    }
}

fn household() -> Household {
    Household {
        id: HouseholdId(Uuid::from_u128(9)),
        place: PlaceCode::parse("500231101201-G01").unwrap(),
        address: "沙坪镇毛家村3组12号".to_owned(),
        members: vec![
            member(1, "王秀英", "500231195803124020", Relation::Applicant),
            member(2, "陈德华", "500231194701231015", Relation::Spouse),
            member(3, "刘小雨", "500231201209093012", Relation::Grandchild),
        ],
        income: vec![income(Some(1), 80_000), income(None, 20_001)],
        property: vec![],
        housing_damaged: false,
    }
}

#[test]
fn per_capita_income_is_exact_and_rounds_down() {
    let h = household();
    assert_eq!(h.monthly_income(), Fen(100_001));
    assert_eq!(h.per_capita_monthly_income(), Some(Fen(33_333)));
    let empty = Household {
        members: vec![],
        ..household()
    };
    assert_eq!(empty.per_capita_monthly_income(), None);
}

#[test]
fn adults_and_under_14s_come_from_the_id_numbers() {
    let h = household();
    assert_eq!(h.adult_members(today()).count(), 2);
    assert_eq!(h.under_14_members(today()).count(), 0);
    let facts = h.facts(today());
    assert_eq!(facts.members.iter().filter(|m| m.adult).count(), 2);
}

#[test]
fn a_valid_household_passes_and_round_trips_through_json() {
    let h = household();
    assert_eq!(h.validate(today()), Ok(()));
    let json = serde_json::to_value(&h).unwrap();
    assert_eq!(json["members"][0]["id_number"], "500231195803124020");
    assert_eq!(json["members"][0]["relation"], "applicant");
    assert_eq!(serde_json::from_value::<Household>(json).unwrap(), h);
}

#[test]
fn every_problem_is_listed_at_once() {
    let mut h = household();
    h.address = "  ".into();
    h.members[1].relation = Relation::Applicant;
    h.members[2] = member(2, "周子轩", "500231195803124020", Relation::Spouse);
    h.income.push(income(Some(77), -5));
    let errors = h.validate(today()).unwrap_err();
    for want in [
        HouseholdError::NoAddress,
        HouseholdError::ApplicantCount(2),
        HouseholdError::DuplicateMember,
        HouseholdError::DuplicateIdNumber("500231**********20".into()),
        HouseholdError::UnknownMember(MemberId(Uuid::from_u128(77))),
        HouseholdError::NegativeAmount,
    ] {
        assert!(
            errors
                .iter()
                .any(|e| std::mem::discriminant(e) == std::mem::discriminant(&want)),
            "{want:?} missing in {errors:?}"
        );
    }
    assert!(errors.iter().all(|e| !e.message_zh().is_empty()));
    assert!(
        !format!("{errors:?}").contains("500231195803124020"),
        "errors never carry a full ID number"
    );
}

#[test]
fn labels_exist_for_every_value() {
    assert!(
        Relation::ALL
            .iter()
            .all(|r| !r.name_zh().is_empty() && !r.name_en().is_empty())
    );
    assert!(DisabilityGrade::Grade2.is_severe() && !DisabilityGrade::Grade3.is_severe());
    assert!(Health::SeriousIllness.is_ill() && !Health::Healthy.is_ill());
    assert_eq!(Employment::ALL.len(), 8);
}

/// Forms put `code()` in `<option value>` and read it back with `from_code`; the JSON the
/// server reads must say the same.
macro_rules! codes_match_serde {
    ($($list:ty),*) => {$(
        for v in <$list>::ALL.iter().copied() {
            assert_eq!(serde_json::to_value(v).unwrap(), serde_json::json!(v.code()));
            assert_eq!(<$list>::from_code(v.code()), Some(v));
            assert!(!v.name_zh().is_empty() && !v.name_en().is_empty());
        }
        assert_eq!(<$list>::from_code("nonsense"), None);
    )*};
}

#[test]
fn every_code_is_what_serde_writes() {
    codes_match_serde!(
        Relation,
        DisabilityGrade,
        Health,
        Employment,
        IncomeKind,
        PropertyKind
    );
}

proptest! {
    #[test]
    fn per_capita_times_members_never_exceeds_the_total(incomes in prop::collection::vec(0i64..10_000_000, 0..6), members in 1usize..4) {
        let mut h = household();
        h.members.truncate(members);
        h.income = incomes.iter().map(|f| income(None, *f)).collect();
        let n = members as i64;
        let per = h.per_capita_monthly_income().unwrap().0;
        let total = h.monthly_income().0;
        prop_assert!(per * n <= total && total < (per + 1) * n);
    }

    #[test]
    fn a_member_without_income_never_raises_the_per_capita_income(incomes in prop::collection::vec(0i64..10_000_000, 0..6)) {
        let mut h = household();
        h.members.truncate(2);
        h.income = incomes.iter().map(|f| income(None, *f)).collect();
        let before = h.per_capita_monthly_income().unwrap();
        h.members.push(member(3, "刘小雨", "500231201209093012", Relation::Grandchild));
        prop_assert!(h.per_capita_monthly_income().unwrap() <= before);
    }

    #[test]
    fn validation_never_panics(address in ".{0,8}", relations in prop::collection::vec(0usize..9, 0..4), amount in -5i64..5) {
        let numbers = ["500231195803124020", "500231194701231015", "500231201209093012", "500231200802285010"];
        let mut h = household();
        h.address = address;
        h.members = relations.iter().enumerate().map(|(i, r)| member(i as u128, "张三", numbers[i], Relation::ALL[*r])).collect();
        h.income = vec![income(Some(1), amount)];
        let _ = h.validate(today());
    }
}
