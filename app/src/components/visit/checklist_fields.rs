//! The visit's five questions, each answered yes, no or not applicable.

use domain::fieldwork::{Answer, ChecklistQuestion};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::forms::FormError;
use crate::forms::visit::{ANSWERS, VisitDraft};
use crate::i18n::{Locale, t, t_string, use_i18n};

/// One radio group per question, with the question's own error under it.
#[component]
pub fn ChecklistFields(
    draft: RwSignal<VisitDraft>,
    errors: RwSignal<Vec<FormError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="field checklist">
            <legend>{t!(i18n, visit.checklist)}</legend>
            {ChecklistQuestion::ALL.into_iter().map(|q| {
                let path = format!("checklist.{}", q.code());
                let error = move || errors.with(|e| {
                    e.iter().find(|e| e.path == path).map(|e| view! {
                        <span class="field-error">{e.message.clone()}</span>
                    })
                });
                view! {
                    <fieldset class="question" data-question=q.code()>
                        <legend>{question_label(i18n, q)}</legend>
                        <div class="choices">
                            {ANSWERS.into_iter().map(|a| view! {
                                <label class="choice">
                                    <input
                                        type="radio"
                                        name=format!("checklist.{}", q.code())
                                        prop:checked=move || draft.with(|d| d.answer(q) == Some(a))
                                        on:change=move |_| draft.update(|d| d.set_answer(q, a))
                                    />
                                    {answer_label(i18n, a)}
                                </label>
                            }).collect_view()}
                        </div>
                        {error}
                    </fieldset>
                }
            }).collect_view()}
        </fieldset>
    }
}

fn question_label(i18n: I18nContext<Locale>, q: ChecklistQuestion) -> &'static str {
    match q {
        ChecklistQuestion::LivingConditionsSeen => t_string!(i18n, visit.q_living_conditions_seen),
        ChecklistQuestion::MembersPresent => t_string!(i18n, visit.q_members_present),
        ChecklistQuestion::IncomeSourcesConfirmed => {
            t_string!(i18n, visit.q_income_sources_confirmed)
        }
        ChecklistQuestion::HousingCondition => t_string!(i18n, visit.q_housing_condition),
        ChecklistQuestion::NeedsExpressed => t_string!(i18n, visit.q_needs_expressed),
    }
}

fn answer_label(i18n: I18nContext<Locale>, a: Answer) -> &'static str {
    match a {
        Answer::Yes => t_string!(i18n, visit.yes),
        Answer::No => t_string!(i18n, visit.no),
        Answer::NotApplicable => t_string!(i18n, visit.not_applicable),
    }
}
