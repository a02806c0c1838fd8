//! The parts of a case's progress that screens and deadline calculations read.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::catalogue::{AidItemCode, MaterialCode};
use crate::department::DepartmentCode;

use super::command::Actor;
use super::inputs::{AidAmount, VerificationStep};

/// One 补证 round: the clock waits from `requested_at` until `resubmitted_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplementPause {
    /// When the notice was issued.
    pub requested_at: DateTime<Utc>,
    /// Every material it listed.
    pub missing: Vec<MaterialCode>,
    /// What the window saw of the provided materials when it issued the notice.
    #[serde(default)]
    pub seen: Vec<super::notice_rule::SeenMaterial>,
    /// When the applicant answered; `None` while the case still waits.
    pub resubmitted_at: Option<DateTime<Utc>>,
}

/// Which verification sub-steps are done, and when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// 家庭经济状况核对.
    pub economic_check: Option<DateTime<Utc>>,
    /// 入户调查.
    pub home_survey: Option<DateTime<Utc>>,
    /// 民主评议.
    pub democratic_appraisal: Option<DateTime<Utc>>,
}

impl Verification {
    /// When the step was done, if it was.
    pub fn done_at(&self, step: VerificationStep) -> Option<DateTime<Utc>> {
        match step {
            VerificationStep::EconomicCheck => self.economic_check,
            VerificationStep::HomeSurvey => self.home_survey,
            VerificationStep::DemocraticAppraisal => self.democratic_appraisal,
        }
    }

    /// Whether every step is done.
    pub fn is_complete(&self) -> bool {
        VerificationStep::ALL
            .iter()
            .all(|s| self.done_at(*s).is_some())
    }

    pub(crate) fn mark(&mut self, step: VerificationStep, at: DateTime<Utc>) {
        let slot = match step {
            VerificationStep::EconomicCheck => &mut self.economic_check,
            VerificationStep::HomeSurvey => &mut self.home_survey,
            VerificationStep::DemocraticAppraisal => &mut self.democratic_appraisal,
        };
        slot.get_or_insert(at);
    }
}

/// The part of a case one department handles (分办件).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubCase {
    /// The department.
    pub department: DepartmentCode,
    /// Whether it leads (牵头) and involves the others.
    pub lead: bool,
    /// When it was routed: this sub-case's clock starts here.
    pub routed_at: DateTime<Utc>,
    /// Its items.
    pub items: Vec<AidItemCode>,
}

/// A department's decision on one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemDecision {
    /// The amount if approved; `None` if denied.
    pub approved: Option<AidAmount>,
    /// The written reason (required for a denial).
    pub reason: Option<String>,
    /// When it was decided.
    pub decided_at: DateTime<Utc>,
    /// Who decided.
    pub decided_by: Actor,
}

/// Where an item's public notice (公示) stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "notice", rename_all = "snake_case")]
pub enum NoticeStatus {
    /// Not needed (undecided, denied, or an item posted nowhere).
    NotNeeded,
    /// Approved and must be posted; not posted yet.
    Due,
    /// Posted; objections may be filed.
    Posted {
        /// When it was posted.
        since: DateTime<Utc>,
    },
    /// Posted and ended without a pending objection.
    Finished {
        /// When it was posted.
        posted_at: DateTime<Utc>,
        /// When it ended.
        ended_at: DateTime<Utc>,
    },
}

/// One routed item and its progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemProgress {
    /// The item.
    pub item: AidItemCode,
    /// The department deciding it.
    pub department: DepartmentCode,
    /// When it was routed.
    pub routed_at: DateTime<Utc>,
    /// The decision, once made (cleared again by an upheld objection).
    pub decision: Option<ItemDecision>,
    /// Its public notice.
    pub notice: NoticeStatus,
    /// Its first deadline extension: working days added, and when (kept as it was written
    /// before several extensions were allowed; `extensions` has them all).
    pub extension: Option<(i64, DateTime<Utc>)>,
    /// Every deadline extension, each with its reason; together within the catalogue's
    /// `extension_days`.
    #[serde(default)]
    pub extensions: Vec<Extension>,
    /// Natural days an approval stays posted (公示), from the catalogue when it was approved.
    #[serde(default)]
    pub notice_days: Option<u32>,
    /// Every time a department returned it as not theirs (转办), oldest first.
    #[serde(default)]
    pub returns: Vec<ItemReturn>,
    /// When the window told the applicant this item's result (反馈).
    #[serde(default)]
    pub told_at: Option<DateTime<Utc>>,
}

impl ItemProgress {
    /// Working days of extension granted in all.
    pub fn extended_days(&self) -> i64 {
        if self.extensions.is_empty() {
            self.extension.map_or(0, |(d, _)| d)
        } else {
            self.extensions.iter().map(|e| e.working_days).sum()
        }
    }

    /// Returned by its department and not routed again yet.
    pub fn awaiting_reroute(&self) -> bool {
        self.returns.last().is_some_and(|r| r.rerouted_at.is_none())
    }

    /// Returned twice: a dispute about who handles it, which civil affairs settles.
    pub fn disputed(&self) -> bool {
        self.returns.len() >= 2
    }

    /// The first Beijing day its public notice may end: the posting day plus the notice's
    /// natural days. `None` when not posted or no period is known.
    pub fn notice_open_until(&self) -> Option<chrono::NaiveDate> {
        let NoticeStatus::Posted { since } = self.notice else {
            return None;
        };
        let days = self.notice_days?;
        crate::clocks::china_date(since).checked_add_days(chrono::Days::new(u64::from(days)))
    }

    /// When its result became final: the decision, or the end of its public notice. The
    /// window's 2-working-day feedback clock for the item starts here.
    pub fn result_ready_at(&self) -> Option<DateTime<Utc>> {
        let decided = self.decision.as_ref()?.decided_at;
        match self.notice {
            NoticeStatus::NotNeeded => Some(decided),
            NoticeStatus::Finished { ended_at, .. } => Some(ended_at),
            NoticeStatus::Due | NoticeStatus::Posted { .. } => None,
        }
    }
}

/// One extension of an item's decision deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// Working days added.
    pub working_days: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// By whom.
    pub by: Actor,
    /// Why (required).
    pub reason: Option<String>,
}

/// A department's return of an item that is not theirs (转办).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemReturn {
    /// The department that returned it.
    pub department: DepartmentCode,
    /// When: the 1-working-day re-routing clock starts here.
    pub at: DateTime<Utc>,
    /// The officer.
    pub by: Actor,
    /// Why it is not theirs.
    pub reason: Option<String>,
    /// When it was routed again.
    pub rerouted_at: Option<DateTime<Utc>>,
    /// Where it went.
    pub rerouted_to: Option<DepartmentCode>,
}

/// The window chased a late department (催办) and told the applicant of the delay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChaseNote {
    /// Who chased.
    pub by: Actor,
    /// When.
    pub at: DateTime<Utc>,
    /// The late item, if one.
    pub item: Option<AidItemCode>,
    /// Its department then.
    pub department: Option<DepartmentCode>,
    /// What was said (to the department and the applicant).
    pub text: Option<String>,
}

/// How an objection ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ObjectionStatus {
    /// Waiting to be resolved.
    Open,
    /// Founded: the item went back to its department.
    Upheld {
        /// When.
        at: DateTime<Utc>,
        /// By whom.
        by: Actor,
    },
    /// Unfounded.
    Rejected {
        /// When.
        at: DateTime<Utc>,
        /// By whom.
        by: Actor,
    },
    /// Closed because another objection to the same item was upheld first.
    Superseded {
        /// When.
        at: DateTime<Utc>,
    },
}

/// An objection filed during a public notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objection {
    /// Its number in the case, from 1.
    pub number: i64,
    /// The item objected to.
    pub item: AidItemCode,
    /// Who filed it.
    pub filed_by: Actor,
    /// When.
    pub filed_at: DateTime<Utc>,
    /// What it says.
    pub text: Option<String>,
    /// How it ended.
    pub status: ObjectionStatus,
}

/// A timestamped note with its author: supervision notes (督办) and the like.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Who wrote it.
    pub by: Actor,
    /// When.
    pub at: DateTime<Utc>,
    /// The text.
    pub text: Option<String>,
}

/// How a case ended, kept after archiving so the outcome is never lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ending {
    /// Closed, not accepted, withdrawn or terminated.
    pub state: super::state::CaseState,
    /// When.
    pub at: DateTime<Utc>,
    /// The written reason, if any.
    pub reason: Option<String>,
    /// Where to go instead (non-acceptance only).
    pub referral: Option<String>,
    /// What kind of referral (non-acceptance only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral_kind: Option<crate::catalogue::ReferralKind>,
}
