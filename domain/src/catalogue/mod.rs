//! The aid catalogue (服务事项清单) as data: items, their basis, conditions, materials,
//! departments and time limits. The shipped list is `domain/data/catalogue.json`; an admin's
//! edited copy loads through [`Catalogue::from_json`] and the same validation.

mod codes;
mod error;
mod local;
mod lookup;
mod model;
mod requirements;
mod validate;

pub use codes::{AidItemCode, MaterialCode};
pub use error::CatalogueError;
pub use local::{
    LimitErrors, LimitField, LocalLimitError, LocalLimitInput, MAX_LOCAL_DAYS, MAX_SOURCE_CHARS,
};
pub use lookup::Catalogue;
pub use model::{
    AidItem, CatalogueData, ItemKind, LimitSource, Material, MaterialCondition,
    MaterialRequirement, MaterialScope, ReferralKind, TimeLimit, TimeLimitOverride,
};
pub use requirements::{HouseholdFacts, MemberFacts, RequiredMaterial, missing_materials};

#[cfg(test)]
mod local_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_sources;
