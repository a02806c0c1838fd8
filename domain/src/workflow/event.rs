//! What happened to a case: [`Event`] (who, when, why) around an [`EventBody`] (what).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::catalogue::{AidItemCode, MaterialCode, ReferralKind};
use crate::department::DepartmentCode;
use crate::ids::{AuthorizationId, CaseId, UserId};

use super::command::{Actor, CommandKind};
use super::inputs::{AidAmount, Channel, Satisfaction, VerificationStep};
use super::notice_rule::SeenMaterial;

/// One recorded fact about a case. Events are what sync carries and what the case is rebuilt
/// from, so they hold everything `apply` needs and nothing it must look up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// The case it belongs to.
    pub case: CaseId,
    /// Who did it, in which role.
    pub by: Actor,
    /// When (server or phone time, passed in by the caller).
    pub at: DateTime<Utc>,
    /// The written reason, objection text or supervision note, when there is one.
    pub reason: Option<String>,
    /// What happened.
    pub body: EventBody,
}

/// What happened. Names are past tense; each matches one command (see `decide`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum EventBody {
    /// The case was created as a draft.
    Created {
        /// How it came in.
        channel: Channel,
        /// The resident's account, if the applicant has one.
        applicant: Option<UserId>,
    },
    /// The draft's requested items were replaced.
    DraftEdited {
        /// Requested items.
        items: Vec<AidItemCode>,
        /// The main request.
        primary: Option<AidItemCode>,
    },
    /// Sent to the window.
    Submitted,
    /// One notice listing every missing material; the clock pauses.
    SupplementRequested {
        /// Every missing material, sorted, each once.
        missing: Vec<MaterialCode>,
        /// What the window saw of the provided materials, sorted, one per material.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        seen: Vec<SeenMaterial>,
    },
    /// The applicant answered the notice; the clock resumes.
    Resubmitted,
    /// Accepted with complete materials.
    Accepted,
    /// Accepted urgently (先行受理) with these materials still outstanding.
    UrgentlyAccepted {
        /// Outstanding materials, sorted, each once.
        outstanding: Vec<MaterialCode>,
        /// The window flagged the case urgent (the event's reason says why), rather than an
        /// item allowing it.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        flagged_by_window: bool,
    },
    /// Declined; the reason is the event's reason.
    NotAccepted {
        /// Where the applicant should go instead.
        referral: String,
        /// What kind of referral.
        #[serde(default)]
        kind: ReferralKind,
    },
    /// The materials outstanding after urgent acceptance are complete.
    MaterialsCompleted,
    /// A verification sub-step is done.
    VerificationStepDone {
        /// Which one.
        step: VerificationStep,
        /// The economic check: the household's authorizations it used (一次授权、全网通用),
        /// named so the case shows which, and a revocation shows on it.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        authorizations: Vec<AuthorizationId>,
    },
    /// The township leader agreed to the routing (同意分办); the opinion is the reason.
    RoutingApproved,
    /// The township leader returned the case to the window; the reason is the event's.
    ReturnedForRevision,
    /// The window asked the leader again.
    ApprovalRequested,
    /// Routed: one sub-case per department, all starting their clocks now.
    Routed {
        /// The lead department.
        lead: DepartmentCode,
        /// Each item with its department.
        items: Vec<(AidItemCode, DepartmentCode)>,
    },
    /// An item was approved.
    ItemApproved {
        /// The item.
        item: AidItemCode,
        /// The deciding department.
        department: DepartmentCode,
        /// The amount granted.
        amount: AidAmount,
        /// Whether it must be posted publicly before the result is final.
        needs_public_notice: bool,
        /// Natural days it stays posted (from the catalogue), if posted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        public_notice_days: Option<u32>,
    },
    /// An item was denied; the reason is the event's reason.
    ItemDenied {
        /// The item.
        item: AidItemCode,
        /// The deciding department.
        department: DepartmentCode,
    },
    /// An item's decision deadline was extended (once).
    DeadlineExtended {
        /// The item.
        item: AidItemCode,
        /// The department that extended it.
        department: DepartmentCode,
        /// Working days added.
        working_days: i64,
    },
    /// An approved item was posted publicly.
    PublicNoticeStarted {
        /// The item.
        item: AidItemCode,
    },
    /// An item's public notice ended without a pending objection.
    PublicNoticeEnded {
        /// The item.
        item: AidItemCode,
    },
    /// An objection was filed; its text is the event's reason.
    ObjectionFiled {
        /// Its number in this case, from 1.
        objection: i64,
        /// The item objected to.
        item: AidItemCode,
    },
    /// An objection was resolved; upheld sends the item back to its department.
    ObjectionResolved {
        /// Its number.
        objection: i64,
        /// Founded or not.
        upheld: bool,
    },
    /// The window told the applicant the result.
    ResultNotified,
    /// The applicant rated the service.
    Evaluated {
        /// The rating.
        satisfaction: Satisfaction,
    },
    /// Handling finished.
    Closed,
    /// The record was filed.
    Archived,
    /// The applicant withdrew.
    Withdrawn,
    /// Ended at the applicant's request.
    Terminated,
    /// A supervision note (the event's reason); changes no state.
    SupervisionNoted,
    /// A department returned an item as not theirs; the reason is the event's reason.
    ItemReturned {
        /// The item.
        item: AidItemCode,
        /// The returning department.
        department: DepartmentCode,
    },
    /// A returned item was routed again (转办); its decision clock starts again.
    ItemRerouted {
        /// The item.
        item: AidItemCode,
        /// The department that returned it.
        from: DepartmentCode,
        /// The department it goes to.
        to: DepartmentCode,
    },
    /// The window told the applicant one item's result.
    ItemResultTold {
        /// The item.
        item: AidItemCode,
    },
    /// The window chased a late department (催办); what was said is the event's reason.
    Chased {
        /// The late item, if one.
        item: Option<AidItemCode>,
        /// Its department.
        department: Option<DepartmentCode>,
    },
    /// The applicant asked for a review of the result (申请复核); the reason is the event's.
    ReviewRequested,
    /// The window answered the applicant's review request; the answer is the event's reason.
    ReviewAnswered,
}

impl EventBody {
    /// The kind of command that made this event (`Create` for the first), so a case's
    /// history can be read out with the commands' names.
    pub fn kind(&self) -> CommandKind {
        use CommandKind as K;
        use EventBody as E;
        match self {
            E::Created { .. } => K::Create,
            E::DraftEdited { .. } => K::EditDraft,
            E::Submitted => K::Submit,
            E::SupplementRequested { .. } => K::RequestSupplement,
            E::Resubmitted => K::Resubmit,
            E::Accepted => K::Accept,
            E::UrgentlyAccepted { .. } => K::UrgentAccept,
            E::NotAccepted { .. } => K::NotAccept,
            E::MaterialsCompleted => K::ConfirmMaterialsComplete,
            E::VerificationStepDone { step, .. } => match step {
                VerificationStep::EconomicCheck => K::EconomicCheck,
                VerificationStep::HomeSurvey => K::HomeSurvey,
                VerificationStep::DemocraticAppraisal => K::DemocraticAppraisal,
            },
            E::RoutingApproved => K::ApproveRouting,
            E::ReturnedForRevision => K::ReturnForRevision,
            E::ApprovalRequested => K::RequestApproval,
            E::Routed { .. } => K::Route,
            E::ItemApproved { .. } | E::ItemDenied { .. } => K::Decide,
            E::DeadlineExtended { .. } => K::ExtendDeadline,
            E::PublicNoticeStarted { .. } => K::StartPublicNotice,
            E::PublicNoticeEnded { .. } => K::EndPublicNotice,
            E::ObjectionFiled { .. } => K::FileObjection,
            E::ObjectionResolved { .. } => K::ResolveObjection,
            E::ResultNotified => K::NotifyResult,
            E::Evaluated { .. } => K::Evaluate,
            E::Closed => K::Close,
            E::Archived => K::Archive,
            E::Withdrawn => K::Withdraw,
            E::Terminated => K::Terminate,
            E::SupervisionNoted => K::Supervise,
            E::ItemReturned { .. } => K::ReturnItem,
            E::ItemRerouted { .. } => K::Reroute,
            E::ItemResultTold { .. } => K::TellResult,
            E::Chased { .. } => K::Chase,
            E::ReviewRequested => K::RequestReview,
            E::ReviewAnswered => K::AnswerReview,
        }
    }
}
