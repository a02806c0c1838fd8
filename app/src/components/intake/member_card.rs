//! One member of the household: name, ID number (birth date, sex and age read from it as it
//! is typed), relation, disability, health, work, phone.

use domain::household::{DisabilityGrade, Employment, Health, Relation};
use leptos::prelude::*;

use super::pick;
use crate::components::form::{ChoiceField, TextField, error_at};
use crate::forms::FormError;
use crate::forms::intake::IntakeDraft;
use crate::forms::intake::members::{IdReading, MemberDraft, read_id_number};
use crate::i18n::{t, t_string, use_i18n};
use crate::phone;

/// The card of member `index`.
#[component]
pub fn MemberCard(
    draft: RwSignal<IntakeDraft>,
    errors: RwSignal<Vec<FormError>>,
    index: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let get = move |f: fn(&MemberDraft) -> String| {
        Signal::derive(move || {
            draft.with(|d| d.household.members.get(index).map(f).unwrap_or_default())
        })
    };
    let set = move |f: fn(&mut MemberDraft, String)| {
        Callback::new(move |v: String| {
            draft.update(|d| {
                if let Some(m) = d.household.members.get_mut(index) {
                    f(m, v)
                }
            })
        })
    };
    let at = move |field: &str| error_at(errors, format!("members[{index}].{field}"));
    let locale = move || i18n.get_locale();
    let list = move |all: Vec<(&'static str, &'static str, &'static str)>| {
        Signal::derive(move || {
            all.iter()
                .map(|(code, zh, en)| ((*code).to_owned(), pick(locale(), zh, en)))
                .collect::<Vec<_>>()
        })
    };
    let relations = list(
        Relation::ALL
            .iter()
            .map(|r| (r.code(), r.name_zh(), r.name_en()))
            .collect(),
    );
    let health = list(
        Health::ALL
            .iter()
            .map(|r| (r.code(), r.name_zh(), r.name_en()))
            .collect(),
    );
    let work = list(
        Employment::ALL
            .iter()
            .map(|r| (r.code(), r.name_zh(), r.name_en()))
            .collect(),
    );
    let disability = Signal::derive(move || {
        let mut c = vec![(
            String::new(),
            t_string!(i18n, intake.no_disability).to_owned(),
        )];
        c.extend(DisabilityGrade::ALL.iter().map(|g| {
            (
                g.code().to_owned(),
                pick(locale(), g.name_zh(), g.name_en()),
            )
        }));
        c
    });
    let reading =
        move || {
            let typed = get(|m| m.id_number.clone()).get();
            match read_id_number(&typed, phone::today()) {
            IdReading::Valid { birth, sex_zh, age } => Some(view! {
                <p class="hint id-reading" data-testid="id-reading">
                    {t!(i18n, intake.id_reading)} " " {birth.to_string()} " · " {sex_zh} " · "
                    {age} {t!(i18n, intake.age_unit)}
                </p>
            }.into_any()),
            IdReading::Wrong(message) => Some(view! {
                <p class="field-error" role="alert">{message}</p>
            }.into_any()),
            IdReading::Incomplete => None,
        }
        };
    let remove = move |_| {
        draft.update(|d| {
            if index < d.household.members.len() {
                d.household.members.remove(index);
            }
        })
    };
    view! {
        <section class="member-card" data-testid="member-card">
            <h3>{t!(i18n, intake.member)} " " {index + 1}</h3>
            <TextField name="member_name" value=get(|m| m.name.clone())
                on_input=set(|m, v| m.name = v) error=at("name")>
                {t!(i18n, intake.name)}
            </TextField>
            <TextField name="member_id_number" value=get(|m| m.id_number.clone())
                on_input=set(|m, v| m.id_number = v.to_ascii_uppercase()) error=at("id_number")>
                {t!(i18n, intake.id_number)}
            </TextField>
            {reading}
            <ChoiceField name="member_relation" value=get(|m| m.relation.clone())
                on_change=set(|m, v| m.relation = v) choices=relations>
                {t!(i18n, intake.relation)}
            </ChoiceField>
            <ChoiceField name="member_health" value=get(|m| m.health.clone())
                on_change=set(|m, v| m.health = v) choices=health>
                {t!(i18n, intake.health)}
            </ChoiceField>
            <ChoiceField name="member_employment" value=get(|m| m.employment.clone())
                on_change=set(|m, v| m.employment = v) choices=work>
                {t!(i18n, intake.employment)}
            </ChoiceField>
            <ChoiceField name="member_disability" value=get(|m| m.disability.clone())
                on_change=set(|m, v| m.disability = v) choices=disability>
                {t!(i18n, intake.disability)}
            </ChoiceField>
            <TextField name="member_phone" input_type="tel" inputmode="numeric"
                value=get(|m| m.phone.clone()) on_input=set(|m, v| m.phone = v) error=at("phone")>
                {t!(i18n, intake.phone)}
            </TextField>
            <Show when=move || { index > 0 }>
                <button type="button" class="secondary" on:click=remove>{t!(i18n, intake.remove)}</button>
            </Show>
        </section>
    }
}
