//! [`FieldworkError`]: one problem with a field record, in Chinese for the form, with the
//! [`Field`] to mark. Validation lists every problem at once, as the household form does.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::field::Field;
use super::visit::ChecklistQuestion;
use crate::catalogue::{AidItemCode, MaterialCode};
use crate::ids::MemberId;

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
    /// A required material (for the household, or for one member) has no entry.
    #[error("required material `{}` is not on the checklist", material.as_str())]
    MaterialNotListed {
        /// The material.
        material: MaterialCode,
        /// Whose, when per member.
        member: Option<MemberId>,
    },
    /// One material (for the same member) listed twice.
    #[error("material `{}` listed twice", material.as_str())]
    MaterialListedTwice {
        /// The later entry's position.
        index: i64,
        /// The material.
        material: MaterialCode,
    },
    /// An entry the application does not require (another material, or another member).
    #[error("material `{}` is not required here", material.as_str())]
    MaterialNotRequired {
        /// The entry's position.
        index: i64,
        /// The material.
        material: MaterialCode,
    },
    /// A material marked photographed without a photo.
    #[error("material `{}` has no photo", material.as_str())]
    NoPhotos {
        /// The entry's position.
        entry: i64,
        /// The material.
        material: MaterialCode,
    },
    /// Too many photos of one material.
    #[error("entry {entry} has {found} photos, at most {max}")]
    MaterialTooManyPhotos {
        /// The entry's position.
        entry: i64,
        /// The limit.
        max: i64,
        /// Photos found.
        found: i64,
    },
    /// A photo or signature attached twice in one checklist.
    #[error("attachment of entry {entry} already used by entry {first_entry}")]
    AttachmentUsedTwice {
        /// The later entry's position.
        entry: i64,
        /// The photo's position in it; `None` for its signature.
        photo: Option<i64>,
        /// The entry where it first appears.
        first_entry: i64,
    },
    /// An on-screen signature for a material other than the verification authorization.
    #[error("material `{}` cannot be signed on screen", material.as_str())]
    SignedNotAuthorization {
        /// The entry's position.
        entry: i64,
        /// The material.
        material: MaterialCode,
    },
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
            E::MaterialNotListed { .. } => Field::Entries,
            E::MaterialListedTwice { index, .. } | E::MaterialNotRequired { index, .. } => {
                Field::Entry { index: *index }
            }
            E::NoPhotos { entry, .. } | E::MaterialTooManyPhotos { entry, .. } => {
                Field::EntryPhotos { index: *entry }
            }
            E::AttachmentUsedTwice {
                entry,
                photo: Some(index),
                ..
            } => Field::EntryPhoto {
                entry: *entry,
                index: *index,
            },
            E::AttachmentUsedTwice {
                entry, photo: None, ..
            } => Field::EntrySignature { index: *entry },
            E::SignedNotAuthorization { entry, .. } => Field::EntryStatus { index: *entry },
        }
    }

    /// The field's stable path (see [`Field::path`]).
    pub fn path(&self) -> String {
        self.field().path()
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
