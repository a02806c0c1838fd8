//! "修改密码": the current password, the new one twice.

use leptos::prelude::*;
use serde::Serialize;

use super::refusal;
use crate::i18n::{t, t_string, use_i18n};

#[derive(Serialize)]
struct Change {
    current: String,
    new: String,
}

/// The form; `on_done` runs after the server took the new password.
#[component]
pub fn PasswordChange(#[prop(into)] on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        error.set(None);
        done.set(false);
        if new.get_untracked() != repeat.get_untracked() {
            error.set(Some(t_string!(i18n, account.passwords_differ).to_owned()));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let body = Change {
                current: current.get_untracked(),
                new: new.get_untracked(),
            };
            let answer: Result<serde::de::IgnoredAny, _> =
                crate::online::post("/api/account/password", &body).await;
            match answer {
                Ok(_) => {
                    for field in [current, new, repeat] {
                        let _ = field.try_set(String::new());
                    }
                    let _ = done.try_set(true);
                    on_done.run(());
                }
                Err(e) => {
                    let _ = error.try_set(Some(refusal(i18n, e)));
                }
            }
            let _ = busy.try_set(false);
        });
    };
    let field = |label: String, autocomplete: &'static str, value: RwSignal<String>| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input
                    type="password"
                    autocomplete=autocomplete
                    required
                    prop:value=value
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </label>
        }
    };
    view! {
        <form class="form" method="post" on:submit=submit data-testid="password-change">
            {move || field(t_string!(i18n, account.current_password).to_owned(), "current-password", current)}
            {move || field(t_string!(i18n, account.new_password).to_owned(), "new-password", new)}
            {move || field(t_string!(i18n, account.repeat_password).to_owned(), "new-password", repeat)}
            <p class="hint">{t!(i18n, account.password_rules)}</p>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert">{move || error.get()}</p>
            </Show>
            <Show when=move || done.get()>
                <p role="status">{t!(i18n, account.password_changed)}</p>
            </Show>
            <button type="submit" disabled=move || busy.get()>
                {t!(i18n, account.change_password)}
            </button>
        </form>
    }
}
