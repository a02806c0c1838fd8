//! The two tables every command passes first: who may issue it, and in which states.
//!
//! Roles per transition (DOMAIN.md "Who uses it"; Wuhai attachments 1-4; Tongnan 五(二), 五(四)):
//!
//! | command | roles | why |
//! |---|---|---|
//! | create, edit draft, submit | Resident (own case), Helper, WindowClerk | the applicant or the entrusted helper applies; a walk-in or phone request is entered at the window (乌海 附件3) |
//! | resubmit | Resident (own case), Helper | the applicant brings the materials |
//! | return item | DepartmentOfficer of the item's department | not theirs: back to the window (转办) |
//! | reroute | WindowClerk; DepartmentOfficer of civil affairs for a disputed item | 乌海 附件4; 潼南 五(四)2 |
//! | tell result, chase | WindowClerk | 乌海 附件4 第四条; 附件2 第四条 |
//! | request supplement, accept, urgent accept, not accept | WindowClerk | the window checks materials (Wuhai att. 2 第二条) |
//! | confirm materials complete | WindowClerk | the window issued the notice, so it checks the answer |
//! | route, notify result, close, archive | WindowClerk | Wuhai att. 4: the window routes, answers, files |
//! | economic check, home survey, democratic appraisal | Verifier | Tongnan 五(四)1: the window hands verification to the verification team; the window does NOT run the economic check, which keeps one office from both accepting and verifying |
//! | decide, extend deadline | DepartmentOfficer of the item's department | departments decide within their powers (Wuhai 二(三)2) |
//! | start / end public notice | Verifier | the township verification team posts the notice (DOMAIN.md roles) |
//! | file objection | anyone but Admin | neighbours object to a notice, not only the applicant |
//! | resolve objection | Verifier, WindowClerk | township staff re-check the facts |
//! | evaluate, withdraw, terminate | Resident (own case), Helper | the applicant's own choices |
//! | approve routing, return for revision | TownshipLeader | 乌海 附件4 第一条: the window routes 报经分管领导同意后 |
//! | ask the leader again | WindowClerk | the window revised what the leader returned |
//! | supervise | Supervisor | 督办 by the county |
//! | request a review | Resident (own case) | only the applicant objects to their own result (申请复核), within the notice's period |
//! | anything | not Admin | Admin runs the installation, not cases |

use crate::role::Role;

use super::command::CommandKind;
use super::state::CaseState;

/// Whether `role` may ever issue a command of this kind.
pub fn role_may(kind: CommandKind, role: Role) -> bool {
    use CommandKind as K;
    use Role as R;
    match kind {
        // A walk-in or telephone request is entered at the window (乌海 附件3 第一条、第三条).
        K::Create | K::EditDraft | K::Submit => {
            matches!(role, R::Resident | R::Helper | R::WindowClerk)
        }
        K::Resubmit | K::Evaluate | K::Withdraw | K::Terminate => {
            matches!(role, R::Resident | R::Helper)
        }
        K::RequestSupplement
        | K::Accept
        | K::UrgentAccept
        | K::NotAccept
        | K::ConfirmMaterialsComplete
        | K::Route
        | K::NotifyResult
        | K::TellResult
        | K::Chase
        | K::Close
        | K::Archive => role == R::WindowClerk,
        K::EconomicCheck
        | K::HomeSurvey
        | K::DemocraticAppraisal
        | K::StartPublicNotice
        | K::EndPublicNotice => role == R::Verifier,
        K::Decide | K::ExtendDeadline | K::ReturnItem => role == R::DepartmentOfficer,
        // The window routes again; a disputed item only civil affairs (checked in `decide`).
        K::Reroute => matches!(role, R::WindowClerk | R::DepartmentOfficer),
        K::FileObjection => role != R::Admin,
        K::ResolveObjection => matches!(role, R::Verifier | R::WindowClerk),
        K::Supervise => role == R::Supervisor,
        K::ApproveRouting | K::ReturnForRevision => role == R::TownshipLeader,
        K::RequestApproval => role == R::WindowClerk,
        K::RequestReview => role == R::Resident,
        K::AnswerReview => role == R::WindowClerk,
    }
}

/// Whether a Resident may only issue this command on their own case. (Objections are open to
/// any resident: a neighbour may object to a public notice.)
pub fn owner_only(kind: CommandKind) -> bool {
    use CommandKind as K;
    matches!(
        kind,
        K::EditDraft
            | K::Submit
            | K::Resubmit
            | K::Evaluate
            | K::Withdraw
            | K::Terminate
            | K::RequestReview
    )
}

/// Whether the command needs a written reason (the event's `reason`).
/// Denials also need one; that depends on the outcome and is checked where it is decided.
pub fn reason_required(kind: CommandKind) -> bool {
    use CommandKind as K;
    matches!(
        kind,
        K::NotAccept
            | K::ExtendDeadline
            | K::FileObjection
            | K::ResolveObjection
            | K::Supervise
            | K::ReturnItem
            | K::Chase
            | K::RequestReview
            | K::AnswerReview
            | K::ReturnForRevision
    )
}

/// Whether a command of this kind is meaningful in `state` at all. Finer conditions (an item
/// pending, an objection open ...) are preconditions.
pub fn state_allows(kind: CommandKind, state: CaseState) -> bool {
    use CaseState as S;
    use CommandKind as K;
    match kind {
        K::Create => false,
        K::EditDraft | K::Submit => state == S::Draft,
        K::RequestSupplement | K::Accept | K::UrgentAccept | K::NotAccept => {
            matches!(state, S::Submitted | S::Resubmitted)
        }
        K::Resubmit => state == S::SupplementRequested,
        K::ConfirmMaterialsComplete => {
            matches!(
                state,
                S::Accepted | S::Routed | S::InPublicNotice | S::Decided
            )
        }
        // Verification runs alongside routing (Wuhai routes within 1 working day of acceptance;
        // Tongnan verifies before departments decide), so it is open until every item is decided.
        K::EconomicCheck | K::HomeSurvey | K::DemocraticAppraisal => {
            matches!(state, S::Accepted | S::Routed)
        }
        K::Route | K::ApproveRouting | K::ReturnForRevision | K::RequestApproval => {
            state == S::Accepted
        }
        K::Decide | K::ExtendDeadline | K::ReturnItem | K::Reroute => state == S::Routed,
        // A result is told as soon as it is final, while other items are still handled.
        K::TellResult => matches!(state, S::Routed | S::InPublicNotice | S::Decided),
        K::Chase => matches!(
            state,
            S::Accepted | S::Routed | S::InPublicNotice | S::Decided
        ),
        K::StartPublicNotice | K::EndPublicNotice | K::FileObjection | K::ResolveObjection => {
            matches!(state, S::Routed | S::InPublicNotice)
        }
        // Accepted in every handling phase so that an early attempt says WHICH items are
        // undecided or still posted, instead of a bare "wrong state".
        K::NotifyResult => matches!(state, S::Routed | S::InPublicNotice | S::Decided),
        K::Evaluate | K::Close => state == S::ResultNotified,
        K::Archive => state.is_terminal() && state != S::Archived,
        K::Withdraw | K::Terminate | K::Supervise => state.is_open(),
        // After the result was told, also once the case is closed: the period runs from the
        // notice, not from the filing of the case.
        K::RequestReview | K::AnswerReview => matches!(state, S::ResultNotified | S::Closed),
    }
}
