//! "两步验证": enrol (scan the QR code, confirm with a first code, note the recovery codes
//! shown this once), or turn it off where the role does not require it.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::refusal;
use crate::i18n::{t, use_i18n};
use crate::records::Account;

#[derive(Debug, Clone, Deserialize)]
struct Enrolment {
    secret: String,
    qr_svg: String,
}

#[derive(Deserialize)]
struct RecoveryCodes {
    recovery_codes: Vec<String>,
}

#[derive(Serialize)]
struct Code {
    code: String,
}

#[derive(Serialize)]
struct Password {
    password: String,
}

/// The second factor of `account`; `on_change` runs when it was turned on (after the
/// recovery codes were acknowledged) or off.
#[component]
pub fn TwoFactor(account: Account, #[prop(into)] on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let enrolment = RwSignal::new(None::<Enrolment>);
    let recovery = RwSignal::new(None::<Vec<String>>);
    let code = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let start = move |_| {
        error.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer: Result<Enrolment, _> =
                crate::online::post("/api/account/totp/enrol", &serde_json::json!({})).await;
            match answer {
                Ok(e) => {
                    let _ = enrolment.try_set(Some(e));
                }
                Err(e) => {
                    let _ = error.try_set(Some(refusal(i18n, e)));
                }
            }
            let _ = busy.try_set(false);
        });
    };
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let body = Code {
                code: code.get_untracked().trim().to_owned(),
            };
            let answer: Result<RecoveryCodes, _> =
                crate::online::post("/api/account/totp/confirm", &body).await;
            match answer {
                Ok(r) => {
                    let _ = enrolment.try_set(None);
                    let _ = recovery.try_set(Some(r.recovery_codes));
                }
                Err(e) => {
                    let _ = error.try_set(Some(refusal(i18n, e)));
                }
            }
            let _ = busy.try_set(false);
        });
    };
    let disable = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let body = Password {
                password: password.get_untracked(),
            };
            let answer: Result<serde::de::IgnoredAny, _> =
                crate::online::post("/api/account/totp/disable", &body).await;
            match answer {
                Ok(_) => on_change.run(()),
                Err(e) => {
                    let _ = error.try_set(Some(refusal(i18n, e)));
                }
            }
            let _ = busy.try_set(false);
        });
    };
    let (enabled, required) = (account.totp_enabled, account.totp_required);
    view! {
        <div data-testid="two-factor">
            <Show when=move || enabled && recovery.get().is_none()>
                <p role="status">{t!(i18n, account.totp_on)}</p>
                <Show
                    when=move || !required
                    fallback=move || view! { <p class="hint">{t!(i18n, account.totp_cannot_disable)}</p> }
                >
                    <form class="form" method="post" on:submit=disable>
                        <label class="field">
                            <span>{t!(i18n, account.current_password)}</span>
                            <input
                                type="password"
                                autocomplete="current-password"
                                required
                                prop:value=password
                                on:input=move |ev| password.set(event_target_value(&ev))
                            />
                        </label>
                        <button type="submit" disabled=move || busy.get()>
                            {t!(i18n, account.totp_disable)}
                        </button>
                    </form>
                </Show>
            </Show>
            <Show when=move || !enabled && enrolment.get().is_none() && recovery.get().is_none()>
                <p>{t!(i18n, account.totp_off)}</p>
                <button type="button" on:click=start disabled=move || busy.get()>
                    {t!(i18n, account.totp_enable)}
                </button>
            </Show>
            {move || {
                enrolment
                    .get()
                    .map(|e| {
                        view! {
                            <p>{t!(i18n, account.totp_scan)}</p>
                            <div class="qr" inner_html=e.qr_svg.clone()></div>
                            <p class="hint">
                                {t!(i18n, account.totp_secret)} " "
                                <code data-testid="totp-secret">{e.secret.clone()}</code>
                            </p>
                            <form class="form" method="post" on:submit=confirm>
                                <label class="field">
                                    <span>{t!(i18n, account.totp_code)}</span>
                                    <input
                                        inputmode="numeric"
                                        autocomplete="one-time-code"
                                        required
                                        prop:value=code
                                        on:input=move |ev| code.set(event_target_value(&ev))
                                    />
                                </label>
                                <button type="submit" disabled=move || busy.get()>
                                    {t!(i18n, account.totp_confirm)}
                                </button>
                            </form>
                        }
                    })
            }}
            {move || {
                recovery
                    .get()
                    .map(|codes| {
                        view! {
                            <p role="status">{t!(i18n, account.totp_enabled_now)}</p>
                            <p>{t!(i18n, account.recovery_codes_once)}</p>
                            <ul class="recovery-codes" data-testid="recovery-codes">
                                {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
                            </ul>
                            <button type="button" on:click=move |_| on_change.run(())>
                                {t!(i18n, account.recovery_codes_saved)}
                            </button>
                        }
                    })
            }}
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert">{move || error.get()}</p>
            </Show>
        </div>
    }
}
