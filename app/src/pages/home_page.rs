//! The landing page: what the service is; for a signed-in helper, their day's work first; for
//! a resident or a visitor, the way to "我的申请".

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::catalogue::ServiceItemList;
use crate::contexts::use_field_sync;
use crate::i18n::{t, use_i18n};

/// Title, a one-line promise of the service, and the service item list.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    view! {
        <Show when=move || sync.account.with(|a| a.as_ref().is_some_and(|a| a.is_staff()))>
            <nav class="card quick-actions" aria-label=move || crate::i18n::t_string!(i18n, home.work)>
                <h2>{t!(i18n, home.work)}</h2>
                <A href="/inbox" attr:class="button" attr:data-testid="open-inbox">{t!(i18n, desk.open)}</A>
            </nav>
        </Show>
        <Show when=move || sync.account.with(|a| a.as_ref().is_some_and(|a| a.role == "helper"))>
            <nav class="card quick-actions" aria-label=move || crate::i18n::t_string!(i18n, home.work)>
                <h2>{t!(i18n, home.work)}</h2>
                <A href="/intake" attr:class="button">{t!(i18n, intake.title)}</A>
                <A href="/entrust" attr:class="button">{t!(i18n, entrust.title)}</A>
                <A href="/visit" attr:class="button">{t!(i18n, visit.title)}</A>
                <A href="/report" attr:class="button">{t!(i18n, hardship.title)}</A>
                <A href="/tasks" attr:class="button secondary">{t!(i18n, nav.tasks)}</A>
            </nav>
        </Show>
        // A resident (or a visitor) follows their applications on the server-rendered "我的申请"
        // (`/my/cases`, no WASM): a full page load, not the app's router.
        <Show when=move || sync.account.with(|a| a.as_ref().is_none_or(|a| a.role == "resident"))>
            <p class="card">
                <a href="/my/cases" rel="external" class="button" data-testid="my-cases">{t!(i18n, home.my_cases)}</a>
            </p>
        </Show>
        <section class="card hero">
            <h1>{t!(i18n, home.title)}</h1>
            <p>{t!(i18n, home.intro)}</p>
        </section>
        <ServiceItemList/>
    }
}
