//! Household, kind, time and notes of a visit.

use domain::fieldwork::VisitKind;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

use super::error_at;
use crate::components::form::{self, TextField};
use crate::forms::FormError;
use crate::forms::visit::{HouseholdChoice, KINDS, VisitDraft};
use crate::i18n::{Locale, t, t_string, use_i18n};

/// The household picker (the phone's households: address and masked applicant), the kind,
/// the time (the phone's local time) and the notes.
#[component]
pub fn VisitFields(
    draft: RwSignal<VisitDraft>,
    errors: RwSignal<Vec<FormError>>,
    households: RwSignal<Vec<HouseholdChoice>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field">
            <span>{t!(i18n, visit.household)}</span>
            <select
                name="household"
                prop:value=move || draft.with(|d| d.household.clone())
                on:change=move |ev| draft.update(|d| d.household = event_target_value(&ev))
            >
                <option value="" selected=move || draft.with(|d| d.household.is_empty())>
                    {t!(i18n, visit.choose_household)}
                </option>
                {move || households.get().into_iter().map(|h| {
                    let id = h.id.clone();
                    view! {
                        <option value=h.id.clone() selected=move || draft.with(|d| d.household == id)>
                            {h.label()}
                        </option>
                    }
                }).collect_view()}
            </select>
            <Show when=move || households.with(Vec::is_empty)>
                <span class="hint">{t!(i18n, visit.no_households)}</span>
            </Show>
            {error_at(errors, "household")}
        </label>
        <fieldset class="field">
            <legend>{t!(i18n, visit.kind)}</legend>
            <div class="segmented">
                {KINDS.into_iter().map(|kind| view! {
                    <button
                        type="button"
                        aria-pressed=move || draft.with(|d| (d.kind == kind).to_string())
                        on:click=move |_| draft.update(|d| d.kind = kind)
                    >
                        {kind_label(i18n, kind)}
                    </button>
                }).collect_view()}
            </div>
        </fieldset>
        <label class="field">
            <span>{t!(i18n, visit.at)}</span>
            <input
                type="datetime-local"
                name="at"
                prop:value=move || draft.with(|d| d.at.clone())
                on:input=move |ev| draft.update(|d| d.at = event_target_value(&ev))
            />
            {error_at(errors, "at")}
        </label>
        <TextField name="notes" rows=5
            value=Signal::derive(move || draft.with(|d| d.notes.clone()))
            on_input=move |v| draft.update(|d| d.notes = v)
            error=form::error_at(errors, "notes")>
            {t!(i18n, visit.notes)}
        </TextField>
    }
}

fn kind_label(i18n: I18nContext<Locale>, kind: VisitKind) -> &'static str {
    match kind {
        VisitKind::HomeSurvey => t_string!(i18n, visit.kind_home_survey),
        VisitKind::Routine => t_string!(i18n, visit.kind_routine),
    }
}
