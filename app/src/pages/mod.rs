//! One component per page, named `*_page.rs`.

mod home_page;
mod ledger_page;
mod not_found_page;
mod settings_page;
mod tasks_page;

pub use home_page::HomePage;
pub use ledger_page::LedgerPage;
pub use not_found_page::NotFoundPage;
pub use settings_page::SettingsPage;
pub use tasks_page::TasksPage;
