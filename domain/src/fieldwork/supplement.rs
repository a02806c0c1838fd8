//! What a supplement notice (补正通知, the workflow's `RequestSupplement`) asks for, read from
//! the case's materials checklist: the entries a new photo answers, and what is answered only in
//! person (the authorization is signed, not photographed; a material the checklist never
//! listed). The one rule for the resident's page on the server and the helper's on the phone.

use crate::catalogue::MaterialCode;
use crate::ids::MemberId;
use crate::workflow::{SeenMaterial, SupplementPause};

use super::{AUTHORIZATION, MaterialStatus, MaterialsRecord};

/// One material the notice asks for, as an entry of the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    /// Its place in the checklist's entries.
    pub entry: usize,
    /// Which material.
    pub material: MaterialCode,
    /// Whose, when per member.
    pub member: Option<MemberId>,
    /// A new photo of it reached the checklist since the notice.
    pub done: bool,
}

impl Asked {
    /// The form field's name: the material's code, with the member's id when per member.
    pub fn field(&self) -> String {
        match self.member {
            Some(m) => format!("{}.{}", self.material.as_str(), m.0),
            None => self.material.as_str().to_owned(),
        }
    }
}

/// The entries of `checklist` the notice `pause` asks for: an entry is answered once it holds
/// photos and its material's content changed since the window saw it (a photo the window
/// could not read is asked for again, and answered only by another one).
pub fn asked(
    pause: &SupplementPause,
    checklist: &MaterialsRecord,
) -> (Vec<Asked>, Vec<MaterialCode>) {
    let now = checklist.seen_materials();
    let fingerprint = |seen: &[SeenMaterial], m: &MaterialCode| {
        seen.iter()
            .find(|s| &s.material == m)
            .map(|s| s.fingerprint.clone())
    };
    let mut asked = Vec::new();
    let mut in_person = Vec::new();
    for material in &pause.missing {
        if material.as_str() == AUTHORIZATION {
            in_person.push(material.clone());
            continue;
        }
        let changed = fingerprint(&now, material) != fingerprint(&pause.seen, material);
        let mut any = false;
        for (entry, e) in checklist.entries.iter().enumerate() {
            if &e.material != material {
                continue;
            }
            any = true;
            let photographed = matches!(e.status, MaterialStatus::Photographed { .. });
            asked.push(Asked {
                entry,
                material: material.clone(),
                member: e.member,
                done: photographed && changed,
            });
        }
        if !any {
            in_person.push(material.clone());
        }
    }
    (asked, in_person)
}
