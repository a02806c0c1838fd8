//! The fields of the household visit form, each with its own error under it.

mod checklist_fields;
mod location_field;
mod visit_fields;

pub use checklist_fields::ChecklistFields;
pub use location_field::LocationField;
pub use visit_fields::VisitFields;

use leptos::prelude::*;

use crate::forms::FormError;

/// The error against `path`, shown under its field.
fn error_at(errors: RwSignal<Vec<FormError>>, path: &'static str) -> impl Fn() -> Option<AnyView> {
    move || {
        errors.with(|e| {
            e.iter()
                .find(|e| e.path == path)
                .map(|e| view! { <span class="field-error">{e.message.clone()}</span> }.into_any())
        })
    }
}
