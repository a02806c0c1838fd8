//! Sign-in for staff (helpers, clerks …): needs a network once; afterwards the phone works
//! offline with what the first sync brought. An account with a second factor is asked for
//! the code from its authenticator app after the password; an account that must first change
//! its generated password or enrol a second factor goes to `/me`, which asks for just that.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::contexts::{use_connectivity, use_field_sync};
use crate::i18n::{t, t_string, use_i18n};
use crate::phone::{self, SessionError};

/// Username and password; on success, on to the sync page where the first sync runs.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let hydrated = crate::contexts::use_hydrated();
    let online = use_connectivity().online;
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    // The password was right and the code comes next.
    let second_step = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let navigate = use_navigate();
    // The phone deleted its data because the account was disabled (issue 22 point 13).
    let query = leptos_router::hooks::use_query_map();
    let why = move || query.read().get("why");
    let disabled = move || why().as_deref() == Some("account_disabled");
    let lapsed = move || why().as_deref() == Some("sign_in_lapsed");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let (u, p) = (username.get_untracked(), password.get_untracked());
            let result = if second_step.get_untracked() {
                phone::sign_in_code(sync, code.get_untracked().trim()).await
            } else {
                phone::sign_in(sync, u.trim(), &p).await
            };
            match result {
                Ok(()) => {
                    let restricted = sync
                        .account
                        .try_get_untracked()
                        .flatten()
                        .is_some_and(|a| a.restricted());
                    navigate(if restricted { "/me" } else { "/sync" }, Default::default());
                }
                Err(SessionError::SecondFactor) => {
                    let _ = second_step.try_set(true);
                }
                Err(e) => {
                    let text = match e {
                        SessionError::SecondFactor => String::new(),
                        SessionError::Offline => t_string!(i18n, signin.needs_network).to_owned(),
                        SessionError::Refused(m) => m,
                        SessionError::OtherAccountUnsent => {
                            t_string!(i18n, signin.other_account_unsent).to_owned()
                        }
                        SessionError::Unsent(_) | SessionError::Storage(_) => {
                            t_string!(i18n, signin.storage_failed).to_owned()
                        }
                    };
                    let _ = error.try_set(Some(text));
                }
            }
            let _ = busy.try_set(false);
        });
    };
    view! {
        <h1>{t!(i18n, signin.title)}</h1>
        <Show when=disabled>
            <p class="card error" role="alert" data-testid="wiped-notice">
                {t!(i18n, signin.wiped_account_disabled)}
            </p>
        </Show>
        <Show when=lapsed>
            <p class="card error" role="alert" data-testid="wiped-notice">
                {t!(i18n, signin.wiped_sign_in_lapsed)}
            </p>
        </Show>
        <Show when=move || hydrated.get() && sync.account.get().is_some()>
            <p class="card" role="status">
                {t!(i18n, signin.signed_in_as)} " "
                <strong>{move || sync.account.get().map(|a| a.display_name).unwrap_or_default()}</strong>
            </p>
        </Show>
        <form class="card form" method="post" on:submit=submit>
            <Show when=move || second_step.get()>
                <label class="field">
                    <span>{t!(i18n, account.totp_code)}</span>
                    <input
                        name="totp"
                        inputmode="numeric"
                        autocomplete="one-time-code"
                        required
                        prop:value=code
                        on:input=move |ev| code.set(event_target_value(&ev))
                    />
                </label>
                <p class="hint">{t!(i18n, account.totp_code_hint)}</p>
            </Show>
            <Show when=move || !second_step.get()>
            <label class="field">
                <span>{t!(i18n, signin.username)}</span>
                <input
                    name="username"
                    autocomplete="username"
                    required
                    prop:value=username
                    on:input=move |ev| username.set(event_target_value(&ev))
                />
            </label>
            <label class="field">
                <span>{t!(i18n, signin.password)}</span>
                <input
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    prop:value=password
                    on:input=move |ev| password.set(event_target_value(&ev))
                />
            </label>
            </Show>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert">{move || error.get()}</p>
            </Show>
            <button type="submit" disabled=move || busy.get()>
                {t!(i18n, signin.submit)}
            </button>
            <Show when=move || !online.get()>
                <p class="hint">{t!(i18n, signin.needs_network)}</p>
            </Show>
        </form>
        <p class="hint">{t!(i18n, signin.offline_promise)}</p>
        // Residents sign in with a code on their own pages; this form is the staff's.
        <p><a href="/my/cases" rel="external">{t!(i18n, home.my_cases)}</a></p>
    }
}
