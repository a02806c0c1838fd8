//! Which village and which quarter the ledger covers.

use domain::jurisdiction::PlaceCode;
use domain::ledger::QuarterReport;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::helper_view::Village;
use crate::i18n::{Locale, t, use_i18n};

/// "2026年第4季度" / "Q4 2026".
pub fn quarter_label(i18n: I18nContext<Locale>, q: QuarterReport) -> impl IntoView + use<> {
    let (year, quarter) = (q.year, q.quarter);
    t!(
        i18n,
        ledger.quarter,
        year = move || year,
        quarter = move || quarter
    )
}

/// The village picker (the villages of the phone's households) and the quarter picker.
#[component]
pub fn LedgerFilters(
    villages: Signal<Vec<Village>>,
    village: RwSignal<Option<PlaceCode>>,
    quarters: Vec<QuarterReport>,
    quarter: RwSignal<QuarterReport>,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen_quarter = quarters.clone();
    let pick_village = move |ev| {
        let code = event_target_value(&ev);
        village.set(PlaceCode::parse(&code).ok());
    };
    let pick_quarter = move |ev| {
        let value = event_target_value(&ev);
        if let Some(q) = chosen_quarter.iter().find(|q| code_of(**q) == value) {
            quarter.set(*q);
        }
    };
    view! {
        <div class="ledger-filters no-print">
            <label class="field">
                <span>{t!(i18n, ledger.village)}</span>
                <select name="village" on:change=pick_village>
                    {move || villages.get().into_iter().map(|v| {
                        let code = v.code.as_str().to_owned();
                        let selected = village.with(|c| c.as_ref() == Some(&v.code));
                        let label = match &v.name {
                            Some(name) => format!("{name}（{code}）"),
                            None => code.clone(),
                        };
                        view! { <option value=code selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{t!(i18n, ledger.period)}</span>
                <select name="period" on:change=pick_quarter>
                    {quarters.into_iter().map(|q| view! {
                        <option value=code_of(q) selected=move || quarter.get() == q>
                            {quarter_label(i18n, q)}
                        </option>
                    }).collect_view()}
                </select>
            </label>
        </div>
    }
}

/// The option value of a quarter: `2026-4`.
fn code_of(q: QuarterReport) -> String {
    format!("{}-{}", q.year, q.quarter)
}
