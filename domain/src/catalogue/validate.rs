//! Every rule a catalogue must meet before anything uses it.

use std::collections::HashSet;

use super::error::CatalogueError;
use super::model::CatalogueData;

/// Checks codes are unique and non-empty, references resolve, limits are positive and
/// override prefixes are place code prefixes.
pub fn validate(data: &CatalogueData) -> Result<(), CatalogueError> {
    let departments = unique(
        "department",
        data.departments
            .iter()
            .map(|d| (d.code.as_str(), d.name_zh.as_str())),
    )?;
    let materials = unique(
        "material",
        data.materials
            .iter()
            .map(|m| (m.code.as_str(), m.name_zh.as_str())),
    )?;
    let items = unique(
        "item",
        data.items
            .iter()
            .map(|i| (i.code.as_str(), i.name_zh.as_str())),
    )?;
    for item in &data.items {
        let owner = item.code.as_str();
        for d in std::iter::once(&item.lead_department).chain(&item.involved_departments) {
            if !departments.contains(d.as_str()) {
                return Err(unknown(owner, "department", d.as_str()));
            }
        }
        for m in item
            .materials
            .iter()
            .map(|m| &m.material)
            .chain(&item.department_checks)
        {
            if !materials.contains(m.as_str()) {
                return Err(unknown(owner, "material", m.as_str()));
            }
        }
        if item.time_limit.days == 0 {
            return Err(CatalogueError::ZeroTimeLimit {
                owner: owner.to_owned(),
            });
        }
    }
    for o in &data.overrides {
        if !items.contains(o.item.as_str()) {
            return Err(unknown(
                &format!("override {}", o.place_prefix),
                "item",
                o.item.as_str(),
            ));
        }
        if !is_place_prefix(&o.place_prefix) {
            return Err(CatalogueError::BadPrefix(o.place_prefix.clone()));
        }
        if o.time_limit.days == 0 {
            return Err(CatalogueError::ZeroTimeLimit {
                owner: format!("override {} {}", o.place_prefix, o.item.as_str()),
            });
        }
    }
    Ok(())
}

fn unique<'a>(
    what: &'static str,
    entries: impl Iterator<Item = (&'a str, &'a str)>,
) -> Result<HashSet<&'a str>, CatalogueError> {
    let mut seen = HashSet::new();
    for (code, name) in entries {
        if code.trim().is_empty() || name.trim().is_empty() {
            return Err(CatalogueError::Empty(format!("{what} {code}")));
        }
        if !seen.insert(code) {
            return Err(CatalogueError::Duplicate {
                what,
                code: code.to_owned(),
            });
        }
    }
    Ok(seen)
}

fn unknown(owner: &str, what: &'static str, code: &str) -> CatalogueError {
    CatalogueError::Unknown {
        owner: owner.to_owned(),
        what,
        code: code.to_owned(),
    }
}

/// Two or more digits (a province at least), as place codes start.
fn is_place_prefix(p: &str) -> bool {
    p.len() >= 2 && p.len() <= 12 && p.bytes().all(|b| b.is_ascii_digit())
}
