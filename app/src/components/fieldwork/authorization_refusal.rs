//! An authorization package the township refused, on the sync page: each problem at the
//! member it concerns (names masked), in the page's language, and "修改授权 / Fix", which
//! reopens the intake that signed it at its signing step.

use domain::authorization::AuthorizationRecord;
use domain::household::Household;
use domain::sync::RecordKind;
use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

use crate::forms::intake::authorization_fix::{RefusedProblem, problem_lines};
use crate::i18n::{Locale, t, t_string, use_i18n};
use crate::{phone, phone_authorization};

/// The problems of the refused package `id` and the way to fix it; nothing when the phone
/// kept no refusal for it.
#[component]
pub fn AuthorizationRefusal(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let found =
        RwSignal::new(None::<(AuthorizationRecord, Option<Household>, Vec<RefusedProblem>)>);
    let href = format!("/intake?authorization={id}");
    Effect::new(move |_| {
        let Ok(id) = Uuid::parse_str(&id) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let Some((record, problems)) = phone_authorization::refusal(id).await else {
                return;
            };
            let household =
                phone::field_record::<Household>(RecordKind::Household, record.household.0)
                    .await
                    .map(|h| h.record);
            found.try_set(Some((record, household, problems)));
        });
    });
    let lines = move || {
        let english = i18n.get_locale() == Locale::en;
        found.with(|f| {
            f.as_ref()
                .map(|(r, h, p)| problem_lines(r, h.as_ref(), p, english))
                .unwrap_or_default()
        })
    };
    view! {
        <Show when=move || found.with(Option::is_some)>
            <div class="authorization-refusal" data-testid="authorization-refusal">
                <p>{t!(i18n, authfix.refused)}</p>
                <ul>
                    {move || lines().into_iter().map(|(who, what)| view! {
                        <li data-testid="refused-problem">
                            <strong>{who.unwrap_or_else(|| t_string!(i18n, authfix.general).to_owned())}</strong>
                            "："
                            {what}
                        </li>
                    }).collect_view()}
                </ul>
                <A href=href.clone() attr:data-testid="fix-authorization">{t!(i18n, authfix.fix)}</A>
            </div>
        </Show>
    }
}
