//! Accounts and sign-in.

pub mod password;
