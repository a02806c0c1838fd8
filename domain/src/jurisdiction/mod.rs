//! The jurisdiction tree — county (区县) → township/street (乡镇/街道) → village/community
//! (村/社区) → grid (网格) — and the one rule deciding who may see and act on which record.
//!
//! Upper levels use administrative-division codes (`500231`, `500231100`, `500231100001`);
//! grids use a local code below their village (`500231100001-G01`). A code names all its
//! ancestors, so containment needs no tree; the [`JurisdictionTree`] adds names, kinds,
//! populations and the helper-coverage rule.

mod access;
mod actor;
mod edit;
mod level;
mod place;
mod place_code;
mod place_code_error;
mod tree;
mod tree_error;
mod village_import;

#[cfg(test)]
mod access_tests;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tree_tests;

pub use access::{Access, RecordScope, access, can_act, can_see};
pub use actor::{Actor, ActorError, allowed_levels};
pub use edit::{
    FieldErrors, MAX_NAME_CHARS, MAX_POPULATION, NewVillage, PlaceEdit, PlaceEditError, PlaceField,
    check_edit, check_new_village, parse_population,
};
pub use level::{Level, PlaceKind};
pub use place::{HelperShortfall, LARGE_VILLAGE_POPULATION, Place, helpers_required};
pub use place_code::PlaceCode;
pub use place_code_error::PlaceCodeError;
pub use tree::JurisdictionTree;
pub use tree_error::TreeError;
pub use village_import::{VillageChange, VillageRow, check_village_rows};
