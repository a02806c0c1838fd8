//! The phone's outbox and records: what has reached the township, what waits, what the server
//! refused and why.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::fieldwork::{RecordList, SignedIn, SyncStatus};
use crate::i18n::{t, use_i18n};

/// Status and progress, then every record with its state.
#[component]
pub fn SyncPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, sync.title)}</h1>
        <SignedIn>
            <SyncStatus/>
            <p class="actions">
                <A href="/report" attr:class="button">{t!(i18n, hardship.title)}</A>
                <A href="/visit" attr:class="button">{t!(i18n, visit.title)}</A>
                <A href="/intake" attr:class="button">{t!(i18n, intake.title)}</A>
                <A href="/entrust" attr:class="button">{t!(i18n, entrust.title)}</A>
            </p>
            <RecordList/>
        </SignedIn>
    }
}
