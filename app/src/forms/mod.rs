//! What a form holds while the user types (plain strings, kept as a draft) and how it becomes
//! a domain record, with every problem listed against its field. Pure: tested natively.

pub mod casework;
mod casework_error;
mod casework_inputs;
pub mod certify;
pub mod entrustment;
pub mod evaluation;
pub mod hardship;
pub mod household_edit;
pub mod intake;
pub mod location;
pub mod supplement;
pub mod visit;
mod visit_choice;

/// One problem with a form, against the field it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    /// The field's path (`description`, `person_name` …).
    pub path: String,
    /// What to fix, in Chinese (the domain's messages).
    pub message: String,
}

impl FormError {
    /// A problem at `path`.
    pub fn at(path: &str, message: String) -> Self {
        FormError {
            path: path.to_owned(),
            message,
        }
    }
}
