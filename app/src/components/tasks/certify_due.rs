//! The households to certify (待遇资格认证), below the task list and apart from it: each with
//! the period's last day and a link to certify it on this phone.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::helper_view::CertifyRow;
use crate::i18n::{t, use_i18n};

/// The list; nothing when no household is due.
#[component]
pub fn CertifyDue(rows: Vec<CertifyRow>) -> impl IntoView {
    let i18n = use_i18n();
    (!rows.is_empty()).then(|| {
        view! {
            <section class="card certify-due" data-testid="certify-due">
                <h2>{t!(i18n, certify.due_title)}</h2>
                <p class="hint">{t!(i18n, certify.due_intro)}</p>
                <ul class="task-list">
                    {rows.into_iter().map(|row| {
                        let href = format!("/certify?household={}", row.household);
                        let closes = domain::calendar::print::ymd(&row.closes);
                        view! {
                            <li class="task" data-kind="certify">
                                <p class="task-label">{row.label}</p>
                                <p class="task-meta">{t!(i18n, certify.closes)} " " {closes}</p>
                                <A href=href attr:class="button">{t!(i18n, certify.act)}</A>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
