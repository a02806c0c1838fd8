//! What a supplement notice (补正通知, the workflow's `RequestSupplement`) asks for, read from
//! the case's materials checklist completed against what the case requires now
//! ([`MaterialsRecord::completed`]): the entries a new photo answers, and what is answered only
//! in person. The one rule for the resident's page on the server and the helper's on the phone.
//!
//! The window's notice lists every outstanding material, including one the case requires today
//! that the checklist never listed (the household or the items changed after it was filled
//! in): completing the checklist first gives such a material an entry, so a photo answers it
//! and the case can be resubmitted online (一次性告知, 最多跑一次). In person stay the
//! verification authorization (signed, not photographed) and a listed material that is neither
//! on the checklist nor required any more: no entry could hold its photo in a checklist the
//! save accepts (`MaterialsRecord::validate` refuses a material not required), and dropping it
//! silently would hide from the resident what the notice says; the page tells them to ask at
//! the window, where the clerk sees it is no longer needed.

use crate::catalogue::{MaterialCode, RequiredMaterial};
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
/// could not read is asked for again, and answered only by another one). A listed material
/// without an entry, and the authorization, are answered in person: call it on a completed
/// checklist ([`answer_sheet`]) so that only a material no longer required lacks an entry.
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

/// The answer sheet of a notice: the checklist to answer on (completed), what a photo answers
/// in it, and what only an answer in person does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerSheet {
    /// The stored checklist completed against `required` ([`MaterialsRecord::completed`]):
    /// the one the answer saves, the one [`Asked::entry`] points into.
    pub checklist: MaterialsRecord,
    /// What a photo answers.
    pub asked: Vec<Asked>,
    /// Listed, but answered only in person.
    pub in_person: Vec<MaterialCode>,
}

/// [`asked`] on `stored` completed against `required` (what the case needs now: the
/// catalogue's materials for its items and its household today, `super::required_for`), so a
/// required material the checklist never listed is asked for by photo too.
pub fn answer_sheet(
    pause: &SupplementPause,
    stored: &MaterialsRecord,
    required: &[RequiredMaterial],
) -> AnswerSheet {
    let checklist = stored.completed(required);
    let (asked, in_person) = asked(pause, &checklist);
    AnswerSheet {
        checklist,
        asked,
        in_person,
    }
}
