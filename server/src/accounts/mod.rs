//! Account administration for the admin command line: create users, reset passwords (a
//! generated one must be changed at the next sign-in), reset a lost second factor, disable
//! accounts, import the jurisdiction tree and the staff roster from CSV. Every check
//! uses the `domain` rules; imports are all or nothing and name the CSV line at fault.

mod import_places;
mod import_staff;
pub mod staff;
pub mod staff_create;
mod users;

pub use import_places::import_places;
pub use import_staff::import_staff;
pub use users::{
    NewUser, create_user, generate_password, reset_password, reset_totp, set_disabled,
};

/// A problem in an import file.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ImportError {
    /// 1-based line of the CSV file (the header is line 1).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}
