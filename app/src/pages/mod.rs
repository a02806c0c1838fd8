//! One component per page, named `*_page.rs`.

mod case_page;
mod certify_page;
mod entrustment_page;
mod evaluation_page;
mod hardship_page;
mod home_page;
mod inbox_page;
mod intake_page;
mod ledger_page;
mod me_page;
mod not_found_page;
mod sign_in_page;
mod supplement_page;
mod sync_page;
mod tasks_page;
mod visit_page;

pub use case_page::CasePage;
pub use certify_page::CertifyPage;
pub use entrustment_page::EntrustmentPage;
pub use evaluation_page::EvaluationPage;
pub use hardship_page::HardshipPage;
pub use home_page::HomePage;
pub use inbox_page::InboxPage;
pub use intake_page::IntakePage;
pub use ledger_page::LedgerPage;
pub use me_page::MePage;
pub use not_found_page::NotFoundPage;
pub use sign_in_page::SignInPage;
pub use supplement_page::SupplementPage;
pub use sync_page::SyncPage;
pub use tasks_page::TasksPage;
pub use visit_page::VisitPage;
