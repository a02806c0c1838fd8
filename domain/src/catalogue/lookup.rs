//! [`Catalogue`]: a validated catalogue and what it answers.

use std::collections::{BTreeMap, HashSet};

use super::codes::{AidItemCode, MaterialCode};
use super::error::CatalogueError;
use super::model::{AidItem, CatalogueData, LimitSource, Material, TimeLimit};
use crate::department::{Department, DepartmentCode};
use crate::jurisdiction::PlaceCode;
use crate::workflow::DecisionFacts;

/// The catalogue every installation starts with.
const BUILTIN: &str = include_str!("../../data/catalogue.json");

/// A catalogue whose every reference resolves; build with [`Catalogue::from_json`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    data: CatalogueData,
}

impl Catalogue {
    /// The catalogue shipped in `domain/data/catalogue.json`.
    pub fn builtin() -> Catalogue {
        Catalogue::from_json(BUILTIN).expect("the shipped catalogue is valid (tested)")
    }

    /// Parses and validates a catalogue (an admin's edited copy, say).
    pub fn from_json(text: &str) -> Result<Catalogue, CatalogueError> {
        let data: CatalogueData =
            serde_json::from_str(text).map_err(|e| CatalogueError::Format(e.to_string()))?;
        Catalogue::new(data)
    }

    /// The catalogue in postcard's compact binary form, for embedding in the phone's bundle.
    pub fn to_postcard(&self) -> Vec<u8> {
        postcard::to_allocvec(&self.data).expect("catalogue data serializes")
    }

    /// A catalogue from [`Catalogue::to_postcard`] bytes of a catalogue that was validated
    /// when they were made (the app's build script does so). Not validated again: the phone
    /// gains nothing from carrying the validation code, and the server validates every
    /// catalogue it loads.
    pub fn from_trusted_postcard(bytes: &[u8]) -> Result<Catalogue, CatalogueError> {
        let data: CatalogueData =
            postcard::from_bytes(bytes).map_err(|e| CatalogueError::Format(e.to_string()))?;
        Ok(Catalogue { data })
    }

    /// A catalogue from data the server validated (`GET /api/catalogue`), not validated again
    /// for the reason [`Catalogue::from_trusted_postcard`] gives.
    pub fn from_trusted_data(data: CatalogueData) -> Catalogue {
        Catalogue { data }
    }

    /// Validates catalogue data.
    pub fn new(data: CatalogueData) -> Result<Catalogue, CatalogueError> {
        super::validate::validate(&data)?;
        Ok(Catalogue { data })
    }

    /// The data, e.g. to send to phones or save after an edit.
    pub fn data(&self) -> &CatalogueData {
        &self.data
    }

    /// Every item, in catalogue order.
    pub fn items(&self) -> &[AidItem] {
        &self.data.items
    }

    /// One item.
    pub fn item(&self, code: &AidItemCode) -> Option<&AidItem> {
        self.data.items.iter().find(|i| &i.code == code)
    }

    /// Every department.
    pub fn departments(&self) -> &[Department] {
        &self.data.departments
    }

    /// One department.
    pub fn department(&self, code: &DepartmentCode) -> Option<&Department> {
        self.data.departments.iter().find(|d| &d.code == code)
    }

    /// One material.
    pub fn material(&self, code: &MaterialCode) -> Option<&Material> {
        self.data.materials.iter().find(|m| &m.code == code)
    }

    /// The item's time limit at `place`: the override with the longest matching place prefix,
    /// else the item's own. `None` for an unknown item.
    pub fn time_limit(&self, item: &AidItemCode, place: &PlaceCode) -> Option<TimeLimit> {
        let own = self.item(item)?.time_limit;
        let best = self
            .data
            .overrides
            .iter()
            .filter(|o| &o.item == item && place.as_str().starts_with(&o.place_prefix))
            .max_by_key(|o| o.place_prefix.len());
        Some(best.map_or(own, |o| o.time_limit))
    }

    /// Where the item's time limit at `place` comes from: the override's regulation, or the
    /// item's own [`LimitSource`]. `None` for an unknown item.
    pub fn time_limit_source(&self, item: &AidItemCode, place: &PlaceCode) -> Option<LimitSource> {
        let own = self.item(item)?.time_limit_source.clone();
        let best = self
            .data
            .overrides
            .iter()
            .filter(|o| &o.item == item && place.as_str().starts_with(&o.place_prefix))
            .max_by_key(|o| o.place_prefix.len());
        Some(best.map_or(own, |o| LimitSource::Policy(o.source.clone())))
    }

    /// What the workflow needs to know about deciding `item`.
    pub fn decision_facts(&self, item: &AidItemCode) -> Option<DecisionFacts> {
        self.item(item).map(|i| DecisionFacts {
            economic_check_required: i.economic_check_required,
            needs_public_notice: i.public_notice_days.is_some(),
            public_notice_days: i.public_notice_days,
        })
    }

    /// Whether a case requesting `items` may be accepted first when urgent (先行受理): when
    /// ANY of them allows it (乌海 附件2 第二条 情况紧急的可先行受理 speaks of the case, not of
    /// every item).
    pub fn urgent_acceptance_allowed(&self, items: &[AidItemCode]) -> bool {
        items
            .iter()
            .any(|c| self.item(c).is_some_and(|i| i.urgent_acceptance))
    }

    /// Codes of every item, for checking a request.
    pub fn item_codes(&self) -> HashSet<&AidItemCode> {
        self.data.items.iter().map(|i| &i.code).collect()
    }

    /// Items by department (the routing ledger's grouping).
    pub fn items_by_department(&self) -> BTreeMap<&DepartmentCode, Vec<&AidItem>> {
        let mut out: BTreeMap<_, Vec<_>> = BTreeMap::new();
        for i in &self.data.items {
            out.entry(&i.lead_department).or_default().push(i);
        }
        out
    }
}
