//! What a terminated entrustment's card shows: when and why it ended and every material
//! handed back, so the helper can show the resident what was recorded.

use domain::fieldwork::{Termination, TerminationCause};
use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

/// The termination of an entrustment.
#[component]
pub fn TerminationSummary(termination: Termination) -> impl IntoView {
    let i18n = use_i18n();
    let Termination {
        at,
        cause,
        reason,
        materials_returned,
        ..
    } = termination;
    view! {
        <dl class="review" data-testid="termination-summary">
            <dt>{t!(i18n, entrust.terminated_at)}</dt>
            <dd>{domain::clocks::china_date(at).to_string()}</dd>
            <dt>{t!(i18n, entrust.cause)}</dt>
            <dd>
                {match cause {
                    TerminationCause::ResidentRequest => t!(i18n, entrust.cause_resident).into_any(),
                    TerminationCause::MatterEnded => t!(i18n, entrust.cause_matter).into_any(),
                }}
            </dd>
            <dt>{t!(i18n, entrust.reason)}</dt>
            <dd>{reason}</dd>
            <dt>{t!(i18n, entrust.returned)}</dt>
            <dd>
                <ul class="plain">
                    {materials_returned.into_iter().map(|m| {
                        let n = m.count;
                        view! { <li>{m.name} " · " {t!(i18n, entrust.copies, n = move || n)}</li> }
                    }).collect_view()}
                </ul>
            </dd>
        </dl>
    }
}
