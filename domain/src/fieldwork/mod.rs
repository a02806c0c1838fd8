//! A grid worker's field records (帮办代办员、网格员): entrustments and their termination,
//! household visits, hardship reports, evaluations and an application's materials
//! checklist, each validated with every problem listed at once (Chinese message and field
//! path), and the helper's task list built from them and the cases' clocks.
//!
//! The rules come from the helper plan (seed 000, 垫江县社会救助申请事项帮办代办工作实施方案),
//! the village network notice (seed 001) and Tongnan's proactive discovery (seed 002). Records
//! are plain serde values, synced as JSON and kept in IndexedDB; time is always an argument.

mod attachment;
mod entrustment;
mod error;
mod evaluation;
mod field;
mod hardship;
mod ids;
mod ledger_view;
mod materials;
mod message;
pub mod supplement;
mod task;
mod tasks;
mod visit;

pub use attachment::{AttachmentRef, AttachmentRefError, MAX_PHOTOS, SHA256_HEX_LEN};
pub use entrustment::{
    EntrustmentChannel, EntrustmentRecord, EntrustmentStatus, MAX_MATERIAL_NAME_CHARS,
    MAX_REASON_CHARS, ReturnedMaterial, Termination, TerminationCause,
};
pub use error::{FUTURE_TOLERANCE_SECONDS, FieldworkError};
pub use evaluation::{Evaluation, MAX_COMMENT_CHARS, Rating, ready_for_evaluation};
pub use field::Field;
pub use hardship::{
    HardshipCategory, HardshipReport, HardshipUrgency, MAX_CATEGORY_TEXT_CHARS,
    MAX_DESCRIPTION_CHARS, TemporaryAidStart, TriageKey, sort_for_township,
};
pub use ids::{EntrustmentId, EvaluationId, HardshipId, VisitId};
pub use materials::{
    AUTHORIZATION, MAX_PHOTOS_PER_MATERIAL, MaterialEntry, MaterialStatus, MaterialsRecord,
    authorization, required_for,
};
pub use task::{Task, TaskKind, TaskSubject, sort_tasks};
pub use tasks::{
    HelperCase, RENEW_AUTHORIZATION_WITHIN_DAYS, TaskInputs, authorization_tasks, helper_tasks,
};
pub use visit::{
    Answer, ChecklistAnswer, ChecklistQuestion, Location, MAX_LATITUDE_E6, MAX_LONGITUDE_E6,
    MAX_NOTES_CHARS, Visit, VisitKind,
};

#[cfg(test)]
mod authorization_tasks_tests;
#[cfg(test)]
mod entrustment_tests;
#[cfg(test)]
mod evaluation_tests;
#[cfg(test)]
mod hardship_tests;
#[cfg(test)]
mod materials_proptests;
#[cfg(test)]
mod materials_tests;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod supplement_tests;
#[cfg(test)]
mod tasks_tests;
#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod visit_tests;
