//! `/supplement?case=<id>`: the helper answers the window's one notice (补正告知) for a case
//! they entrusted, from the task 补交材料 — a photo of each material the notice asks for (per
//! member where the material is per member, and one the checklist never listed but the case
//! requires now, from the case's items and household on the phone), nothing else; what must be
//! done in person (the verification authorization) is said, not asked. Works offline: the photos are kept as a
//! draft on every change, and saving puts the checklist, its photos' upload links and, once
//! everything asked has a photo, the case's resubmission in the outbox in one transaction.

use domain::catalogue::{MaterialCode, RequiredMaterial};
use domain::fieldwork::supplement::Asked;
use domain::fieldwork::{MaterialsRecord, required_for};
use domain::household::Household;
use domain::sync::{CaseRecord, RecordKind};
use domain::workflow::Command;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::components::catalogue::catalogue;
use crate::components::fieldwork::WithAccount;
use crate::components::media::PhotoInput;
use crate::contexts::use_field_sync;
use crate::forms::FormError;
use crate::forms::intake::materials::material_name;
use crate::forms::supplement::{SupplementDraft, draft_key, open_notice, plan};
use crate::i18n::{t, use_i18n};
use crate::{media, phone};

/// The case and what its notice asks, as the phone holds them.
#[derive(Clone)]
struct Loaded {
    record: CaseRecord,
    checklist: MaterialsRecord,
    household: Option<Household>,
    /// What the case requires now (its items, its household today): a material the notice
    /// lists that the checklist never did is asked by photo too. Empty without the household.
    required: Vec<RequiredMaterial>,
}

/// One material to photograph: its field, its label, and the photos taken of it.
#[derive(Clone)]
struct Row {
    field: String,
    label: String,
    photos: RwSignal<Vec<String>>,
}

/// Reads the case and its checklist; a message when the phone lacks either.
async fn load(case: Option<uuid::Uuid>) -> Result<Loaded, String> {
    let id = case.ok_or_else(|| "地址中的案件编号有误".to_owned())?;
    let record = phone::field_record::<CaseRecord>(RecordKind::Case, id)
        .await
        .ok_or_else(|| "本设备上没有这个案件：请先同步。".to_owned())?
        .record;
    let checklist = phone::field_record::<MaterialsRecord>(RecordKind::Materials, id)
        .await
        .ok_or_else(|| "本设备上没有这个案件的材料清单：请先同步。".to_owned())?
        .record;
    let household = phone::field_record::<Household>(RecordKind::Household, record.household.0)
        .await
        .map(|s| s.record);
    let required = household.as_ref().map_or_else(Vec::new, |h| {
        required_for(
            catalogue(),
            record.case.requested_items(),
            h,
            phone::today(),
        )
    });
    Ok(Loaded {
        record,
        checklist,
        household,
        required,
    })
}

/// The label of an asked entry: the material's name, and whose when per member (masked).
fn label_of(a: &Asked, household: Option<&Household>) -> String {
    let name = material_name(catalogue(), a.material.as_str());
    let whose = a.member.and_then(|m| {
        household
            .and_then(|h| h.members.iter().find(|x| x.id == m))
            .map(|x| x.name.masked())
    });
    match whose {
        Some(who) => format!("{name}（{who}）"),
        None => name,
    }
}

/// The page.
#[component]
pub fn SupplementPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let query = use_query_map();
    let loaded = RwSignal::new(None::<Result<Loaded, String>>);
    let draft = RwSignal::new(SupplementDraft::default());
    let rows = RwSignal::new(Vec::<Row>::new());
    let in_person = RwSignal::new(Vec::<MaterialCode>::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let saved = RwSignal::new(None::<bool>);

    Effect::new(move |_| {
        let case = query.with(|q| q.get("case"));
        leptos::task::spawn_local(async move {
            let id = case.as_deref().and_then(|c| uuid::Uuid::parse_str(c).ok());
            let found = load(id).await;
            let key = draft_key(case.as_deref().unwrap_or_default());
            let mut d = phone::draft_at::<SupplementDraft>(&key)
                .await
                .unwrap_or_default();
            d.case = case.unwrap_or_default();
            if let Ok(l) = &found
                && let Some(sheet) = open_notice(&l.record, &l.checklist, &l.required)
            {
                let made = sheet
                    .asked
                    .iter()
                    .filter(|a| !a.done)
                    .map(|a| Row {
                        field: a.field(),
                        label: label_of(a, l.household.as_ref()),
                        photos: RwSignal::new(
                            d.photos.get(&a.field()).cloned().unwrap_or_default(),
                        ),
                    })
                    .collect();
                rows.try_set(made);
                in_person.try_set(sheet.in_person);
            }
            draft.try_set(d);
            loaded.try_set(Some(found));
        });
    });
    // Every photo taken goes into the draft, kept at once: a reload or a dead battery loses
    // nothing.
    Effect::new(move |_| {
        let taken: Vec<(String, Vec<String>)> = rows.with(|rows| {
            rows.iter()
                .map(|r| (r.field.clone(), r.photos.get()))
                .collect()
        });
        if loaded.with_untracked(Option::is_none) {
            return;
        }
        draft.update(|d| {
            for (field, photos) in taken {
                d.photos.insert(field, photos);
            }
        });
        let d = draft.get_untracked();
        leptos::task::spawn_local(async move {
            phone::keep_draft_at(&draft_key(&d.case), &d).await;
        });
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(None);
        let Some(Some(Ok(l))) = loaded.try_get_untracked() else {
            return;
        };
        let Some(by) = sync.account.get_untracked().as_ref().and_then(phone::actor) else {
            return;
        };
        let d = draft.get_untracked();
        let made = match plan(&d, &l.record, &l.checklist, &l.required, &by, phone::now()) {
            Ok(p) => p,
            Err(found) => {
                errors.set(found);
                return;
            }
        };
        errors.set(Vec::new());
        leptos::task::spawn_local(async move {
            let id = l.record.case.id().0;
            let mut changes = phone::Changes::new();
            changes.save_record(RecordKind::Materials, id, &made.checklist);
            let taken = d.photos.values().flatten().map(String::as_str);
            for sha in media::kept_here(taken).await {
                changes.attach(RecordKind::Materials, id, &sha);
            }
            if let Some((base, after)) = &made.resubmit {
                changes.case_command(after, *base, &Command::Resubmit, None);
            }
            match phone::save_changes(sync, changes).await {
                Ok(()) => {
                    let resubmitted = made.resubmit.is_some();
                    if resubmitted {
                        phone::drop_draft_at(&draft_key(&d.case)).await;
                    }
                    // The rows left are those still without a photo.
                    let still: Vec<String> = made.still.iter().map(Asked::field).collect();
                    rows.try_update(|rows| rows.retain(|r| still.contains(&r.field)));
                    let next = made.resubmit.map(|(_, after)| after).unwrap_or(l.record);
                    loaded.try_set(Some(Ok(Loaded {
                        record: next,
                        checklist: made.checklist,
                        household: l.household,
                        required: l.required,
                    })));
                    saved.try_set(Some(resubmitted));
                }
                Err(message) => {
                    errors.try_set(vec![FormError::at("form", message)]);
                }
            }
        });
    };

    let problem = move || loaded.with(|l| l.as_ref().and_then(|r| r.as_ref().err().cloned()));
    let waiting = move || {
        loaded.with(|l| matches!(l, Some(Ok(l)) if open_notice(&l.record, &l.checklist, &l.required).is_some()))
    };
    view! {
        <h1>{t!(i18n, supplement.title)}</h1>
        <WithAccount>
            {move || saved.get().map(|resubmitted| view! {
                <p class="card saved" role="status" data-testid="supplement-saved">
                    {if resubmitted {
                        t!(i18n, supplement.resubmitted).into_any()
                    } else {
                        t!(i18n, supplement.kept).into_any()
                    }}
                    " " <A href="/sync">{t!(i18n, visit.see_sync)}</A>
                </p>
            })}
            {move || problem().map(|p| view! { <p class="card error" role="alert">{p}</p> })}
            <Show when=move || loaded.with(|l| matches!(l, Some(Ok(_)))) && !waiting() && saved.get().is_none()>
                <p class="card" data-testid="nothing-asked">{t!(i18n, supplement.nothing)}</p>
            </Show>
            <Show when=waiting>
                <p class="hint">{t!(i18n, supplement.intro)}</p>
                <form class="card form" on:submit=submit novalidate>
                    <For each=move || rows.get() key=|r| r.field.clone() let(row)>
                        <div class="field" data-testid="asked" data-field=row.field.clone()>
                            <PhotoInput photos=row.photos max=3 label=row.label.clone()/>
                            <FieldError errors path=row.field.clone()/>
                        </div>
                    </For>
                    <Show when=move || !in_person.with(Vec::is_empty)>
                        <p class="hint" data-testid="in-person">
                            {t!(i18n, supplement.in_person)} " "
                            {move || in_person.with(|m| m.iter().map(|c| material_name(catalogue(), c.as_str())).collect::<Vec<_>>().join("、"))}
                        </p>
                    </Show>
                    <FieldError errors path="form".to_owned()/>
                    <button type="submit">{t!(i18n, supplement.save)}</button>
                    <p class="hint">{t!(i18n, supplement.offline_hint)}</p>
                </form>
            </Show>
        </WithAccount>
    }
}

/// The error at `path`, under its field.
#[component]
fn FieldError(errors: RwSignal<Vec<FormError>>, path: String) -> impl IntoView {
    move || {
        errors.with(|all| {
            all.iter().find(|e| e.path == path).map(
                |e| view! { <span class="field-error" role="alert">{e.message.clone()}</span> },
            )
        })
    }
}
