//! The applicant's objection to a result (申请复核 / 异议, issue 20 point 7): only the
//! applicant, only after the result was told, only within the period the result notice
//! states, once per result. The notice tells the applicant they may ask for administrative
//! reconsideration within sixty days of receiving it (《中华人民共和国行政复议法》第二十条;
//! the notice's text is `server::pages::notice::objection_zh`); asking the window for a
//! review here is the first, informal step of it, and the request reaches the window as a
//! case event. Role, ownership, state and the written reason are checked by `decide`'s tables.

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::clocks::china_date;

use super::case::Case;
use super::command::CommandKind;
use super::decide::failed;
use super::error::WorkflowError;
use super::event::EventBody;
use super::precondition::PreconditionFailed;

/// Natural days after the day the applicant was told the result during which they may ask
/// for a review (the result notice's sixty days).
pub const REVIEW_PERIOD_DAYS: u64 = 60;

impl Case {
    /// The last day (Beijing date) on which the applicant may ask for a review of the result;
    /// `None` before the result was told.
    pub fn review_until(&self) -> Option<NaiveDate> {
        self.notified_at
            .and_then(|told| china_date(told).checked_add_days(Days::new(REVIEW_PERIOD_DAYS)))
    }

    /// When the applicant asked for a review, if they did.
    pub fn review_requested_at(&self) -> Option<DateTime<Utc>> {
        self.review_requested_at
    }

    /// Decides a review request at `at`.
    pub(super) fn decide_review(&self, at: DateTime<Utc>) -> Result<EventBody, WorkflowError> {
        let kind = CommandKind::RequestReview;
        if self.review_requested_at.is_some() {
            return Err(failed(kind, PreconditionFailed::ReviewAlreadyRequested));
        }
        let Some(until) = self.review_until() else {
            // The state table lets only told results through; a case told no result has no
            // period to ask within.
            return Err(WorkflowError::WrongState {
                state: self.state,
                command: kind,
            });
        };
        if china_date(at) > until {
            return Err(failed(kind, PreconditionFailed::ReviewPeriodOver { until }));
        }
        Ok(EventBody::ReviewRequested)
    }

    /// Whether the applicant asked for a review and the window has not answered yet: the
    /// case waits on the window, even once closed.
    pub fn review_awaits_answer(&self) -> bool {
        self.review_requested_at.is_some() && self.review_answered_at.is_none()
    }

    /// When the window answered the review request, if it did.
    pub fn review_answered_at(&self) -> Option<DateTime<Utc>> {
        self.review_answered_at
    }

    /// Decides the window's answer to the review request: once, after the request. The
    /// answer itself is the event's reason (`rules::reason_required`).
    pub(super) fn decide_review_answer(&self) -> Result<EventBody, WorkflowError> {
        let kind = CommandKind::AnswerReview;
        if self.review_requested_at.is_none() {
            return Err(failed(kind, PreconditionFailed::NoReviewRequested));
        }
        if self.review_answered_at.is_some() {
            return Err(failed(kind, PreconditionFailed::ReviewAlreadyAnswered));
        }
        Ok(EventBody::ReviewAnswered)
    }
}
