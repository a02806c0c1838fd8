//! The online identity check of a signer (本人手机验证码): a one-time code to the phone
//! registered for the signer in the household, and, once the code is confirmed, the server's
//! proof of it — an Ed25519 signature with the countersigning key over the household, the
//! member whose consent it is, the masked phone and the time — which the phone puts into the
//! signature's `IdentityCheck::OneTimeCode` and the push checks.
//!
//! The codes live in the sign-in codes' table under their own key (`authorization:<phone>`),
//! so a code given for an authorization never signs anybody in; they are hardened alike
//! (keyed hashes, a newer code cancels older ones, five wrong tries cancel a code, requests
//! limited per phone). The HTTP surface that calls
//! [`send_code`] and [`confirm_code`] checks the caller may act on the household.

use chrono::{DateTime, Utc};
use domain::authorization::{PublishedKey, timestamp};
use domain::household::Household;
use domain::ids::{HouseholdId, MemberId};
use ed25519_dalek::Signer;

use super::AuthorizationKeys;
use crate::auth::limits;
use crate::auth::otp::{self, CodeKey};
use crate::auth::sms::SmsSender;
use crate::db::Db;

/// The label that starts every identity proof.
pub const PROOF_CONTEXT: &str = "onedoor-authorization-identity/1";

/// Why a code was not sent or not confirmed.
#[derive(Debug, thiserror::Error)]
pub enum IdentityCodeError {
    /// The signer has no mobile phone registered in the household.
    #[error("该成员未登记手机号，请改用当面核验")]
    NoPhone,
    /// A code went to that phone less than a minute ago, or too many within the hour.
    #[error("验证码已发送，请 {0} 秒后再试")]
    TooSoon(i64),
    /// Wrong, used or expired.
    #[error("验证码不正确或已过期")]
    WrongCode,
    /// Sending failed.
    #[error("短信发送失败，请稍后再试")]
    Send(#[source] anyhow::Error),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

fn code_key(phone: &str) -> String {
    format!("authorization:{phone}")
}

/// The phone registered for `signer` in `household`.
fn phone_of(household: &Household, signer: MemberId) -> Result<String, IdentityCodeError> {
    household
        .members
        .iter()
        .find(|m| m.id == signer)
        .and_then(|m| m.phone.as_ref())
        .map(|p| p.expose().to_owned())
        .ok_or(IdentityCodeError::NoPhone)
}

/// Sends a code to the phone of `signer` (the member, or the household member who signs for
/// them as guardian). Answers the phone masked.
pub async fn send_code(
    db: &Db,
    codes: &CodeKey,
    sms: &dyn SmsSender,
    household: &Household,
    signer: MemberId,
    now: DateTime<Utc>,
) -> Result<String, IdentityCodeError> {
    let phone = phone_of(household, signer)?;
    send_code_to(db, codes, sms, &phone, now).await
}

/// Sends a signer's code to `phone` itself: the resident's own account phone when the
/// household has none registered for them (they signed in with a code to it), or the phone of
/// the member a link was sent to. Answers the phone masked.
pub async fn send_code_to(
    db: &Db,
    codes: &CodeKey,
    sms: &dyn SmsSender,
    phone: &str,
    now: DateTime<Utc>,
) -> Result<String, IdentityCodeError> {
    let phone = phone.to_owned();
    let key = code_key(&phone);
    let _counted = limits::admit(db, &otp::phone_limits(&key), now)
        .await?
        .map_err(IdentityCodeError::TooSoon)?;
    let code = otp::issue(db, codes, &key, now).await?;
    let text =
        format!("【一门受理】您的授权书签署验证码为 {code}，5 分钟内有效。如非本人操作请忽略。");
    sms.send(&phone, &text)
        .await
        .map_err(IdentityCodeError::Send)?;
    Ok(domain::identity::mask::mask_phone(&phone))
}

/// What the phone puts into the signature once the code is confirmed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Confirmed {
    /// The phone the code went to, masked.
    pub phone_masked: String,
    /// The server's proof.
    pub proof: String,
    /// When (whole seconds).
    pub confirmed_at: DateTime<Utc>,
}

/// Confirms the code `signer` received, for `member`'s consent: answers the proof.
#[allow(clippy::too_many_arguments)]
pub async fn confirm_code(
    db: &Db,
    codes: &CodeKey,
    keys: &AuthorizationKeys,
    household: &Household,
    member: MemberId,
    signer: MemberId,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Confirmed, IdentityCodeError> {
    let phone = phone_of(household, signer)?;
    confirm_code_at(db, codes, keys, (household.id, member), &phone, code, now).await
}

/// Confirms the code sent to `phone` ([`send_code_to`]) for `member`'s consent in `household`:
/// answers the proof.
pub async fn confirm_code_at(
    db: &Db,
    codes: &CodeKey,
    keys: &AuthorizationKeys,
    (household, member): (HouseholdId, MemberId),
    phone: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Confirmed, IdentityCodeError> {
    if !otp::redeem(db, codes, &code_key(phone), code.trim(), now).await? {
        return Err(IdentityCodeError::WrongCode);
    }
    let confirmed_at = DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
    let phone_masked = domain::identity::mask::mask_phone(phone);
    let message = message(household, member, &phone_masked, confirmed_at);
    let signature = keys.signing.sign(&message);
    Ok(Confirmed {
        proof: format!("{}.{}", keys.key_id, hex::encode(signature.to_bytes())),
        phone_masked,
        confirmed_at,
    })
}

fn message(
    household: HouseholdId,
    member: MemberId,
    phone_masked: &str,
    at: DateTime<Utc>,
) -> Vec<u8> {
    format!(
        "{PROOF_CONTEXT}\n{household}\n{member}\n{phone_masked}\n{}",
        timestamp(at)
    )
    .into_bytes()
}

/// Whether `proof` is the server's, by a published key in use at `confirmed_at`, for this
/// household, member, phone and time.
pub fn proof_holds(
    keys: &[PublishedKey],
    household: HouseholdId,
    member: MemberId,
    phone_masked: &str,
    confirmed_at: DateTime<Utc>,
    proof: &str,
) -> bool {
    let Some((key_id, signature)) = proof.split_once('.') else {
        return false;
    };
    let Some(key) = keys
        .iter()
        .find(|k| k.key_id == key_id && k.in_use_at(confirmed_at))
        .and_then(PublishedKey::verifying_key)
    else {
        return false;
    };
    let Ok(bytes) = hex::decode(signature) else {
        return false;
    };
    let Ok(bytes) = <[u8; 64]>::try_from(bytes.as_slice()) else {
        return false;
    };
    let message = message(household, member, phone_masked, confirmed_at);
    key.verify_strict(&message, &ed25519_dalek::Signature::from_bytes(&bytes))
        .is_ok()
}

/// The proof for another consent the same confirmed signer gives (a guardian confirming by
/// one code both her own signature and her child's): the same phone and time, its member.
pub fn proof_for(
    keys: &AuthorizationKeys,
    household: HouseholdId,
    member: MemberId,
    phone_masked: &str,
    confirmed_at: DateTime<Utc>,
) -> String {
    let signature = keys
        .signing
        .sign(&message(household, member, phone_masked, confirmed_at));
    format!("{}.{}", keys.key_id, hex::encode(signature.to_bytes()))
}
