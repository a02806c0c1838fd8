//! The authorization on the server's sync side (issue 18): the key and text at start, the
//! countersigning of a pushed package, refusals, reuse by the economic check, revocation,
//! and the protected ID-card photos never pulled.

use domain::authorization::AuthorizationText;
use server::authorization::store;

use crate::backend_tests;
use crate::helpers::{Backend, spawn_app_on};

backend_tests!(start_publishes_the_key_and_the_builtin_text, loading_a_text);

async fn start_publishes_the_key_and_the_builtin_text(backend: Backend) {
    let Some(app) = spawn_app_on(backend, false).await else {
        return;
    };
    let keys = store::published_keys(&app.db).await.unwrap();
    assert_eq!(keys.len(), 1);
    assert!(keys[0].valid_until.is_none());
    assert!(keys[0].verifying_key().is_some());
    let key = server::audit::load_or_create_key(&app.authorization_key_file).unwrap();
    assert_eq!(
        keys[0].key_id,
        domain::authorization::key_id(&key.verifying_key())
    );
    let text = store::text_in_force(&app.db).await.unwrap();
    assert_eq!(text, AuthorizationText::builtin());
    assert_eq!(
        store::text(&app.db, "2026-1").await.unwrap(),
        Some(AuthorizationText::builtin())
    );
    assert_eq!(store::text(&app.db, "1999-1").await.unwrap(), None);
}

async fn loading_a_text(backend: Backend) {
    let Some(app) = spawn_app_on(backend, false).await else {
        return;
    };
    let builtin = AuthorizationText::builtin();
    assert!(!store::load_text(&app.db, &builtin, "admin").await.unwrap());
    let mut changed = builtin.clone();
    changed.validity_months = 6;
    assert!(matches!(
        store::load_text(&app.db, &changed, "admin").await,
        Err(store::LoadTextError::VersionTaken(_))
    ));
    changed.version = "2026-2".to_owned();
    assert!(store::load_text(&app.db, &changed, "admin").await.unwrap());
    assert_eq!(store::text_in_force(&app.db).await.unwrap(), changed);
    changed.validity_months = 0;
    changed.version = "2026-3".to_owned();
    assert!(matches!(
        store::load_text(&app.db, &changed, "admin").await,
        Err(store::LoadTextError::Invalid(_))
    ));
}
