//! The workflow of one application (一门受理、协同办理), as an event-sourced state machine.
//!
//! Flow (DOMAIN.md "The flow of one application"; Wuhai attachment 1; Tongnan 五(四)):
//!
//! ```text
//! draft → submitted ─┬→ supplement requested (补证, one notice) ⇄ resubmitted
//!                    ├→ not accepted (不予受理: reason + referral)               [terminal]
//!                    └→ accepted (受理 | 先行受理 with materials outstanding)
//!                         │  verification alongside: economic check (needs every adult's
//!                         │  authorization), home survey, democratic appraisal
//!                         └→ routed (one sub-case per department, lead named)
//!                              → per item: approved (amount) | denied (reason), by that
//!                                department only; extensions within the catalogue's cap;
//!                                or returned as not theirs (转办) and routed again by the
//!                                window — a second return is a dispute civil affairs settles
//!                              → in public notice (公示) for approvals that need it, for its
//!                                full number of days; objections resolved before it ends
//!                              → each item's result told within 2 working days of it; the
//!                                case is result-notified once every item is told
//!                              → closed → archived
//! any open state → withdrawn | terminated (by the applicant or helper)     [terminal]
//! ```
//!
//! Routing needs the township leader's approval (同意分办, 乌海 附件4 第一条; `approval`) and
//! otherwise only acceptance: Wuhai requires it within 1 working day of acceptance, which
//! is too soon to finish a home survey, so verification runs alongside and departments wait for
//! what they need (an approval needing the economic check is refused until it is done). Tongnan
//! verifies first and routes after; that order is allowed too.
//!
//! Rules on every command: no action dated before the case's latest event; the first window
//! clerk who acts is the case's first-asker (首问负责人); a later supplement notice names
//! only what changed since the earlier one (one notice, `notice_rule`). The window may chase
//! a late department (催办); `crate::escalation` says which clocks are late and to whom.
//!
//! Use: [`Case::create`] → apply the event; then for each user action
//! [`Case::decide`] → store and sync the events → [`Case::apply`] each.
//! [`Case::replay`] rebuilds a case from its history.

mod apply;
mod apply_items;
mod approval;
mod case;
mod command;
mod command_kind;
mod decide;
mod decide_handling;
mod decide_items;
mod decide_notice;
mod error;
mod event;
mod inputs;
mod notice_rule;
mod precondition;
mod progress;
mod queries;
mod review;
mod rules;
mod state;

pub use approval::{APPROVAL_SOURCE, ApprovalStatus, LeaderOpinion, leader_approval_required};
pub use case::{Case, REFERRER_MAX_CHARS};
pub use command::{Actor, Command, CommandKind};
pub use error::WorkflowError;
pub use event::{Event, EventBody};
pub use inputs::{
    AidAmount, AmountPeriod, Channel, DecisionFacts, DecisionOutcome, Routing, Satisfaction,
    VerificationStep,
};
pub use notice_rule::{SeenMaterial, material_fingerprint};
pub use precondition::PreconditionFailed;
pub use progress::{
    ChaseNote, Ending, Extension, ItemDecision, ItemProgress, ItemReturn, Note, NoticeStatus,
    Objection, ObjectionStatus, SubCase, SupplementPause, Verification,
};
pub use review::REVIEW_PERIOD_DAYS;
pub use rules::{owner_only, reason_required, role_may, state_allows};
pub use state::{CaseState, Party};

#[cfg(test)]
mod approval_proptests;
#[cfg(test)]
mod approval_tests;
#[cfg(test)]
mod proptest_finish;
#[cfg(test)]
mod proptest_issue19;
#[cfg(test)]
mod proptest_model;
#[cfg(test)]
mod proptest_model_items;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod review_tests;
#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod tests_closing;
#[cfg(test)]
mod tests_decision;
#[cfg(test)]
mod tests_handling;
#[cfg(test)]
mod tests_intake;
#[cfg(test)]
mod tests_limits;
#[cfg(test)]
mod tests_notice;
#[cfg(test)]
mod tests_one_notice;
#[cfg(test)]
mod tests_referral;
#[cfg(test)]
mod tests_reroute;
#[cfg(test)]
mod tests_roles;
#[cfg(test)]
mod tests_urgent;
