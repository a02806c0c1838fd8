//! Certifying eligibility for a household (待遇资格认证, issue 20 point 8), by the village's
//! helper for a recipient who cannot do it on their own phone: the household (those the
//! domain's rule says are due), nothing changed or what changed, a live photo of the
//! recipient from the front camera and, only with their consent, the location. Works offline:
//! the draft is kept on every change, and saving puts the certification and its photo's
//! upload link in the outbox in one transaction, pushed like every field record.
//! `?household=<id>` picks the household (from the task list).

use domain::household::Household;
use domain::sync::RecordKind;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::components::fieldwork::WithAccount;
use crate::components::form::{self, TextField};
use crate::components::media::PhotoInput;
use crate::components::visit::LocationField;
use crate::contexts::use_field_sync;
use crate::forms::FormError;
use crate::forms::certify::{CERTIFY_DRAFT, CertifyDraft};
use crate::helper_view::{self, CertifyRow};
use crate::i18n::{Locale, t, t_string, use_i18n};
use crate::{media, phone};

/// The form.
#[component]
pub fn CertifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let query = use_query_map();
    let draft = RwSignal::new(CertifyDraft::default());
    let photos = RwSignal::new(Vec::<String>::new());
    let due = RwSignal::new(Vec::<CertifyRow>::new());
    let households = RwSignal::new(Vec::<Household>::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let saved = RwSignal::new(false);
    let loaded = RwSignal::new(false);

    Effect::new(move |_| {
        let household = query.with(|q| q.get("household"));
        leptos::task::spawn_local(async move {
            let records = helper_view::load().await;
            due.try_set(helper_view::certify_rows(&records, phone::today()));
            households.try_set(records.households);
            let mut d = phone::draft::<CertifyDraft>(CERTIFY_DRAFT)
                .await
                .unwrap_or_default();
            // A link from the task list opens that household, unless a draft for another waits.
            if let Some(h) = household.filter(|_| d.household.is_empty()) {
                d.household = h;
            }
            photos.try_set(d.photos.clone());
            draft.try_set(d);
            loaded.try_set(true);
        });
    });
    Effect::new(move |_| {
        let p = photos.get();
        if loaded.get_untracked() {
            // The live photo: the last one taken counts.
            draft.update(|d| d.photos = p.last().cloned().into_iter().collect());
        }
    });
    // Every change is kept, so a reload or a dead battery loses nothing.
    Effect::new(move |_| {
        let d = draft.get();
        if loaded.get_untracked() {
            leptos::task::spawn_local(async move { phone::keep_draft(CERTIFY_DRAFT, &d).await });
        }
    });
    let english = move || i18n.get_locale_untracked() == Locale::en;
    let recipient = move || {
        let id = draft.with(|d| d.household.clone());
        households.with(|all| {
            all.iter()
                .find(|h| h.id.0.to_string() == id)
                .and_then(domain::certification_due::recipient_of)
                .map(|m| m.name.masked())
        })
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let Some(account) = sync.account.get_untracked() else {
            return;
        };
        let id = phone::new_id();
        let d = draft.get_untracked();
        let made = households.with_untracked(|all| {
            let chosen = all
                .iter()
                .find(|h| h.id.0.to_string() == d.household.trim());
            d.to_record(id, &account, chosen, phone::now())
        });
        let record = match made {
            Ok(r) => r,
            Err(found) => {
                errors.set(found.iter().map(|p| p.at_field(english())).collect());
                return;
            }
        };
        errors.set(Vec::new());
        leptos::task::spawn_local(async move {
            let mut changes = phone::Changes::new();
            changes.save_record(RecordKind::Certification, id, &record);
            let photo = record.photo.iter().map(|p| p.as_str());
            for sha in media::kept_here(photo).await {
                changes.attach(RecordKind::Certification, id, &sha);
            }
            match phone::save_changes(sync, changes).await {
                Ok(()) => {
                    phone::drop_draft(CERTIFY_DRAFT).await;
                    let left = due.with_untracked(|rows| {
                        rows.iter()
                            .filter(|r| r.household != record.household)
                            .cloned()
                            .collect::<Vec<_>>()
                    });
                    due.try_set(left);
                    photos.try_set(Vec::new());
                    draft.try_set(CertifyDraft::default());
                    saved.try_set(true);
                }
                Err(message) => {
                    errors.try_set(vec![FormError::at("form", message)]);
                }
            }
        });
    };

    view! {
        <h1>{t!(i18n, certify.title)}</h1>
        <WithAccount>
            <Show when=move || saved.get()>
                <p class="card saved" role="status" data-testid="certify-saved">
                    {t!(i18n, certify.saved)} " " <A href="/sync">{t!(i18n, visit.see_sync)}</A>
                </p>
            </Show>
            <p class="hint">{t!(i18n, certify.intro)}</p>
            <form class="card form" on:submit=submit novalidate>
                <label class="field">
                    <span>{t!(i18n, certify.household)}</span>
                    <select
                        name="household"
                        prop:value=move || draft.with(|d| d.household.clone())
                        on:change=move |ev| draft.update(|d| d.household = event_target_value(&ev))
                    >
                        <option value="" selected=move || draft.with(|d| d.household.is_empty())>
                            {t!(i18n, visit.choose_household)}
                        </option>
                        {move || due.get().into_iter().map(|row| {
                            let id = row.household.to_string();
                            let value = id.clone();
                            view! {
                                <option value=value selected=move || draft.with(|d| d.household == id)>
                                    {row.label}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                    <Show when=move || loaded.get() && due.with(Vec::is_empty)>
                        <span class="hint" data-testid="none-due">{t!(i18n, certify.none_due)}</span>
                    </Show>
                    <FieldError errors path="household"/>
                </label>
                {move || recipient().map(|who| view! {
                    <p data-testid="recipient">{t!(i18n, certify.recipient)} " " {who}</p>
                })}
                <fieldset class="field">
                    <legend>{t!(i18n, certify.situation)}</legend>
                    <label class="choice">
                        <input type="radio" name="changed" value="no"
                            prop:checked=move || draft.with(|d| !d.changed)
                            on:change=move |_| draft.update(|d| d.changed = false)/>
                        {t!(i18n, certify.unchanged)}
                    </label>
                    <label class="choice">
                        <input type="radio" name="changed" value="yes"
                            prop:checked=move || draft.with(|d| d.changed)
                            on:change=move |_| draft.update(|d| d.changed = true)/>
                        {t!(i18n, certify.changed)}
                    </label>
                </fieldset>
                <Show when=move || draft.with(|d| d.changed)>
                    <TextField name="description" rows=4
                        value=Signal::derive(move || draft.with(|d| d.description.clone()))
                        on_input=move |v| draft.update(|d| d.description = v)
                        error=form::error_at(errors, "description")>
                        {t!(i18n, certify.description)}
                    </TextField>
                </Show>
                <PhotoInput photos max=1 capture="user" live=true
                    label=move || t_string!(i18n, certify.photo)/>
                <FieldError errors path="photo"/>
                <LocationField draft errors consent=move || t_string!(i18n, certify.consent)/>
                <FieldError errors path="consent"/>
                <FieldError errors path="form"/>
                <button type="submit">{t!(i18n, certify.save)}</button>
                <p class="hint">{t!(i18n, certify.offline_hint)}</p>
            </form>
        </WithAccount>
    }
}

/// The error at `path`, under its field.
#[component]
fn FieldError(errors: RwSignal<Vec<FormError>>, path: &'static str) -> impl IntoView {
    let message = form::error_at(errors, path);
    move || {
        message
            .get()
            .map(|m| view! { <span class="field-error" role="alert">{m}</span> })
    }
}
