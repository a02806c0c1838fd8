//! The intake's verification authorization (核对授权书, 一次授权、全网通用): reused when the
//! phone holds a usable one covering every adult of the household (its own package still on
//! the way to the server counts), an addendum signed by the
//! adults added since, or a whole package signed by every member — a minor or a member
//! without full civil capacity through a guardian, one who cannot write by a witnessed mark
//! or a fingerprint — each signer's identity attested in person with a photo of them holding
//! their ID card, or confirmed by a one-time code to their own phone. The package is checked with the domain's rules before it can be saved.

use chrono::{DateTime, NaiveDate, Utc};
use domain::authorization::{
    Against, AuthorizationError, AuthorizationRecord, AuthorizationText, CoveredMember,
    IdentityMethod, adults_not_covered_or_pending, period_end, usable_or_pending,
};
use domain::clocks::china_date;
use domain::household::Household;
use domain::identity::IdNumber;
use domain::ids::{AuthorizationId, HouseholdId, MemberId, UserId};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::forms::FormError;

pub use super::authorization_fix::Accepted;
pub use super::signer::{CodeCheck, SignerDraft};

/// The identity methods a package is checked against on a phone that has not yet learned
/// the installation's ([`Accepted`]): both it may allow (the one-time code needs a network
/// and the server's identity-code API; the server checks its proof).
pub const PHONE_METHODS: &[IdentityMethod] =
    &[IdentityMethod::InPerson, IdentityMethod::OneTimeCode];

/// The guardian choice meaning "typed by hand, not a member of the household".
pub const OTHER_GUARDIAN: &str = "other";

/// The authorization as typed in the intake.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AuthorizationDraft {
    /// The id of the package this intake signs, made once.
    #[serde(default)]
    pub id: String,
    /// Not signed now (a member is away): the checklist lists the authorization as missing.
    #[serde(default)]
    pub deferred: bool,
    /// One line per member asked to sign, in household order.
    #[serde(default)]
    pub signers: Vec<SignerDraft>,
}

/// The household's authorizations among those the phone holds that count for coverage:
/// countersigned ones as pulled, and its own packages on their way to the server, but not one
/// the server refused (it needs the helper's attention first).
pub fn counted(
    stored: Vec<crate::phone::Stored<AuthorizationRecord>>,
    household: HouseholdId,
) -> Vec<AuthorizationRecord> {
    stored
        .into_iter()
        .filter(|s| s.state != crate::records::RecordState::Attention)
        .map(|s| s.record)
        .filter(|r| r.household == household)
        .collect()
}

/// What the household's authorizations on the phone already do for this intake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    /// Usable authorizations cover every adult: nobody signs; `base` is the main one.
    Reused {
        /// The authorization shown ("已授权，有效期至 …").
        base: AuthorizationRecord,
    },
    /// Adults were added since `base` was signed: only they sign an addendum.
    Addendum {
        /// The authorization the addendum adds to.
        base: AuthorizationRecord,
        /// Who signs.
        members: Vec<MemberId>,
    },
    /// No usable authorization: every member is covered by a new package.
    New,
}

/// What the household's `records` on the phone do for it on `today`.
pub fn coverage(
    household: &Household,
    records: &[AuthorizationRecord],
    today: NaiveDate,
) -> Coverage {
    let base = usable_or_pending(household, records, today)
        .filter(|r| r.addendum_to.is_none())
        .max_by_key(|r| r.valid_until)
        .cloned();
    let missing = adults_not_covered_or_pending(household, records, today);
    match base {
        Some(base) if missing.is_empty() => Coverage::Reused { base },
        Some(base) => Coverage::Addendum {
            base,
            members: missing,
        },
        None => Coverage::New,
    }
}

impl Coverage {
    /// The members asked to sign, in household order.
    pub fn signers(&self, household: &Household) -> Vec<MemberId> {
        match self {
            Coverage::Reused { .. } => Vec::new(),
            Coverage::Addendum { members, .. } => household
                .members
                .iter()
                .map(|m| m.id)
                .filter(|id| members.contains(id))
                .collect(),
            Coverage::New => household.members.iter().map(|m| m.id).collect(),
        }
    }
}

impl AuthorizationDraft {
    /// Brings the signer lines in line with `signers`, keeping what was filled in; makes the
    /// package's id once.
    pub fn refresh(&mut self, signers: &[MemberId], new_id: impl FnOnce() -> Uuid) {
        if Uuid::parse_str(&self.id).is_err() {
            self.id = new_id().to_string();
        }
        self.signers = signers
            .iter()
            .map(|m| {
                let member = m.to_string();
                self.signers
                    .iter()
                    .find(|s| s.member == member)
                    .cloned()
                    .unwrap_or(SignerDraft {
                        member,
                        ..SignerDraft::default()
                    })
            })
            .collect();
    }

    /// The package for `coverage` (none when reused) under the text in force as `accepted`
    /// says, as far as it is filled in: a member who has not signed yet has no signature,
    /// which [`check`] reports at their line.
    pub fn package(
        &self,
        household: &Household,
        coverage: &Coverage,
        helper: UserId,
        accepted: &Accepted,
        now: DateTime<Utc>,
    ) -> Option<AuthorizationRecord> {
        let (addendum_to, base_until) = match coverage {
            Coverage::Reused { .. } => return None,
            Coverage::Addendum { base, .. } => (Some(base.id), Some(base.valid_until)),
            Coverage::New => (None, None),
        };
        let text = &accepted.text;
        let valid_from = china_date(now);
        let id = Uuid::parse_str(&self.id).ok().map(AuthorizationId)?;
        let wanted = coverage.signers(household);
        let members = household
            .members
            .iter()
            .filter(|m| wanted.contains(&m.id))
            .map(|m| CoveredMember {
                member: m.id,
                name: m.name.expose().to_owned(),
                id_number: m.id_number.expose().to_owned(),
                limited_capacity: self.signer(m.id).is_some_and(|s| s.limited_capacity),
            })
            .collect();
        let signatures = wanted
            .iter()
            .filter_map(|m| self.signer(*m)?.signature(*m, household, helper, now))
            .collect();
        Some(AuthorizationRecord {
            id,
            household: household.id,
            text_version: text.version.clone(),
            text_sha256: text.sha256(),
            scopes: text.scopes.clone(),
            valid_from,
            valid_until: base_until.unwrap_or_else(|| period_end(valid_from, text.validity_months)),
            addendum_to,
            members,
            signatures,
            collected_by: helper,
            signed_at: now,
            countersignature: None,
            revocation: None,
        })
    }

    fn signer(&self, member: MemberId) -> Option<&SignerDraft> {
        let id = member.to_string();
        self.signers.iter().find(|s| s.member == id)
    }
}

/// Every problem of `package` by the domain's rules (those the server applies), with the
/// in-person checks' photos, against what the installation accepts as the phone last
/// learned it (a text version it does not know, a method it does not allow).
pub fn check(
    package: &AuthorizationRecord,
    household: &Household,
    base: Option<&AuthorizationRecord>,
    accepted: &Accepted,
    now: DateTime<Utc>,
) -> Vec<AuthorizationError> {
    let builtin;
    let text = if package.text_version == accepted.text.version {
        &accepted.text
    } else {
        builtin = AuthorizationText::builtin();
        &builtin
    };
    let against = Against {
        household,
        text,
        base,
        allowed: &accepted.identity_methods,
        now,
    };
    let mut found = package.validate(against).err().unwrap_or_default();
    if !accepted.knows(&package.text_version)
        && !found.contains(&AuthorizationError::UnknownTextVersion)
    {
        found.insert(0, AuthorizationError::UnknownTextVersion);
    }
    found.extend(package.check_id_card_photos().err().unwrap_or_default());
    found
}

/// Where a problem shows: `authorization.<member id>`, or `authorization`.
pub fn path_of(e: &AuthorizationError) -> String {
    match e.member() {
        Some(m) => format!("authorization.{m}"),
        None => "authorization".to_owned(),
    }
}

/// What saving the authorization step writes, and which authorization covers each adult.
#[derive(Debug, Clone, Default)]
pub struct AuthorizationPlan {
    /// The package (or addendum) to save, when one is signed now.
    pub record: Option<AuthorizationRecord>,
    /// The authorization covering each member.
    pub covering: Vec<(MemberId, AuthorizationId)>,
}

/// The plan of the authorization step, or its problems at the members' lines (in Chinese:
/// the review lists them).
pub fn plan(
    draft: &AuthorizationDraft,
    household: &Household,
    records: &[AuthorizationRecord],
    helper: UserId,
    accepted: &Accepted,
    now: DateTime<Utc>,
) -> Result<AuthorizationPlan, Vec<FormError>> {
    let today = china_date(now);
    let cover = coverage(household, records, today);
    let record = draft.package(household, &cover, helper, accepted, now);
    let base = match &cover {
        Coverage::Addendum { base, .. } => Some(base),
        _ => None,
    };
    if let Some(package) = &record {
        let found = check(package, household, base, accepted, now);
        if !found.is_empty() {
            return Err(found
                .iter()
                .map(|e| FormError::at(&path_of(e), format!("核对授权：{}", e.message_zh())))
                .collect());
        }
    }
    let mut covering = Vec::new();
    for r in usable_or_pending(household, records, today).chain(record.iter()) {
        for m in &r.members {
            if !covering.iter().any(|(c, _)| *c == m.member) {
                covering.push((m.member, r.id));
            }
        }
    }
    Ok(AuthorizationPlan { record, covering })
}

/// Whether `id_number` reads as an adult's on `day` (an unreadable one counts as adult, as
/// the rules do).
pub fn is_adult(id_number: &str, day: NaiveDate) -> bool {
    IdNumber::parse_shape(id_number.trim()).map_or(true, |n| n.is_adult(day))
}

#[cfg(test)]
#[path = "authorization_tests.rs"]
mod tests;
