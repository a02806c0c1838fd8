//! onedoor's server: owns the database, serves the app, and (in later capabilities) syncs the
//! phones and signs the electronic authorizations.

// The app's page views are deeply nested types, laid out here when the server renders them.
#![recursion_limit = "512"]

pub mod accounts;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod authorization;
pub mod certify;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod escalate;
pub mod housekeeping;
pub mod notify;
pub mod pages;
pub mod projection;
pub mod reference;
pub mod routes;
pub mod security;
pub mod startup;
pub mod state;
pub mod sync;
pub mod telemetry;
