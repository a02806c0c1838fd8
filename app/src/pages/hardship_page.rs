//! Hardship report (主动发现): a grid worker reports a person in sudden difficulty, offline if
//! need be. The form keeps a draft on every change; saving puts the report and its change in
//! the phone's outbox at once, and sync takes it to the township.

use domain::fieldwork::HardshipReport;
use domain::household::Household;
use domain::sync::RecordKind;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

use crate::components::fieldwork::{HardshipFields, HardshipWhere, TemporaryAidOffer, WithAccount};
use crate::components::media::PhotoInput;
use crate::contexts::use_field_sync;
use crate::forms::FormError;
use crate::forms::hardship::HardshipDraft;
use crate::i18n::{t, t_string, use_i18n};
use crate::media;
use crate::phone::{self, HARDSHIP_DRAFT};
use crate::records::pickable_places;

/// The form; `?id=` opens a stored report (to fix one the server refused).
#[component]
pub fn HardshipPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let query = use_query_map();
    let draft = RwSignal::new(HardshipDraft::default());
    let photos = RwSignal::new(Vec::<String>::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let saved = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    // The report being fixed: its id and first time of report.
    let editing = RwSignal::new(None::<(Uuid, chrono::DateTime<chrono::Utc>)>);
    let refusal = RwSignal::new(None::<String>);
    // The report just saved, for the temporary-aid offer of an urgent one.
    let just_saved = RwSignal::new(None::<HardshipReport>);
    let places = RwSignal::new(Vec::<(String, String)>::new());
    let households = RwSignal::new(Vec::<(String, String)>::new());
    Effect::new(move |_| {
        let place = sync.account.get().map(|a| a.place);
        leptos::task::spawn_local(async move {
            let Some(place) = place else { return };
            let homes = phone::records_of::<Household>(RecordKind::Household).await;
            let codes: Vec<String> = homes
                .iter()
                .map(|h| h.record.place.as_str().to_owned())
                .collect();
            places.set(pickable_places(&phone::places(false).await, &place, &codes));
            households.set(
                homes
                    .iter()
                    .map(|h| {
                        let who = h
                            .record
                            .members
                            .first()
                            .map(|m| m.name.masked())
                            .unwrap_or_default();
                        (
                            h.record.id.to_string(),
                            format!("{who} · {}", h.record.address),
                        )
                    })
                    .collect(),
            );
        });
    });

    Effect::new(move |_| {
        let id = query
            .with(|q| q.get("id"))
            .and_then(|s| Uuid::parse_str(&s).ok());
        leptos::task::spawn_local(async move {
            if let Some(id) = id
                && let Some(stored) =
                    phone::field_record::<HardshipReport>(RecordKind::Hardship, id).await
            {
                draft.set(HardshipDraft::from_report(&stored.record));
                editing.set(Some((id, stored.record.reported_at)));
                refusal.set(stored.message);
            } else if let Some(kept) = phone::draft::<HardshipDraft>(HARDSHIP_DRAFT).await {
                draft.set(kept);
            }
            photos.set(draft.with_untracked(|d| d.photos.clone()));
            loaded.set(true);
        });
    });
    // The photos are part of the draft.
    Effect::new(move |_| {
        let p = photos.get();
        if loaded.get_untracked() {
            draft.update(|d| d.photos = p);
        }
    });
    // Every change of a new report is kept, so a reload or a dead battery loses nothing.
    Effect::new(move |_| {
        let d = draft.get();
        if loaded.get_untracked() && editing.get_untracked().is_none() {
            leptos::task::spawn_local(async move { phone::keep_draft(HARDSHIP_DRAFT, &d).await });
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let Some(account) = sync.account.get_untracked() else {
            return;
        };
        let now = phone::now();
        let (id, reported_at) = editing
            .get_untracked()
            .unwrap_or_else(|| (phone::new_id(), now));
        let report = match draft
            .get_untracked()
            .to_report(id, &account, reported_at, now)
        {
            Ok(r) => r,
            Err(found) => {
                errors.set(found);
                return;
            }
        };
        errors.set(Vec::new());
        just_saved.set(None);
        leptos::task::spawn_local(async move {
            let mut changes = phone::Changes::new();
            changes.save_record(RecordKind::Hardship, id, &report);
            for sha in media::kept_here(report.photos.iter().map(|p| p.as_str())).await {
                changes.attach(RecordKind::Hardship, id, &sha);
            }
            match phone::save_changes(sync, changes).await {
                Ok(()) => {
                    phone::drop_draft(HARDSHIP_DRAFT).await;
                    editing.set(None);
                    refusal.set(None);
                    draft.set(HardshipDraft::default());
                    photos.set(Vec::new());
                    saved.set(true);
                    just_saved.set(Some(report));
                }
                Err(message) => errors.set(vec![FormError {
                    path: String::new(),
                    message,
                }]),
            }
        });
    };

    view! {
        <h1>{t!(i18n, hardship.title)}</h1>
        <WithAccount>
            <Show when=move || saved.get()>
                <p class="card saved" role="status">
                    {t!(i18n, hardship.saved)} " " <A href="/sync">{t!(i18n, hardship.see_sync)}</A>
                </p>
            </Show>
            {move || {
                just_saved
                    .get()
                    .filter(|r| r.household.is_some() && r.may_start_temporary_aid())
                    .map(|report| view! { <TemporaryAidOffer report/> })
            }}
            {move || refusal.get().map(|m| view! {
                <p class="card error">{t!(i18n, hardship.refused_because)} " " {m}</p>
            })}
            <form class="card form" on:submit=submit novalidate>
                <HardshipFields draft errors/>
                <HardshipWhere draft places households/>
                <PhotoInput photos label=move || t_string!(i18n, hardship.photos)/>
                <Show when=move || !errors.get().is_empty()>
                    <ul class="error" role="alert">
                        {move || errors.get().into_iter().map(|e| view! { <li>{e.message}</li> }).collect_view()}
                    </ul>
                </Show>
                <button type="submit">{t!(i18n, hardship.save)}</button>
                <p class="hint">{t!(i18n, hardship.offline_hint)}</p>
            </form>
        </WithAccount>
    }
}
