//! How one operation fails: a conflict or a refusal (answered, batch goes on) or a database
//! error (the operation is answered as refused and logged).

use domain::authorization::AuthorizationError;
use domain::ids::CaseId;
use domain::sync::{FieldConflict, Outcome, RecordKind, RejectCode};
use domain::workflow::WorkflowError;
use uuid::Uuid;

/// Why an operation was not applied.
#[derive(Debug)]
pub enum OpError {
    /// The record changed meanwhile.
    Conflict {
        /// Kind of the record.
        kind: RecordKind,
        /// The record.
        record: Uuid,
        /// Its version now.
        current_version: i64,
        /// Conflicting fields, if field-level.
        fields: Vec<FieldConflict>,
        /// For the user.
        message_zh: String,
    },
    /// Refused for a reason the user can act on.
    Rejected(RejectCode, String),
    /// An authorization package refused: every problem, each with its code and member (the
    /// answer carries them as `OpResult::problems`, and their Chinese messages joined).
    Authorization(Vec<AuthorizationError>),
    /// The database failed.
    Db(sqlx::Error),
}

impl OpError {
    /// The record is unknown or out of the caller's sight.
    pub fn not_found() -> Self {
        OpError::Rejected(
            RejectCode::NotFound,
            "记录不存在或不在您的管辖范围内".to_owned(),
        )
    }

    /// The content breaks a rule.
    pub fn invalid(message_zh: impl Into<String>) -> Self {
        OpError::Rejected(RejectCode::Invalid, message_zh.into())
    }

    /// The structured problems of a refused authorization package (empty for any other
    /// refusal).
    pub fn problems(&self) -> Vec<AuthorizationError> {
        match self {
            OpError::Authorization(problems) => problems.clone(),
            _ => Vec::new(),
        }
    }

    /// The answer sent to the phone.
    pub fn into_outcome(self) -> Outcome {
        match self {
            OpError::Conflict {
                kind,
                record,
                current_version,
                fields,
                message_zh,
            } => Outcome::Conflict {
                kind,
                record,
                current_version,
                fields,
                message_zh,
            },
            OpError::Rejected(code, message_zh) => Outcome::Rejected { code, message_zh },
            OpError::Authorization(problems) => Outcome::Rejected {
                code: RejectCode::Invalid,
                message_zh: joined_zh(&problems),
            },
            OpError::Db(e) => {
                tracing::error!(error = %e, "sync operation failed in the database");
                Outcome::Rejected {
                    code: RejectCode::Invalid,
                    message_zh: "服务器暂时无法处理，请稍后重试".to_owned(),
                }
            }
        }
    }
}

/// Every problem's Chinese message, each once, in order (what an old phone shows).
fn joined_zh(problems: &[AuthorizationError]) -> String {
    let mut messages: Vec<&str> = Vec::new();
    for e in problems {
        let m = e.message_zh();
        if !messages.contains(&m) {
            messages.push(m);
        }
    }
    messages.join("；")
}

impl From<sqlx::Error> for OpError {
    fn from(e: sqlx::Error) -> Self {
        OpError::Db(e)
    }
}

impl OpError {
    /// A case command the workflow refused: a role or department that may not act is
    /// forbidden; a refusal of a case that moved on since the phone's base version is a
    /// conflict (somebody else acted first); anything else is invalid, with the rule's reason.
    pub fn of_workflow(e: WorkflowError, base_version: i64, version: i64, id: CaseId) -> OpError {
        match e {
            WorkflowError::WrongRole { .. }
            | WorkflowError::NotOwnCase { .. }
            | WorkflowError::WrongDepartment { .. } => {
                OpError::Rejected(RejectCode::Forbidden, e.message_zh())
            }
            _ if base_version != version => OpError::Conflict {
                kind: RecordKind::Case,
                record: id.0,
                current_version: version,
                fields: Vec::new(),
                message_zh: format!("案件已被他人更新：{}", e.message_zh()),
            },
            _ => OpError::invalid(e.message_zh()),
        }
    }
}
