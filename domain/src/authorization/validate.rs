//! The rules an authorization package meets, checked on the phone before it is saved and by
//! the server before it countersigns: the text in force, a period from the day of signing,
//! every member of the household covered (an addendum: only members added since), one
//! consent per member — a minor's or a member without full capacity's by their guardian,
//! an adult's in person — each with an allowed identity check; and which adults the usable
//! authorizations of a household cover for the economic check.

use std::collections::HashSet;

use chrono::{DateTime, Months, NaiveDate, TimeDelta, Utc};

use super::error::AuthorizationError as E;
use super::record::{
    AuthorizationRecord, IdentityCheck, IdentityMethod, MAX_STROKES_CHARS, MAX_TEXT_CHARS, Mark,
    Signatory,
};
use super::text::AuthorizationText;
use super::verify::Standing;
use crate::clocks::china_date;
use crate::fieldwork::FUTURE_TOLERANCE_SECONDS;
use crate::household::Household;
use crate::identity::IdNumber;
use crate::ids::MemberId;

/// What a package is checked against.
#[derive(Debug, Clone, Copy)]
pub struct Against<'a> {
    /// The household as registered.
    pub household: &'a Household,
    /// The text of the package's version.
    pub text: &'a AuthorizationText,
    /// The authorization an addendum adds to.
    pub base: Option<&'a AuthorizationRecord>,
    /// The identity methods this installation allows.
    pub allowed: &'a [IdentityMethod],
    /// Now (the server's clock, or the phone's).
    pub now: DateTime<Utc>,
}

/// The last day of a period of `months` starting on `from`.
pub fn period_end(from: NaiveDate, months: u32) -> NaiveDate {
    from.checked_add_months(Months::new(months))
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

fn too_long(s: &str) -> bool {
    s.chars().count() > MAX_TEXT_CHARS
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

impl AuthorizationRecord {
    /// Every problem at once; `Ok` when the package may be countersigned. The in-person
    /// checks' ID-card photos are checked by [`Self::check_id_card_photos`], since the kept
    /// record no longer carries them.
    pub fn validate(&self, on: Against<'_>) -> Result<(), Vec<E>> {
        let mut errors = Vec::new();
        self.check_text(on.text, &mut errors);
        self.check_period(on, &mut errors);
        self.check_members(on, &mut errors);
        self.check_signatures(on, &mut errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The package as the phone sends it: every in-person check has its photo.
    pub fn check_id_card_photos(&self) -> Result<(), Vec<E>> {
        let errors: Vec<E> = self
            .signatures
            .iter()
            .filter(|s| {
                matches!(
                    s.identity,
                    IdentityCheck::InPerson {
                        id_card_photo: None,
                        ..
                    }
                )
            })
            .map(|s| E::IdCardPhotoMissing { member: s.member })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn check_text(&self, text: &AuthorizationText, errors: &mut Vec<E>) {
        if self.text_version != text.version {
            errors.push(E::UnknownTextVersion);
        } else if self.text_sha256 != text.sha256() {
            errors.push(E::TextChanged);
        }
        if self.scopes != text.scopes {
            errors.push(E::ScopesDiffer);
        }
    }

    fn check_period(&self, on: Against<'_>, errors: &mut Vec<E>) {
        let tolerance = TimeDelta::seconds(FUTURE_TOLERANCE_SECONDS);
        if self.signed_at > on.now + tolerance
            || self
                .signatures
                .iter()
                .any(|s| s.signed_at > on.now + tolerance)
        {
            errors.push(E::InTheFuture);
        }
        let mut last = period_end(self.valid_from, on.text.validity_months);
        if self.addendum_to.is_some()
            && let Some(base) = on.base
        {
            last = last.min(base.valid_until);
        }
        if self.valid_from != china_date(self.signed_at)
            || self.valid_until < self.valid_from
            || self.valid_until > last
        {
            errors.push(E::BadPeriod);
        }
    }

    fn check_members(&self, on: Against<'_>, errors: &mut Vec<E>) {
        let mut seen = HashSet::new();
        for m in &self.members {
            if !seen.insert(m.member) {
                errors.push(E::MemberListedTwice { member: m.member });
                continue;
            }
            match on.household.members.iter().find(|h| h.id == m.member) {
                None => errors.push(E::NotAMember { member: m.member }),
                Some(h) => {
                    if h.name.expose() != m.name || h.id_number.expose() != m.id_number {
                        errors.push(E::MemberDataDiffers { member: m.member });
                    }
                }
            }
        }
        match self.addendum_to {
            None => {
                for h in &on.household.members {
                    if !seen.contains(&h.id) {
                        errors.push(E::MemberNotCovered { member: h.id });
                    }
                }
            }
            Some(base_id) => {
                let today = china_date(on.now);
                match on.base {
                    Some(base)
                        if base.id == base_id
                            && base.household == self.household
                            && base.addendum_to.is_none()
                            && base.usable_on(today) =>
                    {
                        let before: HashSet<MemberId> =
                            base.members.iter().map(|m| m.member).collect();
                        if self.members.is_empty()
                            || self.members.iter().any(|m| before.contains(&m.member))
                        {
                            errors.push(E::AddendumCoversNobodyNew);
                        }
                    }
                    _ => errors.push(E::AddendumBaseUnusable),
                }
            }
        }
    }

    fn check_signatures(&self, on: Against<'_>, errors: &mut Vec<E>) {
        let mut signed = HashSet::new();
        let mut images = HashSet::new();
        for s in &self.signatures {
            let member = s.member;
            let Some(covered) = self.members.iter().find(|m| m.member == member) else {
                errors.push(E::SignatureNotExpected { member });
                continue;
            };
            if !signed.insert(member) {
                errors.push(E::SignatureNotExpected { member });
                continue;
            }
            let adult = IdNumber::parse_shape(&covered.id_number)
                .map(|id| id.is_adult(self.valid_from))
                .unwrap_or(true);
            let needs_guardian = !adult || covered.limited_capacity;
            match &s.by {
                Signatory::Member if needs_guardian => errors.push(E::GuardianRequired { member }),
                Signatory::Member => {}
                Signatory::Guardian { .. } if !needs_guardian => {
                    errors.push(E::GuardianNotAllowed { member })
                }
                Signatory::Guardian {
                    name,
                    id_number,
                    relation,
                    member: as_member,
                } => {
                    let guardian_adult = IdNumber::parse_shape(id_number)
                        .is_ok_and(|id| id.is_adult(self.valid_from));
                    let household_member_ok = as_member.is_none_or(|g| {
                        g != member && on.household.members.iter().any(|h| h.id == g)
                    });
                    if blank(name)
                        || blank(relation)
                        || too_long(name)
                        || too_long(relation)
                        || !guardian_adult
                        || !household_member_ok
                    {
                        errors.push(E::GuardianInvalid { member });
                    }
                }
            }
            match &s.mark {
                Mark::Handwritten { strokes, .. } => {
                    if strokes
                        .as_ref()
                        .is_some_and(|t| t.len() > MAX_STROKES_CHARS)
                    {
                        errors.push(E::TooLong { member });
                    }
                }
                Mark::WitnessedMark { witness, .. } | Mark::Fingerprint { witness, .. } => {
                    if blank(witness) {
                        errors.push(E::WitnessMissing { member });
                    } else if too_long(witness) {
                        errors.push(E::TooLong { member });
                    }
                }
            }
            if !images.insert(s.mark.image().clone()) {
                errors.push(E::ImageUsedTwice { member });
            }
            if !on.allowed.contains(&s.identity.method()) {
                errors.push(E::MethodNotAllowed { member });
            } else if let IdentityCheck::OneTimeCode { proof, .. } = &s.identity
                && (blank(proof) || too_long(proof))
            {
                errors.push(E::CodeNotConfirmed { member });
            }
        }
        for m in &self.members {
            if !signed.contains(&m.member) {
                errors.push(E::SignatureMissing { member: m.member });
            }
        }
    }
}

/// The household's adult members on `today` that no usable authorization among `records`
/// covers: the economic check waits for them (a member added since signing signs an
/// addendum).
pub fn adults_not_covered(
    household: &Household,
    records: &[AuthorizationRecord],
    today: NaiveDate,
) -> Vec<MemberId> {
    not_covered(household, usable(household, records, today), today)
}

/// [`adults_not_covered`] as the helper's phone sees it, counting its own packages still on
/// their way to the server as usable ([`usable_or_pending`]).
pub fn adults_not_covered_or_pending(
    household: &Household,
    records: &[AuthorizationRecord],
    today: NaiveDate,
) -> Vec<MemberId> {
    not_covered(
        household,
        usable_or_pending(household, records, today),
        today,
    )
}

fn not_covered<'a>(
    household: &Household,
    usable: impl Iterator<Item = &'a AuthorizationRecord>,
    today: NaiveDate,
) -> Vec<MemberId> {
    let covered: HashSet<MemberId> = usable
        .flat_map(|r| r.members.iter().map(|m| m.member))
        .collect();
    let mut missing: Vec<MemberId> = household
        .adult_members(today)
        .map(|m| m.id)
        .filter(|id| !covered.contains(id))
        .collect();
    missing.sort();
    missing
}

/// The household's authorizations a check may use on `today` (an addendum only while the
/// authorization it adds to is usable).
pub fn usable<'a>(
    household: &'a Household,
    records: &'a [AuthorizationRecord],
    today: NaiveDate,
) -> impl Iterator<Item = &'a AuthorizationRecord> {
    usable_by(household, records, today, |r, day| {
        r.standing(day) == Standing::Valid
    })
}

/// [`usable`], counting a package signed but not yet countersigned (waiting in the phone's
/// outbox) as usable if its period holds `today`: a second application made before the
/// phone syncs reuses it rather than asking the family to sign again. The server still
/// decides: its economic check takes only countersigned ones.
pub fn usable_or_pending<'a>(
    household: &'a Household,
    records: &'a [AuthorizationRecord],
    today: NaiveDate,
) -> impl Iterator<Item = &'a AuthorizationRecord> {
    usable_by(household, records, today, |r, day| match r.standing(day) {
        Standing::Valid => true,
        Standing::Pending => Standing::on(r.valid_from, r.valid_until, day) == Standing::Valid,
        _ => false,
    })
}

fn usable_by<'a>(
    household: &'a Household,
    records: &'a [AuthorizationRecord],
    today: NaiveDate,
    ok: fn(&AuthorizationRecord, NaiveDate) -> bool,
) -> impl Iterator<Item = &'a AuthorizationRecord> {
    records.iter().filter(move |r| {
        r.household == household.id
            && ok(r, today)
            && r.addendum_to.is_none_or(|base| {
                records
                    .iter()
                    .any(|b| b.id == base && b.household == household.id && ok(b, today))
            })
    })
}
