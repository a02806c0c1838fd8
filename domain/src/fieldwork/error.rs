//! [`FieldworkError`]: one problem with a field record, in Chinese for the form, with the
//! [`Field`] to mark. Validation lists every problem at once, as the household form does.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::field::Field;
use super::visit::ChecklistQuestion;
use crate::catalogue::AidItemCode;

/// How far ahead of `now` a record's time may lie: phone clocks drift, and a record made
/// offline is checked again by the server against the server's clock.
pub const FUTURE_TOLERANCE_SECONDS: i64 = 600;

/// One problem with a field record.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FieldworkError {
    /// A required text is empty (or only spaces).
    #[error("{} is required", field.path())]
    Required {
        /// Which.
        field: Field,
    },
    /// An optional text was given as spaces only.
    #[error("{} is blank", field.path())]
    Blank {
        /// Which.
        field: Field,
    },
    /// A text is too long.
    #[error("{} has {found} characters, at most {max} are allowed", field.path())]
    TooLong {
        /// Which.
        field: Field,
        /// The limit.
        max: i64,
        /// Characters found.
        found: i64,
    },
    /// A time after now.
    #[error("{} is in the future", field.path())]
    InFuture {
        /// Which.
        field: Field,
    },
    /// No item was entrusted.
    #[error("no aid item entrusted")]
    NoItems,
    /// An item listed twice.
    #[error("item `{}` listed twice", item.as_str())]
    DuplicateItem {
        /// The later position.
        index: i64,
        /// The item.
        item: AidItemCode,
    },
    /// An item the catalogue does not know.
    #[error("item `{}` is not in the catalogue", item.as_str())]
    UnknownItem {
        /// Position.
        index: i64,
        /// The item.
        item: AidItemCode,
    },
    /// The main item is not among the entrusted items.
    #[error("main item `{}` is not entrusted", item.as_str())]
    MainItemNotEntrusted {
        /// The main item.
        item: AidItemCode,
    },
    /// The resident's signature is missing where it must be collected on the spot.
    #[error("the resident's signature is missing")]
    SignatureMissing,
    /// A case linked twice.
    #[error("case linked twice")]
    DuplicateCase {
        /// The later position.
        index: i64,
    },
    /// The entrustment was already terminated.
    #[error("the entrustment is terminated")]
    NotActive,
    /// A termination before the entrustment was received.
    #[error("terminated before the entrustment was received")]
    TerminatedBeforeEntrusted,
    /// A termination that hands nothing back.
    #[error("no material handed back listed")]
    NothingReturned,
    /// A returned material with a count below 1.
    #[error("returned material {index} has count {count}")]
    BadCount {
        /// Position.
        index: i64,
        /// The count given.
        count: i64,
    },
    /// The entrusting member is not in the household, or the household is another.
    #[error("the entrusting person is not a member of this household")]
    NotInHousehold,
    /// A checklist question without an answer.
    #[error("checklist question `{}` unanswered", question.code())]
    Unanswered {
        /// The question.
        question: ChecklistQuestion,
    },
    /// A checklist question answered twice.
    #[error("checklist question `{}` answered twice", question.code())]
    AnsweredTwice {
        /// The question.
        question: ChecklistQuestion,
    },
    /// Too many photos.
    #[error("{found} photos, at most {max}")]
    TooManyPhotos {
        /// The limit.
        max: i64,
        /// Photos found.
        found: i64,
    },
    /// One photo attached twice.
    #[error("photo {index} attached twice")]
    DuplicatePhoto {
        /// The later position.
        index: i64,
    },
    /// A location recorded without the resident's consent.
    #[error("location recorded without consent")]
    LocationWithoutConsent,
    /// A latitude outside ±90°.
    #[error("latitude {value}e-6 out of range")]
    LatitudeOutOfRange {
        /// Microdegrees.
        value: i64,
    },
    /// A longitude outside ±180°.
    #[error("longitude {value}e-6 out of range")]
    LongitudeOutOfRange {
        /// Microdegrees.
        value: i64,
    },
    /// An evaluation of another case than the one given.
    #[error("the evaluation is about another case")]
    WrongCase,
    /// The applicant has not been told the result yet.
    #[error("the applicant has not been told the result")]
    ResultNotTold,
    /// The case was rated already.
    #[error("the case was evaluated already")]
    AlreadyEvaluated,
    /// The case is filed; nothing is added to it.
    #[error("the case is archived")]
    CaseArchived,
    /// An evaluation dated before the applicant was told.
    #[error("collected before the applicant was told the result")]
    CollectedBeforeResult,
}

impl FieldworkError {
    /// The field the form should mark.
    pub fn field(&self) -> Field {
        use FieldworkError as E;
        match self {
            E::Required { field }
            | E::Blank { field }
            | E::TooLong { field, .. }
            | E::InFuture { field } => *field,
            E::NoItems => Field::Items,
            E::DuplicateItem { index, .. } | E::UnknownItem { index, .. } => {
                Field::Item { index: *index }
            }
            E::MainItemNotEntrusted { .. } => Field::MainItem,
            E::SignatureMissing => Field::Signature,
            E::DuplicateCase { index } => Field::LinkedCase { index: *index },
            E::NotActive => Field::Termination,
            E::TerminatedBeforeEntrusted => Field::TerminationAt,
            E::NothingReturned => Field::ReturnedMaterials,
            E::BadCount { index, .. } => Field::ReturnedMaterialCount { index: *index },
            E::NotInHousehold => Field::EntrustingMember,
            E::Unanswered { question } | E::AnsweredTwice { question } => Field::Checklist {
                question: *question,
            },
            E::TooManyPhotos { .. } => Field::Photos,
            E::DuplicatePhoto { index } => Field::Photo { index: *index },
            E::LocationWithoutConsent => Field::Location,
            E::LatitudeOutOfRange { .. } => Field::Latitude,
            E::LongitudeOutOfRange { .. } => Field::Longitude,
            E::WrongCase | E::ResultNotTold | E::AlreadyEvaluated | E::CaseArchived => Field::Case,
            E::CollectedBeforeResult => Field::CollectedAt,
        }
    }

    /// The field's stable path (see [`Field::path`]).
    pub fn path(&self) -> String {
        self.field().path()
    }

    /// The message in Chinese, for the form.
    pub fn message_zh(&self) -> String {
        use FieldworkError as E;
        let label = self.field().label_zh();
        match self {
            E::Required { .. } => format!("请填写{label}"),
            E::Blank { .. } => format!("{label}不能只有空格，不填请留空"),
            E::TooLong { max, found, .. } => format!("{label}最多{max}个字，当前为{found}个字"),
            E::InFuture { .. } => format!("{label}不能晚于当前时间"),
            E::NoItems => "请至少选择一项委托办理的救助事项".to_owned(),
            E::DuplicateItem { item, .. } => format!("救助事项“{}”重复", item.as_str()),
            E::UnknownItem { item, .. } => {
                format!("救助事项“{}”不在服务事项清单中", item.as_str())
            }
            E::MainItemNotEntrusted { .. } => "主要事项须是委托办理的事项之一".to_owned(),
            E::SignatureMissing => "请委托人在屏幕上签名".to_owned(),
            E::DuplicateCase { .. } => "同一申请重复关联".to_owned(),
            E::NotActive => "该委托已终止".to_owned(),
            E::TerminatedBeforeEntrusted => "终止时间不能早于委托时间".to_owned(),
            E::NothingReturned => "请列出移交给委托人的材料".to_owned(),
            E::BadCount { count, .. } => format!("移交材料份数至少为 1（当前为 {count}）"),
            E::NotInHousehold => "委托人不是该户家庭成员".to_owned(),
            E::Unanswered { .. } => format!("请回答“{label}”"),
            E::AnsweredTwice { .. } => format!("“{label}”重复回答"),
            E::TooManyPhotos { max, found } => format!("照片最多{max}张，当前为{found}张"),
            E::DuplicatePhoto { .. } => "同一张照片重复添加".to_owned(),
            E::LocationWithoutConsent => "未经居民同意不得记录位置".to_owned(),
            E::LatitudeOutOfRange { .. } => "纬度应在 -90° 至 90° 之间".to_owned(),
            E::LongitudeOutOfRange { .. } => "经度应在 -180° 至 180° 之间".to_owned(),
            E::WrongCase => "评价与所选申请不符".to_owned(),
            E::ResultNotTold => "申请人尚未收到办理结果，暂不能评价".to_owned(),
            E::AlreadyEvaluated => "该申请已评价，不能重复评价".to_owned(),
            E::CaseArchived => "该申请已归档".to_owned(),
            E::CollectedBeforeResult => "评价时间不能早于告知结果的时间".to_owned(),
        }
    }
}

/// Checks a text: required ones must not be blank, optional ones (`required == false`) may be
/// empty but not spaces only; none may exceed `max` characters.
pub(crate) fn check_text(
    text: &str,
    field: Field,
    required: bool,
    max: i64,
    errors: &mut Vec<FieldworkError>,
) {
    if text.trim().is_empty() {
        if required {
            errors.push(FieldworkError::Required { field });
        } else if !text.is_empty() {
            errors.push(FieldworkError::Blank { field });
        }
        return;
    }
    let found = text.chars().count() as i64;
    if found > max {
        errors.push(FieldworkError::TooLong { field, max, found });
    }
}

/// Records `at` lying beyond `now` (plus [`FUTURE_TOLERANCE_SECONDS`]).
pub(crate) fn check_not_future(
    at: DateTime<Utc>,
    now: DateTime<Utc>,
    field: Field,
    errors: &mut Vec<FieldworkError>,
) {
    if at > now + TimeDelta::seconds(FUTURE_TOLERANCE_SECONDS) {
        errors.push(FieldworkError::InFuture { field });
    }
}

/// `Ok` without errors, else every error.
pub(crate) fn collected(errors: Vec<FieldworkError>) -> Result<(), Vec<FieldworkError>> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
