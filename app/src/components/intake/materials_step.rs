//! Step 6: the materials checklist. Each line is photographed with the camera or marked as
//! not at hand; the adults' verification authorization is the previous step's.

use leptos::prelude::*;

use crate::components::catalogue::catalogue;
use crate::components::form::error_at;
use crate::components::media::PhotoInput;
use crate::forms::FormError;
use crate::forms::intake::IntakeDraft;
use crate::forms::intake::materials::material_name;
use crate::i18n::{t, t_string, use_i18n};

/// Photos a material line holds at most.
const PHOTOS_PER_MATERIAL: usize = 10;

/// The checklist, built from the items and the household when the step opens.
#[component]
pub fn MaterialsStep(
    draft: RwSignal<IntakeDraft>,
    errors: RwSignal<Vec<FormError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The authorization lines are the authorization step's: not listed here.
    let done = move || {
        draft.with(|d| {
            d.materials
                .iter()
                .filter(|l| !l.is_signed_on_screen() && l.done())
                .count()
        })
    };
    let total = move || {
        draft.with(|d| {
            d.materials
                .iter()
                .filter(|l| !l.is_signed_on_screen())
                .count()
        })
    };
    view! {
        <p class="hint">{t!(i18n, intake.materials_intro)}</p>
        <Show
            when=move || { total() > 0 }
            fallback=move || view! { <p class="empty">{t!(i18n, intake.materials_empty)}</p> }
        >
            <p class="hint" data-testid="materials-done">
                {t!(i18n, intake.lines_done)} " " {done} " / " {total}
            </p>
            <ol class="materials" data-testid="materials">
                // Keyed by line, so a photo or a keystroke never rebuilds a line.
                <For
                    each=move || draft.with(|d| {
                        d.materials
                            .iter()
                            .enumerate()
                            .filter(|(_, l)| !l.is_signed_on_screen())
                            .map(|(i, l)| (i, l.material.clone(), l.member.clone()))
                            .collect::<Vec<_>>()
                    })
                    key=|line| line.clone()
                    children=move |(index, _, _)| view! { <MaterialLine draft errors index/> }
                />
            </ol>
        </Show>
    }
}

#[component]
fn MaterialLine(
    draft: RwSignal<IntakeDraft>,
    errors: RwSignal<Vec<FormError>>,
    index: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let line = draft
        .with_untracked(|d| d.materials.get(index).cloned())
        .unwrap_or_default();
    let name = material_name(catalogue(), &line.material);
    let whose = draft.with_untracked(|d| {
        d.household
            .members
            .iter()
            .find(|m| m.id == line.member)
            .map(|m| domain::identity::mask_name(&m.name))
    });
    let photos = RwSignal::new(line.photos.clone());
    // The line's controls keep their own signals; every change goes into the draft.
    Effect::new(move |_| {
        let p = photos.get();
        let changed =
            draft.with_untracked(|d| d.materials.get(index).is_some_and(|l| l.photos != p));
        if changed {
            draft.update(|d| {
                if let Some(l) = d.materials.get_mut(index) {
                    l.photos = p;
                }
            });
        }
    });
    let missing = move || draft.with(|d| d.materials.get(index).is_some_and(|l| l.missing));
    let set_missing = move |ev| {
        let on = event_target_checked(&ev);
        draft.update(|d| {
            if let Some(l) = d.materials.get_mut(index) {
                l.missing = on;
            }
        })
    };
    let label = format!(
        "{name}（{}）",
        whose
            .clone()
            .unwrap_or_else(|| t_string!(i18n, intake.household_material).to_owned())
    );
    let error = error_at(errors, format!("materials[{index}]"));
    view! {
        <li class="material-line" data-material=line.material.clone() data-done=move || {
            draft.with(|d| d.materials.get(index).is_some_and(|l| l.done())).to_string()
        }>
            <h3>{label.clone()}</h3>
            <Show when=move || !missing()>
                {
                    let label = label.clone();
                    view! { <PhotoInput photos label max=PHOTOS_PER_MATERIAL/> }
                }
            </Show>
            <label class="check">
                <input type="checkbox" name="missing" prop:checked=missing on:change=set_missing/>
                {t!(i18n, intake.missing)}
            </label>
            {move || error.get().map(|e| view! { <p class="field-error">{e}</p> })}
        </li>
    }
}
