//! The fields of the hardship report form, each with its own error under it.

use leptos::prelude::*;

use crate::components::form::{self, TextField};
use crate::forms::FormError;
use crate::forms::hardship::{CATEGORIES, HardshipDraft, URGENCIES};
use leptos_i18n::I18nContext;

use crate::i18n::{Locale, t, t_string, use_i18n};

/// Person, category (with words for "other"), urgency, description.
#[component]
pub fn HardshipFields(
    draft: RwSignal<HardshipDraft>,
    errors: RwSignal<Vec<FormError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_at = move |path: &'static str| {
        move || {
            errors.with(|e| {
                e.iter()
                    .find(|e| e.path == path)
                    .map(|e| view! { <span class="field-error">{e.message.clone()}</span> })
            })
        }
    };
    view! {
        <label class="field">
            <span>{t!(i18n, hardship.person_name)}</span>
            <input
                name="person_name"
                autocomplete="off"
                prop:value=move || draft.with(|d| d.person_name.clone())
                on:input=move |ev| draft.update(|d| d.person_name = event_target_value(&ev))
            />
            {error_at("person_name")}
        </label>
        <label class="field">
            <span>{t!(i18n, hardship.category)}</span>
            <select
                name="category"
                prop:value=move || draft.with(|d| d.category.clone())
                on:change=move |ev| draft.update(|d| d.category = event_target_value(&ev))
            >
                {CATEGORIES.into_iter().map(|code| view! {
                    <option
                        value=code
                        selected=move || draft.with(|d| d.category == code)
                    >
                        {category_label(i18n, code)}
                    </option>
                }).collect_view()}
            </select>
        </label>
        <Show when=move || draft.with(|d| d.category == "other")>
            <label class="field">
                <span>{t!(i18n, hardship.other_text)}</span>
                <input
                    name="other_text"
                    prop:value=move || draft.with(|d| d.other_text.clone())
                    on:input=move |ev| draft.update(|d| d.other_text = event_target_value(&ev))
                />
                {error_at("category.text")}
            </label>
        </Show>
        <fieldset class="field">
            <legend>{t!(i18n, hardship.urgency)}</legend>
            <div class="segmented">
                {URGENCIES.into_iter().map(|code| view! {
                    <button
                        type="button"
                        aria-pressed=move || draft.with(|d| (d.urgency == code).to_string())
                        on:click=move |_| draft.update(|d| d.urgency = code.to_owned())
                    >
                        {urgency_label(i18n, code)}
                    </button>
                }).collect_view()}
            </div>
        </fieldset>
        <TextField name="description" rows=5
            value=Signal::derive(move || draft.with(|d| d.description.clone()))
            on_input=move |v| draft.update(|d| d.description = v)
            error=form::error_at(errors, "description")>
            {t!(i18n, hardship.description)}
        </TextField>
    }
}

fn category_label(i18n: I18nContext<Locale>, code: &str) -> &'static str {
    match code {
        "serious_illness" => t_string!(i18n, hardship.cat_serious_illness),
        "accident" => t_string!(i18n, hardship.cat_accident),
        "disaster" => t_string!(i18n, hardship.cat_disaster),
        "death_in_family" => t_string!(i18n, hardship.cat_death_in_family),
        "sudden_income_loss" => t_string!(i18n, hardship.cat_sudden_income_loss),
        "no_one_to_care" => t_string!(i18n, hardship.cat_no_one_to_care),
        _ => t_string!(i18n, hardship.cat_other),
    }
}

fn urgency_label(i18n: I18nContext<Locale>, code: &str) -> &'static str {
    match code {
        "urgent" => t_string!(i18n, hardship.urgent),
        "soon" => t_string!(i18n, hardship.soon),
        _ => t_string!(i18n, hardship.normal),
    }
}
