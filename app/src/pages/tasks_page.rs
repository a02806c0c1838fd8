//! What is due for the helper (待办事项): cases waiting for their materials, results to hand
//! over, evaluations to collect, signatures and follow-up visits, each with its working-day
//! deadline, most urgent first. Built on the phone from what it holds, so it works offline,
//! and rebuilt whenever sync or a save changes the records.

use leptos::prelude::*;

use crate::components::fieldwork::SignedIn;
use crate::components::tasks::{CertifyDue, TaskItem};
use crate::contexts::use_field_sync;
use crate::helper_view::{self, CertifyRow, TaskRow};
use crate::i18n::{t, use_i18n};
use crate::phone;

/// The task list.
#[component]
pub fn TasksPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let rows = RwSignal::new(None::<Result<Vec<TaskRow>, String>>);
    // Households to certify, listed apart (the task list's counts stay the tasks').
    let due = RwSignal::new(Vec::<CertifyRow>::new());
    Effect::new(move |_| {
        // Re-read after every save and every sync round.
        sync.revision.track();
        let Some(account) = sync.account.get() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let records = helper_view::load().await;
            due.set(helper_view::certify_rows(&records, phone::today()));
            rows.set(Some(helper_view::for_account(
                &records,
                &account,
                phone::now(),
            )));
        });
    });
    let list = move || match rows.get() {
        None => view! { <p class="hint">{t!(i18n, tasks.loading)}</p> }.into_any(),
        Some(Err(e)) => view! {
            <p class="card error" role="alert">{t!(i18n, tasks.failed)} " " {e}</p>
        }
        .into_any(),
        Some(Ok(rows)) if rows.is_empty() => {
            view! { <p class="empty">{t!(i18n, tasks.empty)}</p> }.into_any()
        }
        Some(Ok(rows)) => view! {
            <p class="hint">{t!(i18n, tasks.intro)}</p>
            <ul class="task-list" data-testid="task-list">
                {rows.into_iter().map(|row| view! { <TaskItem row/> }).collect_view()}
            </ul>
        }
        .into_any(),
    };
    view! {
        <h1>{t!(i18n, tasks.title)}</h1>
        <SignedIn>
            {list}
            {move || view! { <CertifyDue rows=due.get()/> }}
        </SignedIn>
    }
}
