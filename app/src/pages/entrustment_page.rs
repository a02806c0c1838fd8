//! Entrustments (委托, `/entrust`): the list; `?new` (with `&household=<id>`) records one;
//! `?id=<id>` opens one to collect a late signature, start an application or terminate it.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

use crate::components::entrustment::{EntrustmentList, NewEntrustment, TheEntrustment};
use crate::components::fieldwork::WithAccount;
use crate::i18n::{t, use_i18n};

/// The page.
#[component]
pub fn EntrustmentPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let view_of = move || {
        let q = query.get();
        if let Some(id) = q.get("id").and_then(|s| Uuid::parse_str(&s).ok()) {
            view! { <TheEntrustment id/> }.into_any()
        } else if q.get("new").is_some() {
            let household = q.get("household");
            view! { <NewEntrustment household=household.unwrap_or_default()/> }.into_any()
        } else {
            view! {
                <p class="actions">
                    <A href="/entrust?new" attr:class="button">{t!(i18n, entrust.record_new)}</A>
                    <A href="/intake">{t!(i18n, intake.title)}</A>
                </p>
                <EntrustmentList/>
            }
            .into_any()
        }
    };
    view! {
        <h1>{t!(i18n, entrust.title)}</h1>
        <WithAccount>
            {view_of}
        </WithAccount>
    }
}
