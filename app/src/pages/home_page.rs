//! The landing page: what the service is.

use leptos::prelude::*;

use crate::components::catalogue::ServiceItemList;
use crate::i18n::{t, use_i18n};

/// Title, a one-line promise of the service, and the service item list.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card hero">
            <h1>{t!(i18n, home.title)}</h1>
            <p>{t!(i18n, home.intro)}</p>
        </section>
        <ServiceItemList/>
    }
}
