//! What the applicant and their helper are told by text message when a case moves (issue 19
//! point 2 "goes to the applicant … and to the helper", point 7 "the window tells the applicant
//! each department's result", point 8 "tells the applicant of the delay"; issue 20 point 3
//! "status changes are also sent by SMS").
//!
//! Pure: from the case before and after a command and the events it made, the messages to
//! send, each with its audience and a stable kind. The server stores them in the same
//! transaction as the events (so a replayed operation, which stores nothing, sends nothing
//! twice) and a sender delivers them.
//!
//! The texts are short and plain, for residents who read little: no personal data beyond the
//! case number (an SMS may be read by anyone holding the phone, and passes a gateway), and no
//! link (the installation's address is not known here; the notices' QR code carries it).

pub use crate::household::yuan;
use serde::{Deserialize, Serialize};

use crate::catalogue::{AidItemCode, Catalogue};
use crate::department::DepartmentCode;
use crate::workflow::{AmountPeriod, Case, Event, EventBody};

#[cfg(test)]
mod tests;

/// Who a message is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// The applicant (their resident account's phone, else the household's applicant member's).
    Applicant,
    /// The helper who entered the application (帮办员), so they can follow up in person.
    Helper,
}

impl Audience {
    /// Stable code, as stored.
    pub fn code(self) -> &'static str {
        match self {
            Audience::Applicant => "applicant",
            Audience::Helper => "helper",
        }
    }
}

/// What a message is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// 受理 (or 先行受理).
    Accepted,
    /// 一次性告知: what is missing.
    Supplement,
    /// 不予受理, with where to go instead.
    NotAccepted,
    /// One or more items' results told (反馈).
    Result,
    /// A department is late and was chased (催办), or a deadline was extended (延期).
    Delay,
    /// The window answered the applicant's review request (答复复核申请).
    Review,
}

impl MessageKind {
    /// Stable code, as stored.
    pub fn code(self) -> &'static str {
        match self {
            MessageKind::Accepted => "accepted",
            MessageKind::Supplement => "supplement",
            MessageKind::NotAccepted => "not_accepted",
            MessageKind::Result => "result",
            MessageKind::Delay => "delay",
            MessageKind::Review => "review",
        }
    }
}

/// One text message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Who it is for.
    pub audience: Audience,
    /// What it is about.
    pub kind: MessageKind,
    /// The text, in Chinese.
    pub text: String,
}

/// The signature every message starts with, as Chinese SMS gateways require one.
pub const SIGNATURE: &str = "【社会救助】";

/// The messages a command's `events` call for, given the case `before` and `after` them and
/// its printed `number` (`CaseId::number`). Nothing for events nobody outside the office
/// needs to hear of (verification steps, routing, internal notes).
pub fn messages(
    before: &Case,
    after: &Case,
    events: &[Event],
    number: &str,
    catalogue: &Catalogue,
) -> Vec<Message> {
    let mut out = Vec::new();
    let both = [Audience::Applicant, Audience::Helper];
    for event in events {
        let said = match &event.body {
            EventBody::Accepted | EventBody::UrgentlyAccepted { .. } => Some((
                MessageKind::Accepted,
                &[Audience::Applicant][..],
                format!("您的救助申请（编号{number}）已受理，我们会按时办理，请留意后续短信。"),
            )),
            EventBody::SupplementRequested { missing, .. } => Some((
                MessageKind::Supplement,
                &both[..],
                format!(
                    "您的救助申请（编号{number}）还缺这些材料：{}。请补交给村里的帮办员或乡镇便民服务窗口，补齐后接着办理。",
                    missing
                        .iter()
                        .map(|m| catalogue
                            .material(m)
                            .map_or_else(|| m.0.clone(), |m| m.name_zh.clone()))
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            )),
            EventBody::NotAccepted { referral, .. } => Some((
                MessageKind::NotAccepted,
                &both[..],
                format!(
                    "您的救助申请（编号{number}）没有受理。原因：{}。可以去：{}。有疑问请问乡镇便民服务窗口。",
                    clause(event.reason.as_deref()),
                    clause(Some(referral)),
                ),
            )),
            EventBody::Chased { department, .. } => Some((
                MessageKind::Delay,
                &[Audience::Applicant][..],
                format!(
                    "您的救助申请（编号{number}）{}还没办完，窗口已经催办。{}",
                    department
                        .as_ref()
                        .map_or_else(|| "有部门".to_owned(), |d| department_name(catalogue, d)),
                    event
                        .reason
                        .as_deref()
                        .map(|r| format!("{}。", clause(Some(r))))
                        .unwrap_or_default()
                ),
            )),
            EventBody::DeadlineExtended {
                item, working_days, ..
            } => Some((
                MessageKind::Delay,
                &[Audience::Applicant][..],
                format!(
                    "您的救助申请（编号{number}）中的{}需要多办{working_days}个工作日。原因：{}。",
                    item_name(catalogue, item),
                    clause(event.reason.as_deref())
                ),
            )),
            EventBody::ReviewAnswered => Some((
                MessageKind::Review,
                &both[..],
                format!(
                    "您的复核申请（编号{number}）窗口已答复：{}。仍不同意的，可以在收到结果告知书之日起60日内申请行政复议。",
                    clause(event.reason.as_deref())
                ),
            )),
            _ => None,
        };
        if let Some((kind, audiences, text)) = said {
            push(&mut out, kind, audiences, text);
        }
    }
    let told = newly_told(before, after);
    if !told.is_empty() {
        let results = told
            .iter()
            .map(|item| result_zh(after, item, catalogue))
            .collect::<Vec<_>>()
            .join("；");
        let objection = if told.iter().any(|item| {
            after
                .item(item)
                .and_then(|p| p.decision.as_ref())
                .is_some_and(|d| d.approved.is_none())
        }) {
            "不同意的，可以按结果告知书上写的期限申请复议。"
        } else {
            ""
        };
        push(
            &mut out,
            MessageKind::Result,
            &both,
            format!("您的救助申请（编号{number}）有结果了：{results}。{objection}"),
        );
    }
    out
}

fn push(out: &mut Vec<Message>, kind: MessageKind, audiences: &[Audience], text: String) {
    for audience in audiences {
        let text = match audience {
            Audience::Applicant => format!("{SIGNATURE}{text}"),
            Audience::Helper => format!("{SIGNATURE}（帮办通知）{}", for_helper(&text)),
        };
        out.push(Message {
            audience: *audience,
            kind,
            text,
        });
    }
}

/// The helper reads about "the applicant's" application, not "yours".
fn for_helper(text: &str) -> String {
    text.replacen("您的救助申请", "您帮办的救助申请", 1)
}

/// Items whose result was told by these events (one item told, or the combined notice
/// telling every item not told before).
fn newly_told(before: &Case, after: &Case) -> Vec<AidItemCode> {
    after
        .items()
        .iter()
        .filter(|p| p.told_at.is_some())
        .filter(|p| before.item(&p.item).is_none_or(|b| b.told_at.is_none()))
        .map(|p| p.item.clone())
        .collect()
}

fn result_zh(case: &Case, item: &AidItemCode, catalogue: &Catalogue) -> String {
    let name = item_name(catalogue, item);
    match case.item(item).and_then(|p| p.decision.as_ref()) {
        Some(d) => match &d.approved {
            Some(amount) => format!(
                "{name}批准，{}",
                match amount.period {
                    AmountPeriod::Monthly => format!("每月{}元", yuan(amount.fen)),
                    AmountPeriod::OneOff => format!("一次性{}元", yuan(amount.fen)),
                }
            ),
            None => format!("{name}没有批准，原因：{}", clause(d.reason.as_deref())),
        },
        None => format!("{name}还在办理"),
    }
}

/// A written reason as a clause: trimmed, without its own final stop, cut to a length an SMS
/// can carry.
fn clause(text: Option<&str>) -> String {
    const MAX: usize = 60;
    let t = text.unwrap_or("").trim();
    let t = t.trim_end_matches(['。', '.', '；', ';']);
    if t.is_empty() {
        return "见告知书".to_owned();
    }
    if t.chars().count() > MAX {
        let cut: String = t.chars().take(MAX).collect();
        format!("{cut}…")
    } else {
        t.to_owned()
    }
}

fn item_name(catalogue: &Catalogue, item: &AidItemCode) -> String {
    catalogue
        .item(item)
        .map_or_else(|| item.0.clone(), |i| i.name_zh.clone())
}

fn department_name(catalogue: &Catalogue, department: &DepartmentCode) -> String {
    catalogue
        .department(department)
        .map_or_else(|| department.0.clone(), |d| d.name_zh.clone())
}

/// A stored message as the staff screens list it (`GET /api/sync/v1/cases/{id}/messages`):
/// the number masked, the full one kept on the server only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    /// `MessageKind::code`.
    pub kind: String,
    /// `Audience::code`.
    pub audience: String,
    /// The number, masked.
    pub phone_masked: String,
    /// The text.
    pub body: String,
    /// When it was queued.
    pub created_at: String,
    /// When it was sent, if it was.
    pub sent_at: Option<String>,
    /// When the sender gave up, if it did.
    pub failed_at: Option<String>,
}
