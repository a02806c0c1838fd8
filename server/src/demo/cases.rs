//! Demo cases of the demo helper (`helper`, 毛家村), so the task list, the helper ledger and the
//! evaluation have something to show on a fresh installation. Every case is built with the
//! workflow's own commands, each decided by the demo account of the role that issues it, so
//! every history is one the server would have accepted; times count back from "now", so the
//! deadlines mean something today.
//!
//! | household | case | the helper's task |
//! |---|---|---|
//! | 张桂兰 | 低保, the window asked for two materials (补正) | bring the materials |
//! | 刘芳 | 临时救助, approved a day ago, not told yet | hand over the result (2 working days) |
//! | 李建国 | 临时救助, result told 4 days ago | collect the evaluation |
//! | 黄玉梅 | none yet: entrusted by phone, not signed | collect the signature |
//! | 王秀英 | 低保, approved, posted, told, rated and closed | none (the ledger's full row) |
//!
//! The window's, verifier's and departments' cases, in 李家村, are in [`township`].

use chrono::{DateTime, Duration, Utc};
use domain::catalogue::{AidItemCode, Catalogue, MaterialCode};
use domain::fieldwork::{
    AttachmentRef, EntrustmentChannel, EntrustmentId, EntrustmentRecord, Evaluation, EvaluationId,
    Rating,
};
use domain::household::Household;
use domain::ids::UserId;
use domain::role::Role;
use domain::sync::CaseRecord;
use domain::workflow::{AmountPeriod, Command};
use uuid::Uuid;

use super::authorizations::Photos;
use domain::authorization::{AuthorizationRecord, AuthorizationText};

#[path = "township.rs"]
pub mod township;

use super::story::{Story, applicant_of};

/// The demo accounts that act on the cases.
#[derive(Debug, Clone, Copy)]
pub struct Staff {
    /// The helper (帮办代办员) of 毛家村.
    pub helper: UserId,
    /// The window clerk (窗口受理员) of 沙坪镇.
    pub clerk: UserId,
    /// The verifier (核查人员) of 沙坪镇.
    pub verifier: UserId,
    /// The civil-affairs officer (民政经办人) of the county.
    pub officer: UserId,
    /// The demo resident (王秀英), who has an account.
    pub resident: UserId,
    /// The township leader in charge (分管领导) of 沙坪镇, who agrees to every routing.
    pub leader: UserId,
}

/// What the demo adds: cases with their households, the entrustments listing them, and the
/// one evaluation collected.
#[derive(Debug, Clone)]
pub struct DemoCases {
    /// Each case as synced.
    pub cases: Vec<CaseRecord>,
    /// One per household, the helper's.
    pub entrustments: Vec<EntrustmentRecord>,
    /// The finished case's.
    pub evaluations: Vec<Evaluation>,
    /// The authorizations the economic checks used, signed on the phone (the store
    /// countersigns them).
    pub authorizations: Vec<AuthorizationRecord>,
    /// Hardship reports (困难报告) the township's cases were opened from.
    pub hardship: Vec<domain::fieldwork::HardshipReport>,
}

/// The stand-in for a resident's on-screen signature (no image is stored for the demo).
const SIGNATURE: &str = "4badaa4170734d650af9193bfaeced9a3a1a9f53119be245bed5cfa02b5a5fce";

/// The stand-in for the n-th signature on a demo authorization (no image is stored).
fn demo_image(n: u32) -> AttachmentRef {
    use sha2::Digest;
    let sha = hex::encode(sha2::Sha256::digest(format!("demo-authorization-{n}")));
    AttachmentRef::parse(&sha).expect("a SHA-256 is a reference")
}

/// Builds the demo cases for `households` (the demo households, found by address) at `now`.
pub fn build(
    households: &[Household],
    staff: &Staff,
    catalogue: &Catalogue,
    now: DateTime<Utc>,
) -> anyhow::Result<DemoCases> {
    let home = |address: &str| {
        households
            .iter()
            .find(|h| h.address == address)
            .ok_or_else(|| anyhow::anyhow!("no demo household at {address}"))
    };
    let ago = |days: i64, minutes: i64| now - Duration::days(days) + Duration::minutes(minutes);
    let mut out = DemoCases {
        cases: Vec::new(),
        entrustments: Vec::new(),
        evaluations: Vec::new(),
        authorizations: Vec::new(),
        hardship: Vec::new(),
    };
    let signed = Some(AttachmentRef::parse(SIGNATURE).map_err(|e| anyhow::anyhow!("{e}"))?);

    // 张桂兰: 低保, the window's one notice asks for two materials.
    let mut s = Story::new(
        home("沙坪镇毛家村2组7号")?,
        None,
        staff,
        catalogue,
        ago(3, 0),
    )?;
    s.draft(&["dibao"], 1)?.helper(Command::Submit, 2)?;
    let missing = ["income_statement", "property_declaration"].map(|m| MaterialCode(m.into()));
    s.clerk_at(
        Command::RequestSupplement {
            seen: vec![],
            missing: missing.to_vec(),
        },
        ago(2, 0),
    )?;
    s.finish(EntrustmentChannel::InPerson, signed.clone(), &mut out)?;

    // 刘芳: 临时救助, approved a day ago; the window has two working days to tell her.
    let mut s = Story::new(
        home("沙坪镇毛家村5组4号")?,
        None,
        staff,
        catalogue,
        ago(10, 0),
    )?;
    s.draft(&["temporary"], 1)?.helper(Command::Submit, 2)?;
    s.clerk_at(Command::Accept { missing: vec![] }, ago(9, 0))?;
    s.route_at(ago(8, 0))?;
    s.approve_at("temporary", 200_000, AmountPeriod::OneOff, ago(1, 0))?;
    s.finish(EntrustmentChannel::Visit, signed.clone(), &mut out)?;

    // 李建国: 临时救助, told 4 days ago; nobody asked him for his evaluation yet.
    let mut s = Story::new(
        home("沙坪镇毛家村6组15号")?,
        None,
        staff,
        catalogue,
        ago(14, 0),
    )?;
    s.draft(&["temporary"], 1)?.helper(Command::Submit, 2)?;
    s.clerk_at(Command::Accept { missing: vec![] }, ago(13, 0))?;
    s.route_at(ago(12, 0))?;
    s.approve_at("temporary", 150_000, AmountPeriod::OneOff, ago(5, 0))?;
    s.clerk_at(Command::NotifyResult, ago(4, 0))?;
    s.finish(EntrustmentChannel::InPerson, signed.clone(), &mut out)?;

    // 王秀英: 低保 the whole way: verified, approved, posted for 7 days, told, rated, closed.
    // The family signed the verification authorization with the helper the day of the
    // intake (in person); the check uses it.
    let wang = home("沙坪镇毛家村3组12号")?;
    let authorization = super::authorizations::package(
        wang,
        &AuthorizationText::builtin(),
        staff.helper,
        ago(26, 30),
        demo_image,
        Photos::None,
    );
    let mut s = Story::new(wang, Some(staff.resident), staff, catalogue, ago(26, 0))?;
    s.draft(&["dibao"], 1)?.helper(Command::Submit, 2)?;
    s.clerk_at(Command::Accept { missing: vec![] }, ago(25, 0))?;
    let economic_check = Command::EconomicCheck {
        adults_without_authorization: vec![],
        authorizations: vec![authorization.id],
    };
    out.authorizations.push(authorization);
    s.verifier_at(economic_check, ago(24, 0))?;
    s.verifier_at(Command::HomeSurvey, ago(23, 0))?;
    s.verifier_at(Command::DemocraticAppraisal, ago(22, 0))?;
    s.route_at(ago(21, 0))?;
    s.approve_at("dibao", 58_000, AmountPeriod::Monthly, ago(15, 0))?;
    let dibao = AidItemCode("dibao".into());
    s.verifier_at(
        Command::StartPublicNotice {
            item: dibao.clone(),
        },
        ago(15, 30),
    )?;
    s.verifier_at(Command::EndPublicNotice { item: dibao }, ago(7, 0))?;
    s.clerk_at(Command::NotifyResult, ago(6, 0))?;
    let evaluation = Evaluation {
        id: EvaluationId(Uuid::now_v7()),
        case: s.record.case.id(),
        entrustment: Some(s.entrustment),
        rating: Rating::Satisfied,
        comment: Some("帮办员上门办理，很方便".to_owned()),
        collected_by: staff.helper,
        collected_at: ago(5, 0),
    };
    evaluation
        .check_case(&s.record.case, &[])
        .map_err(|e| anyhow::anyhow!("demo evaluation: {e:?}"))?;
    let rate = evaluation
        .workflow_command(&s.record.case)
        .ok_or_else(|| anyhow::anyhow!("the demo case takes no rating"))?;
    s.run(rate, s.actor(Role::Helper), ago(5, 0))?;
    s.clerk_at(Command::Close, ago(5, 60))?;
    s.finish(EntrustmentChannel::InPerson, signed, &mut out)?;
    out.evaluations.push(evaluation);

    // 黄玉梅: entrusted by phone yesterday; she signs when the helper comes by.
    let huang = home("沙坪镇毛家村1组3号")?;
    let applicant = applicant_of(huang)?;
    out.entrustments.push(EntrustmentRecord {
        id: EntrustmentId(Uuid::now_v7()),
        household: huang.id,
        entrusting_member: applicant.id,
        entrusting_name: applicant.name.clone(),
        helper: staff.helper,
        items: vec![AidItemCode("dibao".into())],
        main_item: Some(AidItemCode("dibao".into())),
        channel: EntrustmentChannel::Phone,
        received_at: ago(1, 0),
        signature: None,
        cases: Vec::new(),
        termination: None,
    });
    for (e, h) in out.entrustments.iter().zip(households_of(&out, households)) {
        e.validate(catalogue, now)
            .map_err(|errors| anyhow::anyhow!("demo entrustment: {errors:?}"))?;
        e.check_household(h)
            .map_err(|error| anyhow::anyhow!("demo entrustment: {error:?}"))?;
    }
    Ok(out)
}

/// The household of each entrustment, in order.
fn households_of<'a>(out: &DemoCases, households: &'a [Household]) -> Vec<&'a Household> {
    out.entrustments
        .iter()
        .filter_map(|e| households.iter().find(|h| h.id == e.household))
        .collect()
}

#[cfg(test)]
#[path = "cases_tests.rs"]
mod tests;
