//! "Me": the user's own settings.

use leptos::prelude::*;

use crate::components::settings::{LanguageSwitch, LargeTextToggle};
use crate::i18n::{t, use_i18n};

/// Language and display settings.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, settings.title)}</h1>
        <section class="card">
            <h2>{t!(i18n, settings.display)}</h2>
            <LanguageSwitch/>
            <LargeTextToggle/>
        </section>
    }
}
