//! Deciding public notices (公示), objections, and the result notification.

use chrono::{DateTime, Utc};

use crate::catalogue::AidItemCode;
use crate::clocks::china_date;

use super::case::Case;
use super::command::{Command, CommandKind};
use super::decide::failed;
use super::error::WorkflowError;
use super::event::EventBody;
use super::precondition::PreconditionFailed;
use super::progress::{ItemProgress, NoticeStatus, ObjectionStatus};
use super::state::CaseState;

impl Case {
    /// Role, state, ownership and reason are already checked by `decide`.
    pub(super) fn decide_notice(
        &self,
        command: &Command,
        at: DateTime<Utc>,
    ) -> Result<EventBody, WorkflowError> {
        let kind = command.kind();
        match command {
            Command::StartPublicNotice { item } => {
                let p = self.known_item(item)?;
                if p.notice != NoticeStatus::Due {
                    let item = item.clone();
                    return Err(failed(kind, PreconditionFailed::NoNoticeDue { item }));
                }
                Ok(EventBody::PublicNoticeStarted { item: item.clone() })
            }
            Command::EndPublicNotice { item } => {
                self.posted_item(kind, item)?;
                // The notice stays up for the catalogue's number of natural days (乌海 二(二)六
                // 张榜公示; 7 days for 低保 and 特困).
                if let Some(until) = self.known_item(item)?.notice_open_until()
                    && china_date(at) < until
                {
                    let item = item.clone();
                    return Err(failed(
                        kind,
                        PreconditionFailed::NoticePeriodRunning { item, until },
                    ));
                }
                let objections = self.open_objections(item);
                if !objections.is_empty() {
                    let item = item.clone();
                    return Err(failed(
                        kind,
                        PreconditionFailed::ObjectionsPending { item, objections },
                    ));
                }
                Ok(EventBody::PublicNoticeEnded { item: item.clone() })
            }
            Command::FileObjection { item } => {
                self.posted_item(kind, item)?;
                Ok(EventBody::ObjectionFiled {
                    objection: self.objections.len() as i64 + 1,
                    item: item.clone(),
                })
            }
            Command::ResolveObjection { objection, upheld } => {
                let o = self
                    .objections
                    .iter()
                    .find(|o| o.number == *objection)
                    .ok_or(WorkflowError::UnknownObjection {
                        objection: *objection,
                    })?;
                if o.status != ObjectionStatus::Open {
                    let objection = *objection;
                    return Err(failed(
                        kind,
                        PreconditionFailed::ObjectionAlreadyResolved { objection },
                    ));
                }
                Ok(EventBody::ObjectionResolved {
                    objection: *objection,
                    upheld: *upheld,
                })
            }
            Command::NotifyResult => {
                let undecided = self.items_where(|p| p.decision.is_none());
                if !undecided.is_empty() {
                    return Err(failed(
                        kind,
                        PreconditionFailed::ItemsUndecided { items: undecided },
                    ));
                }
                let posting = self.items_where(|p| {
                    matches!(p.notice, NoticeStatus::Due | NoticeStatus::Posted { .. })
                });
                if !posting.is_empty() || self.state != CaseState::Decided {
                    return Err(failed(
                        kind,
                        PreconditionFailed::NoticesUnfinished { items: posting },
                    ));
                }
                Ok(EventBody::ResultNotified)
            }
            _ => unreachable!("decide routes only notice commands here"),
        }
    }

    pub(super) fn known_item(&self, item: &AidItemCode) -> Result<&ItemProgress, WorkflowError> {
        self.item(item)
            .ok_or_else(|| WorkflowError::UnknownItem { item: item.clone() })
    }

    fn posted_item(&self, kind: CommandKind, item: &AidItemCode) -> Result<(), WorkflowError> {
        match self.known_item(item)?.notice {
            NoticeStatus::Posted { .. } => Ok(()),
            _ => {
                let item = item.clone();
                Err(failed(kind, PreconditionFailed::NoticeNotOpen { item }))
            }
        }
    }

    /// Numbers of the unresolved objections to `item`.
    pub(super) fn open_objections(&self, item: &AidItemCode) -> Vec<i64> {
        self.objections
            .iter()
            .filter(|o| &o.item == item && o.status == ObjectionStatus::Open)
            .map(|o| o.number)
            .collect()
    }

    fn items_where(&self, pred: impl Fn(&ItemProgress) -> bool) -> Vec<AidItemCode> {
        self.items
            .iter()
            .filter(|p| pred(p))
            .map(|p| p.item.clone())
            .collect()
    }
}
