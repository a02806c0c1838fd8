//! The resident's evaluation (`/evaluate?case=<id>`, seed 000 二(四)6): the helper hands the
//! phone over, the resident taps 满意 / 基本满意 / 不满意 and may add a comment. Checked on the
//! phone with the server's rules first, saved offline with its change, then a thank-you that
//! asks for the phone back.

use domain::ids::CaseId;
use domain::sync::RecordKind;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::components::catalogue::catalogue;
use crate::components::evaluation::{RatingButtons, ThankYou};
use crate::components::fieldwork::SignedIn;
use crate::components::form::TextField;
use crate::contexts::use_field_sync;
use crate::forms::FormError;
use crate::forms::evaluation::{EvaluationDraft, NotReady, readiness};
use crate::helper_view::{self, EvaluationSubject, evaluation_subject};
use crate::i18n::{t, use_i18n};
use crate::phone;

/// What the page found for the case asked for.
#[derive(Debug, Clone, PartialEq)]
enum Found {
    /// No (valid) `case` in the address.
    NoCase,
    /// The phone does not hold the case.
    NotOnPhone,
    /// The case.
    Case(Box<EvaluationSubject>),
}

/// The form, or why the case takes no rating now.
#[component]
pub fn EvaluationPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let query = use_query_map();
    let found = RwSignal::new(None::<Found>);
    let draft = RwSignal::new(EvaluationDraft::default());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let saving = RwSignal::new(false);
    let done = RwSignal::new(false);

    Effect::new(move |_| {
        sync.revision.track();
        let id = query
            .with(|q| q.get("case"))
            .and_then(|s| uuid::Uuid::parse_str(&s).ok())
            .map(CaseId);
        leptos::task::spawn_local(async move {
            let Some(id) = id else {
                found.set(Some(Found::NoCase));
                return;
            };
            let records = helper_view::load().await;
            let now = match evaluation_subject(&records, id, catalogue()) {
                Some(subject) => Found::Case(Box::new(subject)),
                None => Found::NotOnPhone,
            };
            // Unchanged by a sync round: keep the form as the resident is filling it in.
            if found.with_untracked(|f| f.as_ref() != Some(&now)) {
                found.set(Some(now));
            }
        });
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(account), Some(Found::Case(subject))) =
            (sync.account.get_untracked(), found.get_untracked())
        else {
            return;
        };
        if saving.get_untracked() {
            return;
        }
        let id = phone::new_id();
        let made = draft.get_untracked().to_evaluation(
            id,
            &subject.record.case,
            subject.entrustment,
            &account,
            &subject.evaluations,
            phone::now(),
        );
        let evaluation = match made {
            Ok(e) => e,
            Err(found) => {
                errors.set(found);
                return;
            }
        };
        errors.set(Vec::new());
        saving.set(true);
        leptos::task::spawn_local(async move {
            match phone::save_field_record(sync, RecordKind::Evaluation, id, &evaluation).await {
                Ok(()) => done.set(true),
                Err(message) => errors.set(vec![FormError {
                    path: String::new(),
                    message,
                }]),
            }
            saving.set(false);
        });
    };

    let form = move |subject: EvaluationSubject| {
        view! {
            <form class="card form evaluation-form" on:submit=submit novalidate>
                <p class="evaluation-intro">{t!(i18n, evaluation.intro)}</p>
                <p class="evaluation-about">
                    {subject.applicant.map(|a| view! {
                        <span>{t!(i18n, evaluation.applicant)} " " {a}</span>
                    })}
                    <span>{t!(i18n, evaluation.items)} " " <span lang="zh-CN">{subject.items_zh}</span></span>
                </p>
                <RatingButtons draft/>
                <TextField name="comment" rows=3
                    value=Signal::derive(move || draft.with(|d| d.comment.clone()))
                    on_input=move |v| draft.update(|d| d.comment = v)>
                    {t!(i18n, evaluation.comment)}
                </TextField>
                <Show when=move || !errors.with(Vec::is_empty)>
                    <ul class="error" role="alert">
                        {move || errors.get().into_iter().map(|e| view! { <li>{e.message}</li> }).collect_view()}
                    </ul>
                </Show>
                <button type="submit" class="evaluation-submit" disabled=move || saving.get()>
                    {t!(i18n, evaluation.submit)}
                </button>
            </form>
        }
    };

    let body = move || {
        if done.get() {
            return view! { <ThankYou/> }.into_any();
        }
        let not_ready = |why: NotReady| {
            let text = match why {
                NotReady::NotTold => t!(i18n, evaluation.not_told).into_any(),
                NotReady::AlreadyRated => t!(i18n, evaluation.already_rated).into_any(),
                NotReady::Archived => t!(i18n, evaluation.archived).into_any(),
            };
            view! {
                <p class="card notice" data-testid="evaluation-not-ready">{text}</p>
                <A href="/tasks">{t!(i18n, evaluation.back_to_tasks)}</A>
            }
            .into_any()
        };
        match found.get() {
            None => view! { <p class="hint">{t!(i18n, evaluation.loading)}</p> }.into_any(),
            Some(Found::NoCase) => {
                view! { <p class="card">{t!(i18n, evaluation.no_case)}</p> }.into_any()
            }
            Some(Found::NotOnPhone) => {
                view! { <p class="card">{t!(i18n, evaluation.not_found)}</p> }.into_any()
            }
            Some(Found::Case(subject)) => {
                match readiness(&subject.record.case, &subject.evaluations) {
                    Ok(()) => form(*subject).into_any(),
                    Err(why) => not_ready(why),
                }
            }
        }
    };

    view! {
        <h1>{t!(i18n, evaluation.title)}</h1>
        <SignedIn>
            {body}
        </SignedIn>
    }
}
