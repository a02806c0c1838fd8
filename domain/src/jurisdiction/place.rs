//! One node of the jurisdiction tree.

use serde::{Deserialize, Serialize};

use super::level::PlaceKind;
use super::place_code::PlaceCode;

/// A county, township/street, village/community or grid, as the admin enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// Its code, which also names its ancestors.
    pub code: PlaceCode,
    /// Chinese name, e.g. 垫江县, 桂溪街道.
    pub name_zh: String,
    /// English or pinyin name, e.g. Dianjiang County.
    pub name_en: String,
    /// What kind of place it is; must sit at the code's level.
    pub kind: PlaceKind,
    /// Registered population (户籍人口), where known: villages over 1,000 need two helpers.
    pub population: Option<i64>,
}

/// How many helpers a village needs, given its population (DOMAIN.md "Rules worth keeping in
/// mind"): at least one; over [`LARGE_VILLAGE_POPULATION`] people, at least two. An unknown
/// population cannot show the village is large, so it needs one.
pub fn helpers_required(population: Option<i64>) -> i64 {
    match population {
        Some(p) if p > LARGE_VILLAGE_POPULATION => 2,
        _ => 1,
    }
}

/// Above this population a village needs two helpers.
pub const LARGE_VILLAGE_POPULATION: i64 = 1_000;

/// A village or community with fewer helpers than it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelperShortfall {
    /// The village.
    pub village: PlaceCode,
    /// Its population, if known.
    pub population: Option<i64>,
    /// Helpers it needs.
    pub required: i64,
    /// Helpers it has (its own and its grids').
    pub present: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers_required_by_population() {
        assert_eq!(helpers_required(None), 1);
        assert_eq!(helpers_required(Some(0)), 1);
        assert_eq!(helpers_required(Some(1_000)), 1);
        assert_eq!(helpers_required(Some(1_001)), 2);
        assert_eq!(helpers_required(Some(25_000)), 2);
    }
}
