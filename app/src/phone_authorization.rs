//! What the intake's authorization step and the sync page ask of the phone to fix a refused
//! authorization package (like [`crate::phone`]: on the server the calls answer nothing, so
//! pages need no `cfg`).

use domain::authorization::AuthorizationRecord;
use uuid::Uuid;

use crate::forms::intake::authorization_fix::{Accepted, RefusedProblem};

/// What the installation accepts in a package, as the phone last learned it.
pub async fn accepted() -> Accepted {
    #[cfg(feature = "hydrate")]
    return crate::sync::authorization_fix::settings().await;
    #[cfg(not(feature = "hydrate"))]
    Accepted::default()
}

/// The package `id` if the server refused it, as sent, with the problems it named.
pub async fn refusal(id: Uuid) -> Option<(AuthorizationRecord, Vec<RefusedProblem>)> {
    #[cfg(feature = "hydrate")]
    return crate::sync::authorization_fix::refusal(id).await;
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = id;
        None
    }
}

/// The case whose intake signed the package `id`: the checklist naming it (a checklist's id
/// is its case's).
pub async fn case_of(id: Uuid) -> Option<Uuid> {
    use domain::fieldwork::{MaterialStatus, MaterialsRecord};
    let wanted = domain::ids::AuthorizationId(id);
    crate::phone::records_of::<MaterialsRecord>(domain::sync::RecordKind::Materials)
        .await
        .into_iter()
        .find(|m| {
            m.record.entries.iter().any(|e| {
                matches!(e.status, MaterialStatus::Authorized { authorization } if authorization == wanted)
            })
        })
        .map(|m| m.record.id.0)
}
