//! A hardship report (主动发现 / 急难报告): a grid worker tells the township that someone has
//! fallen into sudden hardship.
//!
//! Seed 001 二(二): the village "主动发现并全面掌握辖区群众困难情况，及时上报", and sudden
//! emergencies and deaths "第一时间上报"; seed 002 五(五): grid workers "及时发现、报告辖区居民
//! '突发急难'情况". An urgent report may open a temporary-aid case (临时救助) through the
//! proactive-discovery channel, which the catalogue lets the window accept first (先行受理).

use std::cmp::Reverse;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::attachment::{AttachmentRef, check_photos};
use super::error::{FieldworkError, check_not_future, check_text, collected};
use super::field::Field;
use super::ids::HardshipId;
use crate::catalogue::{AidItemCode, Catalogue};
use crate::identity::PersonName;
use crate::ids::{CaseId, HouseholdId, UserId};
use crate::jurisdiction::PlaceCode;
use crate::workflow::{Channel, Command};

/// The longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: i64 = 1000;
/// The longest text of an "other" category, in characters.
pub const MAX_CATEGORY_TEXT_CHARS: i64 = 50;

/// One hardship report as synced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HardshipReport {
    /// Made by the phone.
    pub id: HardshipId,
    /// Who reported it.
    pub reporter: UserId,
    /// Where it happened; the township of this place handles it.
    pub place: PlaceCode,
    /// The person concerned, when known.
    #[serde(default)]
    pub person_name: Option<PersonName>,
    /// Their household, when it is on record.
    #[serde(default)]
    pub household: Option<HouseholdId>,
    /// What happened.
    pub category: HardshipCategory,
    /// What happened, in words; required.
    pub description: String,
    /// How soon someone must act.
    pub urgency: HardshipUrgency,
    /// When it was reported.
    pub reported_at: DateTime<Utc>,
    /// Photos taken.
    #[serde(default)]
    pub photos: Vec<AttachmentRef>,
    /// The case opened from it, once one is.
    #[serde(default)]
    pub case: Option<CaseId>,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HardshipCategory {
    /// 重大疾病.
    SeriousIllness,
    /// 意外事故.
    Accident,
    /// 自然灾害 (fire, flood …).
    Disaster,
    /// 家庭成员死亡: deaths must be reported at once (seed 001).
    DeathInFamily,
    /// 突然失去收入.
    SuddenIncomeLoss,
    /// 无人照料.
    NoOneToCare,
    /// Anything else, said in a few words.
    Other {
        /// What.
        text: String,
    },
}

impl HardshipCategory {
    /// Chinese label; "other" shows its text.
    pub fn name_zh(&self) -> &str {
        match self {
            HardshipCategory::SeriousIllness => "重大疾病",
            HardshipCategory::Accident => "意外事故",
            HardshipCategory::Disaster => "自然灾害",
            HardshipCategory::DeathInFamily => "家庭成员死亡",
            HardshipCategory::SuddenIncomeLoss => "突然失去收入",
            HardshipCategory::NoOneToCare => "无人照料",
            HardshipCategory::Other { text } => text,
        }
    }
}

/// How soon someone must act. Ordered most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HardshipUrgency {
    /// Now: life or basic living is at risk (急难).
    Urgent,
    /// Within days.
    Soon,
    /// In the ordinary course.
    Normal,
}

impl HardshipUrgency {
    /// Chinese label.
    pub fn name_zh(self) -> &'static str {
        match self {
            HardshipUrgency::Urgent => "紧急",
            HardshipUrgency::Soon => "较急",
            HardshipUrgency::Normal => "一般",
        }
    }
}

/// The township's order of reports: urgency (most urgent first), then newest first, then id
/// so that the order is total.
pub type TriageKey = (HardshipUrgency, Reverse<DateTime<Utc>>, HardshipId);

/// The case an urgent report may start: temporary aid through proactive discovery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemporaryAidStart {
    /// Always [`Channel::ProactiveDiscovery`].
    pub channel: Channel,
    /// Always temporary aid only.
    pub item: AidItemCode,
    /// Whether the catalogue lets the window accept it first (先行受理).
    pub urgent_acceptance: bool,
}

impl TemporaryAidStart {
    /// The draft's items, to issue after `Case::create` with [`Self::channel`].
    pub fn edit_draft(&self) -> Command {
        Command::EditDraft {
            items: vec![self.item.clone()],
            primary: Some(self.item.clone()),
        }
    }
}

impl HardshipReport {
    /// Checks the record; lists every problem.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<(), Vec<FieldworkError>> {
        let mut errors = Vec::new();
        if let HardshipCategory::Other { text } = &self.category {
            let field = Field::CategoryText;
            check_text(text, field, true, MAX_CATEGORY_TEXT_CHARS, &mut errors);
        }
        let field = Field::Description;
        check_text(
            &self.description,
            field,
            true,
            MAX_DESCRIPTION_CHARS,
            &mut errors,
        );
        check_not_future(self.reported_at, now, Field::ReportedAt, &mut errors);
        check_photos(&self.photos, &mut errors);
        collected(errors)
    }

    /// Whether the report may start a temporary-aid case itself: only an urgent one (急难),
    /// and only once. Others go through an ordinary application.
    pub fn may_start_temporary_aid(&self) -> bool {
        self.urgency == HardshipUrgency::Urgent && self.case.is_none()
    }

    /// The temporary-aid case this report may start, if it may and the catalogue has the item.
    pub fn temporary_aid_start(&self, catalogue: &Catalogue) -> Option<TemporaryAidStart> {
        let item = AidItemCode::temporary();
        if !self.may_start_temporary_aid() || catalogue.item(&item).is_none() {
            return None;
        }
        let urgent_acceptance = catalogue.urgent_acceptance_allowed(std::slice::from_ref(&item));
        Some(TemporaryAidStart {
            channel: Channel::ProactiveDiscovery,
            item,
            urgent_acceptance,
        })
    }

    /// This report's place in the township's list (see [`TriageKey`]).
    pub fn triage_key(&self) -> TriageKey {
        (self.urgency, Reverse(self.reported_at), self.id)
    }
}

/// Sorts reports as the township sees them: urgent first, newest first within an urgency.
pub fn sort_for_township(reports: &mut [HardshipReport]) {
    reports.sort_by_key(HardshipReport::triage_key);
}
