//! The materials checklist of an application (材料清单): every material the requested items
//! need, photographed, signed on the screen (the verification authorization, per adult) or
//! marked missing.
//!
//! Seed 000 二(四)2: the helper checks the materials (材料审核) and, when some are missing,
//! tells the resident once what to bring (一次性告知需补正的材料); the window's one notice
//! lists exactly the checklist's missing materials. Seed 003: the household's authorization
//! to verify its economic situation is signed once and serves every item and department
//! (一次授权、全网通用), so every adult member signs it.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::attachment::AttachmentRef;
use super::error::{FieldworkError, check_not_future, collected};
use super::field::Field;
use crate::catalogue::{AidItemCode, Catalogue, MaterialCode, RequiredMaterial};
use crate::household::Household;
use crate::ids::{AuthorizationId, CaseId, HouseholdId, MemberId, UserId};

/// The most photos of one material: a household register runs to a few pages, a stack of
/// medical bills to a few more.
pub const MAX_PHOTOS_PER_MATERIAL: i64 = 10;

/// The code of the household economic check's authorization (家庭经济状况核对授权书), the one
/// material signed on the screen.
pub const AUTHORIZATION: &str = "verification_authorization";

/// One application's materials checklist; its id IS the case's id (one checklist per case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialsRecord {
    /// The case it belongs to (also the record's id).
    pub id: CaseId,
    /// The case's household.
    pub household: HouseholdId,
    /// Who filled it in (the helper, or whoever created it).
    pub collected_by: UserId,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
    /// One entry per required material (per member where per member).
    pub entries: Vec<MaterialEntry>,
}

/// One material of the checklist, for the household (`member: None`) or one member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialEntry {
    /// Which material.
    pub material: MaterialCode,
    /// Whose, when per member.
    #[serde(default)]
    pub member: Option<MemberId>,
    /// Photographed, signed or missing; its fields sit beside `material` in the JSON.
    #[serde(flatten)]
    pub status: MaterialStatus,
}

/// What became of one material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum MaterialStatus {
    /// Photographed: 1..=[`MAX_PHOTOS_PER_MATERIAL`] photos, none twice.
    Photographed {
        /// The photos, in page order.
        photos: Vec<AttachmentRef>,
    },
    /// Signed on the screen: only for [`AUTHORIZATION`] (一次授权、全网通用), per adult.
    Signed {
        /// The signature image.
        signature: AttachmentRef,
    },
    /// Covered by the household's authorization record (`authorization::AuthorizationRecord`,
    /// 一次授权、全网通用): only for [`AUTHORIZATION`], per adult. The server checks that the
    /// record is the household's and covers the member.
    Authorized {
        /// The authorization that covers the member.
        authorization: AuthorizationId,
    },
    /// Not at hand: the window's one notice (一次性告知) lists it.
    Missing,
}

/// The code of the verification authorization, as a [`MaterialCode`].
pub fn authorization() -> MaterialCode {
    MaterialCode(AUTHORIZATION.to_owned())
}

/// What the application needs: the catalogue's materials for `items`, given the household's
/// facts on `today` (who is an adult, ill, a student, …).
pub fn required_for(
    catalogue: &Catalogue,
    items: &[AidItemCode],
    household: &Household,
    today: NaiveDate,
) -> Vec<RequiredMaterial> {
    catalogue.required_materials(items, &household.facts(today))
}

impl MaterialEntry {
    fn is_for(&self, required: &RequiredMaterial) -> bool {
        self.material == required.material && self.member == required.member
    }

    fn attachments(&self) -> Vec<(&AttachmentRef, Option<i64>)> {
        match &self.status {
            MaterialStatus::Photographed { photos } => photos
                .iter()
                .enumerate()
                .map(|(i, p)| (p, Some(i as i64)))
                .collect(),
            MaterialStatus::Signed { signature } => vec![(signature, None)],
            MaterialStatus::Authorized { .. } | MaterialStatus::Missing => Vec::new(),
        }
    }
}

impl MaterialsRecord {
    /// Checks the checklist against what the application requires; lists every problem:
    /// each required (material, member) exactly once and nothing else, 1 to
    /// [`MAX_PHOTOS_PER_MATERIAL`] photos per photographed material, no photo or signature
    /// twice in the checklist, on-screen signatures only for the authorization, and
    /// `updated_at` not in the future.
    pub fn validate(
        &self,
        required: &[RequiredMaterial],
        now: DateTime<Utc>,
    ) -> Result<(), Vec<FieldworkError>> {
        let mut errors = Vec::new();
        check_not_future(self.updated_at, now, Field::UpdatedAt, &mut errors);
        let mut listed: HashSet<(&MaterialCode, Option<MemberId>)> = HashSet::new();
        let mut used: HashMap<&AttachmentRef, i64> = HashMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            let index = i as i64;
            let material = e.material.clone();
            if !listed.insert((&e.material, e.member)) {
                errors.push(FieldworkError::MaterialListedTwice { index, material });
            } else if !required.iter().any(|r| e.is_for(r)) {
                errors.push(FieldworkError::MaterialNotRequired { index, material });
            }
            check_status(index, e, &mut errors);
            for (attachment, photo) in e.attachments() {
                match used.get(attachment) {
                    Some(&first_entry) => errors.push(FieldworkError::AttachmentUsedTwice {
                        entry: index,
                        photo,
                        first_entry,
                    }),
                    None => {
                        used.insert(attachment, index);
                    }
                }
            }
        }
        for r in required {
            if !listed.contains(&(&r.material, r.member)) {
                errors.push(FieldworkError::MaterialNotListed {
                    material: r.material.clone(),
                    member: r.member,
                });
            }
        }
        collected(errors)
    }

    /// The materials marked missing, sorted, each once: what the one notice lists.
    pub fn missing(&self) -> Vec<MaterialCode> {
        sorted(
            self.entries
                .iter()
                .filter(|e| e.status == MaterialStatus::Missing)
                .map(|e| e.material.clone()),
        )
    }

    /// The materials of `required` still outstanding, sorted, each once: marked missing, or
    /// not on the checklist at all (the household or the items changed since it was filled
    /// in). Equals [`Self::missing`] for a checklist valid against `required`.
    pub fn outstanding(&self, required: &[RequiredMaterial]) -> Vec<MaterialCode> {
        sorted(
            required
                .iter()
                .filter(|r| {
                    self.entries
                        .iter()
                        .find(|e| e.is_for(r))
                        .is_none_or(|e| e.status == MaterialStatus::Missing)
                })
                .map(|r| r.material.clone()),
        )
    }

    /// The checklist with a [`MaterialStatus::Missing`] entry appended, in `required`'s order,
    /// for every required (material, member) it does not list: the household or the items
    /// changed after it was filled in (a new adult member needs an ID card and signs the
    /// authorization), or an entry was never made. The window's one notice names such a
    /// material ([`Self::outstanding`]), so the answer to it needs an entry to hold the photo.
    /// Nothing is removed or reordered: the existing entries keep their places, and completing
    /// a completed checklist changes nothing. An entry no longer required stays (the save
    /// still refuses it: dropping a photo the helper took is not this method's call).
    pub fn completed(&self, required: &[RequiredMaterial]) -> MaterialsRecord {
        let mut next = self.clone();
        for r in required {
            if !next.entries.iter().any(|e| e.is_for(r)) {
                next.entries.push(MaterialEntry {
                    material: r.material.clone(),
                    member: r.member,
                    status: MaterialStatus::Missing,
                });
            }
        }
        next
    }

    /// What the window sees of every provided material: one fingerprint per material over
    /// its entries' photos, signatures and authorizations (with whose each is), for the
    /// one-notice rule ([`crate::workflow::SeenMaterial`]). Materials marked missing on
    /// every entry are not seen.
    pub fn seen_materials(&self) -> Vec<crate::workflow::SeenMaterial> {
        let mut parts: Vec<(MaterialCode, Vec<String>)> = Vec::new();
        for e in &self.entries {
            let whose = e.member.map(|m| m.to_string()).unwrap_or_default();
            let mut own: Vec<String> = e
                .attachments()
                .iter()
                .map(|(a, _)| format!("{whose}:{}", a.as_str()))
                .collect();
            if let MaterialStatus::Authorized { authorization } = &e.status {
                own.push(format!("{whose}:authorization:{authorization}"));
            }
            if own.is_empty() {
                continue;
            }
            match parts.iter_mut().find(|(m, _)| m == &e.material) {
                Some((_, v)) => v.extend(own),
                None => parts.push((e.material.clone(), own)),
            }
        }
        let mut seen: Vec<crate::workflow::SeenMaterial> = parts
            .into_iter()
            .map(|(material, p)| crate::workflow::SeenMaterial {
                material,
                fingerprint: crate::workflow::material_fingerprint(&p),
            })
            .collect();
        seen.sort();
        seen
    }

    /// Every photo and signature, in checklist order, each once.
    pub fn attachments(&self) -> Vec<AttachmentRef> {
        let mut all: Vec<AttachmentRef> = Vec::new();
        for e in &self.entries {
            for (a, _) in e.attachments() {
                if !all.contains(a) {
                    all.push(a.clone());
                }
            }
        }
        all
    }

    /// The authorization records the checklist names, each once.
    pub fn authorization_records(&self) -> Vec<AuthorizationId> {
        let mut ids: Vec<AuthorizationId> = self
            .entries
            .iter()
            .filter_map(|e| match e.status {
                MaterialStatus::Authorized { authorization } => Some(authorization),
                _ => None,
            })
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// The members whose verification authorization is on the checklist: signed on the
    /// screen, a photo of the paper one they signed, or covered by the authorization record.
    pub fn authorized_members(&self) -> Vec<MemberId> {
        self.entries
            .iter()
            .filter(|e| e.material.as_str() == AUTHORIZATION)
            .filter(|e| e.status != MaterialStatus::Missing)
            .filter_map(|e| e.member)
            .collect()
    }

    /// The household's adults on `today` without an authorization on the checklist, in
    /// household order: the household economic check waits for them.
    pub fn adults_without_authorization(
        &self,
        household: &Household,
        today: NaiveDate,
    ) -> Vec<MemberId> {
        let authorized = self.authorized_members();
        household
            .adult_members(today)
            .map(|m| m.id)
            .filter(|id| !authorized.contains(id))
            .collect()
    }
}

fn check_status(index: i64, e: &MaterialEntry, errors: &mut Vec<FieldworkError>) {
    match &e.status {
        MaterialStatus::Photographed { photos } => {
            let found = photos.len() as i64;
            if found == 0 {
                let material = e.material.clone();
                errors.push(FieldworkError::NoPhotos {
                    entry: index,
                    material,
                });
            } else if found > MAX_PHOTOS_PER_MATERIAL {
                errors.push(FieldworkError::MaterialTooManyPhotos {
                    entry: index,
                    max: MAX_PHOTOS_PER_MATERIAL,
                    found,
                });
            }
        }
        MaterialStatus::Signed { .. } | MaterialStatus::Authorized { .. }
            if e.material.as_str() != AUTHORIZATION =>
        {
            let material = e.material.clone();
            errors.push(FieldworkError::SignedNotAuthorization {
                entry: index,
                material,
            });
        }
        MaterialStatus::Signed { .. }
        | MaterialStatus::Authorized { .. }
        | MaterialStatus::Missing => {}
    }
}

fn sorted(codes: impl Iterator<Item = MaterialCode>) -> Vec<MaterialCode> {
    let mut codes: Vec<MaterialCode> = codes.collect();
    codes.sort();
    codes.dedup();
    codes
}
