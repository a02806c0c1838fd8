//! After an urgent report on a registered household: start its temporary-aid application
//! (临时救助, proactive discovery, which the window may accept first) with one tap, offline.

use domain::fieldwork::HardshipReport;
use domain::sync::RecordKind;
use domain::workflow::Channel;
use leptos::prelude::*;

use crate::components::catalogue::catalogue;
use crate::contexts::use_field_sync;
use crate::forms::hardship::temporary_aid;
use crate::i18n::{t, t_string, use_i18n};
use crate::phone::{self, Changes};

/// The offer for `report` (shown only when it may start one).
#[component]
pub fn TemporaryAidOffer(report: HardshipReport) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let message = RwSignal::new(None::<(bool, String)>);
    let report = StoredValue::new(report);
    let start = move |_| {
        let Some(helper) = sync.account.get_untracked().as_ref().and_then(phone::actor) else {
            return;
        };
        let case = domain::ids::CaseId(phone::new_id());
        let planned = temporary_aid(
            &report.get_value(),
            case,
            &helper,
            catalogue(),
            phone::now(),
        );
        let (plan, linked) = match planned {
            Ok(p) => p,
            Err(m) => return message.set(Some((false, m))),
        };
        let mut changes = Changes::new();
        if let Some(created) = &plan.created {
            changes.create_case(created, Channel::ProactiveDiscovery, None);
        }
        for c in &plan.commands {
            changes.case_command(&c.after, c.base_version, &c.command, c.reason.as_deref());
        }
        changes.save_record(RecordKind::Hardship, linked.id.0, &linked);
        leptos::task::spawn_local(async move {
            match phone::save_changes(sync, changes).await {
                Ok(()) => {
                    report.set_value(linked);
                    message.set(Some((
                        true,
                        t_string!(i18n, hardship.aid_started).to_owned(),
                    )));
                }
                Err(m) => message.set(Some((false, m))),
            }
        });
    };
    view! {
        <section class="card" data-testid="temporary-aid">
            <p>{t!(i18n, hardship.aid_offer)}</p>
            <Show
                when=move || message.with(|m| !m.as_ref().is_some_and(|(ok, _)| *ok))
                fallback=move || view! {
                    <p class="saved" role="status">{move || message.get().map(|(_, m)| m)}</p>
                }
            >
                <button type="button" on:click=start>{t!(i18n, hardship.aid_start)}</button>
                {move || message.get().map(|(_, m)| view! { <p class="error" role="alert">{m}</p> })}
            </Show>
        </section>
    }
}
