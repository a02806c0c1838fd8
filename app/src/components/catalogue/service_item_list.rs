//! Every service item with its department, time limit, public notice and urgent acceptance;
//! conditions, materials and legal basis fold out.

use domain::catalogue::{AidItem, ItemKind, MaterialScope};
use leptos::prelude::*;

use super::catalogue;
use crate::i18n::{Locale, t, use_i18n};

/// The list, in catalogue order.
#[component]
pub fn ServiceItemList() -> impl IntoView {
    let i18n = use_i18n();
    let items = catalogue()
        .items()
        .iter()
        .map(|item| view! { <ServiceItem item=item/> })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="catalogue-title" data-testid="service-items">
            <h2 id="catalogue-title">{t!(i18n, home.catalogue_title)}</h2>
            <ul class="service-items">{items}</ul>
        </section>
    }
}

/// One item.
#[component]
fn ServiceItem(item: &'static AidItem) -> impl IntoView {
    let i18n = use_i18n();
    let en = move || i18n.get_locale() == Locale::en;
    let name = move || {
        if en() {
            item.name_en.as_str()
        } else {
            item.name_zh.as_str()
        }
    };
    let department = catalogue().department(&item.lead_department);
    let department = move || {
        department.map(|d| {
            if en() {
                d.name_en.as_str()
            } else {
                d.name_zh.as_str()
            }
        })
    };
    let limit = item.time_limit;
    let materials = item
        .materials
        .iter()
        .map(|m| {
            let material = catalogue().material(&m.material);
            let label = move || material.map(|x| if en() { x.name_en.as_str() } else { x.name_zh.as_str() });
            let scope = match m.scope {
                MaterialScope::Household => None,
                MaterialScope::PerMember => Some(t!(i18n, home.per_member).into_any()),
                MaterialScope::PerAdultMember => Some(t!(i18n, home.per_adult).into_any()),
            };
            let conditional = m.condition.map(|_| view! { <span class="muted">" · " {t!(i18n, home.if_applicable)}</span> });
            view! { <li>{label} {scope.map(|s| view! { <span class="muted">" · " {s}</span> })} {conditional}</li> }
        })
        .collect_view();
    let conditions = item
        .conditions_zh
        .iter()
        .map(|c| view! { <li lang="zh-CN">{c.as_str()}</li> })
        .collect_view();
    view! {
        <li class="service-item" data-item=item.code.as_str()>
            <details>
                <summary>
                    <span class="service-name">{name}</span>
                    {(item.kind == ItemKind::Status).then(|| view! { <span class="badge">{t!(i18n, home.catalogue_status)}</span> })}
                    <span class="service-meta">
                        {t!(i18n, home.catalogue_department)} ": " {department} " · "
                        {t!(i18n, home.catalogue_limit)} ": " {limit.days} " " {t!(i18n, home.working_days)}
                        " (" {t!(i18n, home.catalogue_extension)} " " {limit.extension_days} ")"
                    </span>
                    {item.public_notice_days.map(|d| view! { <span class="badge">{t!(i18n, home.catalogue_notice)} " " {d} " " {t!(i18n, home.days)}</span> })}
                    {item.urgent_acceptance.then(|| view! { <span class="badge urgent">{t!(i18n, home.catalogue_urgent)}</span> })}
                </summary>
                <h3>{t!(i18n, home.catalogue_conditions)}</h3>
                <ul>{conditions}</ul>
                <h3>{t!(i18n, home.catalogue_materials)}</h3>
                <ul>{materials}</ul>
                <h3>{t!(i18n, home.catalogue_basis)}</h3>
                <p lang="zh-CN">{item.legal_basis.as_str()}</p>
            </details>
        </li>
    }
}
