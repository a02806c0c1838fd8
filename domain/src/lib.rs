//! onedoor's domain: the rules of one-door intake and coordinated handling (一门受理、协同办理).
//!
//! Pure Rust with no I/O, so the phone (WASM) and the server decide alike. Time is always an
//! argument (`today`, `now`), never read from a clock here.

pub mod authorization;
pub mod calendar;
pub mod catalogue;
pub mod certification;
pub mod certification_due;
pub mod checks;
mod checks_rules;
pub mod clocks;
pub mod department;
pub mod escalation;
pub mod escalation_notice;
pub mod fieldwork;
pub mod household;
pub mod identity;
pub mod ids;
pub mod jurisdiction;
pub mod ledger;
pub mod limits;
pub mod notify;
pub mod registry;
pub mod reports;
pub mod rights;
pub mod role;
pub mod routing;
pub mod staff;
pub mod sync;
pub mod workflow;
