//! The guided intake on a resident's behalf (`/intake`), offline: household and members,
//! income and property, the entrustment with the resident's signature, the items, the
//! materials checklist with photos, then one save of everything. The draft is kept on every
//! change, so a reload, a crash or a dead battery loses nothing.
//!
//! `?household=<id>` starts from a household on the phone, `?entrustment=<id>` from an
//! entrustment recorded before, `?case=<id>` reopens a saved intake (to fix what the township
//! refused, or to submit once a remote entrustment is signed), `?authorization=<id>` the intake
//! that signed a refused authorization package, at its signing step. `?walk_in=1` is the
//! window's registration of an applicant in person (窗口受理): the same steps without the
//! entrustment, the case submitted to the township's inbox on saving.

use domain::authorization::AuthorizationRecord;
use domain::fieldwork::EntrustmentRecord;
use domain::household::Household;
use domain::sync::{CaseRecord, RecordKind};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

use crate::components::catalogue::catalogue;
use crate::components::fieldwork::WithAccount;
use crate::components::intake::{
    AuthorizationStep, EntrustmentStep, HouseholdStep, ItemsStep, MaterialsStep, MoneyStep,
    ReviewStep, StepBar,
};
use crate::contexts::use_field_sync;
use crate::forms::FormError;
use crate::forms::entrustment::EntrustmentDraft;
use crate::forms::intake::changes::intake_changes;
use crate::forms::intake::members::HouseholdDraft;
use crate::forms::intake::{IntakeDraft, Stored};
use crate::i18n::{t, t_string, use_i18n};
use crate::phone::{self, INTAKE_DRAFT};
use crate::records::pickable_places;

/// The meta key keeping a saved intake's form, to reopen it.
fn saved_key(case: &str) -> String {
    format!("intake:{case}")
}

/// The page.
#[component]
pub fn IntakePage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let query = use_query_map();
    let draft = RwSignal::new(IntakeDraft::default());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let loaded = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let places = RwSignal::new(Vec::<(String, String)>::new());
    // A reopened intake is kept under its case, not as the new-intake draft.
    let reopened = RwSignal::new(None::<String>);

    Effect::new(move |_| {
        let q = query.get();
        let (household, entrustment, mut case) =
            (q.get("household"), q.get("entrustment"), q.get("case"));
        let authorization = q.get("authorization");
        let walk_in = q.get("walk_in").is_some();
        let not_found = t_string!(i18n, authfix.not_found).to_owned();
        leptos::task::spawn_local(async move {
            // A refused package is fixed in the intake that signed it, at the signing step.
            let fixing = match authorization.and_then(|a| Uuid::parse_str(&a).ok()) {
                Some(a) => {
                    case = crate::phone_authorization::case_of(a)
                        .await
                        .map(|c| c.to_string());
                    if case.is_none() {
                        errors.try_set(vec![FormError::at("", not_found)]);
                    }
                    true
                }
                None => false,
            };
            let mut d = start(household, entrustment, case.clone(), walk_in).await;
            if let Some(d) = d.as_mut().filter(|_| fixing) {
                d.step = d
                    .steps()
                    .iter()
                    .position(|s| *s == "authorization")
                    .unwrap_or(d.step);
            }
            let _ = reopened.try_set(case.filter(|_| d.is_some()));
            let _ = draft.try_set(d.unwrap_or_else(|| {
                if walk_in {
                    IntakeDraft::new_walk_in(phone::new_id)
                } else {
                    IntakeDraft::new(phone::new_id)
                }
            }));
            let _ = loaded.try_set(true);
        });
    });
    // The grids to pick from, once the account is known: opened directly (a bookmark, a
    // reload), the page may be here before the account is read from the phone's store.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(place) = sync.account.with(|a| a.as_ref().map(|a| a.place.clone())) else {
            return false;
        };
        leptos::task::spawn_local(load_places(places, place));
        true
    });
    Effect::new(move |_| {
        let d = draft.get();
        if loaded.get_untracked() && !saved.get_untracked() {
            leptos::task::spawn_local(async move {
                match reopened.get_untracked() {
                    Some(case) => phone::keep_draft_at(&saved_key(&case), &d).await,
                    None => phone::keep_draft(INTAKE_DRAFT, &d).await,
                }
            });
        }
    });

    let go = move |step: usize| {
        draft.update(|d| {
            d.step = step.min(d.steps().len() - 1);
            if matches!(d.step_name(), "authorization" | "materials" | "review") {
                d.refresh_materials(catalogue(), phone::today());
            }
        });
        // The errors stay until the next 保存: the step the helper goes to, to mend a field,
        // still shows that field's message.
        scroll_top();
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(account) = sync.account.get_untracked() else {
            return;
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let Some(typed) = draft.try_get_untracked() else {
                return;
            };
            match save(sync, typed.clone(), &account).await {
                Ok(case) => {
                    phone::drop_draft(INTAKE_DRAFT).await;
                    phone::keep_draft_at(&saved_key(&case), &typed).await;
                    let _ = errors.try_set(Vec::new());
                    let _ = saved.try_set(true);
                }
                Err(found) => {
                    let _ = errors.try_set(found);
                }
            }
            let _ = busy.try_set(false);
        });
    };
    let again = move |_| {
        saved.set(false);
        reopened.set(None);
        let walk_in = draft.with_untracked(|d| d.walk_in);
        draft.set(if walk_in {
            IntakeDraft::new_walk_in(phone::new_id)
        } else {
            IntakeDraft::new(phone::new_id)
        });
    };
    // Memos, so that the step's view is rebuilt only when the step changes, not on every
    // change of the draft (the steps write into the draft as they mount).
    let step = Memo::new(move |_| draft.with(|d| d.step));
    let step_name = Memo::new(move |_| draft.with(|d| d.step_name()));
    let steps = Memo::new(move |_| draft.with(|d| d.steps().len()));
    let walk_in = Memo::new(move |_| draft.with(|d| d.walk_in));
    // The walk-in's case, once saved, is opened from the inbox like any other.
    let saved_case = move || draft.with(|d| format!("/cases/{}", d.case));

    view! {
        <h1>
            {move || if walk_in.get() {
                t!(i18n, intake.walk_in_title).into_any()
            } else {
                t!(i18n, intake.title).into_any()
            }}
        </h1>
        <WithAccount>
            <Show
                when=move || !saved.get()
                fallback=move || view! {
                    <p class="card saved" role="status">
                        {t!(i18n, intake.saved)} " " <A href="/sync">{t!(i18n, intake.see_sync)}</A>
                        {move || walk_in.get().then(|| view! {
                            " " <A href=saved_case attr:data-testid="walk-in-case">{t!(i18n, intake.walk_in_open)}</A>
                        })}
                    </p>
                    <button type="button" on:click=again>{t!(i18n, intake.new_intake)}</button>
                }
            >
                <StepBar draft go/>
                <form class="card form intake" on:submit=submit novalidate>
                    {move || match step_name.get() {
                        "household" => view! { <HouseholdStep draft errors places/> }.into_any(),
                        "money" => view! { <MoneyStep draft errors/> }.into_any(),
                        "entrustment" => view! { <EntrustmentStep draft errors/> }.into_any(),
                        "items" => view! { <ItemsStep draft errors/> }.into_any(),
                        "authorization" => view! { <AuthorizationStep draft errors/> }.into_any(),
                        "materials" => view! { <MaterialsStep draft errors/> }.into_any(),
                        _ => view! { <ReviewStep draft errors busy/> }.into_any(),
                    }}
                    <div class="actions step-actions">
                        <Show when=move || { step.get() > 0 }>
                            <button type="button" class="secondary" on:click=move |_| go(step.get_untracked() - 1)>
                                {t!(i18n, intake.back)}
                            </button>
                        </Show>
                        <Show when=move || { step.get() + 1 < steps.get() }>
                            <button type="button" on:click=move |_| go(step.get_untracked() + 1)>{t!(i18n, intake.next)}</button>
                        </Show>
                    </div>
                </form>
                <p class="hint">{t!(i18n, intake.offline_hint)}</p>
            </Show>
        </WithAccount>
    }
}

/// The form to open: a reopened intake, one started from a household or entrustment, or
/// the draft kept from last time (`None`: a new one).
async fn start(
    household: Option<String>,
    entrustment: Option<String>,
    case: Option<String>,
    walk_in: bool,
) -> Option<IntakeDraft> {
    if let Some(case) = case {
        return phone::draft_at(&saved_key(&case)).await;
    }
    let id = |s: Option<String>| s.and_then(|s| Uuid::parse_str(&s).ok());
    let (entrustment, household) = (id(entrustment), id(household));
    // A kept walk-in reopens only as a walk-in, a kept intake only as an intake.
    let kept: Option<IntakeDraft> = phone::draft::<IntakeDraft>(INTAKE_DRAFT)
        .await
        .filter(|k| k.walk_in == walk_in);
    // A reload of an intake started from an entrustment or a household keeps what was typed.
    if let Some(kept) = kept
        .as_ref()
        .filter(|k| k.started_from(entrustment, household))
    {
        return Some(kept.clone());
    }
    let mut draft = IntakeDraft::new(phone::new_id);
    draft.walk_in = walk_in;
    if let Some(e) = entrustment.filter(|_| !walk_in) {
        let stored = phone::field_record::<EntrustmentRecord>(RecordKind::Entrustment, e).await?;
        draft.entrustment = EntrustmentDraft::from_record(&stored.record);
        draft.items = draft.entrustment.items.clone();
        draft.primary = draft.entrustment.main_item.clone();
        draft.known_entrustment = true;
        let home =
            phone::field_record::<Household>(RecordKind::Household, stored.record.household.0)
                .await?;
        draft.household = HouseholdDraft::from_household(&home.record);
        draft.known_household = true;
        return Some(draft);
    }
    if let Some(h) = household {
        let home = phone::field_record::<Household>(RecordKind::Household, h).await?;
        draft.household = HouseholdDraft::from_household(&home.record);
        draft.known_household = true;
        return Some(draft);
    }
    kept
}

/// The grids the helper registers households in: their places, or the codes of the
/// households on the phone when the places have not arrived.
async fn load_places(places: RwSignal<Vec<(String, String)>>, place: String) {
    let mut known = phone::places(false).await;
    if known.is_empty() {
        known = phone::places(true).await;
    }
    let codes: Vec<String> = phone::records_of::<Household>(RecordKind::Household)
        .await
        .into_iter()
        .map(|h| h.record.place.as_str().to_owned())
        .collect();
    let _ = places.try_set(pickable_places(&known, &place, &codes));
}

/// Plans the intake and saves it in one transaction; answers the case's id.
async fn save(
    sync: crate::contexts::FieldSync,
    draft: IntakeDraft,
    account: &crate::records::Account,
) -> Result<String, Vec<FormError>> {
    let helper = phone::actor(account).ok_or_else(|| {
        vec![FormError::at(
            "account",
            "登录信息有误，请重新登录".to_owned(),
        )]
    })?;
    let case_id = Uuid::parse_str(&draft.case).unwrap_or_default();
    let stored_case = phone::field_record::<CaseRecord>(RecordKind::Case, case_id).await;
    let entrustment_id = Uuid::parse_str(&draft.entrustment.id).unwrap_or_default();
    let stored_entrustment =
        phone::field_record::<EntrustmentRecord>(RecordKind::Entrustment, entrustment_id).await;
    let household_id = Uuid::parse_str(&draft.household.id).unwrap_or_default();
    // The household as the phone holds it (registered, or saved by an earlier intake): the
    // helper's changes to it go as an edit.
    let registered = phone::field_record::<Household>(RecordKind::Household, household_id).await;
    let accepted = crate::phone_authorization::accepted().await;
    let authorizations = crate::forms::intake::authorization::counted(
        phone::records_of::<AuthorizationRecord>(RecordKind::Authorization).await,
        domain::ids::HouseholdId(household_id),
    );
    // A case the server never took (refused at creation) is created again under its id.
    let stored = Stored {
        accepted,
        authorizations,
        case: stored_case
            .filter(|s| s.version.is_some())
            .map(|s| s.record),
        entrustment: stored_entrustment.map(|s| s.record),
    };
    let now = phone::now();
    let plan = draft.plan(&helper, stored, catalogue(), phone::today(), now)?;
    if registered
        .as_ref()
        .is_some_and(|h| h.state == crate::records::RecordState::Attention)
    {
        return Err(vec![FormError::at(
            "household",
            "这户家庭上次的修改乡镇未接收：请先在“同步”页处理，再保存申请".to_owned(),
        )]);
    }
    let registered = registered.as_ref().map(|h| (&h.record, h.version));
    let changes = intake_changes(&plan, registered, helper.user, now);
    phone::save_changes(sync, changes)
        .await
        .map_err(|m| vec![FormError::at("", m)])?;
    Ok(draft.case)
}

fn scroll_top() {
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}
