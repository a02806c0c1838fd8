//! The location of a visit or a certification: asked for only once the person has agreed (a
//! location is personal data), through the phone's GPS, which works without a network.

use domain::fieldwork::Location;
use leptos::prelude::*;

use super::error_at;
use crate::forms::FormError;
use crate::forms::location::Locatable;
use crate::i18n::{t, t_string, use_i18n};
use crate::media::{self, LocateError};

/// How long the GPS may take: a cold fix outdoors takes tens of seconds.
const LOCATE_TIMEOUT_MS: u32 = 30_000;

/// The consent checkbox (`consent` its words; the visit's by default); with consent, the
/// position and "locate again".
#[component]
pub fn LocationField<D>(
    draft: RwSignal<D>,
    errors: RwSignal<Vec<FormError>>,
    #[prop(optional, into)] consent: Option<TextProp>,
) -> impl IntoView
where
    D: Locatable + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let consent_text = move || match &consent {
        Some(c) => c.get().to_string(),
        None => t_string!(i18n, visit.consent).to_owned(),
    };
    let locating = RwSignal::new(false);
    let failed = RwSignal::new(None::<LocateError>);
    let locate = move || {
        locating.set(true);
        failed.set(None);
        leptos::task::spawn_local(async move {
            let found = media::locate(LOCATE_TIMEOUT_MS).await;
            locating.try_set(false);
            // Consent withdrawn while the GPS searched: the answer is dropped.
            if draft.try_with_untracked(|d| d.location_consent()) != Some(true) {
                return;
            }
            match found {
                Ok((lat, lon)) => {
                    draft.try_update(|d| d.set_location(Location::from_degrees(lat, lon)));
                }
                Err(e) => {
                    failed.try_set(Some(e));
                }
            }
        });
    };
    let agree = move |ev: leptos::ev::Event| {
        let yes = event_target_checked(&ev);
        draft.update(|d| d.set_consent(yes));
        failed.set(None);
        if yes && draft.with_untracked(|d| d.location().is_none()) {
            locate();
        }
    };
    let failure = move || {
        failed.get().map(|e| match e {
            LocateError::Denied => t_string!(i18n, visit.locate_denied),
            LocateError::Unavailable => t_string!(i18n, visit.locate_unavailable),
            LocateError::Timeout => t_string!(i18n, visit.locate_timeout),
        })
    };
    view! {
        <fieldset class="field location">
            <legend>{t!(i18n, visit.location)}</legend>
            <label class="choice">
                <input
                    type="checkbox"
                    name="location_consent"
                    prop:checked=move || draft.with(|d| d.location_consent())
                    on:change=agree
                />
                {consent_text}
            </label>
            <Show when=move || draft.with(|d| d.location_consent())>
                <Show when=move || locating.get()>
                    <p class="hint" role="status">{t!(i18n, visit.locating)}</p>
                </Show>
                {move || draft.with(|d| d.location()).map(|l| view! {
                    <p class="saved" data-testid="location">
                        {t!(i18n, visit.located)} " "
                        {format!("{:.5}, {:.5}", l.latitude(), l.longitude())}
                    </p>
                })}
                {move || failure().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                <button
                    type="button"
                    class="secondary"
                    disabled=move || locating.get()
                    on:click=move |_| locate()
                >
                    {t!(i18n, visit.locate_again)}
                </button>
            </Show>
            {error_at(errors, "location")}
        </fieldset>
    }
}
