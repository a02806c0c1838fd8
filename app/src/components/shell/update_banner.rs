//! Offers a reload when a new version of the app has been installed in the background, so the
//! page never mixes old JavaScript with new WASM.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

/// Hidden until the service worker reports a waiting new version.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let ready = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| crate::pwa::register_service_worker(ready));
    let reload = move |_| {
        #[cfg(feature = "hydrate")]
        crate::pwa::activate_waiting_version();
    };
    view! {
        <Show when=move || ready.get()>
            <div class="update-banner" role="alert" data-testid="update-banner">
                <span>{t!(i18n, update.available)}</span>
                <button type="button" on:click=reload>{t!(i18n, update.reload)}</button>
            </div>
        </Show>
    }
}
