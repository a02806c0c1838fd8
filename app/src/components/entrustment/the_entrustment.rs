//! One entrustment: what was entrusted, its status and linked applications; the resident's
//! late signature (which also sends the applications waiting for it to the window); the
//! start of an application; termination.

use domain::fieldwork::{AttachmentRef, EntrustmentRecord};
use domain::sync::{CaseRecord, RecordKind};
use domain::workflow::CaseState;
use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

use super::{TerminationForm, TerminationSummary, item_names};
use crate::components::media::SignaturePad;
use crate::contexts::{FieldSync, use_field_sync};
use crate::forms::intake::IntakeDraft;
use crate::forms::intake::case::{NewCase, plan_case};
use crate::i18n::{t, t_string, use_i18n};
use crate::phone::{self, Changes};

/// The entrustment `id` as the phone holds it.
#[component]
pub fn TheEntrustment(id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let record = RwSignal::new(None::<EntrustmentRecord>);
    let missing = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let reload = move || {
        leptos::task::spawn_local(async move {
            match phone::field_record::<EntrustmentRecord>(RecordKind::Entrustment, id).await {
                Some(s) => record.set(Some(s.record)),
                None => missing.set(true),
            }
        })
    };
    Effect::new(move |_| reload());
    let signature = RwSignal::new(None::<String>);
    let sign = move |_| {
        let (Some(r), Some(sig)) = (record.get_untracked(), signature.get_untracked()) else {
            return;
        };
        leptos::task::spawn_local(async move {
            match save_signature(sync, r, &sig).await {
                Ok(()) => {
                    message.set(Some(t_string!(i18n, entrust.signed).to_owned()));
                    reload();
                }
                Err(m) => message.set(Some(m)),
            }
        });
    };
    view! {
        <Show when=move || missing.get()>
            <p class="card error">{t!(i18n, not_found)}</p>
        </Show>
        {move || record.get().map(|r| {
            let active = r.is_active();
            let needs_signature = r.needs_signature();
            view! {
                <section class="card" data-testid="entrustment">
                    <h2>{r.entrusting_name.masked()} " · " {item_names(&r)}</h2>
                    <dl class="review">
                        <dt>{t!(i18n, entrust.received_at)}</dt>
                        <dd>{domain::clocks::china_date(r.received_at).to_string()}</dd>
                        <dt>{t!(i18n, intake.channel)}</dt>
                        <dd>{r.channel.name_zh()}</dd>
                        <dt>{t!(i18n, entrust.cases)}</dt>
                        <dd>{r.cases.len()}</dd>
                    </dl>
                    {r.termination.clone().map(|termination| view! { <TerminationSummary termination/> })}
                    <p data-testid="entrustment-status">
                        {if !active {
                            t_string!(i18n, entrust.status_terminated)
                        } else if needs_signature {
                            t_string!(i18n, entrust.needs_signature)
                        } else {
                            t_string!(i18n, entrust.status_active)
                        }}
                    </p>
                    {needs_signature.then(|| view! {
                        <p class="hint">{t!(i18n, entrust.submit_drafts)}</p>
                        <SignaturePad signature label=t_string!(i18n, intake.signature)/>
                        <button type="button" on:click=sign disabled=move || signature.get().is_none()>
                            {t!(i18n, entrust.sign_now)}
                        </button>
                    })}
                    {move || message.get().map(|m| view! { <p role="status">{m}</p> })}
                    {active.then(|| view! {
                        <p class="actions">
                            <A href=format!("/intake?entrustment={}", r.id.0) attr:class="button">
                                {t!(i18n, intake.start)}
                            </A>
                        </p>
                    })}
                </section>
                {active.then(|| view! {
                    <TerminationForm record=r.clone() on_done=move |_| {
                        // Said here: the form goes with the active entrustment.
                        message.set(Some(t_string!(i18n, entrust.terminated).to_owned()));
                        reload();
                    }/>
                })}
            }
        })}
    }
}

/// Saves the resident's signature on the entrustment and submits every draft application
/// under it that waited for it, in one transaction.
async fn save_signature(
    s: FieldSync,
    mut record: EntrustmentRecord,
    sha: &str,
) -> Result<(), String> {
    let account = s.account.get_untracked().ok_or_else(String::new)?;
    let helper = phone::actor(&account).ok_or_else(String::new)?;
    record.signature = Some(AttachmentRef::parse(sha).map_err(|e| e.message_zh())?);
    let mut changes = Changes::new();
    changes.save_record(RecordKind::Entrustment, record.id.0, &record);
    changes.attach(RecordKind::Entrustment, record.id.0, sha);
    for case in &record.cases {
        let Some(stored) = phone::field_record::<CaseRecord>(RecordKind::Case, case.0).await else {
            continue;
        };
        if stored.record.case.state() != CaseState::Draft {
            continue;
        }
        let reason = phone::draft_at::<IntakeDraft>(&format!("intake:{}", case.0))
            .await
            .map(|d| d.reason)
            .unwrap_or_default();
        let c = &stored.record.case;
        let (items, primary) = (c.requested_items().to_vec(), c.primary_item().cloned());
        let new = NewCase {
            id: *case,
            household: stored.record.household,
            channel: c.channel(),
            referred_by: c.referred_by().map(str::to_owned),
        };
        let plan = plan_case(
            Some(stored.record.clone()),
            new,
            &items,
            primary.as_ref(),
            &reason,
            true,
            &helper,
            phone::now(),
        )?;
        for cmd in &plan.commands {
            changes.case_command(
                &cmd.after,
                cmd.base_version,
                &cmd.command,
                cmd.reason.as_deref(),
            );
        }
    }
    phone::save_changes(s, changes).await
}
