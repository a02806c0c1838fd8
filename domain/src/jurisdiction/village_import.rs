//! The places import's rule (issue 21 point 5): each row of a file names a village or
//! community by its twelve-digit code, with its names and registered population (实有人口).
//! A code the tree does not hold is a new village under the township of its first nine
//! digits, which must be one the admin administers ([`check_new_village`]); a code it holds
//! is that village's new names and population ([`check_edit`]), or nothing at all when they
//! are what the tree already says — so the same file imported twice changes nothing the
//! second time. A code named twice in one file is refused at its second row.

use std::collections::HashSet;

use super::edit::{
    FieldErrors, NewVillage, PlaceEdit, PlaceEditError, PlaceField, check_edit, check_new_village,
};
use super::level::Level;
use super::place_code::PlaceCode;

/// One row as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VillageRow {
    /// 区划代码.
    pub code: String,
    /// 名称.
    pub name_zh: String,
    /// English or pinyin name (may be empty).
    pub name_en: String,
    /// 实有人口 (empty: unknown).
    pub population: String,
}

/// What an accepted row does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VillageChange {
    /// A new village under its township.
    Add(NewVillage),
    /// An existing village's names or population changed.
    Update {
        /// The village.
        code: PlaceCode,
        /// As the tree holds it.
        before: PlaceEdit,
        /// As the file has it.
        after: PlaceEdit,
    },
    /// An existing village exactly as the tree holds it: nothing to write.
    Unchanged(PlaceCode),
}

impl VillageChange {
    /// The village the row is about.
    pub fn code(&self) -> &PlaceCode {
        match self {
            VillageChange::Add(new) => &new.code,
            VillageChange::Update { code, .. } | VillageChange::Unchanged(code) => code,
        }
    }
}

/// Checks every row of a file. `reach` is the admin's place; `known` answers a place of the
/// tree (any level) as it stands. Answers each row's change or every wrong field, in order.
pub fn check_village_rows(
    rows: &[VillageRow],
    reach: &PlaceCode,
    known: impl Fn(&PlaceCode) -> Option<PlaceEdit>,
) -> Vec<Result<VillageChange, FieldErrors>> {
    let mut seen = HashSet::new();
    rows.iter()
        .map(|row| {
            let verdict = check_one(row, reach, &known);
            let code = match &verdict {
                Ok(change) => Some(change.code().clone()),
                Err(_) => PlaceCode::parse(row.code.trim()).ok(),
            };
            match code {
                Some(code) if !seen.insert(code.clone()) => {
                    let mut errors = verdict.err().unwrap_or_default();
                    errors.retain(|(f, _)| *f != PlaceField::Code);
                    errors.insert(0, (PlaceField::Code, PlaceEditError::CodeRepeated));
                    Err(errors)
                }
                _ => verdict,
            }
        })
        .collect()
}

fn check_one(
    row: &VillageRow,
    reach: &PlaceCode,
    known: &impl Fn(&PlaceCode) -> Option<PlaceEdit>,
) -> Result<VillageChange, FieldErrors> {
    let parsed = PlaceCode::parse(row.code.trim()).ok();
    let township = parsed
        .as_ref()
        .filter(|c| c.level() == Level::Village)
        .and_then(PlaceCode::parent);
    let administered = township
        .as_ref()
        .is_some_and(|t| reach.contains(t) && known(t).is_some());
    if let (Some(code), true) = (&parsed, administered)
        && let Some(before) = known(code)
    {
        return check_edit(&row.name_zh, &row.name_en, &row.population).map(|after| {
            if after == before {
                VillageChange::Unchanged(code.clone())
            } else {
                VillageChange::Update {
                    code: code.clone(),
                    before,
                    after,
                }
            }
        });
    }
    // Not a village the tree holds under the admin's townships: a new one, which
    // `check_new_village` checks against its own township (or, when the code names none, the
    // admin's place, so that the code's own fault is said).
    let under = township.clone().unwrap_or_else(|| reach.clone());
    let checked = check_new_village(
        &under,
        &row.code,
        &row.name_zh,
        &row.name_en,
        &row.population,
        |c| known(c).is_some(),
    );
    if township.is_some() && !administered {
        let mut errors = checked.err().unwrap_or_default();
        errors.retain(|(f, _)| *f != PlaceField::Code);
        errors.insert(
            0,
            (PlaceField::Code, PlaceEditError::CodeOutsideJurisdiction),
        );
        return Err(errors);
    }
    checked.map(VillageChange::Add)
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    fn code(s: &str) -> PlaceCode {
        PlaceCode::parse(s).unwrap()
    }

    fn place(name: &str, population: Option<i64>) -> PlaceEdit {
        PlaceEdit {
            name_zh: name.to_owned(),
            name_en: String::new(),
            population,
        }
    }

    /// A county (500231) with two townships and one village; another county's township.
    fn tree() -> BTreeMap<PlaceCode, PlaceEdit> {
        [
            ("500231", "垫江县", None),
            ("500231101", "沙坪镇", None),
            ("500231102", "太平镇", None),
            ("500231101201", "毛家村", Some(1350)),
            ("500232101", "别县某镇", None),
        ]
        .into_iter()
        .map(|(c, n, p)| (code(c), place(n, p)))
        .collect()
    }

    fn row(c: &str, name: &str, population: &str) -> VillageRow {
        VillageRow {
            code: c.to_owned(),
            name_zh: name.to_owned(),
            name_en: String::new(),
            population: population.to_owned(),
        }
    }

    fn codes(v: &Result<VillageChange, FieldErrors>) -> Vec<&'static str> {
        v.as_ref()
            .err()
            .map(|e| e.iter().map(|(_, e)| e.code()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn each_row_is_an_addition_an_update_nothing_or_refused_with_why() {
        let t = tree();
        let rows = [
            row("500231101201", "毛家村", "1350"),
            row("500231101201", "毛家村", "1400"),
            row("500231102203", "新村", "900"),
            row("500231103201", "无镇村", ""),
            row("500232101201", "别县村", ""),
            row("500231101", "沙坪镇", ""),
            row("12", "", "1,000"),
            row("500231101202", "二村", "-1"),
        ];
        let v = check_village_rows(&rows, &code("500231"), |c| t.get(c).cloned());
        assert_eq!(v[0], Ok(VillageChange::Unchanged(code("500231101201"))));
        assert_eq!(codes(&v[1]), ["code_repeated"]);
        assert!(matches!(&v[2], Ok(VillageChange::Add(n)) if n.place.population == Some(900)));
        assert_eq!(codes(&v[3]), ["code_outside_jurisdiction"]);
        assert_eq!(codes(&v[4]), ["code_outside_jurisdiction"]);
        assert_eq!(codes(&v[5]), ["code_not_village"]);
        assert_eq!(
            codes(&v[6]),
            ["code_invalid", "name_missing", "population_not_number"]
        );
        assert_eq!(codes(&v[7]), ["population_negative"]);
        let one = [row("500231101201", "毛家村", "1400")];
        let v = check_village_rows(&one, &code("500231"), |c| t.get(c).cloned());
        assert!(
            matches!(&v[0], Ok(VillageChange::Update { after, .. }) if after.population == Some(1400))
        );
        // A township leader's reach: the other township is not theirs.
        let v = check_village_rows(
            &[row("500231102203", "新村", "")],
            &code("500231101"),
            |c| t.get(c).cloned(),
        );
        assert_eq!(codes(&v[0]), ["code_outside_jurisdiction"]);
    }

    proptest! {
        /// A file that is accepted, applied, and checked again changes nothing.
        #[test]
        fn the_same_file_twice_changes_nothing(
            picks in prop::collection::vec(
                (0usize..3, 200u32..206, "[一-龥]{1,4}", prop::option::of(0i64..5000)),
                1..8,
            )
        ) {
            let townships = ["500231101", "500231102", "500232101"];
            let rows: Vec<VillageRow> = picks
                .iter()
                .map(|(t, v, name, p)| VillageRow {
                    code: format!("{}{v}", townships[*t]),
                    name_zh: name.clone(),
                    name_en: String::new(),
                    population: p.map(|p| p.to_string()).unwrap_or_default(),
                })
                .collect();
            let t = RefCell::new(tree());
            let reach = code("500231");
            let first = check_village_rows(&rows, &reach, |c| t.borrow().get(c).cloned());
            let mut seen = HashSet::new();
            for (r, v) in rows.iter().zip(&first) {
                let in_reach = !r.code.starts_with("500232");
                let repeated = !seen.insert(r.code.clone());
                prop_assert_eq!(v.is_err(), !in_reach || repeated);
                if let Ok(change) = v {
                    let after = match change {
                        VillageChange::Add(n) => n.place.clone(),
                        VillageChange::Update { after, .. } => after.clone(),
                        VillageChange::Unchanged(c) => t.borrow()[c].clone(),
                    };
                    t.borrow_mut().insert(change.code().clone(), after);
                }
            }
            let accepted: Vec<VillageRow> = rows
                .iter()
                .zip(&first)
                .filter(|(_, v)| v.is_ok())
                .map(|(r, _)| r.clone())
                .collect();
            let again = check_village_rows(&accepted, &reach, |c| t.borrow().get(c).cloned());
            for v in again {
                prop_assert!(matches!(v, Ok(VillageChange::Unchanged(_))), "{:?}", v);
            }
        }
    }
}
