//! Small form controls shared by the phone's forms: a labelled text field with its error
//! under it, a choice list, and reading a field's error from the form's error list.

mod choice_field;
mod item_choice;
mod text_field;

pub use choice_field::ChoiceField;
pub use item_choice::{ItemChecklist, PrimaryChoice, toggled};
pub use text_field::TextField;

use leptos::prelude::*;

use crate::forms::FormError;

/// The first error at exactly `path`, as the form shows it under the field.
pub fn error_at(
    errors: RwSignal<Vec<FormError>>,
    path: impl Into<String>,
) -> Signal<Option<String>> {
    let path = path.into();
    Signal::derive(move || {
        errors.with(|e| e.iter().find(|e| e.path == path).map(|e| e.message.clone()))
    })
}
