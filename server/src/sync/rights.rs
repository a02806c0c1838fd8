//! The write path's one privilege check: `domain::rights` (issue 22 point 9), with the one fact
//! the table needs from the database — whether a helper is entrusted with the case.

use domain::ids::CaseId;
use domain::jurisdiction::{Actor, RecordScope};
use domain::rights::{self, Action, Scope};
use domain::role::Role;
use domain::sync::RejectCode;
use sqlx::AnyConnection;

use super::OpError;
use super::batch::Batch;

/// Refuses `action` on `record` unless the rights table allows it. `case` is the case the
/// action concerns, for the entrustment an applicant's choice needs.
pub(super) async fn check(
    conn: &mut AnyConnection,
    batch: &mut Batch,
    actor: &Actor,
    action: Action,
    record: &RecordScope,
    case: Option<CaseId>,
) -> Result<(), OpError> {
    let entrusted = match case {
        Some(case) if actor.role == Role::Helper && rights::needs_entrustment(action) => {
            entrusted(conn, batch, actor, case).await?
        }
        _ => false,
    };
    if rights::permits(actor, action, record, entrusted) {
        Ok(())
    } else {
        Err(refusal(actor, action))
    }
}

/// Refuses `action` at once when the actor's role may take it on no record at all.
pub(super) fn check_role(actor: &Actor, action: Action) -> Result<(), OpError> {
    if Scope::ALL
        .into_iter()
        .any(|s| rights::rights(actor.role, action, s))
    {
        Ok(())
    } else {
        Err(refusal(actor, action))
    }
}

/// The refusal, saying why in terms the user can act on.
fn refusal(actor: &Actor, action: Action) -> OpError {
    let message = if actor.role == Role::Helper && rights::needs_entrustment(action) {
        "只有受委托办理此案件的帮办代办员才能代申请人撤回、终止或评价，请核对委托书是否列有此案件"
            .to_owned()
    } else {
        format!("{}无权进行此操作", actor.role.name_zh())
    };
    OpError::Rejected(RejectCode::Forbidden, message)
}

/// Whether an entrustment this helper took, and that has not ended, names `case`: stored
/// ones and those written earlier in the batch.
async fn entrusted(
    conn: &mut AnyConnection,
    batch: &mut Batch,
    actor: &Actor,
    case: CaseId,
) -> Result<bool, OpError> {
    let entrustments = super::entrustments::naming(conn, batch, case, None).await?;
    Ok(entrustments
        .iter()
        .any(|e| e.helper == actor.user && e.termination.is_none()))
}
