//! What is due for the signed-in user.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

/// The task list; filled by the case and sync capabilities.
#[component]
pub fn TasksPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, tasks.title)}</h1>
        <p class="empty">{t!(i18n, tasks.empty)}</p>
    }
}
