//! Staff accounts as the administrator keeps them (issue 21 point 5, issue 22 point 3): the
//! helper roster's columns (seed 000 attachment 3: 姓名, 身份证号码, 电话, 人员类别) on top of
//! the account's role and place, and the checks an account form runs before anything is
//! written. Every error names its field and carries a stable code, so a form shows each one
//! beside what was typed and a test asserts on the code, not on the wording.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::department::DepartmentCode;
use crate::identity::{IdNumber, MobilePhone, PersonName};
use crate::ids::UserId;
use crate::jurisdiction::{Actor, ActorError, PlaceCode};
use crate::role::Role;

/// 人员类别: what kind of worker a helper is, the categories attachment 3's heading names
/// (社区工作者、社会工作者、救助协理员、网格员、社会救助购买服务等人员), plus 其他.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffCategory {
    /// 社区工作者.
    CommunityWorker,
    /// 社会工作者.
    SocialWorker,
    /// 救助协理员.
    AssistanceCoordinator,
    /// 网格员.
    GridWorker,
    /// 社会救助购买服务人员.
    PurchasedService,
    /// 其他.
    Other,
}

impl StaffCategory {
    /// Every category, in the order the attachment's heading lists them.
    pub const ALL: [StaffCategory; 6] = [
        StaffCategory::CommunityWorker,
        StaffCategory::SocialWorker,
        StaffCategory::AssistanceCoordinator,
        StaffCategory::GridWorker,
        StaffCategory::PurchasedService,
        StaffCategory::Other,
    ];

    /// The stable code kept in the database (`users.staff_category`).
    pub fn code(self) -> &'static str {
        match self {
            StaffCategory::CommunityWorker => "community_worker",
            StaffCategory::SocialWorker => "social_worker",
            StaffCategory::AssistanceCoordinator => "assistance_coordinator",
            StaffCategory::GridWorker => "grid_worker",
            StaffCategory::PurchasedService => "purchased_service",
            StaffCategory::Other => "other",
        }
    }

    /// The category for a stable code, if there is one.
    pub fn from_code(code: &str) -> Option<StaffCategory> {
        StaffCategory::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The Chinese label, as the roster prints it.
    pub fn label_zh(self) -> &'static str {
        match self {
            StaffCategory::CommunityWorker => "社区工作者",
            StaffCategory::SocialWorker => "社会工作者",
            StaffCategory::AssistanceCoordinator => "救助协理员",
            StaffCategory::GridWorker => "网格员",
            StaffCategory::PurchasedService => "社会救助购买服务人员",
            StaffCategory::Other => "其他",
        }
    }

    /// The English label.
    pub fn label_en(self) -> &'static str {
        match self {
            StaffCategory::CommunityWorker => "Community worker",
            StaffCategory::SocialWorker => "Social worker",
            StaffCategory::AssistanceCoordinator => "Assistance coordinator",
            StaffCategory::GridWorker => "Grid worker",
            StaffCategory::PurchasedService => "Purchased-service worker",
            StaffCategory::Other => "Other",
        }
    }
}

/// A staff record as typed into the form: raw text, blank meaning "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaffInput {
    /// 姓名.
    pub name: String,
    /// Role code ([`Role::code`]).
    pub role: String,
    /// Place code.
    pub place: String,
    /// Department code (department officers only).
    pub department: String,
    /// 电话 (optional).
    pub phone: String,
    /// 身份证号码 (optional).
    pub id_number: String,
    /// 人员类别 code (optional).
    pub category: String,
}

/// A staff record that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRecord {
    /// 姓名.
    pub name: PersonName,
    /// Role: never [`Role::Resident`] (residents sign in by phone, not through this form).
    pub role: Role,
    /// Place.
    pub place: PlaceCode,
    /// Department, for department officers.
    pub department: Option<DepartmentCode>,
    /// 电话.
    pub phone: Option<MobilePhone>,
    /// 身份证号码.
    pub id_number: Option<IdNumber>,
    /// 人员类别.
    pub category: Option<StaffCategory>,
}

/// The form's fields, as named in the HTML (`name="…"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffField {
    /// 账号 (sign-in name; set when the account is made).
    Username,
    /// 姓名.
    Name,
    /// 角色.
    Role,
    /// 所在地.
    Place,
    /// 部门.
    Department,
    /// 电话.
    Phone,
    /// 身份证号码.
    IdNumber,
    /// 人员类别.
    Category,
}

impl StaffField {
    /// The field's form name.
    pub fn code(self) -> &'static str {
        match self {
            StaffField::Username => "username",
            StaffField::Name => "name",
            StaffField::Role => "role",
            StaffField::Place => "place",
            StaffField::Department => "department",
            StaffField::Phone => "phone",
            StaffField::IdNumber => "id_number",
            StaffField::Category => "category",
        }
    }
}

/// One thing wrong with a staff record: where, a stable code, and what to do (never repeating
/// an ID number or a phone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffError {
    /// The field at fault.
    pub field: StaffField,
    /// Stable code, e.g. `name_empty`, `phone_invalid`.
    pub code: &'static str,
    /// The message in Chinese.
    pub message_zh: String,
    /// The message in English.
    pub message_en: String,
}

impl StaffError {
    /// An error at `field` with its code and messages.
    pub fn new(field: StaffField, code: &'static str, zh: String, en: String) -> StaffError {
        StaffError {
            field,
            code,
            message_zh: zh,
            message_en: en,
        }
    }
}

/// The shortest and longest sign-in name.
pub const USERNAME_CHARS: (usize, usize) = (3, 32);

/// Checks a new account's sign-in name: 3–32 lowercase letters, digits, `.`, `_` or `-`,
/// starting with a letter (it is typed on phones and read out over the telephone, so no
/// look-alike capitals and no Chinese). Answers it trimmed.
pub fn validate_username(raw: &str) -> Result<String, StaffError> {
    let u = raw.trim();
    let n = u.chars().count();
    let (min, max) = USERNAME_CHARS;
    let shape = u.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && u.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if n < min || n > max {
        return Err(StaffError::new(
            StaffField::Username,
            "username_length",
            format!("账号应为{min}至{max}个字符"),
            format!("a sign-in name has {min} to {max} characters"),
        ));
    }
    if !shape {
        return Err(StaffError::new(
            StaffField::Username,
            "username_characters",
            "账号以小写字母开头，只用小写字母、数字和 . _ -".to_owned(),
            "start with a lowercase letter; use only lowercase letters, digits and . _ -"
                .to_owned(),
        ));
    }
    Ok(u.to_owned())
}

fn given(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

/// Checks every field of `input` and answers the record, or every error at its field.
/// `today` bounds the ID number's date of birth.
pub fn validate_staff(
    input: &StaffInput,
    today: NaiveDate,
) -> Result<StaffRecord, Vec<StaffError>> {
    use StaffField as F;
    let mut errors = Vec::new();
    let name = PersonName::parse(&input.name)
        .map_err(|e| {
            let code = match e {
                crate::identity::PersonNameError::Empty => "name_empty",
                crate::identity::PersonNameError::TooLong { .. } => "name_too_long",
                _ => "name_invalid",
            };
            errors.push(StaffError::new(
                F::Name,
                code,
                e.message_zh(),
                e.to_string(),
            ));
        })
        .ok();
    let role = match Role::from_code(input.role.trim()) {
        Some(Role::Resident) => {
            errors.push(StaffError::new(
                F::Role,
                "role_resident",
                "申请人通过手机号登录，不在此建立账号".to_owned(),
                "residents sign in by phone; they get no staff account".to_owned(),
            ));
            None
        }
        Some(r) => Some(r),
        None => {
            errors.push(StaffError::new(
                F::Role,
                "role_unknown",
                "请选择角色".to_owned(),
                "choose a role".to_owned(),
            ));
            None
        }
    };
    let place = match given(&input.place) {
        None => {
            errors.push(StaffError::new(
                F::Place,
                "place_required",
                "请填写所在地（行政区划代码）".to_owned(),
                "enter the place (its code)".to_owned(),
            ));
            None
        }
        Some(p) => PlaceCode::parse(p)
            .map_err(|e| {
                errors.push(StaffError::new(
                    F::Place,
                    "place_invalid",
                    e.message_zh(),
                    e.to_string(),
                ));
            })
            .ok(),
    };
    let department = given(&input.department).map(|d| DepartmentCode(d.to_owned()));
    if let (Some(role), Some(place)) = (role, &place) {
        let actor = Actor {
            user: UserId(uuid::Uuid::nil()),
            role,
            place: place.clone(),
            department: department.clone(),
        };
        if let Err(e) = actor.validate() {
            let (field, code) = match e {
                ActorError::MissingDepartment => (F::Department, "department_required"),
                ActorError::UnexpectedDepartment { .. } => (F::Department, "department_unexpected"),
                _ => (F::Place, "place_level"),
            };
            errors.push(StaffError::new(field, code, e.message_zh(), e.to_string()));
        }
    }
    let phone = given(&input.phone).and_then(|p| {
        MobilePhone::parse(p)
            .map_err(|e| {
                errors.push(StaffError::new(
                    F::Phone,
                    "phone_invalid",
                    e.message_zh(),
                    e.to_string(),
                ));
            })
            .ok()
    });
    let id_number = given(&input.id_number).and_then(|n| {
        IdNumber::parse(n, today)
            .map_err(|e| {
                errors.push(StaffError::new(
                    F::IdNumber,
                    "id_number_invalid",
                    e.message_zh(),
                    e.to_string(),
                ));
            })
            .ok()
    });
    let category = match given(&input.category) {
        None => None,
        Some(c) => {
            let found = StaffCategory::from_code(c);
            if found.is_none() {
                errors.push(StaffError::new(
                    F::Category,
                    "category_unknown",
                    "请从列表中选择人员类别".to_owned(),
                    "choose a category from the list".to_owned(),
                ));
            }
            found
        }
    };
    match (name, role, place) {
        (Some(name), Some(role), Some(place)) if errors.is_empty() => Ok(StaffRecord {
            name,
            role,
            place,
            department,
            phone,
            id_number,
            category,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
#[path = "staff_tests.rs"]
mod tests;
