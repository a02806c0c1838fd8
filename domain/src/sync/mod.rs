//! The sync protocol between phones and the server (`/api/sync/v1/…`): its wire types and the
//! field-level patches that let two people edit one record without overwriting each other.
//!
//! Versioned HTTP, not server functions: an installed PWA keeps its cached build across
//! deployments, so these types only ever change compatibly within `v1`.

mod case_record;
mod op_body;
mod pacing;
mod patch;
mod wire;

pub use case_record::CaseRecord;
pub use pacing::{FIRST_PUSH, next_push};
pub use patch::{FieldChange, FieldConflict, PathSeg, apply_changes, diff};
pub use wire::{
    Change, MAX_OPS_PER_PUSH, MAX_PULL_LIMIT, OpBody, OpResult, Operation, Outcome, PullQuery,
    PullResponse, PushRequest, PushResponse, RecordKind, RejectCode,
};

#[cfg(test)]
mod patch_tests;
