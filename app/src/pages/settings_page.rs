//! "Me": the user's own settings.

use leptos::prelude::*;

use crate::components::fieldwork::AccountCard;
use crate::components::settings::{LanguageSwitch, LargeTextToggle};
use crate::i18n::{t, use_i18n};

/// The account on this phone, then language and display settings.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, settings.title)}</h1>
        <AccountCard/>
        <section class="card">
            <h2>{t!(i18n, settings.display)}</h2>
            <LanguageSwitch/>
            <LargeTextToggle/>
        </section>
    }
}
