//! One task: what to do, for whom, by when, and a link to do it.

use domain::fieldwork::TaskKind;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::components::A;

use super::DueLabel;
use crate::helper_view::TaskRow;
use crate::i18n::{Locale, t, t_string, use_i18n};

/// The task's card.
#[component]
pub fn TaskItem(row: TaskRow) -> impl IntoView {
    let i18n = use_i18n();
    let kind = row.task.kind;
    let deadline = row.task.deadline;
    let link = row.link.clone();
    view! {
        <li class="task" data-kind=kind_code(kind) data-urgency=row.due.code()>
            <div class="task-head">
                <strong class="task-kind">{move || kind_label(i18n, kind)}</strong>
                <DueLabel due=row.due/>
            </div>
            <p class="task-label" lang="zh-CN">{row.task.label_zh.clone()}</p>
            <p class="task-meta">
                {row.who.clone().map(|who| view! {
                    <span>{t!(i18n, tasks.for_whom)} " " <span data-testid="task-who">{who}</span></span>
                })}
                {deadline.map(|d| view! {
                    <span>
                        {t!(i18n, tasks.deadline_on)} " " {domain::calendar::print::ymd(&d.value)}
                        {d.provisional.then(|| view! {
                            " "
                            <span class="badge provisional" title=move || t_string!(i18n, tasks.provisional_hint)>
                                {t!(i18n, tasks.provisional)}
                            </span>
                        })}
                    </span>
                })}
            </p>
            {link.map(|href| view! {
                <A href=href attr:class="button">{move || act_label(i18n, kind)}</A>
            })}
        </li>
    }
}

/// Stable class and test name of a kind.
fn kind_code(kind: TaskKind) -> &'static str {
    match kind {
        TaskKind::CollectSignature => "collect_signature",
        TaskKind::BringMaterials => "bring_materials",
        TaskKind::HandOverResult => "hand_over_result",
        TaskKind::FollowUpVisit => "follow_up_visit",
        TaskKind::CollectEvaluation => "collect_evaluation",
        TaskKind::RenewAuthorization => "renew_authorization",
    }
}

fn kind_label(i18n: I18nContext<Locale>, kind: TaskKind) -> &'static str {
    match kind {
        TaskKind::CollectSignature => t_string!(i18n, tasks.kind_collect_signature),
        TaskKind::BringMaterials => t_string!(i18n, tasks.kind_bring_materials),
        TaskKind::HandOverResult => t_string!(i18n, tasks.kind_hand_over_result),
        TaskKind::FollowUpVisit => t_string!(i18n, tasks.kind_follow_up_visit),
        TaskKind::CollectEvaluation => t_string!(i18n, tasks.kind_collect_evaluation),
        TaskKind::RenewAuthorization => t_string!(i18n, tasks.kind_renew_authorization),
    }
}

fn act_label(i18n: I18nContext<Locale>, kind: TaskKind) -> &'static str {
    match kind {
        TaskKind::CollectSignature => t_string!(i18n, tasks.act_sign),
        TaskKind::FollowUpVisit => t_string!(i18n, tasks.act_visit),
        TaskKind::RenewAuthorization => t_string!(i18n, tasks.act_renew),
        TaskKind::BringMaterials => t_string!(i18n, tasks.act_bring),
        _ => t_string!(i18n, tasks.act_evaluate),
    }
}
