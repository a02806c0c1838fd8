//! Bottom navigation: the thumb's reach on a phone.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{t, use_i18n};

/// The four main sections. The router marks the current one with `aria-current="page"`.
#[component]
pub fn BottomNav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="bottom-nav" aria-label="main">
            <A href="/" exact=true>
                <span class="nav-glyph" aria-hidden="true">"⌂"</span>
                <span>{t!(i18n, nav.home)}</span>
            </A>
            <A href="/tasks">
                <span class="nav-glyph" aria-hidden="true">"☑"</span>
                <span>{t!(i18n, nav.tasks)}</span>
            </A>
            <A href="/ledger">
                <span class="nav-glyph" aria-hidden="true">"☰"</span>
                <span>{t!(i18n, nav.ledger)}</span>
            </A>
            <A href="/me">
                <span class="nav-glyph" aria-hidden="true">"☺"</span>
                <span>{t!(i18n, nav.me)}</span>
            </A>
        </nav>
    }
}
