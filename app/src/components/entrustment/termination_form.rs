//! Terminating an entrustment (终止帮办代办): the cause, the reason, every material handed
//! back, and the resident's signature acknowledging both.

use domain::fieldwork::EntrustmentRecord;
use domain::sync::RecordKind;
use leptos::prelude::*;

use crate::components::form::{TextField, error_at};
use crate::components::media::SignaturePad;
use crate::contexts::use_field_sync;
use crate::forms::FormError;
use crate::forms::entrustment::{ReturnedDraft, TerminationDraft};
use crate::i18n::{t, t_string, use_i18n};
use crate::phone::{self, Changes};

/// The form under an active entrustment; `on_done` after it is saved.
#[component]
pub fn TerminationForm(
    record: EntrustmentRecord,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let open = RwSignal::new(false);
    let draft = RwSignal::new(TerminationDraft::default());
    let signature = RwSignal::new(None::<String>);
    let errors = RwSignal::new(Vec::<FormError>::new());
    let done = RwSignal::new(false);
    // A termination begun and not confirmed is kept, opened again after a reload.
    let kept_at = StoredValue::new(format!("draft:termination:{}", record.id.0));
    let record = StoredValue::new(record);
    let loaded = RwSignal::new(false);
    Effect::new(move |_| {
        let key = kept_at.get_value();
        leptos::task::spawn_local(async move {
            if let Some(kept) = phone::draft_at::<TerminationDraft>(&key).await {
                signature.set(kept.signature.clone());
                draft.set(kept);
                open.set(true);
            }
            loaded.set(true);
        });
    });
    Effect::new(move |_| {
        let mut d = draft.get();
        d.signature = signature.get();
        if open.get() && loaded.get_untracked() && !done.get_untracked() {
            let key = kept_at.get_value();
            leptos::task::spawn_local(async move { phone::keep_draft_at(&key, &d).await });
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut d = draft.get_untracked();
        d.signature = signature.get_untracked();
        let ended = match d.terminate(&record.get_value(), phone::now()) {
            Ok(r) => r,
            Err(found) => return errors.set(found),
        };
        errors.set(Vec::new());
        let mut changes = Changes::new();
        changes.save_record(RecordKind::Entrustment, ended.id.0, &ended);
        if let Some(t) = &ended.termination {
            changes.attach(RecordKind::Entrustment, ended.id.0, t.signature.as_str());
        }
        let kept_at = kept_at.get_value();
        leptos::task::spawn_local(async move {
            match phone::save_changes(sync, changes).await {
                Ok(()) => {
                    done.set(true);
                    phone::drop_draft_at(&kept_at).await;
                    on_done.run(());
                }
                Err(m) => errors.set(vec![FormError::at("", m)]),
            }
        });
    };
    let returned = move |i: usize, f: fn(&mut ReturnedDraft, String)| {
        Callback::new(move |v: String| {
            draft.update(|d| {
                if let Some(r) = d.returned.get_mut(i) {
                    f(r, v)
                }
            })
        })
    };
    view! {
        <Show when=move || !open.get() && !done.get()>
            <button type="button" class="secondary" on:click=move |_| open.set(true)>{t!(i18n, entrust.terminate)}</button>
        </Show>
        <Show when=move || open.get() && !done.get()>
            <form class="card form" on:submit=submit novalidate data-testid="termination">
                <h2>{t!(i18n, entrust.terminate)}</h2>
                <p class="hint">{t!(i18n, entrust.terminate_intro)}</p>
                <fieldset class="field">
                    <legend>{t!(i18n, entrust.cause)}</legend>
                    <div class="segmented wrap">
                        {[("resident_request", true), ("matter_ended", false)].into_iter().map(|(code, resident)| view! {
                            <button type="button"
                                aria-pressed=move || draft.with(|d| (d.cause == code).to_string())
                                on:click=move |_| draft.update(|d| d.cause = code.to_owned())>
                                {move || if resident { t_string!(i18n, entrust.cause_resident) } else { t_string!(i18n, entrust.cause_matter) }}
                            </button>
                        }).collect_view()}
                    </div>
                </fieldset>
                <TextField name="termination_reason" rows=3
                    value=Signal::derive(move || draft.with(|d| d.reason.clone()))
                    on_input=move |v| draft.update(|d| d.reason = v)
                    error=error_at(errors, "termination.reason")>
                    {t!(i18n, entrust.reason)}
                </TextField>
                <fieldset class="field">
                    <legend>{t!(i18n, entrust.returned)}</legend>
                    <For
                        each=move || draft.with(|d| (0..d.returned.len()).collect::<Vec<_>>())
                        key=|i| *i
                        children=move |i| view! {
                            <div class="returned-line">
                                <TextField name="returned_name"
                                    value=Signal::derive(move || draft.with(|d| d.returned.get(i).map(|r| r.name.clone()).unwrap_or_default()))
                                    on_input=returned(i, |r, v| r.name = v)
                                    error=error_at(errors, format!("termination.materials_returned[{i}].name"))>
                                    {t!(i18n, entrust.material_name)}
                                </TextField>
                                <TextField name="returned_count" inputmode="numeric"
                                    value=Signal::derive(move || draft.with(|d| d.returned.get(i).map(|r| r.count.clone()).unwrap_or_default()))
                                    on_input=returned(i, |r, v| r.count = v)
                                    error=error_at(errors, format!("termination.materials_returned[{i}].count"))>
                                    {t!(i18n, entrust.count)}
                                </TextField>
                            </div>
                        }
                    />
                    <button type="button" class="secondary"
                        on:click=move |_| draft.update(|d| d.returned.push(ReturnedDraft { name: String::new(), count: "1".to_owned() }))>
                        {t!(i18n, entrust.add_returned)}
                    </button>
                    {move || error_at(errors, "termination.materials_returned").get().map(|e| view! { <span class="field-error">{e}</span> })}
                </fieldset>
                <SignaturePad signature label=t_string!(i18n, entrust.termination_signature)/>
                <Show when=move || !errors.with(Vec::is_empty)>
                    <ul class="error" role="alert">
                        {move || errors.get().into_iter().map(|e| view! { <li>{e.message}</li> }).collect_view()}
                    </ul>
                </Show>
                <button type="submit">{t!(i18n, entrust.confirm_terminate)}</button>
            </form>
        </Show>
    }
}
