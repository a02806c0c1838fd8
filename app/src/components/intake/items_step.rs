//! Step 4: the aid requested (from the service item list), the main one, and the reason.

use leptos::prelude::*;

use crate::components::form::{ItemChecklist, PrimaryChoice, TextField, error_at, toggled};
use crate::forms::FormError;
use crate::forms::intake::IntakeDraft;
use crate::i18n::{t, use_i18n};

/// Every catalogue item as a checkbox; the main one marked among those chosen.
#[component]
pub fn ItemsStep(draft: RwSignal<IntakeDraft>, errors: RwSignal<Vec<FormError>>) -> impl IntoView {
    let i18n = use_i18n();
    let selected = Signal::derive(move || draft.with(|d| d.items.clone()));
    let error = move |path: &'static str| {
        move || {
            error_at(errors, path)
                .get()
                .map(|e| view! { <span class="field-error">{e}</span> })
        }
    };
    view! {
        <fieldset class="field" data-testid="items">
            <legend>{t!(i18n, intake.items)}</legend>
            <ItemChecklist
                selected
                on_toggle=move |(code, on)| draft.update(|d| toggled(&mut d.items, &mut d.primary, code, on))
            />
            {error("items")}
        </fieldset>
        <Show when=move || draft.with(|d| d.items.len() > 1)>
            <fieldset class="field" data-testid="primary">
                <legend>{t!(i18n, intake.primary)}</legend>
                <PrimaryChoice
                    selected
                    primary=Signal::derive(move || draft.with(|d| d.primary.clone()))
                    on_choose=move |code| draft.update(|d| d.primary = code)
                />
                {error("primary")}
            </fieldset>
        </Show>
        <TextField
            name="reason"
            rows=4
            value=Signal::derive(move || draft.with(|d| d.reason.clone()))
            on_input=move |v| draft.update(|d| d.reason = v)
            error=error_at(errors, "reason")
        >
            {t!(i18n, intake.reason)} <small class="hint">" " {t!(i18n, intake.reason_hint)}</small>
        </TextField>
    }
}
