//! The staff's inbox (`/inbox`): the window's 窗口受理台, the verification team's and a
//! department's work, a supervisor's overview. Every case of the account's jurisdiction that
//! this device holds (the same sync as the helper's phone, so it keeps working when the
//! network drops), those waiting on this desk first, then by their soonest working-day clock.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::fieldwork::SignedIn;
use crate::components::tasks::DueLabel;
use crate::contexts::use_field_sync;
use crate::helper_view;
use crate::i18n::{t, use_i18n};
use crate::phone;
use crate::staff_view::{InboxRow, inbox_for_account};

/// The inbox.
#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let show_all = RwSignal::new(false);
    let rows = RwSignal::new(None::<Result<Vec<InboxRow>, String>>);
    Effect::new(move |_| {
        sync.revision.track();
        let all = show_all.get();
        let Some(account) = sync.account.get() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let records = helper_view::load().await;
            let _ = rows.try_set(Some(inbox_for_account(
                &records,
                &account,
                phone::now(),
                all,
            )));
        });
    });
    // The account is branched on only once the page is hydrated: this lazy route hydrates when
    // its chunk arrives, and by then the store may have been read; built for the account
    // before, the view differs from the server's (signed out) and hydration panics, leaving
    // the page dead (crate::contexts::use_hydrated).
    let hydrated = crate::contexts::use_hydrated();
    let title = move || {
        let role = if hydrated.get() {
            sync.account.with(|a| a.as_ref().map(|a| a.role.clone()))
        } else {
            None
        };
        match role.as_deref() {
            Some("window_clerk") => t!(i18n, desk.title_window).into_any(),
            Some("verifier") => t!(i18n, desk.title_verifier).into_any(),
            Some("department_officer") => t!(i18n, desk.title_department).into_any(),
            Some("township_leader") => t!(i18n, desk.title_leader).into_any(),
            _ => t!(i18n, desk.title_all).into_any(),
        }
    };
    let list = move || match rows.get() {
        None => view! { <p class="hint">{t!(i18n, desk.loading)}</p> }.into_any(),
        Some(Err(e)) => view! { <p class="card error" role="alert">{e}</p> }.into_any(),
        Some(Ok(rows)) if rows.is_empty() => {
            view! { <p class="empty" data-testid="inbox-empty">{t!(i18n, desk.empty)}</p> }
                .into_any()
        }
        Some(Ok(rows)) => view! {
            <ul class="inbox-list" data-testid="inbox">
                {rows.into_iter().map(|row| view! { <InboxItem row/> }).collect_view()}
            </ul>
        }
        .into_any(),
    };
    // The window prints its township's routing ledger (分办、转办台账) from here.
    let ledger = move || {
        sync.account.with(|a| {
            a.as_ref()
                .filter(|a| hydrated.get() && a.role == "window_clerk")
                .map(|a| format!("/townships/{}/routing-ledger", a.place))
        })
    };
    // The policy's reports (attachments 2 and 3 of the helper policy), server-rendered and
    // printable: for every desk of a township and for the county's supervisor.
    let reports = move || {
        hydrated.get()
            && sync.account.with(|a| {
                a.as_ref()
                    .is_some_and(|a| !matches!(a.role.as_str(), "helper" | "resident" | "admin"))
            })
    };
    // The supervision dashboard: the county's supervisor, a township's window and verifiers.
    let dashboard = move || {
        hydrated.get()
            && sync.account.with(|a| {
                a.as_ref().is_some_and(|a| {
                    matches!(
                        a.role.as_str(),
                        "supervisor" | "window_clerk" | "verifier" | "township_leader"
                    )
                })
            })
    };
    // The admin's screens are the server's (`/admin`): accounts, places, notices, catalogue.
    let admin = move || {
        hydrated.get()
            && sync
                .account
                .with(|a| a.as_ref().is_some_and(|a| a.role == "admin"))
    };
    view! {
        <h1>{title}</h1>
        <SignedIn>
            <Show when=admin>
                <p class="inbox-prints">
                    <a href="/admin" rel="external" class="button" data-testid="admin-link">{t!(i18n, desk.admin)}</a>
                </p>
            </Show>
            <Show when=reports>
                <p class="inbox-prints" data-testid="county-reports">
                    <Show when=dashboard>
                        <a href="/county/dashboard" rel="external" target="_blank" data-testid="dashboard-link">{t!(i18n, desk.dashboard)}</a>
                        " · "
                        <a href="/county/checks" rel="external" target="_blank" data-testid="data-checks-link">{t!(i18n, desk.data_checks)}</a>
                        " · "
                    </Show>
                    <a href="/county/helper-report" rel="external" target="_blank">{t!(i18n, desk.helper_report)}</a>
                    " · "
                    <a href="/county/helper-roster" rel="external" target="_blank">{t!(i18n, desk.helper_roster)}</a>
                </p>
            </Show>
            {move || ledger().map(|href| view! {
                <p class="inbox-prints">
                    // A walk-in or a telephone request is entered here with the helper's
                    // guided forms, without an entrustment (乌海 附件3 第一条、第三条).
                    <A href="/intake?walk_in=1" attr:class="button" attr:data-testid="walk-in">
                        {t!(i18n, desk.walk_in)}
                    </A>
                    " "
                    <a href=href target="_blank" rel="noopener" data-testid="routing-ledger">
                        {t!(i18n, desk.routing_ledger)}
                    </a>
                </p>
            })}
            <p class="hint">{t!(i18n, desk.intro)}</p>
            <label class="check inbox-filter">
                <input type="checkbox" data-testid="inbox-all"
                    prop:checked=move || show_all.get()
                    on:change=move |ev| show_all.set(event_target_checked(&ev))/>
                {t!(i18n, desk.show_all)}
            </label>
            {list}
        </SignedIn>
    }
}

/// One case of the inbox.
#[component]
fn InboxItem(row: InboxRow) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/cases/{}", row.id);
    let county = row.escalated_to_county;
    let items = row.items.join("、");
    let waiting = row.pending_on.join("、");
    view! {
        <li class="inbox-row card" class:mine=row.mine data-case=row.id.to_string()
            data-state=format!("{:?}", row.state)>
            <A href=href attr:class="inbox-open">
                <strong class="inbox-who">{row.applicant}</strong>
                " "
                <span lang="zh-CN">{items}</span>
            </A>
            <span class="inbox-number">"No. " {row.number}</span>
            <span class="badge" data-testid="inbox-state">{row.state.name_zh()}</span>
            {row.mine.then(|| view! {
                <span class="badge mine-badge">{t!(i18n, desk.mine)}</span>
            })}
            {row.urgent.then(|| view! {
                <span class="badge urgent">{t!(i18n, desk.urgent)}</span>
            })}
            {row.review_pending.then(|| view! {
                <span class="badge urgent" data-testid="inbox-review">{t!(i18n, desk.review_pending)}</span>
            })}
            <DueLabel due=row.due/>
            {row.late.filter(|n| *n > 0).map(|n| view! {
                <span class="badge due-overdue" data-testid="inbox-late">
                    {if county {
                        t!(i18n, desk.escalated_county, n = move || n).into_any()
                    } else {
                        t!(i18n, desk.escalated, n = move || n).into_any()
                    }}
                </span>
            })}
            <span class="inbox-meta">
                {row.channel.name_zh()}
                {row.referred_by.map(|from| format!("（{from}）"))}
                " · " {t!(i18n, desk.waiting_on)} {waiting}
                {row.first_asker_is_me.then(|| view! {
                    " · " {t!(i18n, desk.first_asker_me)}
                })}
            </span>
        </li>
    }
}
