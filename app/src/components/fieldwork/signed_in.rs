//! The helper's pages show their content only to a signed-in user; a phone signed out is told
//! to sign in. Both gates branch on the phone's account only once their component is
//! hydrated (see [`crate::contexts::use_hydrated`]).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::contexts::{use_field_sync, use_hydrated};
use crate::i18n::{t, use_i18n};

/// `children` once signed in (or while not known yet), else a link to sign in. While the
/// phone's store is still being read the content shows, so a signed-in helper never sees the
/// sign-in prompt flash.
#[component]
pub fn SignedIn(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let hydrated = use_hydrated();
    view! {
        <Show
            when=move || !hydrated.get() || sync.account.get().is_some() || !sync.ready.get()
            fallback=move || view! {
                <p class="card">
                    {t!(i18n, account.signed_out)} " "
                    <A href="/signin">{t!(i18n, account.sign_in)}</A>
                </p>
            }
        >
            {children()}
        </Show>
    }
}

/// `children` only once the phone's account is known: the forms, which are built for it.
/// Until then (and signed out) a link to sign in.
#[component]
pub fn WithAccount(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let hydrated = use_hydrated();
    view! {
        <Show
            when=move || hydrated.get() && sync.account.get().is_some()
            fallback=move || view! {
                <p class="card">
                    {t!(i18n, account.sign_in_first)} " "
                    <A href="/signin">{t!(i18n, account.sign_in)}</A>
                </p>
            }
        >
            {children()}
        </Show>
    }
}
