//! The overall sync state: what is happening, a progress bar with counts, and "sync now".

use leptos::prelude::*;

use crate::contexts::{OfflineReady, SyncPhase, use_connectivity, use_field_sync};
use crate::i18n::{t, t_string, use_i18n};
use crate::records::RecordState;

/// One card: status line (a live region), progress bar while sending, counts per state.
#[component]
pub fn SyncStatus() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let online = use_connectivity().online;
    let count = move |state: RecordState| {
        sync.rows
            .with(|rows| rows.iter().filter(|r| r.state == state).count())
    };
    let unsent = move || sync.unsent();
    let status = move || {
        let n = unsent();
        match sync.phase.get() {
            SyncPhase::Pushing => t_string!(i18n, sync.phase_pushing).to_owned(),
            SyncPhase::Uploading => t_string!(i18n, media.uploading).to_owned(),
            SyncPhase::Pulling => format!(
                "{} {}",
                t_string!(i18n, sync.phase_pulling),
                sync.progress.get().pulled
            ),
            SyncPhase::OtherTab => t_string!(i18n, sync.phase_other_tab).to_owned(),
            SyncPhase::SignedOut => t_string!(i18n, sync.phase_signed_out).to_owned(),
            SyncPhase::ServerTrouble(status) => {
                format!("{} {status}", t_string!(i18n, sync.phase_server_trouble))
            }
            SyncPhase::Unreadable => t_string!(i18n, sync.phase_unreadable).to_owned(),
            SyncPhase::Failed(m) => m,
            _ if !online.get() || sync.phase.get() == SyncPhase::Offline => {
                format!("{} {n}", t_string!(i18n, sync.phase_offline))
            }
            SyncPhase::Idle if sync.last_synced.get().is_none() => {
                t_string!(i18n, sync.not_yet).to_owned()
            }
            SyncPhase::Idle if n == 0 => t_string!(i18n, sync.all_received).to_owned(),
            _ => format!("{} {n}", t_string!(i18n, sync.waiting)),
        }
    };
    let progress = move || sync.progress.get();
    let offline = move || {
        let state = sync.offline();
        let text = match state {
            OfflineReady::Unknown => return None,
            OfflineReady::Preparing => t_string!(i18n, sync.offline_preparing),
            OfflineReady::Ready => t_string!(i18n, sync.offline_ready),
            OfflineReady::Failed => t_string!(i18n, sync.offline_failed),
        };
        let state = state.name();
        Some(
            view! { <p class="hint offline-ready" data-testid="offline-ready" data-state=state>{text}</p> },
        )
    };
    view! {
        <section class="card sync-status" data-phase=move || format!("{:?}", sync.phase.get())>
            <p role="status" class="sync-line">{status}</p>
            {offline}
            <Show when=move || { progress().to_send > 0 }>
                <progress
                    max=move || progress().to_send
                    value=move || progress().sent
                    aria-label=move || t_string!(i18n, sync.progress_label)
                ></progress>
                <p class="hint" data-testid="sync-counts">
                    {t!(i18n, sync.sent)} " " {move || progress().sent} " / "
                    {move || progress().to_send}
                </p>
            </Show>
            <Show when=move || sync.uploads.with(|u| u.total > 0)>
                <p class="hint" data-testid="photo-progress">
                    {t!(i18n, media.photos)} " "
                    {move || sync.uploads.with(|u| format!("{}/{}", u.done, u.total))} " "
                    {t!(i18n, media.uploaded)}
                </p>
            </Show>
            <dl class="state-counts">
                <div>
                    <dt>{t!(i18n, sync.state_saved)}</dt>
                    <dd data-testid="count-saved">
                        {move || count(RecordState::Saved) + count(RecordState::Sending)}
                    </dd>
                </div>
                <div>
                    <dt>{t!(i18n, sync.state_received)}</dt>
                    <dd data-testid="count-received">{move || count(RecordState::Received)}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, sync.state_attention)}</dt>
                    <dd data-testid="count-attention">{move || count(RecordState::Attention)}</dd>
                </div>
            </dl>
            <button
                type="button"
                disabled=move || !online.get() || sync.account.get().is_none()
                on:click=move |_| sync.sync_now()
            >
                {t!(i18n, sync.now)}
            </button>
        </section>
    }
}
