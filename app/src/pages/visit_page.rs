//! Household visit (入户调查 / 走访): the helper records what they saw, the checklist, photos,
//! the resident's signature and, with consent, the location, offline if need be. The form
//! keeps a draft on every change (photos included: they are on the phone already); saving
//! puts the visit, its change and its photos' upload links in the phone's outbox in one
//! transaction, and the upload engine sends the photos once the township has the visit.

use domain::fieldwork::Visit;
use domain::sync::RecordKind;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

use crate::components::fieldwork::WithAccount;
use crate::components::media::{PhotoInput, SignaturePad};
use crate::components::visit::{ChecklistFields, LocationField, VisitFields};
use crate::contexts::use_field_sync;
use crate::forms::FormError;
use crate::forms::visit::{HouseholdChoice, VISIT_DRAFT, VisitDraft};
use crate::i18n::{t, t_string, use_i18n};
use crate::{media, phone};

/// The form; `?id=` opens a stored visit (to fix one the server refused), `?household=`
/// preselects the household.
#[component]
pub fn VisitPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let query = use_query_map();
    let offset = phone::utc_offset();
    let draft = RwSignal::new(VisitDraft::new(phone::now(), offset));
    let photos = RwSignal::new(Vec::<String>::new());
    let signature = RwSignal::new(None::<String>);
    let households = RwSignal::new(Vec::<HouseholdChoice>::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let saved = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    // The visit being fixed.
    let editing = RwSignal::new(None::<Uuid>);
    let refusal = RwSignal::new(None::<String>);

    Effect::new(move |_| {
        let (id, household) = query.with(|q| {
            let id = q.get("id").and_then(|s| Uuid::parse_str(&s).ok());
            (id, q.get("household"))
        });
        leptos::task::spawn_local(async move {
            let mut list: Vec<HouseholdChoice> = phone::records_of(RecordKind::Household)
                .await
                .into_iter()
                .map(|s| s.record)
                .collect();
            list.sort_by_cached_key(HouseholdChoice::label);
            households.try_set(list);
            if let Some(id) = id
                && let Some(stored) = phone::field_record::<Visit>(RecordKind::Visit, id).await
            {
                let signed = signature_of(&stored.record).await;
                draft.try_set(VisitDraft::from_visit(
                    &stored.record,
                    offset,
                    signed.as_deref(),
                ));
                editing.try_set(Some(id));
                refusal.try_set(stored.message);
            } else if let Some(kept) = phone::draft::<VisitDraft>(VISIT_DRAFT).await {
                draft.try_set(kept);
            }
            // A link from a household opens a visit to it, unless a draft for another waits.
            if let Some(h) = household {
                draft.try_update(|d| {
                    if d.household.is_empty() {
                        d.household = h;
                    }
                });
            }
            if let Some(d) = draft.try_get_untracked() {
                photos.try_set(d.photos);
                signature.try_set(d.signature);
            }
            loaded.try_set(true);
        });
    });
    // Photos and signature are part of the draft.
    Effect::new(move |_| {
        let p = photos.get();
        if loaded.get_untracked() {
            draft.update(|d| d.photos = p);
        }
    });
    Effect::new(move |_| {
        let s = signature.get();
        if loaded.get_untracked() {
            draft.update(|d| d.signature = s);
        }
    });
    // Every change of a new visit is kept, so a reload or a dead battery loses nothing.
    Effect::new(move |_| {
        let d = draft.get();
        if loaded.get_untracked() && editing.get_untracked().is_none() {
            leptos::task::spawn_local(async move { phone::keep_draft(VISIT_DRAFT, &d).await });
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let Some(account) = sync.account.get_untracked() else {
            return;
        };
        let now = phone::now();
        let id = editing.get_untracked().unwrap_or_else(phone::new_id);
        let visit = match draft.get_untracked().to_visit(id, &account, offset, now) {
            Ok(v) => v,
            Err(found) => {
                errors.set(found);
                return;
            }
        };
        errors.set(Vec::new());
        leptos::task::spawn_local(async move {
            let mut changes = phone::Changes::new();
            changes.save_record(RecordKind::Visit, id, &visit);
            for sha in media::kept_here(visit.photos.iter().map(|p| p.as_str())).await {
                changes.attach(RecordKind::Visit, id, &sha);
            }
            match phone::save_changes(sync, changes).await {
                Ok(()) => {
                    phone::drop_draft(VISIT_DRAFT).await;
                    editing.try_set(None);
                    refusal.try_set(None);
                    photos.try_set(Vec::new());
                    signature.try_set(None);
                    draft.try_set(VisitDraft::new(phone::now(), offset));
                    saved.try_set(true);
                }
                Err(message) => {
                    errors.try_set(vec![FormError {
                        path: String::new(),
                        message,
                    }]);
                }
            }
        });
    };

    view! {
        <h1>{t!(i18n, visit.title)}</h1>
        <WithAccount>
            <Show when=move || saved.get()>
                <p class="card saved" role="status">
                    {t!(i18n, visit.saved)} " " <A href="/sync">{t!(i18n, visit.see_sync)}</A>
                </p>
            </Show>
            {move || refusal.get().map(|m| view! {
                <p class="card error">{t!(i18n, visit.refused_because)} " " {m}</p>
            })}
            <form class="card form" on:submit=submit novalidate>
                <VisitFields draft errors households/>
                <ChecklistFields draft errors/>
                <PhotoInput photos label=move || t_string!(i18n, visit.photos)/>
                <SignaturePad signature label=move || t_string!(i18n, visit.signature)/>
                <LocationField draft errors/>
                <Show when=move || !errors.get().is_empty()>
                    <ul class="error" role="alert">
                        {move || errors.get().into_iter().map(|e| view! { <li>{e.message}</li> }).collect_view()}
                    </ul>
                </Show>
                <button type="submit">{t!(i18n, visit.save)}</button>
                <p class="hint">{t!(i18n, visit.offline_hint)}</p>
            </form>
        </WithAccount>
    }
}

/// The attachment of a stored visit that is the resident's signature: signatures are PNGs,
/// photos JPEGs.
async fn signature_of(visit: &Visit) -> Option<String> {
    for p in visit.photos.iter().rev() {
        if media::media_type(p.as_str()).await.as_deref() == Some("image/png") {
            return Some(p.to_string());
        }
    }
    None
}
