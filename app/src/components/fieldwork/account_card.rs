//! Who is signed in on this phone, how much space the records take, and sign-out, which is
//! refused while anything is unsent.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::contexts::use_field_sync;
use crate::i18n::{t, t_string, use_i18n};
use crate::phone::{self, SessionError};

/// The account card of the "me" page.
#[component]
pub fn AccountCard() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let hydrated = crate::contexts::use_hydrated();
    let message = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let sign_out = move |_| {
        message.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match phone::sign_out(sync).await {
                Ok(()) => navigate("/signin", Default::default()),
                Err(SessionError::Unsent(n)) => message.set(Some(format!(
                    "{} {n}",
                    t_string!(i18n, account.unsent_refusal)
                ))),
                Err(_) => message.set(Some(t_string!(i18n, account.sign_out_failed).to_owned())),
            }
        });
    };
    let storage = move || {
        sync.storage.get().map(|s| {
            let mb = |b: f64| format!("{:.1} MB", b / 1_048_576.0);
            (
                format!("{} / {}", mb(s.used), mb(s.quota)),
                s.near_quota(),
                s.persisted,
            )
        })
    };
    view! {
        <section class="card account" data-testid="account-card">
            <h2>{t!(i18n, account.title)}</h2>
            <Show
                when=move || hydrated.get() && sync.account.get().is_some()
                fallback=move || view! {
                    <p>{t!(i18n, account.signed_out)}</p>
                    <A href="/signin">{t!(i18n, account.sign_in)}</A>
                }
            >
                <p>
                    {t!(i18n, signin.signed_in_as)} " "
                    <strong>
                        {move || sync.account.get().map(|a| a.display_name).unwrap_or_default()}
                    </strong>
                </p>
                <MyPlaces/>
                {move || storage().map(|(text, near, persisted)| view! {
                    <p class="hint" data-testid="storage-use">
                        {t!(i18n, account.storage)} " " {text}
                        {(!persisted).then(|| view! { " · " {t!(i18n, account.not_persisted)} })}
                    </p>
                    {near.then(|| view! {
                        <p class="error" role="alert">{t!(i18n, account.quota_near)}</p>
                    })}
                })}
                <button type="button" class="secondary" on:click=sign_out.clone()>
                    {t!(i18n, account.sign_out)}
                </button>
                {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            </Show>
        </section>
    }
}

/// The account's place and the grids below it, as the phone keeps them (offline too).
#[component]
fn MyPlaces() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let places = RwSignal::new(Vec::<crate::records::PlaceInfo>::new());
    Effect::new(move |_| {
        if sync.account.get().is_some() {
            leptos::task::spawn_local(async move { places.set(phone::places(false).await) });
        }
    });
    let text = move || {
        let own = sync.account.get()?.place;
        places.with(|all| {
            let name = |code: &str| {
                all.iter()
                    .find(|p| p.code == code)
                    .map_or_else(|| code.to_owned(), |p| p.name_zh.clone())
            };
            let below: Vec<String> = all
                .iter()
                .filter(|p| p.parent.as_deref() == Some(own.as_str()))
                .map(|p| p.name_zh.clone())
                .collect();
            let mut line = name(&own);
            if !below.is_empty() {
                line.push_str(&format!("（{}）", below.join("、")));
            }
            (!all.is_empty()).then_some(line)
        })
    };
    move || {
        text().map(|t| {
            view! {
                <p class="hint" data-testid="my-places">{t!(i18n, account.my_places)} " " {t}</p>
            }
        })
    }
}
