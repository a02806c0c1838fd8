//! Step 1: where the household lives and who lives in it.

use leptos::prelude::*;

use super::member_card::MemberCard;
use crate::components::form::{ChoiceField, TextField, error_at};
use crate::forms::FormError;
use crate::forms::intake::IntakeDraft;
use crate::forms::intake::members::MemberDraft;
use crate::i18n::{t, t_string, use_i18n};
use crate::phone;

/// Grid, address and the members (each a card). A household already on the phone shows as it
/// is registered and may be brought up to date (its grid stays: moving a household is the
/// township's work); only the changes are sent.
#[component]
pub fn HouseholdStep(
    draft: RwSignal<IntakeDraft>,
    errors: RwSignal<Vec<FormError>>,
    /// The grids the helper may register households in: `(code, name)`.
    #[prop(into)]
    places: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let known = move || draft.with(|d| d.known_household);
    let choices = Signal::derive(move || {
        let mut c = vec![(String::new(), t_string!(i18n, intake.choose).to_owned())];
        c.extend(places.get());
        c
    });
    let add_member = move |_| {
        draft.update(|d| {
            let first = d.household.members.is_empty();
            d.household
                .members
                .push(MemberDraft::new(phone::new_id(), first));
        })
    };
    view! {
        <Show when=known>
            <p class="hint">{t!(i18n, intake.household_known)}</p>
        </Show>
        <fieldset class="field">
            <ChoiceField
                disabled=Signal::derive(known)
                name="place"
                value=Signal::derive(move || draft.with(|d| d.household.place.clone()))
                on_change=move |v| draft.update(|d| d.household.place = v)
                choices
                error=error_at(errors, "place")
            >
                {t!(i18n, intake.place)}
            </ChoiceField>
            <TextField
                name="address"
                value=Signal::derive(move || draft.with(|d| d.household.address.clone()))
                on_input=move |v| draft.update(|d| d.household.address = v)
                error=error_at(errors, "address")
            >
                {t!(i18n, intake.address)}
            </TextField>
            <h2>{t!(i18n, intake.members)}</h2>
            {move || error_at(errors, "members").get().map(|e| view! { <p class="field-error">{e}</p> })}
            <For
                each=move || draft.with(|d| (0..d.household.members.len()).collect::<Vec<_>>())
                key=|i| *i
                children=move |index| view! { <MemberCard draft errors index/> }
            />
            <button type="button" class="secondary" on:click=add_member>
                {t!(i18n, intake.add_member)}
            </button>
        </fieldset>
    }
}
