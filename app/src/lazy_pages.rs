//! Pages loaded on demand: with `cargo leptos build --split` each one's code is a WASM chunk
//! of its own, fetched when the page is first opened (and precached by the service worker, so
//! offline too). The first load carries the shell and the home page.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

use crate::pages::{
    CasePage, CertifyPage, EntrustmentPage, EvaluationPage, HardshipPage, InboxPage, IntakePage,
    LedgerPage, MePage, SignInPage, SupplementPage, SyncPage, TasksPage, VisitPage,
};

/// A route type whose view, `$page`, is split out; none of these pages loads data first.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $page:ident) => {
        $(#[$doc])*
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page/> }.into_any()
            }
        }
    };
}

lazy_page!(
    /// `/signin`.
    SignInRoute => SignInPage
);
lazy_page!(
    /// `/sync`.
    SyncRoute => SyncPage
);
lazy_page!(
    /// `/report`.
    HardshipRoute => HardshipPage
);
lazy_page!(
    /// `/me`.
    MeRoute => MePage
);
lazy_page!(
    /// `/intake`.
    IntakeRoute => IntakePage
);
lazy_page!(
    /// `/entrust`.
    EntrustRoute => EntrustmentPage
);
lazy_page!(
    /// `/visit`.
    VisitRoute => VisitPage
);
lazy_page!(
    /// `/tasks`.
    TasksRoute => TasksPage
);
lazy_page!(
    /// `/ledger`.
    LedgerRoute => LedgerPage
);
lazy_page!(
    /// `/evaluate`.
    EvaluationRoute => EvaluationPage
);
lazy_page!(
    /// `/inbox`: the staff's inbox.
    InboxRoute => InboxPage
);
lazy_page!(
    /// `/cases/{id}`: one case's workspace.
    CaseRoute => CasePage
);
lazy_page!(
    /// `/certify`: the helper certifies a household's eligibility.
    CertifyRoute => CertifyPage
);
lazy_page!(
    /// `/supplement`: the helper answers the window's one notice with photos.
    SupplementRoute => SupplementPage
);
