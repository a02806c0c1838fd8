//! What a resident may open for themselves (issue 20 point 4, 网上申请): a case of a
//! household they are a member of (their phone registered for a member, or the applicant of an
//! application they made before), naming themselves as the applicant, come in online. The
//! server decides membership from its records; this rule decides the rest, so that the same
//! words refuse the same things wherever they are checked.

use crate::ids::UserId;
use crate::workflow::Channel;

/// Why a resident's new case is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnlineApplicationError {
    /// Not a member of the household: answered as "not found", like any record one may not see.
    NotTheirHousehold,
    /// The applicant named is not the resident themselves.
    NotTheApplicant,
    /// The channel is not 网上申请.
    NotOnline,
}

impl OnlineApplicationError {
    /// In Chinese, for the refusal.
    pub fn message_zh(self) -> &'static str {
        match self {
            Self::NotTheirHousehold => "家庭不存在或不在您的管辖范围内",
            Self::NotTheApplicant => "居民只能以本人为申请人提出申请",
            Self::NotOnline => "居民自己提出的申请只能是网上申请",
        }
    }
}

/// Whether `resident` may open a case with `applicant` and `channel` for a household they are
/// (`member`) or are not a member of.
pub fn resident_may_open(
    resident: UserId,
    member: bool,
    applicant: Option<UserId>,
    channel: Channel,
) -> Result<(), OnlineApplicationError> {
    if !member {
        Err(OnlineApplicationError::NotTheirHousehold)
    } else if applicant != Some(resident) {
        Err(OnlineApplicationError::NotTheApplicant)
    } else if channel != Channel::Online {
        Err(OnlineApplicationError::NotOnline)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use uuid::Uuid;

    const CHANNELS: [Channel; 2] = [Channel::Online, Channel::Entrusted];

    #[test]
    fn only_their_own_online_application_as_applicant() {
        let me = UserId(Uuid::from_u128(1));
        let other = UserId(Uuid::from_u128(2));
        assert_eq!(
            resident_may_open(me, true, Some(me), Channel::Online),
            Ok(())
        );
        assert_eq!(
            resident_may_open(me, false, Some(me), Channel::Online),
            Err(OnlineApplicationError::NotTheirHousehold)
        );
        assert_eq!(
            resident_may_open(me, true, Some(other), Channel::Online),
            Err(OnlineApplicationError::NotTheApplicant)
        );
        assert_eq!(
            resident_may_open(me, true, None, Channel::Online),
            Err(OnlineApplicationError::NotTheApplicant)
        );
        assert_eq!(
            resident_may_open(me, true, Some(me), Channel::Entrusted),
            Err(OnlineApplicationError::NotOnline)
        );
    }

    proptest! {
        #[test]
        fn allowed_exactly_when_member_self_and_online(
            member in any::<bool>(), named in 0u8..3, channel in 0usize..2,
        ) {
            let me = UserId(Uuid::from_u128(1));
            let applicant = match named { 0 => None, 1 => Some(me), _ => Some(UserId(Uuid::from_u128(2))) };
            let ok = resident_may_open(me, member, applicant, CHANNELS[channel]).is_ok();
            prop_assert_eq!(ok, member && applicant == Some(me) && CHANNELS[channel] == Channel::Online);
        }
    }
}
