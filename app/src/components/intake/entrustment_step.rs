//! Step 3: who entrusts the helper, how, and their signature on the screen (unless by phone
//! or online, where it comes before the application goes to the window).

use leptos::prelude::*;

use crate::components::form::{ChoiceField, error_at};
use crate::components::media::SignaturePad;
use crate::forms::FormError;
use crate::forms::entrustment::{CHANNELS, channel};
use crate::forms::intake::IntakeDraft;
use crate::i18n::{t, t_string, use_i18n};

/// Entrusting member, channel, signature.
#[component]
pub fn EntrustmentStep(
    draft: RwSignal<IntakeDraft>,
    errors: RwSignal<Vec<FormError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let known = move || draft.with(|d| d.known_entrustment);
    let members = Signal::derive(move || {
        let mut c = vec![(String::new(), t_string!(i18n, intake.choose).to_owned())];
        draft.with(|d| {
            c.extend(
                d.household
                    .members
                    .iter()
                    .filter(|m| !m.name.trim().is_empty())
                    .map(|m| (m.id.clone(), m.name.clone())),
            )
        });
        c
    });
    let signature = RwSignal::new(draft.with_untracked(|d| d.entrustment.signature.clone()));
    Effect::new(move |_| {
        let s = signature.get();
        // Written only when it changed: every write of the draft is seen by the whole form.
        if draft.with_untracked(|d| d.entrustment.signature != s) {
            draft.update(|d| d.entrustment.signature = s);
        }
    });
    let remote = move || draft.with(|d| channel(&d.entrustment.channel).is_remote());
    let channel_label = move |code: &str| match code {
        "visit" => t_string!(i18n, intake.ch_visit),
        "phone" => t_string!(i18n, intake.ch_phone),
        "online" => t_string!(i18n, intake.ch_online),
        _ => t_string!(i18n, intake.ch_in_person),
    };
    view! {
        <Show when=known>
            <p class="hint">{t!(i18n, intake.known_entrustment)}</p>
        </Show>
        <fieldset class="field" disabled=known>
            <ChoiceField
                name="entrusting_member"
                value=Signal::derive(move || draft.with(|d| d.entrustment.member.clone()))
                on_change=move |v| draft.update(|d| d.entrustment.member = v)
                choices=members
                error=error_at(errors, "entrustment.member")
            >
                {t!(i18n, intake.entrusting_member)}
            </ChoiceField>
            <fieldset class="field">
                <legend>{t!(i18n, intake.channel)}</legend>
                <div class="segmented wrap">
                    {CHANNELS.into_iter().map(|(code, _)| view! {
                        <button
                            type="button"
                            aria-pressed=move || draft.with(|d| (d.entrustment.channel == code).to_string())
                            on:click=move |_| draft.update(|d| d.entrustment.channel = code.to_owned())
                        >
                            {channel_label(code)}
                        </button>
                    }).collect_view()}
                </div>
            </fieldset>
            <Show when=remote>
                <p class="hint">{t!(i18n, intake.remote_hint)}</p>
            </Show>
            <SignaturePad signature label=t_string!(i18n, intake.signature)/>
            {move || error_at(errors, "entrustment.signature").get().map(|e| view! { <p class="field-error">{e}</p> })}
        </fieldset>
    }
}
