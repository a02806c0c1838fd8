//! Sign-in for staff (helpers, clerks …): needs a network once; afterwards the phone works
//! offline with what the first sync brought. An account with a second factor is asked for
//! the code from its authenticator app after the password; an account that must first change
//! its generated password or enrol a second factor goes to `/me`, which asks for just that.
//!
//! The fields are read as they stand when the form is sent, not bound to signals: the page is
//! a lazy route, and on a slow phone its code can arrive after the user typed into the
//! server-rendered form; a bound value would set the fields back to empty at hydration.

use leptos::html::Input;
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
    let (username, password, code) = (
        NodeRef::<Input>::new(),
        NodeRef::<Input>::new(),
        NodeRef::<Input>::new(),
    );
    // What was typed, kept while the second step hides the first step's fields.
    let typed = StoredValue::new((String::new(), String::new()));
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
    // A staff page (e.g. `/admin`) sent a signed-out browser here to come back to it: only a
    // path of this origin, never `//host` (no open redirect).
    let back = move || {
        query
            .read_untracked()
            .get("next")
            .filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\"))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let value = |field: NodeRef<Input>| field.get_untracked().map(|el| el.value());
        if let (Some(u), Some(p)) = (value(username), value(password)) {
            typed.set_value((u, p));
        }
        let code = value(code).unwrap_or_default();
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let (u, p) = typed.get_value();
            let result = if second_step.get_untracked() {
                phone::sign_in_code(sync, code.trim()).await
            } else {
                phone::sign_in(sync, u.trim(), &p).await
            };
            match result {
                Ok(()) => {
                    if let Some(page) = back() {
                        // A server-rendered page, outside the app's router.
                        let _ = window().location().assign(&page);
                        return;
                    }
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
                        node_ref=code
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
                    node_ref=username
                />
            </label>
            <label class="field">
                <span>{t!(i18n, signin.password)}</span>
                <input
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    node_ref=password
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
