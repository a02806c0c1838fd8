//! The answer for an unknown path.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

/// Says the page does not exist; the bottom navigation stays usable.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="empty">{t!(i18n, not_found)}</p> }
}
