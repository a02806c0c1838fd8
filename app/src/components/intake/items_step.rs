//! Step 4: the aid requested (from the service item list), the main one, and the reason.

use leptos::prelude::*;

use crate::components::form::{
    ChoiceField, ItemChecklist, PrimaryChoice, TextField, error_at, toggled,
};
use crate::forms::FormError;
use crate::forms::intake::IntakeDraft;
use crate::i18n::{t, t_string, use_i18n};

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
        <Show when=move || draft.with(|d| d.walk_in)>
            <CameBy draft errors/>
        </Show>
    }
}

/// At the window: how the request came (in person, by telephone, referred by another
/// township), and for a referral who sent it.
#[component]
fn CameBy(draft: RwSignal<IntakeDraft>, errors: RwSignal<Vec<FormError>>) -> impl IntoView {
    let i18n = use_i18n();
    let choices = Signal::derive(move || {
        vec![
            (
                "window".to_owned(),
                t_string!(i18n, intake.came_by_window).to_owned(),
            ),
            (
                "hotline".to_owned(),
                t_string!(i18n, intake.came_by_hotline).to_owned(),
            ),
            (
                "referral".to_owned(),
                t_string!(i18n, intake.came_by_referral).to_owned(),
            ),
        ]
    });
    let came_by = Signal::derive(move || {
        draft.with(|d| match d.came_by.as_str() {
            "" => "window".to_owned(),
            other => other.to_owned(),
        })
    });
    view! {
        <ChoiceField name="came_by" value=came_by choices on_change=move |v| draft.update(|d| d.came_by = v)>
            {t!(i18n, intake.came_by)}
        </ChoiceField>
        <Show when=move || came_by.get() == "referral">
            <TextField
                name="referred_by"
                value=Signal::derive(move || draft.with(|d| d.referred_by.clone()))
                on_input=move |v| draft.update(|d| d.referred_by = v)
                error=error_at(errors, "referred_by")
            >
                {t!(i18n, intake.referred_by)} <small class="hint">" " {t!(i18n, intake.referred_by_hint)}</small>
            </TextField>
        </Show>
    }
}
