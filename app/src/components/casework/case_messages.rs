//! The text messages the case sent its applicant and helper (受理, 一次性告知, 结果, 催办),
//! read from the server when online: the window sees who was told what, and whether it went
//! out. Offline it says so; nothing here is kept on the device.

use domain::ids::CaseId;
use leptos::prelude::*;

use crate::contexts::use_field_sync;
use crate::i18n::{t, use_i18n};

/// One message as `GET /api/sync/v1/cases/{id}/messages` lists it (number masked).
type Message = domain::notify::Notification;

/// The list, fetched again after every sync round.
#[component]
pub fn CaseMessages(id: CaseId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let messages = RwSignal::new(None::<Option<Vec<Message>>>);
    Effect::new(move |_| {
        sync.revision.track();
        leptos::task::spawn_local(async move {
            let url = format!("/api/sync/v1/cases/{}/messages", id.0);
            let found = crate::online::get::<Vec<Message>>(&url).await.ok();
            let _ = messages.try_set(Some(found));
        });
    });
    let rows = move || {
        match messages.get() {
        None => None,
        Some(None) => Some(
            view! { <p class="hint" data-testid="messages-offline">{t!(i18n, desk.messages_offline)}</p> }
                .into_any(),
        ),
        Some(Some(list)) if list.is_empty() => Some(
            view! { <p class="hint">{t!(i18n, desk.messages_none)}</p> }.into_any(),
        ),
        Some(Some(list)) => Some(
            view! {
                <ul class="messages">
                    {list.into_iter().map(|m| {
                        let state = if m.sent_at.is_some() {
                            t!(i18n, desk.msg_sent).into_any()
                        } else if m.failed_at.is_some() {
                            t!(i18n, desk.msg_failed).into_any()
                        } else {
                            t!(i18n, desk.msg_queued).into_any()
                        };
                        let to = if m.audience == "helper" {
                            t!(i18n, desk.to_helper).into_any()
                        } else {
                            t!(i18n, desk.to_applicant).into_any()
                        };
                        let when = beijing(m.sent_at.as_deref().unwrap_or(&m.created_at));
                        view! {
                            <li data-testid="case-message" data-audience=m.audience.clone()>
                                <p>
                                    <strong>{to}</strong> " " <span class="mono">{m.phone_masked}</span>
                                    " · " <span class="badge">{state}</span>
                                    " · " <span class="hint">{when}</span>
                                </p>
                                <p>{m.body}</p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any(),
        ),
    }
    };
    view! {
        <section class="card" data-testid="case-messages">
            <h2>{t!(i18n, desk.messages_title)}</h2>
            {rows}
        </section>
    }
}

/// A stored UTC time as Beijing time, `12-06 19:50`; unreadable ones as they came.
fn beijing(at: &str) -> String {
    let zone = chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset");
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| domain::calendar::print::md_hm(&t.with_timezone(&zone)))
        .unwrap_or_else(|_| at.to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_show_in_beijing() {
        assert_eq!(super::beijing("2026-12-06T11:50:00.123Z"), "12-06 19:50");
        assert_eq!(super::beijing("garbled"), "garbled");
    }
}
