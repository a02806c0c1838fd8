//! Reusable components, one per file, grouped by area.

pub mod catalogue;
pub mod settings;
pub mod shell;
