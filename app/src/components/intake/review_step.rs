//! Step 6: what will be saved, every problem left, and the save button.

use leptos::prelude::*;

use crate::components::catalogue::catalogue;
use crate::forms::FormError;
use crate::forms::entrustment::channel;
use crate::forms::intake::IntakeDraft;
use crate::forms::intake::materials::{material_name, missing};
use crate::i18n::{t, use_i18n};

/// A summary with names masked, whether it goes to the window now, and the errors.
#[component]
pub fn ReviewStep(
    draft: RwSignal<IntakeDraft>,
    errors: RwSignal<Vec<FormError>>,
    /// Saving is under way.
    #[prop(into)]
    busy: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let members = move || {
        draft.with(|d| {
            d.household
                .members
                .iter()
                .map(|m| domain::identity::mask_name(m.name.trim()))
                .collect::<Vec<_>>()
                .join("、")
        })
    };
    let items = move || {
        draft.with(|d| {
            d.items
                .iter()
                .map(|c| {
                    catalogue()
                        .item(&domain::catalogue::AidItemCode(c.clone()))
                        .map_or_else(|| c.clone(), |i| i.name_zh.clone())
                })
                .collect::<Vec<_>>()
                .join("、")
        })
    };
    let signed = move || draft.with(|d| d.entrustment.signature.is_some());
    let remote = move || draft.with(|d| channel(&d.entrustment.channel).is_remote());
    let missing_names = move || {
        draft.with(|d| {
            missing(&d.materials)
                .iter()
                .map(|m| material_name(catalogue(), m))
                .collect::<Vec<_>>()
                .join("、")
        })
    };
    view! {
        <p class="hint">{t!(i18n, intake.review_intro)}</p>
        <dl class="review" data-testid="review">
            <dt>{t!(i18n, intake.address)}</dt>
            <dd>{move || draft.with(|d| d.household.address.clone())}</dd>
            <dt>{t!(i18n, intake.members)}</dt>
            <dd>{members}</dd>
            <dt>{t!(i18n, intake.items)}</dt>
            <dd>{items}</dd>
        </dl>
        {move || if draft.with(|d| d.walk_in) {
            view! { <p class="card saved">{t!(i18n, intake.will_submit_walk_in)}</p> }.into_any()
        } else if signed() {
            view! { <p class="card saved">{t!(i18n, intake.will_submit)}</p> }.into_any()
        } else if remote() {
            view! { <p class="card">{t!(i18n, intake.will_wait)}</p> }.into_any()
        } else {
            ().into_any()
        }}
        <Show when=move || !missing_names().is_empty()>
            <p data-testid="missing-list">{t!(i18n, intake.missing_list)} " " {missing_names}</p>
        </Show>
        <Show when=move || !errors.with(Vec::is_empty)>
            <div class="error" role="alert">
                <p>{t!(i18n, intake.errors_title)}</p>
                <ul>
                    {move || errors.get().into_iter().map(|e| view! { <li>{e.message}</li> }).collect_view()}
                </ul>
            </div>
        </Show>
        <button type="submit" disabled=busy>{t!(i18n, intake.save)}</button>
    }
}
