//! How a signer's identity is confirmed (签署人身份核验), one of two ways:
//! - in person, offline: the helper photographs the signer holding their ID card (specially
//!   protected: only the verification team reads it);
//! - online: a one-time code to the signer's own phone as the household registers it on the
//!   server (the member's, or the guardian's who signs for them), confirmed here; the server's
//!   proof goes into the signature and the push checks it.

use domain::household::Household;
use leptos::prelude::*;
use serde::Deserialize;

use super::pick;
use crate::components::media::PhotoInput;
use crate::contexts::use_connectivity;
use crate::forms::intake::IntakeDraft;
use crate::forms::intake::authorization::CodeCheck;
use crate::i18n::{Locale, use_i18n};
use crate::online::{self, OnlineError};
use crate::phone;

#[derive(Deserialize)]
struct Sent {
    phone_masked: String,
}

#[derive(Deserialize)]
struct AllConfirmed {
    confirmations: Vec<Confirmed>,
}

#[derive(Deserialize)]
struct Confirmed {
    member: String,
    phone_masked: String,
    proof: String,
    confirmed_at: chrono::DateTime<chrono::Utc>,
}

/// The identity check of `draft.authorization.signers[index]`; `id_photo` is the card's
/// ID-card photo signal (kept into the draft by the card).
#[component]
pub fn IdentityCheck(
    draft: RwSignal<IntakeDraft>,
    household: Household,
    index: usize,
    id_photo: RwSignal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let online = use_connectivity().online;
    let line = move || draft.with(|d| d.authorization.signers.get(index).cloned());
    let by_code = RwSignal::new(line().is_some_and(|s| s.code_check.is_some()));
    let household_id = household.id;
    let household = StoredValue::new(household);
    // Who gets the code now: the member, or the guardian from the household.
    let recipient = move || {
        let s = line()?;
        household.with_value(|h| {
            let member = h.members.iter().find(|m| m.id.to_string() == s.member)?.id;
            s.code_recipient(h, member, phone::today())
                .map(|r| (member, r))
        })
    };
    let confirmed = Memo::new(move |_| {
        let (_, r) = recipient()?;
        line()?.code_check.filter(|c| c.recipient == r.to_string())
    });
    // A confirmation made at the guardian's own line shows here too.
    Effect::new(move |_| {
        if confirmed.with(Option::is_some) {
            by_code.set(true);
        }
    });
    let sent_to = RwSignal::new(None::<String>);
    let code = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let set_check = move |check: Option<CodeCheck>| {
        draft.update(|d| {
            if let Some(s) = d.authorization.signers.get_mut(index) {
                s.code_check = check;
            }
        })
    };

    let send = Callback::new(move |()| {
        let Some((_, signer)) = recipient() else {
            problem.set(Some(pick(locale(), "请先选择家庭成员中的监护人；手工填写的监护人请改用当面核验。", "Choose the guardian among the members first; for a guardian typed in, check in person.")));
            return;
        };
        busy.set(true);
        problem.set(None);
        let body = serde_json::json!({ "household": household_id, "signer": signer });
        leptos::task::spawn_local(async move {
            let answer: Result<Sent, _> =
                online::post("/api/authorizations/v1/identity-codes", &body).await;
            let _ = busy.try_set(false);
            match answer {
                Ok(sent) => {
                    let _ = sent_to.try_set(Some(sent.phone_masked));
                }
                Err(e) => {
                    let _ = problem.try_set(Some(say(locale(), &e)));
                }
            }
        });
    });
    let confirm = Callback::new(move |()| {
        let Some((member, signer)) = recipient() else {
            return;
        };
        // Every consent this signer gives in the package (hers, and those she signs for as
        // guardian): one code confirms them all.
        let members: Vec<_> = draft.with_untracked(|d| {
            household.with_value(|h| {
                let mut all = vec![member];
                for s in &d.authorization.signers {
                    let Some(m) = h.members.iter().find(|m| m.id.to_string() == s.member) else {
                        continue;
                    };
                    if m.id != member && s.code_recipient(h, m.id, phone::today()) == Some(signer) {
                        all.push(m.id);
                    }
                }
                all
            })
        });
        let typed: String = code
            .get_untracked()
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        if typed.len() != 6 {
            problem.set(Some(pick(
                locale(),
                "请输入短信中的 6 位验证码。",
                "Type the 6 digits from the text message.",
            )));
            return;
        }
        busy.set(true);
        problem.set(None);
        let body = serde_json::json!({
            "household": household_id, "members": members, "signer": signer, "code": typed,
        });
        leptos::task::spawn_local(async move {
            let answer: Result<AllConfirmed, _> =
                online::post("/api/authorizations/v1/identity-codes/confirm", &body).await;
            let _ = busy.try_set(false);
            match answer {
                Ok(all) => {
                    let _ = code.try_set(String::new());
                    let _ = sent_to.try_set(None);
                    let _ = draft.try_update(|d| {
                        for c in all.confirmations {
                            let line = d.authorization.signers.iter_mut();
                            if let Some(s) = line.into_iter().find(|s| s.member == c.member) {
                                s.code_check = Some(CodeCheck {
                                    recipient: signer.to_string(),
                                    phone_masked: c.phone_masked,
                                    proof: c.proof,
                                    confirmed_at: c.confirmed_at,
                                });
                            }
                        }
                    });
                }
                Err(e) => {
                    let _ = problem.try_set(Some(say(locale(), &e)));
                }
            }
        });
    });
    let name = format!("identity-{index}");

    view! {
        <fieldset class="identity" data-testid="identity-check">
            <legend>{move || pick(locale(), "签署人身份核验", "The signer's identity")}</legend>
            <label class="check">
                <input type="radio" name=name.clone() value="in_person" prop:checked=move || !by_code.get()
                    on:change=move |_| { by_code.set(false); set_check(None); }/>
                {move || pick(locale(), "当面核验（拍摄本人手持身份证照片）", "In person (a photo of the signer holding their ID card)")}
            </label>
            <label class="check">
                <input type="radio" name=name value="one_time_code" prop:checked=move || by_code.get()
                    on:change=move |_| by_code.set(true)/>
                {move || pick(locale(), "本人手机验证码（需联网）", "A one-time code to the signer's phone (needs a network)")}
            </label>
            <Show
                when=move || by_code.get()
                fallback=move || view! {
                    <div class="id-card-photo" data-testid="id-card-photo">
                        <PhotoInput
                            photos=id_photo
                            label=pick(locale(), "签署人手持身份证照片（仅核对人员可见）", "The signer holding their ID card (seen only by the verification team)")
                            max=1
                        />
                    </div>
                }
            >
                {
                    move || match confirmed.get() {
                        Some(c) => view! {
                            <p class="ok" role="status" data-testid="code-confirmed">
                                {pick(locale(), &format!("✓ 已通过手机验证码核验（{}）", c.phone_masked), &format!("✓ Confirmed by a code to {}", c.phone_masked))}
                            </p>
                        }.into_any(),
                        None => view! {
                            <div class="code-check">
                                <button type="button" class="secondary" data-testid="send-code"
                                    disabled=move || busy.get() || !online.get()
                                    on:click=move |_| send.run(())>
                                    {move || pick(locale(), "发送验证码", "Send a code")}
                                </button>
                                <Show when=move || !online.get()>
                                    <p class="hint">{move || pick(locale(), "当前离线：请联网后发送，或改用当面核验。", "Offline: connect to send a code, or check in person.")}</p>
                                </Show>
                                <Show when=move || sent_to.get().is_some()>
                                    <p class="hint" role="status">{move || {
                                        let to = sent_to.get().unwrap_or_default();
                                        pick(locale(), &format!("验证码已发送至 {to}，5 分钟内有效。"), &format!("A code went to {to}; it holds for 5 minutes."))
                                    }}</p>
                                    <label class="field">
                                        {move || pick(locale(), "短信验证码", "The code")}
                                        <input name="one_time_code" inputmode="numeric" autocomplete="one-time-code" maxlength="6"
                                            prop:value=move || code.get()
                                            on:input=move |ev| code.set(event_target_value(&ev))/>
                                    </label>
                                    <button type="button" data-testid="confirm-code"
                                        disabled=move || busy.get() on:click=move |_| confirm.run(())>
                                        {move || pick(locale(), "确认", "Confirm")}
                                    </button>
                                </Show>
                            </div>
                        }.into_any(),
                    }
                }
            </Show>
            <Show when=move || problem.get().is_some()>
                <p class="field-error" role="alert" data-testid="code-problem">{move || problem.get().unwrap_or_default()}</p>
            </Show>
        </fieldset>
    }
}

/// A refusal in the page's language, by the server's code.
fn say(locale: Locale, e: &OnlineError) -> String {
    let (zh, en) = match e {
        OnlineError::Offline => (
            "无法连接服务器：请联网后再试，或改用当面核验。",
            "The server cannot be reached: try again online, or check in person.",
        ),
        OnlineError::SignedOut => ("登录已过期，请重新登录。", "Signed out: sign in again."),
        OnlineError::Refused { status: 404, .. } => (
            "服务器上还没有这户家庭：请先同步，或改用当面核验。",
            "The server does not hold this household yet: sync first, or check in person.",
        ),
        OnlineError::Refused { status: 429, .. } => (
            "验证码刚刚已发送，请稍等一分钟再试。",
            "A code was sent a moment ago: wait a minute.",
        ),
        OnlineError::Refused { code, message, .. } => match code.as_deref() {
            Some("no_phone") => (
                "该签署人未登记手机号：请在家庭成员中补充手机号并同步，或改用当面核验。",
                "The signer has no phone registered: add it to the member and sync, or check in person.",
            ),
            Some("wrong_code") => (
                "验证码不正确或已过期，请核对后重新输入，或重新发送。",
                "The code is wrong or expired: check it, or send a new one.",
            ),
            Some("send_failed") => (
                "短信发送失败，请稍后再试或改用当面核验。",
                "The text message could not be sent: try later, or check in person.",
            ),
            Some("method_not_allowed") => (
                "本地区未启用手机验证码核验，请改用当面核验。",
                "One-time codes are not enabled here: check in person.",
            ),
            Some("not_member") => (
                "签署人不是该家庭的成员。",
                "The signer is not a member of the household.",
            ),
            _ => return message.clone(),
        },
        OnlineError::Garbled => (
            "服务器的回答无法读取，请稍后再试。",
            "The server's answer could not be read: try again later.",
        ),
    };
    pick(locale, zh, en)
}
