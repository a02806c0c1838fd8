//! A household visit: the home survey of an application (入户调查) or a routine visit (走访).
//!
//! Seed 001 二(二): the village's assistant "开展入户走访 … 协助开展家庭经济状况调查"; seed 002
//! 五(三): the home survey "全面查清申请人家庭基本情况及经济状况". The checklist asks what those
//! visits establish: how the household lives, who lives there, where the income comes from,
//! the state of the home, and what the household asks for.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::attachment::{AttachmentRef, check_photos};
use super::error::{FieldworkError, check_not_future, check_text, collected};
use super::field::Field;
use super::ids::VisitId;
use crate::ids::{HouseholdId, UserId};

/// The longest visit notes, in characters.
pub const MAX_NOTES_CHARS: i64 = 2000;
/// ±90° in microdegrees.
pub const MAX_LATITUDE_E6: i64 = 90_000_000;
/// ±180° in microdegrees.
pub const MAX_LONGITUDE_E6: i64 = 180_000_000;

/// One visit as synced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    /// Made by the phone.
    pub id: VisitId,
    /// The household visited.
    pub household: HouseholdId,
    /// The helper who visited.
    pub helper: UserId,
    /// Survey or routine visit.
    pub kind: VisitKind,
    /// When.
    pub at: DateTime<Utc>,
    /// What was seen and said; required.
    pub notes: String,
    /// Every [`ChecklistQuestion`] answered once.
    pub checklist: Vec<ChecklistAnswer>,
    /// Photos taken.
    #[serde(default)]
    pub photos: Vec<AttachmentRef>,
    /// Whether the resident agreed to the visit's location being recorded.
    #[serde(default)]
    pub location_consent: bool,
    /// Where, only with consent: a location is personal data.
    #[serde(default)]
    pub location: Option<Location>,
}

/// What kind of visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitKind {
    /// The home survey of an application (入户调查).
    HomeSurvey,
    /// A routine visit (走访), e.g. to follow up a report or a change in the household.
    Routine,
}

impl VisitKind {
    /// Chinese label.
    pub fn name_zh(self) -> &'static str {
        match self {
            VisitKind::HomeSurvey => "入户调查",
            VisitKind::Routine => "走访",
        }
    }
}

/// The standard questions of a visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChecklistQuestion {
    /// The household's living conditions were seen.
    LivingConditionsSeen,
    /// The household's members were present.
    MembersPresent,
    /// The household's sources of income were confirmed.
    IncomeSourcesConfirmed,
    /// The state of the home was checked.
    HousingCondition,
    /// The household expressed a need for help.
    NeedsExpressed,
}

impl ChecklistQuestion {
    /// Every question, in form order.
    pub const ALL: [ChecklistQuestion; 5] = [
        ChecklistQuestion::LivingConditionsSeen,
        ChecklistQuestion::MembersPresent,
        ChecklistQuestion::IncomeSourcesConfirmed,
        ChecklistQuestion::HousingCondition,
        ChecklistQuestion::NeedsExpressed,
    ];

    /// The stable code (as in JSON and field paths).
    pub fn code(self) -> &'static str {
        match self {
            ChecklistQuestion::LivingConditionsSeen => "living_conditions_seen",
            ChecklistQuestion::MembersPresent => "members_present",
            ChecklistQuestion::IncomeSourcesConfirmed => "income_sources_confirmed",
            ChecklistQuestion::HousingCondition => "housing_condition",
            ChecklistQuestion::NeedsExpressed => "needs_expressed",
        }
    }

    /// The question in Chinese.
    pub fn label_zh(self) -> &'static str {
        match self {
            ChecklistQuestion::LivingConditionsSeen => "是否实地查看家庭生活状况",
            ChecklistQuestion::MembersPresent => "家庭成员是否在场",
            ChecklistQuestion::IncomeSourcesConfirmed => "是否核实收入来源",
            ChecklistQuestion::HousingCondition => "是否查看住房状况",
            ChecklistQuestion::NeedsExpressed => "居民是否提出救助需求",
        }
    }
}

/// An answer to a checklist question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// 是.
    Yes,
    /// 否.
    No,
    /// 不适用.
    NotApplicable,
}

impl Answer {
    /// Chinese label.
    pub fn name_zh(self) -> &'static str {
        match self {
            Answer::Yes => "是",
            Answer::No => "否",
            Answer::NotApplicable => "不适用",
        }
    }
}

/// One answered question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ChecklistAnswer {
    /// The question.
    pub question: ChecklistQuestion,
    /// Its answer.
    pub answer: Answer,
}

/// A place on earth in microdegrees (WGS-84, about 0.1 m): integers compare exactly and
/// survive JSON unchanged, where floats might not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Location {
    /// Latitude × 10⁶, within ±[`MAX_LATITUDE_E6`].
    pub latitude_e6: i64,
    /// Longitude × 10⁶, within ±[`MAX_LONGITUDE_E6`].
    pub longitude_e6: i64,
}

impl Location {
    /// From the browser's degrees, rounded to the microdegree (ranges are checked by
    /// [`Visit::validate`]; a non-finite number becomes 0 there and here).
    pub fn from_degrees(latitude: f64, longitude: f64) -> Location {
        let e6 = |d: f64| {
            if d.is_finite() {
                (d * 1e6).round() as i64
            } else {
                0
            }
        };
        Location {
            latitude_e6: e6(latitude),
            longitude_e6: e6(longitude),
        }
    }

    /// Latitude in degrees.
    pub fn latitude(self) -> f64 {
        self.latitude_e6 as f64 / 1e6
    }

    /// Longitude in degrees.
    pub fn longitude(self) -> f64 {
        self.longitude_e6 as f64 / 1e6
    }
}

impl Visit {
    /// The answer to `question`, if given.
    pub fn answer(&self, question: ChecklistQuestion) -> Option<Answer> {
        self.checklist
            .iter()
            .find(|a| a.question == question)
            .map(|a| a.answer)
    }

    /// Checks the record; lists every problem.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<(), Vec<FieldworkError>> {
        let mut errors = Vec::new();
        check_not_future(self.at, now, Field::VisitAt, &mut errors);
        check_text(
            &self.notes,
            Field::Notes,
            true,
            MAX_NOTES_CHARS,
            &mut errors,
        );
        let mut answered = HashSet::new();
        for a in &self.checklist {
            if !answered.insert(a.question) {
                let question = a.question;
                errors.push(FieldworkError::AnsweredTwice { question });
            }
        }
        for question in ChecklistQuestion::ALL {
            if !answered.contains(&question) {
                errors.push(FieldworkError::Unanswered { question });
            }
        }
        check_photos(&self.photos, &mut errors);
        if let Some(place) = self.location {
            if !self.location_consent {
                errors.push(FieldworkError::LocationWithoutConsent);
            }
            if !(-MAX_LATITUDE_E6..=MAX_LATITUDE_E6).contains(&place.latitude_e6) {
                let value = place.latitude_e6;
                errors.push(FieldworkError::LatitudeOutOfRange { value });
            }
            if !(-MAX_LONGITUDE_E6..=MAX_LONGITUDE_E6).contains(&place.longitude_e6) {
                let value = place.longitude_e6;
                errors.push(FieldworkError::LongitudeOutOfRange { value });
            }
        }
        collected(errors)
    }
}
