//! One case's workspace (`/cases/{id}`, 案件办理): the household, the items with their
//! departments and results, every clock, the materials beside what the items require (photos
//! full size), the household's authorizations, the history, the printable forms, and the
//! actions this desk may take now. An action is decided on the device with the workflow's
//! rules, saved with its change in the outbox and sent like a helper's record.

use domain::authorization::AuthorizationSummary;
use domain::calendar::Calendar;
use domain::fieldwork::MaterialsRecord;
use domain::household::Household;
use domain::ids::CaseId;
use domain::sync::{CaseRecord, RecordKind};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::casework::{ActionPanel, CaseFacts, CaseMessages, Loaded};
use crate::components::catalogue::catalogue;
use crate::components::fieldwork::SignedIn;
use crate::contexts::use_field_sync;
use crate::i18n::{t, use_i18n};
use crate::phone;
use crate::staff_view::{Desk, case_detail};

/// The workspace.
#[component]
pub fn CasePage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_field_sync();
    let params = use_params_map();
    let loaded = RwSignal::new(None::<Result<Loaded, String>>);
    // The last action saved here: said above the case, which is read again once it is saved.
    let saved = RwSignal::new(None::<&'static str>);
    Effect::new(move |_| {
        sync.revision.track();
        let id = params
            .with(|p| p.get("id"))
            .and_then(|s| uuid::Uuid::parse_str(&s).ok());
        let Some(account) = sync.account.get() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let found = Some(load(id, &account).await);
            // A sync round that changed nothing leaves the forms alone (and the focus).
            if loaded.try_with_untracked(|l| *l != found) == Some(true) {
                let _ = loaded.try_set(found);
            }
        });
    });
    let body = move || match loaded.get() {
        None => view! { <p class="hint">{t!(i18n, desk.loading)}</p> }.into_any(),
        Some(Err(e)) => view! {
            <p class="card" data-testid="case-missing">{e}</p>
            <A href="/inbox">{t!(i18n, desk.back)}</A>
        }
        .into_any(),
        Some(Ok(l)) => {
            let id = l.id;
            view! {
                <CaseFacts loaded=l.clone()/>
                <ActionPanel loaded=l saved/>
                <CaseMessages id/>
            }
            .into_any()
        }
    };
    view! {
        <p class="back-link"><A href="/inbox">{t!(i18n, desk.back)}</A></p>
        <SignedIn>
            {move || saved.get().map(|name| view! {
                <p class="card notice" role="status" data-testid="action-saved">
                    {name} " · " {t!(i18n, desk.saved)}
                </p>
            })}
            {body}
        </SignedIn>
    }
}

/// Reads the case, its household, checklist and the household's authorizations.
async fn load(id: Option<uuid::Uuid>, account: &crate::records::Account) -> Result<Loaded, String> {
    let id = id.ok_or_else(|| "地址中的案件编号有误".to_owned())?;
    let desk = Desk::of(account).ok_or_else(|| "此账号没有办理案件的工作台".to_owned())?;
    let stored = phone::field_record::<CaseRecord>(RecordKind::Case, id)
        .await
        .ok_or_else(|| "本设备上没有这个案件：请先同步，或确认它在您的辖区内。".to_owned())?;
    let household =
        phone::field_record::<Household>(RecordKind::Household, stored.record.household.0)
            .await
            .ok_or_else(|| "本设备上没有这个案件的家庭信息：请先同步。".to_owned())?
            .record;
    let materials = phone::field_record::<MaterialsRecord>(RecordKind::Materials, id)
        .await
        .map(|s| s.record);
    let authorizations: Vec<AuthorizationSummary> =
        phone::records_of::<AuthorizationSummary>(RecordKind::Authorization)
            .await
            .into_iter()
            .map(|s| s.record)
            .filter(|a| a.household == household.id)
            .collect();
    let detail = case_detail(
        &stored.record,
        &household,
        materials.as_ref(),
        &authorizations,
        &desk,
        catalogue(),
        &Calendar::builtin(),
        phone::now(),
    )?;
    Ok(Loaded {
        id: CaseId(id),
        record: stored.record,
        state: stored.state,
        message: stored.message,
        household,
        detail,
        desk,
        department: account.department.clone(),
    })
}
