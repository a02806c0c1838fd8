//! Updating a registered household at intake (a new member, a changed income): the phone
//! sends only the fields the helper changed, each with the value it replaces, so that edits
//! of other fields by the township or another helper merge. A field somebody else changed
//! first comes back as a conflict; the helper sees both values, chooses field by field, and
//! the choice goes again as a new edit made against the township's values. Pure: tested
//! natively.

use domain::household::{
    DisabilityGrade, Employment, Fen, Health, Household, IncomeKind, PropertyKind, Relation,
};
use domain::identity::mask_name;
use domain::sync::{FieldChange, FieldConflict, PathSeg, apply_changes, diff};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The changes that make `before` (the registered household) into `after` (as the helper
/// left it); empty when nothing changed.
pub fn changes(before: &Household, after: &Household) -> Vec<FieldChange> {
    match (serde_json::to_value(before), serde_json::to_value(after)) {
        (Ok(a), Ok(b)) => diff(&a, &b),
        // A household always serialises; nothing is sent rather than something wrong.
        _ => Vec::new(),
    }
}

/// A household edit the township refused: the changes sent and, for a conflict, the fields
/// somebody else had changed first (with both values).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Refusal {
    /// The refused edit, all of it (nothing of it was applied).
    pub changes: Vec<FieldChange>,
    /// The conflicting fields; empty when the edit was refused for another reason.
    #[serde(default)]
    pub fields: Vec<FieldConflict>,
}

impl Refusal {
    /// The edit to send again. `keep_mine[i]` says, for `fields[i]`, whether the helper's
    /// value goes over the township's (made against the township's value, so it applies) or
    /// the township's value stays (the change is dropped). The rest of the refused edit goes
    /// again as it was: it did not conflict.
    pub fn resolved(&self, keep_mine: &[bool]) -> Vec<FieldChange> {
        self.changes
            .iter()
            .filter_map(
                |c| match self.fields.iter().position(|f| f.path == c.path) {
                    None => Some(c.clone()),
                    Some(i) if keep_mine.get(i).copied().unwrap_or(false) => Some(FieldChange {
                        path: c.path.clone(),
                        old: self.fields[i].theirs.clone(),
                        new: c.new.clone(),
                    }),
                    Some(_) => None,
                },
            )
            .collect()
    }

    /// The phone's copy after the choice: `mine` (the helper's household) with the
    /// township's value wherever the helper took it. Left as it is if it no longer holds the
    /// helper's values (the next pull brings the township's copy anyway).
    pub fn settled(&self, mine: &Value, keep_mine: &[bool]) -> Value {
        let theirs: Vec<FieldChange> = self
            .fields
            .iter()
            .enumerate()
            .filter(|(i, _)| !keep_mine.get(*i).copied().unwrap_or(false))
            .map(|(_, f)| FieldChange {
                path: f.path.clone(),
                old: f.yours.clone(),
                new: f.theirs.clone(),
            })
            .collect();
        apply_changes(mine, &theirs).unwrap_or_else(|_| mine.clone())
    }
}

/// Which field a path names, for the helper: "成员 王*英 · 每月收入"; names masked, as in
/// every list. `household` is the helper's copy (members are named from it).
pub fn field_name(path: &[PathSeg], household: &Household, en: bool) -> String {
    let pick = |zh: &'static str, english: &'static str| if en { english } else { zh };
    // An income or property line: "收入 养老金", or "收入" alone for a line not on the copy.
    let line = |what: &str, kind: Option<(&'static str, &'static str)>| match kind {
        Some((zh, english)) => format!("{what} {}", pick(zh, english)),
        None => what.to_owned(),
    };
    let mut parts: Vec<String> = Vec::new();
    let mut section = "";
    for seg in path {
        match seg {
            PathSeg::Key(k) => {
                section = k.as_str();
                parts.push(match k.as_str() {
                    "members" | "income" | "property" => continue,
                    key => key_name(key, en).to_owned(),
                });
            }
            PathSeg::Id { id } => parts.push(match section {
                "members" => {
                    let name = household
                        .members
                        .iter()
                        .find(|m| m.id.to_string() == *id)
                        .map(|m| mask_name(&m.name.to_string()))
                        .unwrap_or_else(|| pick("新成员", "new member").to_owned());
                    format!("{} {name}", pick("成员", "Member"))
                }
                "income" => {
                    let kind = household.income.iter().find(|i| i.id == *id);
                    line(
                        pick("收入", "Income"),
                        kind.map(|i| (i.kind.name_zh(), i.kind.name_en())),
                    )
                }
                "property" => {
                    let kind = household.property.iter().find(|p| p.id == *id);
                    line(
                        pick("财产", "Property"),
                        kind.map(|p| (p.kind.name_zh(), p.kind.name_en())),
                    )
                }
                _ => id.clone(),
            }),
        }
    }
    parts.join(" · ")
}

/// The label of a household field.
fn key_name(key: &str, en: bool) -> &str {
    let (zh, english) = match key {
        "address" => ("家庭住址", "Address"),
        "place" => ("所在网格", "Grid"),
        "housing_damaged" => ("住房受损", "Housing damaged"),
        "name" => ("姓名", "Name"),
        "id_number" => ("身份证号", "ID number"),
        "relation" => ("与申请人关系", "Relation"),
        "disability" => ("残疾等级", "Disability"),
        "health" => ("健康状况", "Health"),
        "employment" => ("就业状况", "Employment"),
        "phone" => ("手机号", "Phone"),
        "member" => ("所属成员", "Whose"),
        "kind" => ("类别", "Kind"),
        "monthly" => ("每月金额", "Monthly amount"),
        "value" => ("价值", "Value"),
        "note" => ("说明", "Note"),
        other => return other,
    };
    if en { english } else { zh }
}

/// A field's value as the helper reads it: amounts in yuan, closed lists by name, a whole
/// member or line in a few words. `household` names the member an income belongs to.
pub fn value_text(
    path: &[PathSeg],
    value: Option<&Value>,
    household: &Household,
    en: bool,
) -> String {
    let pick = |zh: &'static str, english: &'static str| if en { english } else { zh };
    let Some(value) = value else {
        return pick("（无）", "(none)").to_owned();
    };
    let section = match path.first() {
        Some(PathSeg::Key(k)) => k.as_str(),
        _ => "",
    };
    let field = match path.last() {
        Some(PathSeg::Key(k)) => k.as_str(),
        // A whole member or line, added or removed.
        _ => return element_text(section, value, household, en),
    };
    let code = value.as_str().unwrap_or("");
    let named = |zh: Option<&'static str>, english: Option<&'static str>| {
        if en { english } else { zh }.map(str::to_owned)
    };
    let text = match (section, field) {
        (_, "monthly" | "value") => value.as_i64().map(|f| yuan(f, en)),
        ("income", "kind") => {
            let k = IncomeKind::from_code(code);
            named(k.map(IncomeKind::name_zh), k.map(IncomeKind::name_en))
        }
        ("property", "kind") => {
            let k = PropertyKind::from_code(code);
            named(k.map(PropertyKind::name_zh), k.map(PropertyKind::name_en))
        }
        (_, "member") if value.is_null() => Some(pick("全家", "Whole household").to_owned()),
        (_, "member") => Some(member_name(code, household, en)),
        (_, "relation") => {
            let r = Relation::from_code(code);
            named(r.map(Relation::name_zh), r.map(Relation::name_en))
        }
        (_, "health") => {
            let h = Health::from_code(code);
            named(h.map(Health::name_zh), h.map(Health::name_en))
        }
        (_, "employment") => {
            let e = Employment::from_code(code);
            named(e.map(Employment::name_zh), e.map(Employment::name_en))
        }
        (_, "disability") if value.is_null() => Some(pick("无", "None").to_owned()),
        (_, "disability") => {
            let d = DisabilityGrade::from_code(code);
            named(
                d.map(DisabilityGrade::name_zh),
                d.map(DisabilityGrade::name_en),
            )
        }
        _ => None,
    };
    text.unwrap_or_else(|| plain(value, en))
}

fn element_text(section: &str, value: &Value, household: &Household, en: bool) -> String {
    let text = |key: &str| value.get(key).and_then(Value::as_str).unwrap_or("");
    let amount = |key: &str| value.get(key).and_then(Value::as_i64).map(|f| yuan(f, en));
    match section {
        "members" => {
            let relation = Relation::from_code(text("relation"))
                .map(|r| if en { r.name_en() } else { r.name_zh() })
                .unwrap_or("");
            format!("{} {relation}", mask_name(text("name")))
                .trim_end()
                .to_owned()
        }
        "income" | "property" => {
            let kind = if section == "income" {
                IncomeKind::from_code(text("kind")).map(|k| (k.name_zh(), k.name_en()))
            } else {
                PropertyKind::from_code(text("kind")).map(|k| (k.name_zh(), k.name_en()))
            };
            let kind = kind.map(|(zh, english)| if en { english } else { zh });
            let whose = match value.get("member").and_then(Value::as_str) {
                Some(m) => member_name(m, household, en),
                None => if en { "Whole household" } else { "全家" }.to_owned(),
            };
            let amount = amount(if section == "income" {
                "monthly"
            } else {
                "value"
            });
            [kind.map(str::to_owned), Some(whose), amount]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ")
        }
        _ => plain(value, en),
    }
}

fn member_name(id: &str, household: &Household, en: bool) -> String {
    household
        .members
        .iter()
        .find(|m| m.id.to_string() == id)
        .map(|m| mask_name(&m.name.to_string()))
        .unwrap_or_else(|| if en { "new member" } else { "新成员" }.to_owned())
}

fn yuan(fen: i64, en: bool) -> String {
    if en {
        format!("¥{}", Fen(fen))
    } else {
        format!("{} 元", Fen(fen))
    }
}

fn plain(value: &Value, en: bool) -> String {
    match value {
        Value::Bool(b) => match (b, en) {
            (true, false) => "是",
            (false, false) => "否",
            (true, true) => "yes",
            (false, true) => "no",
        }
        .to_owned(),
        Value::String(s) if s.is_empty() => if en { "(empty)" } else { "（空）" }.to_owned(),
        Value::String(s) => s.clone(),
        Value::Null => if en { "(none)" } else { "（无）" }.to_owned(),
        other => other.to_string(),
    }
}

#[cfg(test)]
#[path = "household_edit_tests.rs"]
mod tests;
