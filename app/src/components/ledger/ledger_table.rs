//! The ledger table with exactly the paper form's columns. On screen the entrusting person's
//! name is masked; on paper (print) it is in full, as the filed ledger needs it, under the
//! form's title, village and period, the header row repeated on every page.

use chrono::NaiveDate;
use domain::identity::mask_name;
use domain::ledger::LedgerRow;
use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

/// The paper form's heading and its table.
#[component]
pub fn LedgerTable(rows: Vec<LedgerRow>, village: String, period: AnyView) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="ledger-paper" data-testid="ledger-paper">
            <h2 class="ledger-title">{t!(i18n, ledger.paper_title)}</h2>
            <p class="ledger-place">
                <span>{t!(i18n, ledger.paper_village)} <span data-testid="ledger-village">{village}</span></span>
                <span>{t!(i18n, ledger.paper_period)} {period}</span>
            </p>
            <div class="ledger-scroll">
                <table class="ledger-table" data-testid="ledger-table">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, ledger.col_no)}</th>
                            <th scope="col">{t!(i18n, ledger.col_person)}</th>
                            <th scope="col">{t!(i18n, ledger.col_helper)}</th>
                            <th scope="col">{t!(i18n, ledger.col_items)}</th>
                            <th scope="col">{t!(i18n, ledger.col_accepted)}</th>
                            <th scope="col">{t!(i18n, ledger.col_limit)}</th>
                            <th scope="col">{t!(i18n, ledger.col_result)}</th>
                            <th scope="col">{t!(i18n, ledger.col_reply)}</th>
                            <th scope="col">{t!(i18n, ledger.col_notes)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|row| view! { <Row row/> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn Row(row: LedgerRow) -> impl IntoView {
    let i18n = use_i18n();
    let masked = mask_name(&row.entrusting_person);
    let limit = row.limit_days.map(|days| {
        view! {
            {days} " " {t!(i18n, ledger.working_days)}
            {row.due_on.map(|d| view! {
                <br/>
                <span class="muted">{t!(i18n, ledger.until)} " " {day(d)}</span>
            })}
            {row.provisional.then(|| view! {
                " " <span class="badge provisional">{t!(i18n, ledger.provisional)}</span>
            })}
        }
    });
    let result = if row.result_zh.is_empty() {
        view! { <span class="muted">{t!(i18n, ledger.pending)}</span> }.into_any()
    } else {
        view! { <span lang="zh-CN">{row.result_zh.clone()}</span> }.into_any()
    };
    view! {
        <tr data-case=row.case.map(|c| c.to_string())>
            <td>{row.no}</td>
            <td>
                <span class="on-screen" data-testid="ledger-person">{masked}</span>
                <span class="on-paper">{row.entrusting_person.clone()}</span>
            </td>
            <td>{row.helper.clone()}</td>
            <td lang="zh-CN">{row.items_zh.clone()}</td>
            <td>{day(row.accepted_on)}</td>
            <td>{limit}</td>
            <td>{result}</td>
            <td>{row.reply_on.map(day)}</td>
            <td lang="zh-CN">{row.notes.clone()}</td>
        </tr>
    }
}

fn day(d: NaiveDate) -> String {
    domain::calendar::print::ymd(&d)
}
