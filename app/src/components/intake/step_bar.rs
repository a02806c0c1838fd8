//! Where the helper is in the intake, and a tap to go to any step.

use leptos::prelude::*;

use crate::forms::intake::IntakeDraft;
use crate::i18n::{t_string, use_i18n};

/// The steps as a row of numbered tabs; the current one is marked. A tap goes through `go`,
/// as "next" does, so that the checklist is brought up to date on the way to it.
#[component]
pub fn StepBar(draft: RwSignal<IntakeDraft>, #[prop(into)] go: Callback<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let name = move |step: &str| match step {
        "household" => t_string!(i18n, intake.step_household),
        "money" => t_string!(i18n, intake.step_money),
        "entrustment" => t_string!(i18n, intake.step_entrustment),
        "items" => t_string!(i18n, intake.step_items),
        "authorization" => {
            if i18n.get_locale() == crate::i18n::Locale::en {
                "Authorization"
            } else {
                "核对授权"
            }
        }
        "materials" => t_string!(i18n, intake.step_materials),
        _ => t_string!(i18n, intake.step_review),
    };
    // The bar is rebuilt only when the steps change (a walk-in has no entrustment step).
    let steps = Memo::new(move |_| draft.with(|d| d.steps()));
    view! {
        <ol class="step-bar" aria-label=move || t_string!(i18n, intake.step_of)>
            {move || steps.get().iter().enumerate().map(|(i, step)| view! {
                <li>
                    <button
                        type="button"
                        aria-current=move || draft.with(|d| d.step == i).then_some("step")
                        on:click=move |_| go.run(i)
                    >
                        <span class="step-number">{i + 1}</span>
                        <span class="step-name">{name(step)}</span>
                    </button>
                </li>
            }).collect_view()}
        </ol>
    }
}
