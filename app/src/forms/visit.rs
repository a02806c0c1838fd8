//! The household visit form (入户调查 / 走访): what the helper fills in, kept as a draft on every
//! change, and the [`Visit`] it makes, checked with the domain's own rules.

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use domain::fieldwork::{
    Answer, AttachmentRef, ChecklistAnswer, ChecklistQuestion, Location, Visit, VisitId, VisitKind,
};
use domain::ids::{HouseholdId, UserId};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::FormError;
use crate::records::Account;

pub use super::visit_choice::{HouseholdChoice, VisitHeading};

/// Where the visit form keeps its draft.
pub const VISIT_DRAFT: &str = "draft:visit";

/// The kinds, in form order.
pub const KINDS: [VisitKind; 2] = [VisitKind::HomeSurvey, VisitKind::Routine];

/// The answers, in form order.
pub const ANSWERS: [Answer; 3] = [Answer::Yes, Answer::No, Answer::NotApplicable];

/// The text form of a `datetime-local` input.
const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// The form as filled in; saved as a draft on every change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitDraft {
    /// The household's id; empty until one is picked.
    pub household: String,
    /// Survey or routine visit.
    pub kind: VisitKind,
    /// When, as the time input shows it (the phone's local time, `YYYY-MM-DDTHH:MM`).
    pub at: String,
    /// What was seen and said.
    pub notes: String,
    /// The questions answered so far, each once.
    #[serde(default)]
    pub answers: Vec<ChecklistAnswer>,
    /// Photos' hashes, in the order taken.
    #[serde(default)]
    pub photos: Vec<String>,
    /// The resident's signature (PNG), if they signed; carried among the visit's attachments.
    #[serde(default)]
    pub signature: Option<String>,
    /// The resident agreed to the location being recorded.
    #[serde(default)]
    pub location_consent: bool,
    /// The location, only with consent.
    #[serde(default)]
    pub location: Option<Location>,
}

impl VisitDraft {
    /// An empty form for a visit now (`now` shown in the phone's time zone `offset`).
    pub fn new(now: DateTime<Utc>, offset: FixedOffset) -> Self {
        VisitDraft {
            household: String::new(),
            kind: VisitKind::HomeSurvey,
            at: local_text(now, offset),
            notes: String::new(),
            answers: Vec::new(),
            photos: Vec::new(),
            signature: None,
            location_consent: false,
            location: None,
        }
    }

    /// The form showing a stored visit (to fix one the server refused). `signature` is the
    /// attachment that is the resident's signature, if one is (the page knows by its type).
    pub fn from_visit(v: &Visit, offset: FixedOffset, signature: Option<&str>) -> Self {
        let attachments = v.photos.iter().map(|p| p.as_str().to_owned());
        VisitDraft {
            household: v.household.to_string(),
            kind: v.kind,
            at: local_text(v.at, offset),
            notes: v.notes.clone(),
            answers: v.checklist.clone(),
            photos: attachments
                .filter(|p| Some(p.as_str()) != signature)
                .collect(),
            signature: signature.map(str::to_owned),
            location_consent: v.location_consent,
            location: v.location,
        }
    }

    /// The answer given to `question`, if any.
    pub fn answer(&self, question: ChecklistQuestion) -> Option<Answer> {
        self.answers
            .iter()
            .find(|a| a.question == question)
            .map(|a| a.answer)
    }

    /// Answers `question` (again).
    pub fn set_answer(&mut self, question: ChecklistQuestion, answer: Answer) {
        self.answers.retain(|a| a.question != question);
        self.answers.push(ChecklistAnswer { question, answer });
    }

    /// Gives or withdraws consent; withdrawn, the location is forgotten at once.
    pub fn set_consent(&mut self, consent: bool) {
        self.location_consent = consent;
        if !consent {
            self.location = None;
        }
    }

    /// Every attachment of the visit: the photos, then the signature.
    pub fn attachments(&self) -> Vec<String> {
        let mut all = self.photos.clone();
        if let Some(s) = &self.signature
            && !all.contains(s)
        {
            all.push(s.clone());
        }
        all
    }

    /// The visit, or every problem with the form, each against its field.
    pub fn to_visit(
        &self,
        id: Uuid,
        account: &Account,
        offset: FixedOffset,
        now: DateTime<Utc>,
    ) -> Result<Visit, Vec<FormError>> {
        let mut errors = Vec::new();
        let mut problem = |path: &str, message: &str| {
            errors.push(FormError {
                path: path.to_owned(),
                message: message.to_owned(),
            })
        };
        let household = HouseholdId::parse(self.household.trim());
        if household.is_err() {
            problem("household", "请选择走访的家庭");
        }
        let at = parse_local(&self.at, offset);
        if at.is_none() {
            problem("at", "请填写走访时间");
        }
        let helper = Uuid::parse_str(&account.user);
        if helper.is_err() {
            problem("account", "登录信息有误，请重新登录");
        }
        let mut photos = Vec::new();
        for (i, p) in self.attachments().iter().enumerate() {
            match AttachmentRef::parse(p) {
                Ok(r) => photos.push(r),
                Err(e) => problem(&format!("photos[{i}]"), &e.message_zh()),
            }
        }
        let (Ok(household), Some(at), Ok(helper)) = (household, at, helper) else {
            return Err(errors);
        };
        let visit = Visit {
            id: VisitId(id),
            household,
            helper: UserId(helper),
            kind: self.kind,
            at,
            notes: self.notes.clone(),
            checklist: ChecklistQuestion::ALL
                .into_iter()
                .filter_map(|question| {
                    let answer = self.answer(question)?;
                    Some(ChecklistAnswer { question, answer })
                })
                .collect(),
            photos,
            location_consent: self.location_consent,
            location: self.location.filter(|_| self.location_consent),
        };
        if let Err(found) = visit.validate(now) {
            errors.extend(found.iter().map(|e| FormError {
                path: e.path(),
                message: e.message_zh(),
            }));
        }
        if errors.is_empty() {
            Ok(visit)
        } else {
            Err(errors)
        }
    }
}

/// `at` as a time input shows it in the zone `offset`.
pub fn local_text(at: DateTime<Utc>, offset: FixedOffset) -> String {
    domain::calendar::print::ymd_t_hm(&at.with_timezone(&offset))
}

/// A time input's text (with or without seconds) in the zone `offset`, as a time.
pub fn parse_local(text: &str, offset: FixedOffset) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let naive = NaiveDateTime::parse_from_str(text, LOCAL_FORMAT)
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    Some(
        naive
            .and_local_timezone(offset)
            .single()?
            .with_timezone(&Utc),
    )
}

#[cfg(test)]
#[path = "visit_tests.rs"]
mod tests;
