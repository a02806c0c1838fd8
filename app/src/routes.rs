//! The app's routes and the frame around every page.

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, path};

use crate::components::shell::{BottomNav, ConnectivityIndicator, UpdateBanner};
use crate::contexts::{
    provide_connectivity_context, provide_display_prefs_context, provide_field_sync_context,
};
use crate::i18n::{I18nContextProvider, t, t_string, use_i18n};
use crate::lazy_pages::{
    CaseRoute, CertifyRoute, EntrustRoute, EvaluationRoute, HardshipRoute, InboxRoute, IntakeRoute,
    LedgerRoute, MeRoute, SignInRoute, SupplementRoute, SyncRoute, TasksRoute, VisitRoute,
};
use crate::pages::{HomePage, NotFoundPage};

/// The root component: contexts, the page frame and the routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider>
            <Frame/>
        </I18nContextProvider>
    }
}

#[component]
fn Frame() -> impl IntoView {
    let i18n = use_i18n();
    provide_display_prefs_context();
    provide_connectivity_context();
    provide_field_sync_context();
    view! {
        <Title text=move || t_string!(i18n, app_full_name).to_string()/>
        <Router>
            <header class="top-bar">
                <span class="brand">{t!(i18n, app_name)}</span>
                <ConnectivityIndicator/>
            </header>
            <UpdateBanner/>
            <main class="page">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/tasks") view={Lazy::<TasksRoute>::new()}/>
                    <Route path=path!("/ledger") view={Lazy::<LedgerRoute>::new()}/>
                    <Route path=path!("/evaluate") view={Lazy::<EvaluationRoute>::new()}/>
                    <Route path=path!("/me") view={Lazy::<MeRoute>::new()}/>
                    <Route path=path!("/signin") view={Lazy::<SignInRoute>::new()}/>
                    <Route path=path!("/sync") view={Lazy::<SyncRoute>::new()}/>
                    <Route path=path!("/report") view={Lazy::<HardshipRoute>::new()}/>
                    <Route path=path!("/intake") view={Lazy::<IntakeRoute>::new()}/>
                    <Route path=path!("/entrust") view={Lazy::<EntrustRoute>::new()}/>
                    <Route path=path!("/visit") view={Lazy::<VisitRoute>::new()}/>
                    <Route path=path!("/certify") view={Lazy::<CertifyRoute>::new()}/>
                    <Route path=path!("/supplement") view={Lazy::<SupplementRoute>::new()}/>
                    <Route path=path!("/inbox") view={Lazy::<InboxRoute>::new()}/>
                    <Route path=path!("/cases/:id") view={Lazy::<CaseRoute>::new()}/>
                </Routes>
            </main>
            <BottomNav/>
        </Router>
    }
}
