//! "Me" (`/me`): the account on this phone, its password and second factor, then language and
//! display settings. An account that must first change its generated password or enrol the
//! second factor its role requires sees only that (the server refuses everything else).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::account::{PasswordChange, TwoFactor};
use crate::components::fieldwork::AccountCard;
use crate::components::settings::{LanguageSwitch, LargeTextToggle};
use crate::contexts::use_field_sync;
use crate::i18n::{t, use_i18n};
use crate::records::Account;

/// The page.
#[component]
pub fn MePage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let navigate = use_navigate();
    // The server's word on the account's flags (a change elsewhere, a reset by the admin).
    let refresh = Callback::new(move |()| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let was_restricted = sync
                .account
                .try_get_untracked()
                .flatten()
                .is_some_and(|a| a.restricted());
            if let Ok(account) = crate::online::get::<Account>("/api/auth/me").await {
                let lifted = was_restricted && !account.restricted();
                crate::phone::remember_account(sync, account).await;
                if lifted {
                    // Now the first sync may run.
                    crate::phone::start_work(sync).await;
                    navigate("/sync", Default::default());
                }
            }
        });
    });
    Effect::new(move |_| refresh.run(()));
    // A memo, not a closure: the refresh above stores the server's account (most often the same
    // one) and a plain read would rebuild the forms below on every store, dropping what the
    // user typed and any refusal shown (seen as a flaky journey: the "too common" alert vanished).
    let staff = Memo::new(move |_| sync.account.get().filter(|a| a.role != "resident"));
    view! {
        <h1>{t!(i18n, settings.title)}</h1>
        {move || match staff.get() {
            Some(a) if a.must_change_password => view! {
                <section class="card" data-testid="forced-password-change">
                    <h2>{t!(i18n, account.forced_password_title)}</h2>
                    <p>{t!(i18n, account.forced_password_hint)}</p>
                    <PasswordChange on_done=refresh/>
                </section>
            }
            .into_any(),
            Some(a) if a.totp_enrolment_required => view! {
                <section class="card" data-testid="forced-enrolment">
                    <h2>{t!(i18n, account.forced_enrolment_title)}</h2>
                    <p>{t!(i18n, account.forced_enrolment_hint)}</p>
                    <TwoFactor account=a on_change=refresh/>
                </section>
            }
            .into_any(),
            other => view! {
                <AccountCard/>
                {other.map(|a| view! {
                    <section class="card">
                        <h2>{t!(i18n, account.change_password)}</h2>
                        <PasswordChange on_done=Callback::new(|()| {})/>
                    </section>
                    <section class="card">
                        <h2>{t!(i18n, account.two_factor)}</h2>
                        <TwoFactor account=a on_change=refresh/>
                    </section>
                })}
                <section class="card">
                    <h2>{t!(i18n, settings.display)}</h2>
                    <LanguageSwitch/>
                    <LargeTextToggle/>
                </section>
            }
            .into_any(),
        }}
    }
}
