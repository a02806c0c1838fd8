//! Large text and high contrast for elderly users.

use leptos::prelude::*;

use crate::contexts::use_display_prefs;
use crate::i18n::{t, use_i18n};

/// A switch bound to [`crate::contexts::DisplayPrefs::large_text`].
#[component]
pub fn LargeTextToggle() -> impl IntoView {
    let i18n = use_i18n();
    let large_text = use_display_prefs().large_text;
    view! {
        <fieldset class="setting">
            <legend>{t!(i18n, settings.large_text)}</legend>
            <p class="hint">{t!(i18n, settings.large_text_hint)}</p>
            <button
                type="button"
                role="switch"
                class="switch"
                data-testid="large-text-toggle"
                aria-checked=move || large_text.get().to_string()
                on:click=move |_| large_text.update(|on| *on = !*on)
            >
                <Show when=move || large_text.get() fallback=move || view! { {t!(i18n, settings.off)} }>
                    {t!(i18n, settings.on)}
                </Show>
            </button>
        </fieldset>
    }
}
