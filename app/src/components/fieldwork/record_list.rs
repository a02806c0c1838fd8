//! The helper's field records, newest first, each with where it stands; a refused one shows
//! the server's reason with "fix" and "send again" (a refused household edit, the fields to
//! choose between).

use leptos::prelude::*;
use leptos_router::components::A;

use super::authorization_refusal::AuthorizationRefusal;
use super::household_conflict::HouseholdConflict;
use super::state_label;
use crate::contexts::use_field_sync;
use crate::i18n::{t, use_i18n};
use crate::phone;
use crate::records::{RecordRow, RecordState};

/// Rows drawn at first, and added by each "show older": a phone with 10,000 records drew
/// them all at every change and froze for most of a second.
const STEP: usize = 50;

/// The list, newest first, a step at a time; empty, a hint.
#[component]
pub fn RecordList() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let shown = RwSignal::new(STEP);
    // Photos waiting to upload, counted again after each save and round.
    Effect::new(move |_| {
        sync.revision.track();
        leptos::task::spawn_local(phone::count_uploads(sync));
    });
    let older = move || sync.rows.with(|r| r.len().saturating_sub(shown.get()));
    view! {
        <section class="card">
            <h2>{t!(i18n, sync.records_title)}</h2>
            <Show
                when=move || sync.rows.with(|r| !r.is_empty())
                fallback=move || view! { <p class="empty">{t!(i18n, sync.no_records)}</p> }
            >
                <ul class="record-list" data-testid="record-list">
                    <For
                        each=move || sync.rows.with(|r| r.iter().take(shown.get()).cloned().collect::<Vec<_>>())
                        key=|row| (row.key.clone(), row.state, row.message.clone())
                        children=move |row| view! { <RecordItem row/> }.into_any()
                    />
                </ul>
                <Show when=move || { older() > 0 }>
                    <button type="button" class="secondary more" data-testid="more-records"
                        on:click=move |_| shown.update(|n| *n += STEP)>
                        {t!(i18n, sync.more_records, n = older)}
                    </button>
                </Show>
            </Show>
        </section>
    }
}

#[component]
fn RecordItem(row: RecordRow) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let error = RwSignal::new(None::<String>);
    let key = row.key.clone();
    let resend = move |_| {
        let key = key.clone();
        leptos::task::spawn_local(async move {
            if let Err(e) = phone::resend(sync, key).await {
                error.set(Some(e));
            }
        });
    };
    let edit_href = edit_link(&row).filter(|_| row.state != RecordState::Sending);
    // Only a whole record can simply go again; a refused case or household is fixed in its
    // form, which saves it anew.
    let attention = row.state == RecordState::Attention
        && domain::sync::RecordKind::from_code(&row.kind).is_some_and(|k| k.is_field_record());
    let household_refused = row.state == RecordState::Attention && row.kind == "household";
    // A refused authorization: its problems at the members, fixed in the intake that signed it.
    let authorization_refused = (row.state == RecordState::Attention
        && row.kind == "authorization")
        .then(|| row.key.split_once(':').map(|(_, id)| id.to_owned()))
        .flatten();
    let conflict_key = row.key.clone();
    let photo_key = row.key.clone();
    let photos_waiting = move || sync.uploads.with(|u| u.waiting_for(&photo_key));
    view! {
        <li class="record" data-state=row.state.code() data-kind=row.kind.clone()>
            <span class="record-title">{row.title.clone()}</span>
            <span class=format!("badge badge-{}", row.state.code())>
                {state_label(i18n, row.state)}
            </span>
            {move || (photos_waiting() > 0).then(|| view! {
                <span class="badge badge-photos" data-testid="photos-waiting">
                    {t!(i18n, media.waiting)} " " {photos_waiting()}
                </span>
            })}
            {row.message.clone().map(|m| view! { <p class="error">{m}</p> })}
            {household_refused.then(|| view! { <HouseholdConflict key=conflict_key/> }.into_any())}
            {authorization_refused.map(|id| view! { <AuthorizationRefusal id/> }.into_any())}
            <div class="actions">
                {edit_href.map(|href| view! { <A href=href>{t!(i18n, sync.fix)}</A> })}
                {attention.then(|| view! {
                    <button type="button" on:click=resend.clone()>{t!(i18n, sync.resend)}</button>
                })}
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </li>
    }
}

/// Where a record is edited, for the kinds that have a form.
fn edit_link(row: &RecordRow) -> Option<String> {
    let id = row.key.split_once(':')?.1;
    match row.kind.as_str() {
        "hardship" => Some(format!("/report?id={id}")),
        "visit" => Some(format!("/visit?id={id}")),
        // A checklist's id is its case's; the authorization signed with it is fixed there
        // too (the server refuses the checklist naming a refused authorization).
        "case" | "materials" => Some(format!("/intake?case={id}")),
        "entrustment" => Some(format!("/entrust?id={id}")),
        _ => None,
    }
}
