//! Why an authorization package is refused: each problem with a stable code (which the UI
//! translates) and messages in Chinese and English, all listed at once.

use serde::{Deserialize, Serialize};

use crate::ids::MemberId;

/// One problem with an authorization package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AuthorizationError {
    /// The text version is not one the server knows.
    #[error("unknown text version")]
    UnknownTextVersion,
    /// The text's hash is not the hash of that version.
    #[error("the text differs from its version")]
    TextChanged,
    /// The scopes are not the text's.
    #[error("the scopes differ from the text's")]
    ScopesDiffer,
    /// The period does not start on the day of signing, ends before it starts, or is longer
    /// than the text allows (an addendum: longer than the authorization it adds to).
    #[error("the validity period is wrong")]
    BadPeriod,
    /// Signed in the future by the server's clock.
    #[error("signed in the future")]
    InTheFuture,
    /// A member listed twice.
    #[error("a member is listed twice")]
    MemberListedTwice {
        /// Which.
        member: MemberId,
    },
    /// Someone not in the household.
    #[error("not a member of the household")]
    NotAMember {
        /// Which.
        member: MemberId,
    },
    /// The name or ID number differs from the household's record.
    #[error("a member's name or ID number differs from the household's record")]
    MemberDataDiffers {
        /// Which.
        member: MemberId,
    },
    /// A member of the household is not covered.
    #[error("a member of the household is not covered")]
    MemberNotCovered {
        /// Which.
        member: MemberId,
    },
    /// An addendum for a member the authorization already covers, or with nobody.
    #[error("the addendum covers nobody new")]
    AddendumCoversNobodyNew,
    /// An addendum to an authorization that is not usable, or of another household.
    #[error("the addendum's authorization is not usable")]
    AddendumBaseUnusable,
    /// A covered member without a signature.
    #[error("a member has not signed")]
    SignatureMissing {
        /// Which.
        member: MemberId,
    },
    /// A signature for nobody covered, or a second one for a member.
    #[error("a signature for a member not covered, or a second one")]
    SignatureNotExpected {
        /// Whose.
        member: MemberId,
    },
    /// A minor or a member without full capacity signed without a guardian.
    #[error("a guardian must sign for this member")]
    GuardianRequired {
        /// Which.
        member: MemberId,
    },
    /// A guardian signed for an adult with full civil capacity.
    #[error("an adult with full capacity signs in person")]
    GuardianNotAllowed {
        /// Which.
        member: MemberId,
    },
    /// The guardian's name, relation or ID number is missing or wrong, or they are a minor.
    #[error("the guardian is not properly named")]
    GuardianInvalid {
        /// For whom.
        member: MemberId,
    },
    /// A mark or fingerprint without a witness.
    #[error("a mark needs a named witness")]
    WitnessMissing {
        /// Whose.
        member: MemberId,
    },
    /// The same image for two signatures.
    #[error("one image used for two signatures")]
    ImageUsedTwice {
        /// The second.
        member: MemberId,
    },
    /// Strokes or a text longer than allowed.
    #[error("a text is too long")]
    TooLong {
        /// Whose signature.
        member: MemberId,
    },
    /// An identity method this installation does not allow.
    #[error("identity method not allowed")]
    MethodNotAllowed {
        /// Whose.
        member: MemberId,
    },
    /// An in-person check without the photo of the signer with their ID card.
    #[error("the photo with the ID card is missing")]
    IdCardPhotoMissing {
        /// Whose.
        member: MemberId,
    },
    /// A one-time code check the server did not confirm.
    #[error("the one-time code was not confirmed")]
    CodeNotConfirmed {
        /// Whose.
        member: MemberId,
    },
}

impl AuthorizationError {
    /// The member it is about, if any (the phone shows the problem at their line).
    pub fn member(&self) -> Option<MemberId> {
        use AuthorizationError as E;
        match self {
            E::UnknownTextVersion
            | E::TextChanged
            | E::ScopesDiffer
            | E::BadPeriod
            | E::InTheFuture
            | E::AddendumCoversNobodyNew
            | E::AddendumBaseUnusable => None,
            E::MemberListedTwice { member }
            | E::NotAMember { member }
            | E::MemberDataDiffers { member }
            | E::MemberNotCovered { member }
            | E::SignatureMissing { member }
            | E::SignatureNotExpected { member }
            | E::GuardianRequired { member }
            | E::GuardianNotAllowed { member }
            | E::GuardianInvalid { member }
            | E::WitnessMissing { member }
            | E::ImageUsedTwice { member }
            | E::TooLong { member }
            | E::MethodNotAllowed { member }
            | E::IdCardPhotoMissing { member }
            | E::CodeNotConfirmed { member } => Some(*member),
        }
    }

    /// The message in Chinese.
    pub fn message_zh(&self) -> &'static str {
        use AuthorizationError as E;
        match self {
            E::UnknownTextVersion => "服务器不认识该授权书文本版本，请同步后重新签署",
            E::TextChanged => "授权书文本与其版本不一致",
            E::ScopesDiffer => "核对范围与授权书文本不一致",
            E::BadPeriod => "有效期不正确（应自签署之日起，不超过文本规定的期限）",
            E::InTheFuture => "签署时间晚于服务器时间，请检查手机时间",
            E::MemberListedTwice { .. } => "同一家庭成员列了两次",
            E::NotAMember { .. } => "此人不是该家庭的成员",
            E::MemberDataDiffers { .. } => "成员姓名或身份证号与家庭登记不一致",
            E::MemberNotCovered { .. } => "家庭成员未列入授权书",
            E::AddendumCoversNobodyNew => "补充授权应只包括原授权之后新增的成员",
            E::AddendumBaseUnusable => "补充授权所依据的授权书无效、已过期或已撤回",
            E::SignatureMissing { .. } => "该成员尚未签名",
            E::SignatureNotExpected { .. } => "多出的签名：该成员未列入或已签过",
            E::GuardianRequired { .. } => "未成年人或无完全民事行为能力的成员须由监护人代签",
            E::GuardianNotAllowed { .. } => "有完全民事行为能力的成年人须本人签名",
            E::GuardianInvalid { .. } => "监护人的姓名、关系或身份证号不完整，或监护人未成年",
            E::WitnessMissing { .. } => "按手印或画押须写明见证人",
            E::ImageUsedTwice { .. } => "两个签名用了同一张图片",
            E::TooLong { .. } => "文字或笔迹过长",
            E::MethodNotAllowed { .. } => "本地不允许该身份核验方式",
            E::IdCardPhotoMissing { .. } => "当面核验须拍摄本人手持身份证的照片",
            E::CodeNotConfirmed { .. } => "手机验证码未经服务器确认",
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> &'static str {
        use AuthorizationError as E;
        match self {
            E::UnknownTextVersion => {
                "The server does not know this text version: sync and sign again"
            }
            E::TextChanged => "The text differs from its version",
            E::ScopesDiffer => "The scopes differ from the text's",
            E::BadPeriod => {
                "The period must start on the day of signing and last no longer than the text allows"
            }
            E::InTheFuture => "Signed later than the server's time: check the phone's clock",
            E::MemberListedTwice { .. } => "A member is listed twice",
            E::NotAMember { .. } => "Not a member of this household",
            E::MemberDataDiffers { .. } => {
                "The name or ID number differs from the household's record"
            }
            E::MemberNotCovered { .. } => "A member of the household is not covered",
            E::AddendumCoversNobodyNew => {
                "An addendum covers only members added since the authorization"
            }
            E::AddendumBaseUnusable => {
                "The authorization this addendum adds to is not valid, has expired or was revoked"
            }
            E::SignatureMissing { .. } => "This member has not signed",
            E::SignatureNotExpected { .. } => "An extra signature: not covered, or signed twice",
            E::GuardianRequired { .. } => {
                "A guardian signs for a minor or a member without full civil capacity"
            }
            E::GuardianNotAllowed { .. } => "An adult with full capacity signs in person",
            E::GuardianInvalid { .. } => {
                "The guardian's name, relation or ID number is incomplete, or the guardian is a minor"
            }
            E::WitnessMissing { .. } => "A mark or fingerprint needs a named witness",
            E::ImageUsedTwice { .. } => "Two signatures use the same image",
            E::TooLong { .. } => "A text or the strokes are too long",
            E::MethodNotAllowed { .. } => "This identity method is not allowed here",
            E::IdCardPhotoMissing { .. } => {
                "An in-person check needs a photo of the signer holding their ID card"
            }
            E::CodeNotConfirmed { .. } => "The one-time code was not confirmed by the server",
        }
    }
}
