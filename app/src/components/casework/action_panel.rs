//! What this desk may do with the case now: one button per action the workflow allows, and
//! the chosen action's form. The form is kept as a draft per case on every change (nothing
//! typed is lost on a reload or a dropped network); on submit it is decided on the device
//! with the workflow's rules (a refusal shows at the button), then saved with its change in
//! the outbox and sent like any record.

use domain::department::DepartmentCode;
use domain::workflow::CommandKind;
use leptos::prelude::*;

use super::Loaded;
use super::action_fields::action_fields;
use crate::components::catalogue::catalogue;
use crate::contexts::use_field_sync;
use crate::forms::casework::{ActionContext, ActionDraft, draft_key, plan_action};
use crate::i18n::{t, use_i18n};
use crate::phone::{self, Changes};

/// The actions of `loaded`'s desk.
#[component]
pub fn ActionPanel(
    loaded: Loaded,
    /// Where the name of the action last saved is said (outside this panel, which is drawn
    /// anew once the case is read again).
    saved: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // An action's name in the reader's language.
    let name_of = move |kind: CommandKind| {
        if i18n.get_locale() == crate::i18n::Locale::en {
            kind.name_en()
        } else {
            kind.name_zh()
        }
    };
    let sync = use_field_sync();
    let key = draft_key(loaded.id);
    let draft = RwSignal::new(ActionDraft::default());
    let error = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    {
        let key = key.clone();
        leptos::task::spawn_local(async move {
            if let Some(kept) = phone::draft_at::<ActionDraft>(&key).await {
                let _ = draft.try_set(kept);
            }
        });
    }
    let keep = {
        let key = key.clone();
        move || {
            let key = key.clone();
            let value = draft.get_untracked();
            leptos::task::spawn_local(async move { phone::keep_draft_at(&key, &value).await });
        }
    };
    let edit = {
        let keep = keep.clone();
        move |f: &dyn Fn(&mut ActionDraft)| {
            draft.update(|d| f(d));
            error.set(None);
            keep();
        }
    };
    let loaded = StoredValue::new(loaded);
    let department = loaded.with_value(|l| l.department.clone().map(DepartmentCode));
    let actions = loaded.with_value(|l| l.detail.actions.clone());

    let submit = {
        let key = key.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if saving.get_untracked() {
                return;
            }
            let planned = loaded.with_value(|l| {
                let cx = ActionContext {
                    household: &l.household,
                    actor: domain::workflow::Actor {
                        user: l.desk.user,
                        role: l.desk.role,
                    },
                    department: l.department.clone().map(DepartmentCode),
                    outstanding: l.detail.outstanding.clone(),
                    catalogue: catalogue(),
                };
                plan_action(&draft.get_untracked(), &l.record, &cx, phone::now())
            });
            let planned = match planned {
                Ok(p) => p,
                Err(e) => {
                    let english = i18n.get_locale() == crate::i18n::Locale::en;
                    return error.set(Some(e.message(english)));
                }
            };
            let mut changes = Changes::new();
            changes.case_command(
                &planned.after,
                planned.base_version,
                &planned.command,
                planned.reason.as_deref(),
            );
            let kind = planned.command.kind();
            let name = if i18n.get_locale_untracked() == crate::i18n::Locale::en {
                kind.name_en()
            } else {
                kind.name_zh()
            };
            saving.set(true);
            let key = key.clone();
            leptos::task::spawn_local(async move {
                match phone::save_changes(sync, changes).await {
                    Ok(()) => {
                        phone::drop_draft_at(&key).await;
                        let _ = draft.try_set(ActionDraft::default());
                        let _ = saved.try_set(Some(name));
                    }
                    Err(e) => {
                        let _ = error.try_set(Some(e));
                    }
                }
                let _ = saving.try_set(false);
            });
        }
    };

    let no_actions = actions.is_empty();
    let buttons = {
        let edit = edit.clone();
        move || {
            let edit = edit.clone();
            actions
                .iter()
                .map(|kind| {
                    let kind = *kind;
                    let edit = edit.clone();
                    let chosen = move || draft.with(|d| d.kind == Some(kind));
                    view! {
                        <button type="button" class="secondary action-choice"
                            class:chosen=chosen
                            aria-pressed=move || chosen().to_string()
                            data-action=format!("{kind:?}")
                            on:click=move |_| {
                                saved.set(None);
                                edit(&|d: &mut ActionDraft| {
                                    if d.kind != Some(kind) {
                                        *d = ActionDraft { kind: Some(kind), ..ActionDraft::default() };
                                    }
                                });
                            }>
                            {move || name_of(kind)}
                        </button>
                    }
                })
                .collect_view()
        }
    };

    // Only a change of action redraws the fields (typing must keep the focus).
    let kind = Memo::new(move |_| draft.with(|d| d.kind));
    let fields = {
        let edit = edit.clone();
        move || {
            let kind = kind.get()?;
            let edit = edit.clone();
            Some(loaded.with_value(|l| action_fields(kind, l, department.as_ref(), draft, edit)))
        }
    };

    view! {
        <section class="card action-panel" data-testid="actions">
            <h2>{t!(i18n, desk.actions)}</h2>
            {if no_actions {
                view! { <p class="hint" data-testid="no-actions">{t!(i18n, desk.no_actions)}</p> }.into_any()
            } else {
                view! {
                    <div class="action-choices">{buttons}</div>
                    <form class="form action-form" on:submit=submit novalidate
                        data-testid="action-form">
                        {fields}
                        <Show when=move || error.with(Option::is_some)>
                            <p class="error" role="alert" data-testid="action-error">
                                {move || error.get().unwrap_or_default()}
                            </p>
                        </Show>
                        <Show when=move || draft.with(|d| d.kind.is_some())>
                            <button type="submit" data-testid="action-submit"
                                disabled=move || saving.get()>
                                {move || draft.with(|d| d.kind.map(name_of).unwrap_or_default())}
                            </button>
                        </Show>
                    </form>
                }.into_any()
            }}
        </section>
    }
}
