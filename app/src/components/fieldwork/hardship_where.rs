//! Where a hardship happened (a grid of the reporter's area) and which registered household
//! it concerns, if any: the township then sees it on the right desk, and an urgent one on a
//! registered household can start temporary aid at once.

use leptos::prelude::*;

use crate::components::form::ChoiceField;
use crate::forms::hardship::HardshipDraft;
use crate::i18n::{t, t_string, use_i18n};

/// The two choices; `places` and `households` are `(code or id, label)`.
#[component]
pub fn HardshipWhere(
    draft: RwSignal<HardshipDraft>,
    #[prop(into)] places: Signal<Vec<(String, String)>>,
    #[prop(into)] households: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let place_choices = Signal::derive(move || {
        let mut c = vec![(
            String::new(),
            t_string!(i18n, hardship.place_own).to_owned(),
        )];
        c.extend(places.get());
        c
    });
    let household_choices = Signal::derive(move || {
        let mut c = vec![(
            String::new(),
            t_string!(i18n, hardship.household_none).to_owned(),
        )];
        c.extend(households.get());
        c
    });
    view! {
        <ChoiceField
            name="place"
            value=Signal::derive(move || draft.with(|d| d.place.clone()))
            on_change=move |v| draft.update(|d| d.place = v)
            choices=place_choices
        >
            {t!(i18n, hardship.place)}
        </ChoiceField>
        <ChoiceField
            name="household"
            value=Signal::derive(move || draft.with(|d| d.household.clone()))
            on_change=move |v| draft.update(|d| d.household = v)
            choices=household_choices
        >
            {t!(i18n, hardship.household)}
        </ChoiceField>
    }
}
