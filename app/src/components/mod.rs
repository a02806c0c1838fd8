//! Reusable components, one per file, grouped by area.

pub mod account;
pub mod casework;
pub mod catalogue;
pub mod entrustment;
pub mod evaluation;
pub mod fieldwork;
pub mod form;
pub mod intake;
pub mod ledger;
pub mod media;
pub mod settings;
pub mod shell;
pub mod tasks;
pub mod visit;
