//! Bottom navigation: the thumb's reach on a phone.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::contexts::use_field_sync;
use crate::i18n::{t, use_i18n};

/// The main sections (a staff account's desk in place of the helper's tasks and ledger);
/// "sync" carries the count of records not yet sent. The router marks the
/// current one with `aria-current="page"`.
#[component]
pub fn BottomNav() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    view! {
        <nav class="bottom-nav" aria-label="main">
            <A href="/" exact=true>
                <span class="nav-glyph" aria-hidden="true">"⌂"</span>
                <span>{t!(i18n, nav.home)}</span>
            </A>
            <Show
                when=move || !sync.account.with(|a| a.as_ref().is_some_and(|a| a.is_staff()))
                fallback=move || view! {
                    <A href="/inbox">
                        <span class="nav-glyph" aria-hidden="true">"☑"</span>
                        <span>{t!(i18n, desk.nav)}</span>
                    </A>
                }
            >
                <A href="/tasks">
                    <span class="nav-glyph" aria-hidden="true">"☑"</span>
                    <span>{t!(i18n, nav.tasks)}</span>
                </A>
                <A href="/ledger">
                    <span class="nav-glyph" aria-hidden="true">"☰"</span>
                    <span>{t!(i18n, nav.ledger)}</span>
                </A>
            </Show>
            <A href="/sync">
                <span class="nav-glyph" aria-hidden="true">"⇅"</span>
                <span>{t!(i18n, nav.sync)}</span>
                <Show when=move || { sync.unsent() > 0 }>
                    <span class="nav-badge" data-testid="unsent-badge">{move || sync.unsent()}</span>
                </Show>
            </A>
            <A href="/me">
                <span class="nav-glyph" aria-hidden="true">"☺"</span>
                <span>{t!(i18n, nav.me)}</span>
            </A>
        </nav>
    }
}
