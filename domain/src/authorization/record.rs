//! The authorization record (核对授权书) as the phone fills it and the server keeps it: the
//! household's members it covers, each one's signature or mark with how their identity was
//! confirmed, and — set by the server only — its countersignature and revocation.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::text::Scope;
use crate::fieldwork::AttachmentRef;
use crate::ids::{AuthorizationId, HouseholdId, MemberId, UserId};

/// The longest stroke record kept with a signature image, in characters.
pub const MAX_STROKES_CHARS: usize = 32_768;
/// The longest free text (a guardian's or witness's name, a reason), in characters.
pub const MAX_TEXT_CHARS: usize = 200;

/// One household's verification authorization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorizationRecord {
    /// Made by the phone (UUIDv7).
    pub id: AuthorizationId,
    /// The household it is for.
    pub household: HouseholdId,
    /// The text version it was signed under ([`super::AuthorizationText::version`]).
    pub text_version: String,
    /// That text's SHA-256 ([`super::AuthorizationText::sha256`]).
    pub text_sha256: String,
    /// What may be checked: the text's scopes.
    pub scopes: Vec<Scope>,
    /// First day it holds (the day of signing, Beijing time).
    pub valid_from: NaiveDate,
    /// Last day it holds.
    pub valid_until: NaiveDate,
    /// An addendum signed by members added since the authorization it names: it covers only
    /// them and holds no longer than that one.
    #[serde(default)]
    pub addendum_to: Option<AuthorizationId>,
    /// Every member it covers, as registered when signing.
    pub members: Vec<CoveredMember>,
    /// One signature per covered member.
    pub signatures: Vec<Signature>,
    /// Who collected it (the helper, the window clerk).
    pub collected_by: UserId,
    /// When the package was completed on the phone.
    pub signed_at: DateTime<Utc>,
    /// Set by the server when it accepts the package; a phone's value is ignored.
    #[serde(default)]
    pub countersignature: Option<Countersignature>,
    /// Set by the server when a member withdraws it; a phone's value is ignored.
    #[serde(default)]
    pub revocation: Option<Revocation>,
}

/// A member as named in the authorization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoveredMember {
    /// Which member of the household.
    pub member: MemberId,
    /// The name as registered.
    pub name: String,
    /// The ID number as registered.
    pub id_number: String,
    /// Whether they lack full civil capacity (无民事行为能力或限制民事行为能力) although
    /// adult: their guardian signs for them, as for a minor.
    #[serde(default)]
    pub limited_capacity: bool,
}

/// One member's consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// Whose consent it is.
    pub member: MemberId,
    /// The member themself, or their guardian.
    pub by: Signatory,
    /// The handwritten signature, or the witnessed mark or fingerprint.
    pub mark: Mark,
    /// How the signer's identity was confirmed.
    pub identity: IdentityCheck,
    /// When it was made.
    pub signed_at: DateTime<Utc>,
}

/// Who put their hand to a consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Signatory {
    /// The member.
    Member,
    /// Their guardian (监护人), for a minor or a member without full civil capacity.
    Guardian {
        /// The guardian's name.
        name: String,
        /// The guardian's ID number.
        id_number: String,
        /// The guardian's relation to the member (父亲, 母亲, …).
        relation: String,
        /// The guardian when they are a member of the household too.
        #[serde(default)]
        member: Option<MemberId>,
    },
}

/// What the signer left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Mark {
    /// Written on the screen: the image, and the strokes as drawn.
    Handwritten {
        /// The PNG of the signature.
        image: AttachmentRef,
        /// The strokes (`x,y,t;…|…`, CSS pixels and milliseconds), kept as drawn.
        #[serde(default)]
        strokes: Option<String>,
    },
    /// A signer who cannot write: a mark on the screen, made before a witness.
    WitnessedMark {
        /// The PNG of the mark.
        image: AttachmentRef,
        /// The witness's name.
        witness: String,
    },
    /// A fingerprint pressed on paper and photographed, before a witness.
    Fingerprint {
        /// The photo of the fingerprint.
        photo: AttachmentRef,
        /// The witness's name.
        witness: String,
    },
}

impl Mark {
    /// The image or photo the mark is.
    pub fn image(&self) -> &AttachmentRef {
        match self {
            Mark::Handwritten { image, .. } | Mark::WitnessedMark { image, .. } => image,
            Mark::Fingerprint { photo, .. } => photo,
        }
    }
}

/// How a signer's identity was confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum IdentityCheck {
    /// Online: a one-time code sent to the signer's own phone, confirmed by the server.
    OneTimeCode {
        /// The phone the code went to, masked (`138****5678`).
        phone_masked: String,
        /// The server's proof that the code was right (see the server's identity-code API).
        proof: String,
        /// When the code was confirmed.
        confirmed_at: DateTime<Utc>,
    },
    /// Offline: the helper attests to seeing the signer in person, with a photo of the signer
    /// holding their ID card. The photo is specially protected: the server takes it out of
    /// the record (never in lists or pulls) and keeps it for the verification team.
    InPerson {
        /// Who attests.
        attested_by: UserId,
        /// The photo of the signer holding their ID card: present in the package the phone
        /// sends, absent from the record as kept and pulled.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id_card_photo: Option<AttachmentRef>,
    },
}

/// The identity methods, as an installation allows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentityMethod {
    /// [`IdentityCheck::OneTimeCode`].
    OneTimeCode,
    /// [`IdentityCheck::InPerson`].
    InPerson,
}

impl IdentityCheck {
    /// Its method.
    pub fn method(&self) -> IdentityMethod {
        match self {
            IdentityCheck::OneTimeCode { .. } => IdentityMethod::OneTimeCode,
            IdentityCheck::InPerson { .. } => IdentityMethod::InPerson,
        }
    }
}

impl IdentityMethod {
    /// In Chinese, for the form.
    pub fn name_zh(self) -> &'static str {
        match self {
            IdentityMethod::OneTimeCode => "本人手机验证码",
            IdentityMethod::InPerson => "工作人员当面核验身份证",
        }
    }

    /// In English.
    pub fn name_en(self) -> &'static str {
        match self {
            IdentityMethod::OneTimeCode => "one-time code to the signer's phone",
            IdentityMethod::InPerson => "ID card checked in person by staff",
        }
    }
}

/// The server's countersignature (服务器签章): Ed25519 over the message of
/// [`super::countersign_message`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Countersignature {
    /// Which server key signed ([`super::key_id`]).
    pub key_id: String,
    /// When the server accepted the package (its timestamp).
    pub at: DateTime<Utc>,
    /// The document's SHA-256 ([`AuthorizationRecord::document_sha256`]), hex.
    pub document_sha256: String,
    /// The Ed25519 signature, hex.
    pub signature: String,
}

/// A withdrawal (撤回授权).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revocation {
    /// The member whose consent is withdrawn (or whose guardian withdrew it).
    pub member: MemberId,
    /// Who recorded it (the resident's account, or the clerk at the window).
    pub recorded_by: UserId,
    /// When.
    pub at: DateTime<Utc>,
    /// The reason given, if any.
    #[serde(default)]
    pub reason: Option<String>,
}

/// What the helper's task list needs of an authorization, read from the same JSON without the
/// signatures: the home page's first load then carries no decoder for the whole record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AuthorizationSummary {
    /// Which authorization.
    pub id: AuthorizationId,
    /// Its household.
    pub household: HouseholdId,
    /// Its last day.
    pub valid_until: NaiveDate,
    /// The authorization it adds to, for an addendum.
    #[serde(default)]
    pub addendum_to: Option<AuthorizationId>,
    /// Countersigned by the server.
    #[serde(default, rename = "countersignature", deserialize_with = "present")]
    pub countersigned: bool,
    /// Withdrawn.
    #[serde(default, rename = "revocation", deserialize_with = "present")]
    pub revoked: bool,
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Option::<serde::de::IgnoredAny>::deserialize(d).map(|v| v.is_some())
}

impl From<&AuthorizationRecord> for AuthorizationSummary {
    fn from(r: &AuthorizationRecord) -> Self {
        AuthorizationSummary {
            id: r.id,
            household: r.household,
            valid_until: r.valid_until,
            addendum_to: r.addendum_to,
            countersigned: r.countersignature.is_some(),
            revoked: r.revocation.is_some(),
        }
    }
}
