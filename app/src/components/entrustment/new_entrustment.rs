//! Recording a new entrustment for a household on the phone: who entrusts, which items, how,
//! and the resident's signature (later, for one by phone or online).

use domain::household::Household;
use domain::sync::RecordKind;
use leptos::prelude::*;
use leptos_router::components::A;
use serde::{Deserialize, Serialize};

use crate::components::catalogue::catalogue;
use crate::components::form::{ChoiceField, ItemChecklist, PrimaryChoice, error_at, toggled};
use crate::components::media::SignaturePad;
use crate::contexts::use_field_sync;
use crate::forms::FormError;
use crate::forms::entrustment::{CHANNELS, EntrustmentDraft};
use crate::i18n::{t, t_string, use_i18n};
use crate::phone::{self, Changes};

/// Where the form is kept while it is filled in.
const DRAFT: &str = "draft:entrustment";

/// The form as kept: nothing typed (or signed) is lost on a reload.
#[derive(Clone, Serialize, Deserialize)]
struct Kept {
    household: String,
    draft: EntrustmentDraft,
}

/// The form; `household` preselects one.
#[component]
pub fn NewEntrustment(#[prop(optional)] household: String) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let households = RwSignal::new(Vec::<Household>::new());
    let preselected = household.clone();
    let chosen = RwSignal::new(household);
    let draft = RwSignal::new(EntrustmentDraft {
        id: phone::new_id().to_string(),
        channel: "in_person".to_owned(),
        ..EntrustmentDraft::default()
    });
    let signature = RwSignal::new(None::<String>);
    let errors = RwSignal::new(Vec::<FormError>::new());
    let saved = RwSignal::new(None::<String>);
    let loaded = RwSignal::new(false);
    Effect::new(move |_| {
        let preselected = preselected.clone();
        leptos::task::spawn_local(async move {
            let all = phone::records_of::<Household>(RecordKind::Household).await;
            households.set(all.into_iter().map(|s| s.record).collect());
            // A kept form comes back, unless the page was opened for another household.
            if let Some(kept) = phone::draft::<Kept>(DRAFT).await
                && (preselected.is_empty() || preselected == kept.household)
            {
                chosen.set(kept.household);
                signature.set(kept.draft.signature.clone());
                draft.set(kept.draft);
            }
            loaded.set(true);
        });
    });
    Effect::new(move |_| {
        let mut d = draft.get();
        d.signature = signature.get();
        let kept = Kept {
            household: chosen.get(),
            draft: d,
        };
        if loaded.get_untracked() && saved.get_untracked().is_none() {
            leptos::task::spawn_local(async move { phone::keep_draft(DRAFT, &kept).await });
        }
    });
    let household = move || {
        let id = chosen.get();
        households.with(|h| h.iter().find(|h| h.id.to_string() == id).cloned())
    };
    let household_choices = Signal::derive(move || {
        let mut c = vec![(
            String::new(),
            t_string!(i18n, entrust.choose_household).to_owned(),
        )];
        households.with(|all| {
            c.extend(all.iter().map(|h| {
                let who = h
                    .members
                    .first()
                    .map(|m| m.name.masked())
                    .unwrap_or_default();
                (h.id.to_string(), format!("{who} · {}", h.address))
            }))
        });
        c
    });
    let member_choices = Signal::derive(move || {
        let mut c = vec![(String::new(), t_string!(i18n, intake.choose).to_owned())];
        if let Some(h) = household() {
            c.extend(
                h.members
                    .iter()
                    .map(|m| (m.id.to_string(), m.name.expose().to_owned())),
            );
        }
        c
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(account), Some(home)) = (sync.account.get_untracked(), household()) else {
            errors.set(vec![FormError::at(
                "household",
                t_string!(i18n, entrust.choose_household).to_owned(),
            )]);
            return;
        };
        let Some(helper) = phone::actor(&account) else {
            return;
        };
        let mut d = draft.get_untracked();
        d.signature = signature.get_untracked();
        let now = phone::now();
        let record = match d.to_record(&home, helper.user, Vec::new(), now, catalogue(), now) {
            Ok(r) => r,
            Err(found) => return errors.set(found),
        };
        errors.set(Vec::new());
        let mut changes = Changes::new();
        changes.save_record(RecordKind::Entrustment, record.id.0, &record);
        if let Some(s) = &record.signature {
            changes.attach(RecordKind::Entrustment, record.id.0, s.as_str());
        }
        leptos::task::spawn_local(async move {
            match phone::save_changes(sync, changes).await {
                Ok(()) => {
                    saved.set(Some(record.id.0.to_string()));
                    phone::drop_draft(DRAFT).await;
                }
                Err(m) => errors.set(vec![FormError::at("", m)]),
            }
        });
    };
    let channel_label = move |code: &str| match code {
        "visit" => t_string!(i18n, intake.ch_visit),
        "phone" => t_string!(i18n, intake.ch_phone),
        "online" => t_string!(i18n, intake.ch_online),
        _ => t_string!(i18n, intake.ch_in_person),
    };
    view! {
        <Show
            when=move || saved.get().is_none()
            fallback=move || view! {
                <p class="card saved" role="status">{t!(i18n, entrust.saved)}</p>
                <p class="actions">
                    <A href=move || format!("/intake?entrustment={}", saved.get().unwrap_or_default()) attr:class="button">
                        {t!(i18n, intake.start)}
                    </A>
                    <A href="/entrust">{t!(i18n, entrust.list_title)}</A>
                </p>
            }
        >
            <form class="card form" on:submit=submit novalidate>
                <h2>{t!(i18n, entrust.record_new)}</h2>
                <Show when=move || households.with(Vec::is_empty)>
                    <p class="hint">{t!(i18n, entrust.no_households)}</p>
                </Show>
                <ChoiceField name="household" value=chosen on_change=move |v| chosen.set(v)
                    choices=household_choices error=error_at(errors, "household")>
                    {t!(i18n, entrust.household)}
                </ChoiceField>
                <ChoiceField name="entrusting_member"
                    value=Signal::derive(move || draft.with(|d| d.member.clone()))
                    on_change=move |v| draft.update(|d| d.member = v)
                    choices=member_choices error=error_at(errors, "member")>
                    {t!(i18n, intake.entrusting_member)}
                </ChoiceField>
                <fieldset class="field">
                    <legend>{t!(i18n, entrust.items)}</legend>
                    <ItemChecklist
                        selected=Signal::derive(move || draft.with(|d| d.items.clone()))
                        on_toggle=move |(code, on)| draft.update(|d| toggled(&mut d.items, &mut d.main_item, code, on))
                    />
                    {move || error_at(errors, "items").get().map(|e| view! { <span class="field-error">{e}</span> })}
                </fieldset>
                <Show when=move || draft.with(|d| d.items.len() > 1)>
                    <fieldset class="field">
                        <legend>{t!(i18n, intake.primary)}</legend>
                        <PrimaryChoice
                            selected=Signal::derive(move || draft.with(|d| d.items.clone()))
                            primary=Signal::derive(move || draft.with(|d| d.main_item.clone()))
                            on_choose=move |c| draft.update(|d| d.main_item = c)
                        />
                    </fieldset>
                </Show>
                <fieldset class="field">
                    <legend>{t!(i18n, intake.channel)}</legend>
                    <div class="segmented wrap">
                        {CHANNELS.into_iter().map(|(code, _)| view! {
                            <button type="button"
                                aria-pressed=move || draft.with(|d| (d.channel == code).to_string())
                                on:click=move |_| draft.update(|d| d.channel = code.to_owned())>
                                {channel_label(code)}
                            </button>
                        }).collect_view()}
                    </div>
                </fieldset>
                <SignaturePad signature label=t_string!(i18n, intake.signature)/>
                {move || error_at(errors, "signature").get().map(|e| view! { <p class="field-error">{e}</p> })}
                <Show when=move || errors.with(|e| e.iter().any(|e| e.path.is_empty()))>
                    <p class="error" role="alert">
                        {move || errors.with(|e| e.iter().find(|e| e.path.is_empty()).map(|e| e.message.clone()))}
                    </p>
                </Show>
                <button type="submit">{t!(i18n, entrust.save)}</button>
            </form>
        </Show>
    }
}
