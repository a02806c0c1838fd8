//! What an operation is about: its record, and the version of it the phone acted on.

use uuid::Uuid;

use super::wire::{OpBody, RecordKind};

impl OpBody {
    /// The record the operation is about.
    pub fn record(&self) -> (RecordKind, Uuid) {
        match self {
            OpBody::CreateHousehold { id, .. } | OpBody::EditHousehold { id, .. } => {
                (RecordKind::Household, id.0)
            }
            OpBody::CreateCase { id, .. } | OpBody::CaseCommand { id, .. } => {
                (RecordKind::Case, id.0)
            }
            OpBody::SaveFieldRecord { kind, id, .. } => (*kind, *id),
            OpBody::RevokeAuthorization { id, .. } => (RecordKind::Authorization, id.0),
        }
    }

    /// The version of the record the phone acted on, for an operation that changes an
    /// existing record (`None` for a creation, a field record's first save, or a revocation).
    pub fn base_version(&self) -> Option<i64> {
        match self {
            OpBody::EditHousehold { base_version, .. }
            | OpBody::CaseCommand { base_version, .. } => Some(*base_version),
            OpBody::SaveFieldRecord { base_version, .. } => *base_version,
            OpBody::CreateHousehold { .. }
            | OpBody::CreateCase { .. }
            | OpBody::RevokeAuthorization { .. } => None,
        }
    }
}
