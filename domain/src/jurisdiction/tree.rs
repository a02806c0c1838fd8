//! The jurisdiction tree of an installation: validated once, then queried.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::level::Level;
use super::place::{HelperShortfall, Place, helpers_required};
use super::place_code::PlaceCode;
use super::tree_error::TreeError;

/// Every place of an installation, each with its parent present and no code twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JurisdictionTree {
    places: BTreeMap<PlaceCode, Place>,
    children: BTreeMap<PlaceCode, Vec<PlaceCode>>,
}

impl JurisdictionTree {
    /// Builds the tree, in any order of `places`, refusing duplicates, orphans, kinds at the
    /// wrong level, nameless places and negative populations.
    pub fn new(places: Vec<Place>) -> Result<JurisdictionTree, TreeError> {
        let mut by_code = BTreeMap::new();
        for place in places {
            check_place(&place)?;
            if let Some(old) = by_code.insert(place.code.clone(), place) {
                return Err(TreeError::Duplicate { code: old.code });
            }
        }
        let mut children: BTreeMap<PlaceCode, Vec<PlaceCode>> = BTreeMap::new();
        let mut grid_numbers: BTreeMap<(PlaceCode, i64), PlaceCode> = BTreeMap::new();
        for code in by_code.keys() {
            let Some(parent) = code.parent() else {
                continue;
            };
            if !by_code.contains_key(&parent) {
                return Err(TreeError::MissingParent {
                    code: code.clone(),
                    parent,
                });
            }
            if let Some(number) = code.grid_number()
                && let Some(other) = grid_numbers.insert((parent.clone(), number), code.clone())
            {
                return Err(TreeError::DuplicateGridNumber {
                    code: code.clone(),
                    other,
                });
            }
            children.entry(parent).or_default().push(code.clone());
        }
        Ok(JurisdictionTree {
            places: by_code,
            children,
        })
    }

    /// The place with this code, if it is in the tree.
    pub fn get(&self, code: &PlaceCode) -> Option<&Place> {
        self.places.get(code)
    }

    /// How many places the tree holds.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether the tree holds no place.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Every place, in code order (so each parent comes before its children).
    pub fn places(&self) -> impl Iterator<Item = &Place> {
        self.places.values()
    }

    /// The places one level below `code`, in code order; empty for a leaf or an unknown code.
    pub fn children(&self, code: &PlaceCode) -> Vec<&Place> {
        self.children
            .get(code)
            .into_iter()
            .flatten()
            .filter_map(|c| self.places.get(c))
            .collect()
    }

    /// `code` and every place inside it, in code order (a parent before its children).
    pub fn within<'a>(&'a self, code: &'a PlaceCode) -> impl Iterator<Item = &'a Place> + 'a {
        // Codes inside `code` start with its text, and sort right after it.
        self.places
            .range(code.clone()..)
            .take_while(move |(c, _)| c.as_str().starts_with(code.as_str()))
            .filter(move |(c, _)| code.contains(c))
            .map(|(_, place)| place)
    }

    /// The breadcrumb from the county down to `code` (inclusive); `None` if `code` is unknown.
    pub fn path(&self, code: &PlaceCode) -> Option<Vec<&Place>> {
        self.places.get(code)?;
        Level::ALL
            .into_iter()
            .filter_map(|level| code.ancestor_at(level))
            .map(|c| self.places.get(&c))
            .collect()
    }

    /// The villages and communities (in code order).
    pub fn villages(&self) -> impl Iterator<Item = &Place> {
        self.places
            .values()
            .filter(|p| p.code.level() == Level::Village)
    }

    /// The villages with fewer helpers than they need: at least one each, at least two over
    /// 1,000 people (DOMAIN.md). `helper_counts` maps a village or grid to its helpers; a
    /// grid's helpers count for its village, and codes at other levels or outside the tree
    /// are ignored.
    pub fn villages_needing_helpers(
        &self,
        helper_counts: &BTreeMap<PlaceCode, i64>,
    ) -> Vec<HelperShortfall> {
        let mut present: BTreeMap<PlaceCode, i64> = BTreeMap::new();
        for (code, count) in helper_counts {
            if let Some(village) = code.village() {
                *present.entry(village).or_default() += (*count).max(0);
            }
        }
        self.villages()
            .filter_map(|village| {
                let required = helpers_required(village.population);
                let present = present.get(&village.code).copied().unwrap_or(0);
                (present < required).then(|| HelperShortfall {
                    village: village.code.clone(),
                    population: village.population,
                    required,
                    present,
                })
            })
            .collect()
    }
}

/// The checks one place passes on its own.
fn check_place(place: &Place) -> Result<(), TreeError> {
    let code = || place.code.clone();
    if place.kind.level() != place.code.level() {
        return Err(TreeError::KindMismatch {
            code: code(),
            place_kind: place.kind,
            level: place.code.level(),
        });
    }
    if place.name_zh.trim().is_empty() {
        return Err(TreeError::MissingName { code: code() });
    }
    if place.population.is_some_and(|p| p < 0) {
        return Err(TreeError::NegativePopulation { code: code() });
    }
    Ok(())
}

impl Serialize for JurisdictionTree {
    /// The list of places, in code order.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.places.values())
    }
}

impl<'de> Deserialize<'de> for JurisdictionTree {
    /// A list of places, validated as by [`JurisdictionTree::new`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let places = Vec::<Place>::deserialize(deserializer)?;
        JurisdictionTree::new(places).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<Vec<Place>> for JurisdictionTree {
    type Error = TreeError;

    fn try_from(places: Vec<Place>) -> Result<Self, Self::Error> {
        JurisdictionTree::new(places)
    }
}
