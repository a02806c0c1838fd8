use super::*;

/// The household the tests share: 王秀英 and her husband 陈德华, his pension of 420 yuan.
pub(crate) fn wang_and_chen() -> HouseholdDraft {
    let mut wang = MemberDraft::new(Uuid::from_u128(1), true);
    wang.name = "王秀英".to_owned();
    wang.id_number = "500231195803124020".to_owned();
    let mut chen = MemberDraft::new(Uuid::from_u128(2), false);
    chen.name = "陈德华".to_owned();
    chen.id_number = "500231194701231015".to_owned();
    chen.relation = "spouse".to_owned();
    HouseholdDraft {
        id: Uuid::from_u128(9).to_string(),
        place: "500231101201-G01".to_owned(),
        address: "沙坪镇毛家村3组12号".to_owned(),
        members: vec![wang, chen],
        income: vec![MoneyDraft {
            id: "pension".to_owned(),
            kind: "pension".to_owned(),
            yuan: "420".to_owned(),
            member: Uuid::from_u128(2).to_string(),
            note: String::new(),
        }],
        property: Vec::new(),
        housing_damaged: false,
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

fn draft() -> HouseholdDraft {
    wang_and_chen()
}

#[test]
fn a_complete_step_makes_a_valid_household_that_reads_back_the_same() {
    let household = draft().to_household(today()).unwrap();
    assert_eq!(household.members.len(), 2);
    assert_eq!(household.monthly_income().0, 42_000);
    let mut again = HouseholdDraft::from_household(&household);
    again.income[0].yuan = "420".to_owned();
    assert_eq!(again.to_household(today()).unwrap(), household);
}

#[test]
fn the_id_number_tells_birth_sex_and_age_once_complete() {
    assert_eq!(read_id_number("5002311958", today()), IdReading::Incomplete);
    assert_eq!(
        read_id_number("500231195803124020", today()),
        IdReading::Valid {
            birth: NaiveDate::from_ymd_opt(1958, 3, 12).unwrap(),
            sex_zh: "女",
            age: 68
        }
    );
    assert!(matches!(
        read_id_number("500231195803124021", today()),
        IdReading::Wrong(m) if !m.is_empty()
    ));
}

#[test]
fn every_problem_is_named_at_its_field() {
    let mut d = draft();
    d.place = String::new();
    d.address = " ".to_owned();
    d.members[0].name = String::new();
    d.members[1].id_number = "500231194701231016".to_owned();
    d.members[1].phone = "12345".to_owned();
    d.income[0].yuan = "-3".to_owned();
    let paths: Vec<String> = d
        .to_household(today())
        .unwrap_err()
        .into_iter()
        .map(|e| e.path)
        .collect();
    assert_eq!(
        paths,
        [
            "place",
            "members[0].name",
            "members[1].id_number",
            "members[1].phone",
            "income[0].yuan"
        ]
    );
    // With the fields right, the household rules speak (two applicants).
    let mut d = draft();
    d.members[1].relation = "applicant".to_owned();
    d.address = String::new();
    let errors = d.to_household(today()).unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["address", "members"]);
}
