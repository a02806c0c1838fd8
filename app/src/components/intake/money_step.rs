//! Step 2: monthly income and property, each line with its kind, amount and member.

use domain::household::{IncomeKind, PropertyKind};
use leptos::prelude::*;

use super::pick;
use crate::components::form::{ChoiceField, TextField, error_at};
use crate::forms::FormError;
use crate::forms::intake::IntakeDraft;
use crate::forms::intake::members::MoneyDraft;
use crate::i18n::{t, t_string, use_i18n};
use crate::phone;

/// Which list a line belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum List {
    Income,
    Property,
}

impl List {
    fn lines(self, d: &IntakeDraft) -> &Vec<MoneyDraft> {
        match self {
            List::Income => &d.household.income,
            List::Property => &d.household.property,
        }
    }

    fn lines_mut(self, d: &mut IntakeDraft) -> &mut Vec<MoneyDraft> {
        match self {
            List::Income => &mut d.household.income,
            List::Property => &mut d.household.property,
        }
    }

    fn path(self) -> &'static str {
        match self {
            List::Income => "income",
            List::Property => "property",
        }
    }
}

/// Income lines, property lines, and whether the home is damaged.
#[component]
pub fn MoneyStep(draft: RwSignal<IntakeDraft>, errors: RwSignal<Vec<FormError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="field">
            <h2>{t!(i18n, intake.income)}</h2>
            <MoneyLines draft errors list=List::Income/>
            <h2>{t!(i18n, intake.property)}</h2>
            <MoneyLines draft errors list=List::Property/>
            <label class="check">
                <input
                    type="checkbox"
                    name="housing_damaged"
                    prop:checked=move || draft.with(|d| d.household.housing_damaged)
                    on:change=move |ev| draft.update(|d| d.household.housing_damaged = event_target_checked(&ev))
                />
                {t!(i18n, intake.housing_damaged)}
            </label>
        </fieldset>
    }
}

#[component]
fn MoneyLines(
    draft: RwSignal<IntakeDraft>,
    errors: RwSignal<Vec<FormError>>,
    list: List,
) -> impl IntoView {
    let i18n = use_i18n();
    let add = move |_| {
        draft.update(|d| {
            let kind = match list {
                List::Income => IncomeKind::Wages.code(),
                List::Property => PropertyKind::Deposit.code(),
            };
            list.lines_mut(d).push(MoneyDraft {
                id: phone::new_id().to_string(),
                kind: kind.to_owned(),
                ..MoneyDraft::default()
            });
        })
    };
    view! {
        <Show when=move || draft.with(|d| list.lines(d).is_empty())>
            <p class="empty">{t!(i18n, intake.no_lines)}</p>
        </Show>
        <For
            each=move || draft.with(|d| (0..list.lines(d).len()).collect::<Vec<_>>())
            key=|i| *i
            children=move |index| view! { <MoneyLine draft errors list index/> }
        />
        <button type="button" class="secondary" on:click=add>
            {move || match list {
                List::Income => t_string!(i18n, intake.add_income),
                List::Property => t_string!(i18n, intake.add_property),
            }}
        </button>
    }
}

#[component]
fn MoneyLine(
    draft: RwSignal<IntakeDraft>,
    errors: RwSignal<Vec<FormError>>,
    list: List,
    index: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let get = move |f: fn(&MoneyDraft) -> String| {
        Signal::derive(move || draft.with(|d| list.lines(d).get(index).map(f).unwrap_or_default()))
    };
    let set = move |f: fn(&mut MoneyDraft, String)| {
        Callback::new(move |v: String| {
            draft.update(|d| {
                if let Some(l) = list.lines_mut(d).get_mut(index) {
                    f(l, v)
                }
            })
        })
    };
    let kinds = Signal::derive(move || {
        let locale = i18n.get_locale();
        match list {
            List::Income => IncomeKind::ALL
                .iter()
                .map(|k| (k.code().to_owned(), pick(locale, k.name_zh(), k.name_en())))
                .collect::<Vec<_>>(),
            List::Property => PropertyKind::ALL
                .iter()
                .map(|k| (k.code().to_owned(), pick(locale, k.name_zh(), k.name_en())))
                .collect(),
        }
    });
    let members = Signal::derive(move || {
        let mut c = vec![(
            String::new(),
            t_string!(i18n, intake.whole_household).to_owned(),
        )];
        draft.with(|d| {
            c.extend(d.household.members.iter().map(|m| {
                let name = if m.name.trim().is_empty() {
                    m.id.clone()
                } else {
                    m.name.clone()
                };
                (m.id.clone(), name)
            }))
        });
        c
    });
    let remove = move |_| {
        draft.update(|d| {
            let lines = list.lines_mut(d);
            if index < lines.len() {
                lines.remove(index);
            }
        })
    };
    let amount_label = move || match list {
        List::Income => t_string!(i18n, intake.yuan_month),
        List::Property => t_string!(i18n, intake.yuan_value),
    };
    view! {
        <section class="money-line" data-testid=format!("{}-line", list.path())>
            <ChoiceField value=get(|l| l.kind.clone()) on_change=set(|l, v| l.kind = v) choices=kinds>
                {t!(i18n, intake.kind)}
            </ChoiceField>
            <TextField
                name="yuan"
                inputmode="decimal"
                value=get(|l| l.yuan.clone())
                on_input=set(|l, v| l.yuan = v)
                error=error_at(errors, format!("{}[{index}].yuan", list.path()))
            >
                {amount_label}
            </TextField>
            <ChoiceField value=get(|l| l.member.clone()) on_change=set(|l, v| l.member = v) choices=members>
                {t!(i18n, intake.whose)}
            </ChoiceField>
            <TextField value=get(|l| l.note.clone()) on_input=set(|l, v| l.note = v)>
                {t!(i18n, intake.note)}
            </TextField>
            <button type="button" class="secondary" on:click=remove>{t!(i18n, intake.remove)}</button>
        </section>
    }
}
