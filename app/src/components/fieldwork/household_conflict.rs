//! A household edit the township refused. For a conflict, each field somebody else changed
//! first, with the township's value and the helper's: the helper chooses one per field and
//! sends the choice again. Refused for another reason, the edit can go again as it was.

use domain::household::Household;
use leptos::prelude::*;

use crate::contexts::use_field_sync;
use crate::forms::household_edit::{Refusal, field_name, value_text};
use crate::i18n::{Locale, t, use_i18n};
use crate::phone;

/// The choices for the household record stored under `key`; nothing when the phone kept no
/// refused edit for it.
#[component]
pub fn HouseholdConflict(key: String) -> impl IntoView {
    let found = RwSignal::new(None::<(Household, Refusal)>);
    let load_key = key.clone();
    Effect::new(move |_| {
        let key = load_key.clone();
        leptos::task::spawn_local(async move { found.set(phone::household_refusal(key).await) });
    });
    move || {
        found
            .get()
            .map(|(household, refusal)| view! { <Choices key=key.clone() household refusal/> })
    }
}

#[component]
fn Choices(key: String, household: Household, refusal: Refusal) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let en = move || i18n.get_locale() == Locale::en;
    // None until the helper has chosen for that field.
    let chosen = RwSignal::new(vec![None::<bool>; refusal.fields.len()]);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let all_chosen = move || chosen.with(|c| c.iter().all(Option::is_some));
    let send_key = key.clone();
    let send = move |_| {
        if !all_chosen() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        let keep: Vec<bool> = chosen.get_untracked().into_iter().flatten().collect();
        let key = send_key.clone();
        leptos::task::spawn_local(async move {
            if let Err(e) = phone::resend_household(sync, key, keep).await {
                error.set(Some(e));
            }
            busy.set(false);
        });
    };
    let conflict = !refusal.fields.is_empty();
    let fields = refusal
        .fields
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let household = household.clone();
            let name = format!("{key}-{i}");
            let label = {
                let (household, path) = (household.clone(), f.path.clone());
                move || field_name(&path, &household, en())
            };
            let theirs = {
                let (household, f) = (household.clone(), f.clone());
                move || value_text(&f.path, f.theirs.as_ref(), &household, en())
            };
            let yours = move || value_text(&f.path, f.yours.as_ref(), &household, en());
            let pick = move |mine: bool| move |_| chosen.update(|c| c[i] = Some(mine));
            view! {
                <li class="conflict-field" data-testid="conflict-field">
                    <strong>{label}</strong>
                    <label class="check">
                        <input type="radio" name=name.clone()
                            prop:checked=move || chosen.with(|c| c[i] == Some(false))
                            on:change=pick(false)/>
                        {t!(i18n, sync.theirs)} <span class="value">{theirs}</span>
                    </label>
                    <label class="check">
                        <input type="radio" name=name
                            prop:checked=move || chosen.with(|c| c[i] == Some(true))
                            on:change=pick(true)/>
                        {t!(i18n, sync.mine)} <span class="value">{yours}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="conflict" data-testid="household-conflict">
            {conflict.then(|| view! {
                <p>{t!(i18n, sync.conflict_intro)}</p>
                <ul class="conflict-fields">{fields}</ul>
            })}
            <button type="button" on:click=send disabled=move || !all_chosen() || busy.get()>
                {if conflict {
                    t!(i18n, sync.send_chosen).into_any()
                } else {
                    t!(i18n, sync.resend).into_any()
                }}
            </button>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}
