//! The household step of the intake: address, place and members as typed, what the phone
//! reads from an ID number while it is typed, and the household they make.

use chrono::NaiveDate;
use domain::household::{
    DisabilityGrade, Employment, Health, Household, IncomeItem, IncomeKind, Member, PropertyItem,
    PropertyKind, Relation,
};
use domain::identity::{IdNumber, MobilePhone, PersonName};
use domain::ids::{HouseholdId, MemberId};
use domain::jurisdiction::PlaceCode;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::forms::FormError;

/// One member as typed. Choices hold the domain's codes (`Relation::code()` …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberDraft {
    /// Made when the row is added, kept through every save.
    pub id: String,
    /// Full name.
    pub name: String,
    /// ID number as typed.
    pub id_number: String,
    /// Relation code.
    pub relation: String,
    /// Disability grade code, empty for none.
    pub disability: String,
    /// Health code.
    pub health: String,
    /// Employment code.
    pub employment: String,
    /// Mobile number, may be empty.
    pub phone: String,
}

impl MemberDraft {
    /// An empty row; the first member of a household is the applicant.
    pub fn new(id: Uuid, first: bool) -> Self {
        MemberDraft {
            id: id.to_string(),
            name: String::new(),
            id_number: String::new(),
            relation: if first {
                Relation::Applicant
            } else {
                Relation::Child
            }
            .code()
            .to_owned(),
            disability: String::new(),
            health: Health::Healthy.code().to_owned(),
            employment: Employment::Flexible.code().to_owned(),
            phone: String::new(),
        }
    }

    /// The row showing a stored member.
    pub fn from_member(m: &Member) -> Self {
        MemberDraft {
            id: m.id.to_string(),
            name: m.name.expose().to_owned(),
            id_number: m.id_number.expose().to_owned(),
            relation: m.relation.code().to_owned(),
            disability: m
                .disability
                .map(|d| d.code().to_owned())
                .unwrap_or_default(),
            health: m.health.code().to_owned(),
            employment: m.employment.code().to_owned(),
            phone: m
                .phone
                .as_ref()
                .map(|p| p.expose().to_owned())
                .unwrap_or_default(),
        }
    }
}

/// What the ID number says while it is typed: birth date, sex and age, or why it is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdReading {
    /// Too short to say anything yet.
    Incomplete,
    /// Valid: what it tells.
    Valid {
        /// Birth date.
        birth: NaiveDate,
        /// 男 / 女.
        sex_zh: &'static str,
        /// Age today, in years.
        age: i64,
    },
    /// Complete but wrong.
    Wrong(String),
}

/// Reads an ID number as typed (18 characters are needed before it is judged).
pub fn read_id_number(typed: &str, today: NaiveDate) -> IdReading {
    let t = typed.trim();
    if t.chars().count() < 18 {
        return IdReading::Incomplete;
    }
    match IdNumber::parse(t, today) {
        Ok(n) => IdReading::Valid {
            birth: n.birth_date(),
            sex_zh: n.sex().name_zh(),
            age: n.age_on(today),
        },
        Err(e) => IdReading::Wrong(e.message_zh()),
    }
}

/// One income or property line as typed: a kind code, an amount in yuan, whose, a note.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MoneyDraft {
    /// Made when the line is added.
    pub id: String,
    /// `IncomeKind` / `PropertyKind` code.
    pub kind: String,
    /// Yuan as typed (`1234.50`).
    pub yuan: String,
    /// The member's id, empty for the household.
    pub member: String,
    /// Free text.
    pub note: String,
}

/// The household step as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HouseholdDraft {
    /// The household's id (made once; the same when the intake is saved again).
    pub id: String,
    /// The grid (or village) code.
    pub place: String,
    /// Street address.
    pub address: String,
    /// Everyone living in it.
    pub members: Vec<MemberDraft>,
    /// Monthly income lines.
    pub income: Vec<MoneyDraft>,
    /// Property lines.
    pub property: Vec<MoneyDraft>,
    /// The home is damaged.
    pub housing_damaged: bool,
}

impl HouseholdDraft {
    /// The form showing a stored household.
    pub fn from_household(h: &Household) -> Self {
        let money =
            |id: &str, kind: &str, fen: i64, member: Option<MemberId>, note: &str| MoneyDraft {
                id: id.to_owned(),
                kind: kind.to_owned(),
                yuan: domain::household::Fen(fen).to_string(),
                member: member.map(|m| m.to_string()).unwrap_or_default(),
                note: note.to_owned(),
            };
        HouseholdDraft {
            id: h.id.to_string(),
            place: h.place.as_str().to_owned(),
            address: h.address.clone(),
            members: h.members.iter().map(MemberDraft::from_member).collect(),
            income: h
                .income
                .iter()
                .map(|i| money(&i.id, i.kind.code(), i.monthly.0, i.member, &i.note))
                .collect(),
            property: h
                .property
                .iter()
                .map(|p| money(&p.id, p.kind.code(), p.value.0, p.member, &p.note))
                .collect(),
            housing_damaged: h.housing_damaged,
        }
    }

    /// The household, or every problem with the step (paths like `members[1].id_number`).
    pub fn to_household(&self, today: NaiveDate) -> Result<Household, Vec<FormError>> {
        let mut errors = Vec::new();
        let place = PlaceCode::parse(self.place.trim())
            .map_err(|_| push(&mut errors, "place".to_owned(), "请选择所在网格".to_owned()))
            .ok();
        if self.members.is_empty() {
            push(
                &mut errors,
                "members".to_owned(),
                "请至少登记一位家庭成员".to_owned(),
            );
        }
        let mut members = Vec::new();
        for (i, m) in self.members.iter().enumerate() {
            let at = |field: &str| format!("members[{i}].{field}");
            let name = PersonName::parse(m.name.trim())
                .map_err(|e| push(&mut errors, at("name"), e.message_zh()));
            let number = IdNumber::parse(m.id_number.trim(), today)
                .map_err(|e| push(&mut errors, at("id_number"), e.message_zh()));
            let phone = match m.phone.trim() {
                "" => Ok(None),
                p => MobilePhone::parse(p)
                    .map(Some)
                    .map_err(|e| push(&mut errors, at("phone"), e.message_zh())),
            };
            let id = Uuid::parse_str(&m.id).map(MemberId);
            let relation = Relation::from_code(&m.relation);
            let health = Health::from_code(&m.health);
            let employment = Employment::from_code(&m.employment);
            let disability = match m.disability.as_str() {
                "" => Some(None),
                code => DisabilityGrade::from_code(code).map(Some),
            };
            if let (Ok(name), Ok(id_number), Ok(phone), Ok(id)) = (name, number, phone, id)
                && let (Some(relation), Some(health), Some(employment), Some(disability)) =
                    (relation, health, employment, disability)
            {
                members.push(Member {
                    id,
                    name,
                    id_number,
                    relation,
                    disability,
                    health,
                    employment,
                    phone,
                });
            }
        }
        let member_of = |m: &MoneyDraft| Uuid::parse_str(&m.member).ok().map(MemberId);
        let mut income = Vec::new();
        for (i, line) in self.income.iter().enumerate() {
            let fen = domain::household::Fen::parse_yuan(&line.yuan)
                .map_err(|m| push(&mut errors, format!("income[{i}].yuan"), m));
            if let (Ok(monthly), Some(kind)) = (fen, IncomeKind::from_code(&line.kind)) {
                income.push(IncomeItem {
                    id: line.id.clone(),
                    member: member_of(line),
                    kind,
                    monthly,
                    note: line.note.trim().to_owned(),
                });
            }
        }
        let mut property = Vec::new();
        for (i, line) in self.property.iter().enumerate() {
            let fen = domain::household::Fen::parse_yuan(&line.yuan)
                .map_err(|m| push(&mut errors, format!("property[{i}].yuan"), m));
            if let (Ok(value), Some(kind)) = (fen, PropertyKind::from_code(&line.kind)) {
                property.push(PropertyItem {
                    id: line.id.clone(),
                    member: member_of(line),
                    kind,
                    value,
                    note: line.note.trim().to_owned(),
                });
            }
        }
        let id = Uuid::parse_str(&self.id).map(HouseholdId);
        let (Some(place), Ok(id), true) = (place, id, errors.is_empty()) else {
            if errors.is_empty() {
                push(
                    &mut errors,
                    "household".to_owned(),
                    "登记信息有误，请重新开始登记".to_owned(),
                );
            }
            return Err(errors);
        };
        let household = Household {
            id,
            place,
            address: self.address.trim().to_owned(),
            members,
            income,
            property,
            housing_damaged: self.housing_damaged,
        };
        household.validate(today).map_err(|found| {
            found
                .iter()
                .map(|e| FormError {
                    path: household_path(e).to_owned(),
                    message: e.message_zh(),
                })
                .collect::<Vec<_>>()
        })?;
        Ok(household)
    }
}

fn push(errors: &mut Vec<FormError>, path: String, message: String) {
    errors.push(FormError { path, message });
}

fn household_path(e: &domain::household::HouseholdError) -> &'static str {
    use domain::household::HouseholdError as E;
    match e {
        E::NoAddress => "address",
        E::NegativeAmount => "income",
        _ => "members",
    }
}

#[cfg(test)]
#[path = "members_tests.rs"]
pub(crate) mod tests;
