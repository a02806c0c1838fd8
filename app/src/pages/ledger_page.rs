//! Ledgers (台账) of the user's area.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

/// The ledger list; filled by the ledger capabilities.
#[component]
pub fn LedgerPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, ledger.title)}</h1>
        <p class="empty">{t!(i18n, ledger.empty)}</p>
    }
}
