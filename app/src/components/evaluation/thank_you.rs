//! After the rating: thanks, and "hand the phone back" in large letters.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{t, use_i18n};

/// The screen the resident sees once their evaluation is saved.
#[component]
pub fn ThankYou() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card thank-you" role="status" data-testid="evaluation-thanks">
            <p class="thank-you-title">{t!(i18n, evaluation.thanks)}</p>
            <p class="thank-you-hand-back">{t!(i18n, evaluation.hand_back)}</p>
            <p class="hint">{t!(i18n, evaluation.saved)}</p>
            <A href="/tasks" attr:class="button">{t!(i18n, evaluation.back_to_tasks)}</A>
        </section>
    }
}
