//! The helper's entrustments on the phone, newest first, names masked.

use domain::fieldwork::EntrustmentRecord;
use domain::sync::RecordKind;
use leptos::prelude::*;
use leptos_router::components::A;

use super::item_names;
use crate::i18n::{t, use_i18n};
use crate::phone;

/// One line an entrustment: who (masked), what, status; a tap opens it.
#[component]
pub fn EntrustmentList() -> impl IntoView {
    let i18n = use_i18n();
    let list = RwSignal::new(None);
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            let mut all = phone::records_of::<EntrustmentRecord>(RecordKind::Entrustment).await;
            all.sort_by_key(|e| std::cmp::Reverse(e.record.received_at));
            list.set(Some(all));
        });
    });
    view! {
        <section class="card">
            <h2>{t!(i18n, entrust.list_title)}</h2>
            {move || list.get().map(|all| {
                    if all.is_empty() {
                        return view! { <p class="empty">{t!(i18n, entrust.none)}</p> }.into_any();
                    }
                    view! {
                        <ul class="record-list" data-testid="entrustments">
                            {all.into_iter().map(|e| {
                                let r = e.record;
                                let status = if !r.is_active() {
                                    view! { <span class="badge">{t!(i18n, entrust.status_terminated)}</span> }.into_any()
                                } else if r.needs_signature() {
                                    view! { <span class="badge badge-attention">{t!(i18n, entrust.needs_signature)}</span> }.into_any()
                                } else {
                                    view! { <span class="badge badge-received">{t!(i18n, entrust.status_active)}</span> }.into_any()
                                };
                                view! {
                                    <li class="record">
                                        <span class="record-title">
                                            {r.entrusting_name.masked()} " · " {item_names(&r)}
                                        </span>
                                        {status}
                                        <A href=format!("/entrust?id={}", r.id.0)>{t!(i18n, entrust.open)}</A>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })}
        </section>
    }
}
