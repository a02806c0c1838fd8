//! The helper ledger (帮办代办工作台账, seed 000 attachment 1) of one village and quarter,
//! built on the phone from its entrustments and cases: viewable offline, printable on A4
//! landscape as the paper form the township files.

use chrono::NaiveDate;
use domain::calendar::Calendar;
use domain::jurisdiction::PlaceCode;
use domain::ledger::QuarterReport;
use leptos::prelude::*;

use crate::components::catalogue::catalogue;
use crate::components::fieldwork::SignedIn;
use crate::components::ledger::{LedgerFilters, LedgerTable, quarter_label};
use crate::contexts::use_field_sync;
use crate::helper_view::{
    self, HelperNames, PhoneRecords, Village, ledger_rows, quarters, villages,
};
use crate::i18n::{t, use_i18n};
use crate::phone;
use crate::records::HelperName;

/// Pickers, the table, and the print button.
#[component]
pub fn LedgerPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    // The records, the villages they lie in (named from the places the phone keeps) and the
    // day they were read (Beijing); none until read, also on the server.
    // With the township's helpers by name.
    let data = RwSignal::new(None::<(PhoneRecords, Vec<Village>, NaiveDate, Vec<HelperName>)>);
    let village = RwSignal::new(None::<PlaceCode>);
    let quarter = RwSignal::new(QuarterReport {
        year: 2000,
        quarter: 1,
    });
    Effect::new(move |_| {
        sync.revision.track();
        if sync.account.get().is_none() {
            return;
        }
        leptos::task::spawn_local(async move {
            let records = helper_view::load().await;
            let found = villages(&records, &phone::places(false).await);
            let today = domain::clocks::china_date(phone::now());
            if data.try_with_untracked(Option::is_none) == Some(true) {
                let _ = quarter.try_set(QuarterReport::of(today));
            }
            if village.try_get_untracked().flatten().is_none() {
                let _ = village.try_set(found.first().map(|v| v.code.clone()));
            }
            let known = phone::helper_names().await;
            let _ = data.try_set(Some((records, found, today, known)));
        });
    });
    let all_villages = Memo::new(move |_| {
        data.with(|d| d.as_ref().map(|(_, v, _, _)| v.clone()).unwrap_or_default())
    });
    let table = move || {
        let account = sync.account.get()?;
        let code = village.get()?;
        let q = quarter.get();
        let me = uuid::Uuid::parse_str(&account.user).ok()?;
        let rows = data.with(|d| {
            d.as_ref().map(|(records, _, _, known)| {
                let names = HelperNames {
                    me: domain::ids::UserId(me),
                    my_name: &account.display_name,
                    known,
                };
                ledger_rows(
                    records,
                    &code,
                    q.period(),
                    names,
                    catalogue(),
                    &Calendar::builtin(),
                )
            })
        })?;
        let name = all_villages.with(|vs| {
            vs.iter()
                .find(|v| v.code == code)
                .and_then(|v| v.name.clone())
                .unwrap_or_else(|| code.as_str().to_owned())
        });
        let p = q.period();
        let period = view! { {quarter_label(i18n, q)} {format!("（{} — {}）", p.from, p.to)} };
        Some(match rows {
            Err(e) => view! {
                <p class="card error" role="alert">{t!(i18n, ledger.failed)} " " {e.to_string()}</p>
            }
            .into_any(),
            Ok(rows) => view! {
                {rows.is_empty().then(|| view! { <p class="empty no-print">{t!(i18n, ledger.empty)}</p> })}
                <LedgerTable rows village=name period=period.into_any()/>
            }
            .into_any(),
        })
    };
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        let _ = leptos::prelude::window().print();
    };
    let body = move || match data.with(|d| d.as_ref().map(|(_, _, today, _)| *today)) {
        None => view! { <p class="hint">{t!(i18n, tasks.loading)}</p> }.into_any(),
        Some(_) if all_villages.with(Vec::is_empty) => {
            view! { <p class="empty">{t!(i18n, ledger.no_villages)}</p> }.into_any()
        }
        Some(today) => view! {
            <LedgerFilters
                villages=all_villages.into()
                village
                quarters=quarters(today)
                quarter
            />
            <p class="hint no-print">{t!(i18n, ledger.masked_hint)}</p>
            <p class="actions no-print">
                <button type="button" on:click=print>{t!(i18n, ledger.print)}</button>
            </p>
            {table}
        }
        .into_any(),
    };
    view! {
        <h1 class="no-print">{t!(i18n, ledger.title)}</h1>
        <SignedIn>
            {body}
        </SignedIn>
    }
}
