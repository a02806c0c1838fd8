//! Integration tests: the real server on port 0 with a real, throwaway SQLite database.

mod accounts;
mod attachments;
mod audit;
mod auth;
mod authorization_identity;
mod authorization_reuse;
mod authorization_revoke;
mod authorization_support;
mod authorization_sync;
mod health;
mod helpers;
mod materials_attachments;
mod materials_support;
mod openapi;
mod phone_reference;
mod reference;
mod security;
mod sync_exactly_once;
mod sync_fieldwork;
mod sync_http;
mod sync_materials;
mod sync_materials_window;
mod sync_property;
mod sync_pull;
mod sync_support;
