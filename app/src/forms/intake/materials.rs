//! The materials step of the intake (材料清单): every material the chosen items need for this
//! household — per member where the catalogue says so — photographed, signed on the screen
//! (the verification authorization, 一次授权、全网通用) or marked as not at hand.

use chrono::{DateTime, Utc};
use domain::catalogue::{Catalogue, RequiredMaterial};
use domain::fieldwork::{Field, MaterialsRecord};
use serde::{Deserialize, Serialize};

use crate::forms::FormError;

/// The material every adult signs on the screen instead of on paper.
pub const AUTHORIZATION: &str = "verification_authorization";

/// One line of the checklist as filled in.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MaterialDraft {
    /// `MaterialCode`.
    pub material: String,
    /// The member's id, empty for the household's material.
    pub member: String,
    /// Photos taken (SHA-256 of each).
    pub photos: Vec<String>,
    /// The on-screen signature (the authorization only; drafts from before the
    /// authorization record).
    pub signature: Option<String>,
    /// The authorization record covering the member (the authorization only): set when the
    /// intake is planned, from the authorization step.
    #[serde(default)]
    pub authorization: Option<String>,
    /// Marked as not at hand: the window's one notice will list it.
    pub missing: bool,
}

impl MaterialDraft {
    /// Whether the line is dealt with (photographed, signed or marked missing).
    pub fn done(&self) -> bool {
        self.missing
            || !self.photos.is_empty()
            || self.signature.is_some()
            || self.authorization.is_some()
    }

    /// Whether this line is signed on the screen rather than photographed.
    pub fn is_signed_on_screen(&self) -> bool {
        self.material == AUTHORIZATION && !self.member.is_empty()
    }
}

/// The checklist for what is required now, keeping every line already filled in (items or
/// members changed: lines no longer required go, new ones come empty), in catalogue order.
pub fn checklist(previous: &[MaterialDraft], required: &[RequiredMaterial]) -> Vec<MaterialDraft> {
    required
        .iter()
        .map(|r| {
            let member = r.member.map(|m| m.to_string()).unwrap_or_default();
            previous
                .iter()
                .find(|p| p.material == r.material.as_str() && p.member == member)
                .cloned()
                .unwrap_or_else(|| MaterialDraft {
                    material: r.material.as_str().to_owned(),
                    member,
                    ..MaterialDraft::default()
                })
        })
        .collect()
}

/// The material's Chinese name (its code if the catalogue lacks it).
pub fn material_name(catalogue: &Catalogue, code: &str) -> String {
    catalogue
        .material(&domain::catalogue::MaterialCode(code.to_owned()))
        .map_or_else(|| code.to_owned(), |m| m.name_zh.clone())
}

/// Every line not yet dealt with, at `materials[i]`.
pub fn unfinished(lines: &[MaterialDraft], catalogue: &Catalogue) -> Vec<FormError> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.done())
        .map(|(i, l)| {
            let how = if l.is_signed_on_screen() {
                "请在“核对授权”一步签署，或标记为暂不签署"
            } else {
                "请拍照，或标记为暂缺"
            };
            FormError::at(
                &format!("materials[{i}]"),
                format!("{}：{how}", material_name(catalogue, &l.material)),
            )
        })
        .collect()
}

/// The materials marked missing, each once, in checklist order: what the notice will list.
pub fn missing(lines: &[MaterialDraft]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in lines.iter().filter(|l| l.missing) {
        if !out.contains(&l.material) {
            out.push(l.material.clone());
        }
    }
    out
}

/// Every attachment of the checklist (photos and signatures), each once.
pub fn attachments(lines: &[MaterialDraft]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in lines.iter().filter(|l| !l.missing) {
        for sha in l.photos.iter().chain(l.signature.iter()) {
            if !out.contains(sha) {
                out.push(sha.clone());
            }
        }
    }
    out
}

/// The checklist record's problems by the domain's rules, the ones the server applies (a photo
/// or signature used for two materials, say), each at the checklist line it concerns: the
/// helper learns them before leaving the house, not after syncing.
pub fn problems(
    record: &MaterialsRecord,
    required: &[RequiredMaterial],
    catalogue: &Catalogue,
    now: DateTime<Utc>,
) -> Vec<FormError> {
    let Err(found) = record.validate(required, now) else {
        return Vec::new();
    };
    found
        .iter()
        .map(|e| {
            let path = match e.field() {
                Field::Entry { index }
                | Field::EntryStatus { index }
                | Field::EntryPhotos { index }
                | Field::EntrySignature { index }
                | Field::EntryPhoto { entry: index, .. } => format!("materials[{index}]"),
                _ => "materials".to_owned(),
            };
            FormError::at(&path, e.message_zh_in(catalogue))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::catalogue::{AidItemCode, HouseholdFacts, MemberFacts};
    use domain::ids::MemberId;
    use uuid::Uuid;

    fn required() -> Vec<RequiredMaterial> {
        let facts = HouseholdFacts {
            members: vec![
                MemberFacts {
                    member: MemberId(Uuid::from_u128(1)),
                    adult: true,
                    has_disability: false,
                    has_illness: true,
                    is_student: false,
                    unemployed: false,
                },
                MemberFacts {
                    member: MemberId(Uuid::from_u128(2)),
                    adult: false,
                    has_disability: false,
                    has_illness: false,
                    is_student: true,
                    unemployed: false,
                },
            ],
            has_housing_damage: false,
        };
        Catalogue::builtin().required_materials(&[AidItemCode("dibao".to_owned())], &facts)
    }

    #[test]
    fn the_checklist_follows_the_catalogue_and_keeps_what_was_filled() {
        let lines = checklist(&[], &required());
        assert!(!lines.is_empty());
        let auth: Vec<_> = lines
            .iter()
            .filter(|l| l.material == AUTHORIZATION)
            .collect();
        assert_eq!(auth.len(), 1, "only the adult signs: {lines:?}");
        assert!(auth[0].is_signed_on_screen());
        let mut filled = lines.clone();
        filled[0].photos.push("a".repeat(64));
        filled[1].missing = true;
        let again = checklist(&filled, &required());
        assert_eq!(again, filled);
        // Nothing required: nothing kept.
        assert!(checklist(&filled, &[]).is_empty());
    }

    #[test]
    fn unfinished_lines_are_named_and_missing_and_attachments_listed_once() {
        let catalogue = Catalogue::builtin();
        let mut lines = checklist(&[], &required());
        let n = lines.len();
        assert_eq!(unfinished(&lines, &catalogue).len(), n);
        for l in &mut lines {
            l.missing = true;
        }
        assert!(unfinished(&lines, &catalogue).is_empty());
        let m = missing(&lines);
        let mut unique = m.clone();
        unique.dedup();
        assert_eq!(m, unique);
        lines[0].missing = false;
        lines[0].photos = vec!["b".repeat(64), "b".repeat(64)];
        assert_eq!(attachments(&lines), vec!["b".repeat(64)]);
        assert!(unfinished(&lines, &catalogue).is_empty());
    }

    #[test]
    fn a_photo_used_for_two_materials_is_refused_on_the_phone_at_the_second_line() {
        use domain::catalogue::MaterialCode;
        use domain::fieldwork::{AttachmentRef, MaterialEntry, MaterialStatus};
        use domain::ids::{CaseId, HouseholdId, UserId};

        let catalogue = Catalogue::builtin();
        let required = required();
        let photo = |i: usize| AttachmentRef::parse(&format!("{:064x}", i + 1)).unwrap();
        let mut entries: Vec<MaterialEntry> = required
            .iter()
            .enumerate()
            .map(|(i, r)| MaterialEntry {
                material: MaterialCode(r.material.as_str().to_owned()),
                member: r.member,
                status: if r.material.as_str() == AUTHORIZATION {
                    MaterialStatus::Signed {
                        signature: photo(i),
                    }
                } else {
                    MaterialStatus::Photographed {
                        photos: vec![photo(i)],
                    }
                },
            })
            .collect();
        let now = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let mut record = MaterialsRecord {
            id: CaseId(Uuid::from_u128(7)),
            household: HouseholdId(Uuid::from_u128(8)),
            collected_by: UserId(Uuid::from_u128(9)),
            updated_at: now,
            entries: entries.clone(),
        };
        assert!(problems(&record, &required, &catalogue, now).is_empty());

        let second = entries
            .iter()
            .position(|e| matches!(e.status, MaterialStatus::Photographed { .. }))
            .and_then(|first| {
                let later = entries
                    .iter()
                    .skip(first + 1)
                    .position(|e| matches!(e.status, MaterialStatus::Photographed { .. }))?;
                Some((first, first + 1 + later))
            });
        let (first, second) = second.expect("two photographed materials");
        entries[second].status = entries[first].status.clone();
        record.entries = entries;
        let found = problems(&record, &required, &catalogue, now);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].path, format!("materials[{second}]"));
        assert!(
            found[0]
                .message
                .contains(&format!("已用于第{}项材料", first + 1)),
            "{}",
            found[0].message
        );
    }
}
