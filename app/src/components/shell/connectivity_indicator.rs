//! Online/offline badge in the top bar.

use leptos::prelude::*;

use crate::contexts::use_connectivity;
use crate::i18n::{t, use_i18n};

/// Shows whether the phone has a network; offline, it says that saved work will be sent later.
#[component]
pub fn ConnectivityIndicator() -> impl IntoView {
    let i18n = use_i18n();
    let online = use_connectivity().online;
    view! {
        <span
            class="connectivity"
            class:offline=move || !online.get()
            role="status"
            data-testid="connectivity"
            data-online=move || online.get().to_string()
        >
            <Show when=move || online.get() fallback=move || view! { {t!(i18n, status.offline)} }>
                {t!(i18n, status.online)}
            </Show>
        </span>
    }
}
