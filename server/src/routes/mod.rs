//! HTTP routes, one area per folder or file.

pub mod health;
pub mod static_files;
