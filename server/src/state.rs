//! What every handler can reach.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::attachments::AttachmentFiles;
use crate::auth::AuthSettings;
use crate::authorization::AuthorizationKeys;
use crate::db::Db;
use crate::reference::Reference;
use domain::authorization::IdentityMethod;
use std::sync::Arc;

/// Shared, cheaply cloned application state.
#[derive(Clone, FromRef)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// Leptos rendering options (site root, output name).
    pub leptos_options: LeptosOptions,
    /// Session lifetimes, the SMS sender, proxy trust.
    pub auth: AuthSettings,
    /// The current catalogue and calendar.
    pub reference: Arc<Reference>,
    /// Where attachment files live.
    pub attachments: AttachmentFiles,
    /// The key that countersigns verification authorizations.
    pub authorization: Arc<AuthorizationKeys>,
    /// The identity methods this installation allows for an authorization's signers.
    pub identity_methods: Arc<[IdentityMethod]>,
    /// The offline allowance, retention and upload quota settings.
    pub housekeeping: crate::housekeeping::Settings,
}
