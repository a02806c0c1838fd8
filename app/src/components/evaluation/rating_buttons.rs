//! 满意 / 基本满意 / 不满意 as three large buttons, easy to hit for an elderly resident.

use domain::fieldwork::Rating;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::forms::evaluation::EvaluationDraft;
use crate::i18n::{Locale, t, t_string, use_i18n};

/// The three answers; the chosen one is pressed.
#[component]
pub fn RatingButtons(draft: RwSignal<EvaluationDraft>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="field rating-choice">
            <legend>{t!(i18n, evaluation.rating)}</legend>
            {Rating::ALL.into_iter().map(|r| view! {
                <button
                    type="button"
                    class=format!("rating rating-{}", code(r))
                    aria-pressed=move || draft.with(|d| d.rating == Some(r)).to_string()
                    on:click=move |_| draft.update(|d| d.rating = Some(r))
                >
                    {move || label(i18n, r)}
                </button>
            }).collect_view()}
        </fieldset>
    }
}

fn code(r: Rating) -> &'static str {
    match r {
        Rating::Satisfied => "satisfied",
        Rating::BasicallySatisfied => "basically-satisfied",
        Rating::Dissatisfied => "dissatisfied",
    }
}

fn label(i18n: I18nContext<Locale>, r: Rating) -> &'static str {
    match r {
        Rating::Satisfied => t_string!(i18n, evaluation.satisfied),
        Rating::BasicallySatisfied => t_string!(i18n, evaluation.basically_satisfied),
        Rating::Dissatisfied => t_string!(i18n, evaluation.dissatisfied),
    }
}
