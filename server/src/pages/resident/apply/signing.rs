//! What signing the authorization online needs, wherever the signer is (beside the applicant,
//! [`super::sign`], or on their own phone through a link, [`super::link`]): who signs which
//! consent, the household's authorizations that already hold, the one-time code to the
//! signer's phone (counted like the helpers' identity codes), the drawn signature as the
//! form sends it, and the pad that draws it.

use chrono::{DateTime, NaiveDate, Utc};
use domain::authorization::{
    AuthorizationRecord, Consent, OnlineConsentError, Signer, adults_not_covered, consents, usable,
};
use domain::household::Household;
use domain::ids::MemberId;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::draft::{self, Confirmed, Draft, Signed};
use crate::auth::limits::{self, Limit};
use crate::authorization::identity::{self, IdentityCodeError};
use crate::authorization::store;
use crate::error::ApiError;
use crate::pages::public::{Lang, escape};
use crate::state::AppState;

/// The largest signing form: a signature PNG as a data URL and its strokes.
pub const MAX_FORM: usize = 1024 * 1024;
/// The largest signature image.
const MAX_PNG: usize = 512 * 1024;

/// Every consent of the household under the draft's choices of who cannot sign themselves,
/// or why nobody could sign some of them.
pub fn plan(
    household: &Household,
    today: NaiveDate,
    d: &Draft,
) -> Result<Vec<Consent>, OnlineConsentError> {
    consents(household, today, &d.limited())
}

/// The consents of `plan` the draft holds a signature for by the signer the plan names (one
/// by another signer, from before the plan changed, does not count).
pub fn signed(plan: &[Consent], d: &Draft) -> Vec<MemberId> {
    d.signatures
        .iter()
        .filter(|s| {
            plan.iter()
                .any(|c| c.member.0 == s.member && c.signer.key() == s.signer)
        })
        .map(|s| MemberId(s.member))
        .collect()
}

/// Why the household cannot sign online as planned, in the resident's words.
pub fn plan_refusal(lang: Lang, household: &Household, e: OnlineConsentError) -> String {
    match e {
        OnlineConsentError::NoAdult => lang
            .t(
                "家里没有能签字的成年人替孩子签授权书，请到乡镇窗口或找帮办员办。",
                "No adult in the household can sign for the children: please go to the township's window or ask the helper.",
            )
            .to_owned(),
        OnlineConsentError::NoGuardian { member } => match lang {
            Lang::Zh => format!(
                "家里没有别的能签字的成年人替 {} 签。请到乡镇窗口或找帮办员办。",
                masked(household, member)
            ),
            Lang::En => format!(
                "Nobody else in the household who can sign could sign for {}. Please go to the township's window or ask the helper.",
                masked(household, member)
            ),
        },
        OnlineConsentError::GuardianNotCapable { member } => match lang {
            Lang::Zh => format!(
                "替 {} 签字的人，要是家里能自己签字的成年人或家外的成年人，不能是本人。请另选一位。",
                masked(household, member)
            ),
            Lang::En => format!(
                "Whoever signs for {} must be an adult of the household who can sign for themselves, not that person. Please choose another.",
                masked(household, member)
            ),
        },
    }
}

/// The household's usable authorizations, when together they cover every adult: the
/// application uses them and nobody signs again (一次授权、全网通用).
pub async fn reusable(
    state: &AppState,
    household: &Household,
    today: NaiveDate,
) -> Result<Option<Vec<AuthorizationRecord>>, ApiError> {
    let records = store::for_household(&state.db, household.id).await?;
    if records.is_empty() || !adults_not_covered(household, &records, today).is_empty() {
        return Ok(None);
    }
    Ok(Some(usable(household, &records, today).cloned().collect()))
}

/// Who signs, their name masked: a member, or the outside guardian.
pub fn signer_masked(household: &Household, signer: &Signer) -> String {
    match signer {
        Signer::Member(m) => masked(household, *m),
        Signer::Outsider(o) => o.name.masked(),
    }
}

/// The member's name, masked.
pub fn masked(household: &Household, member: MemberId) -> String {
    household
        .members
        .iter()
        .find(|m| m.id == member)
        .map(|m| m.name.masked())
        .unwrap_or_default()
}

/// Why a code step failed, in the resident's words.
pub fn code_refusal(lang: Lang, e: &IdentityCodeError) -> String {
    match e {
        IdentityCodeError::NoPhone => lang
            .t(
                "这位家人没有登记手机号，请到乡镇窗口或找帮办员签。",
                "This person has no phone registered: please sign at the township's window or with the helper.",
            )
            .to_owned(),
        IdentityCodeError::TooSoon(s) => match lang {
            Lang::Zh => format!("验证码刚发过，请 {s} 秒后再发。"),
            Lang::En => format!("A code was just sent: try again in {s} seconds."),
        },
        IdentityCodeError::WrongCode => lang
            .t(
                "验证码不对或已过期，请看短信再填一次，或重新发一个。",
                "The code is wrong or expired: check the message, or send a new one.",
            )
            .to_owned(),
        IdentityCodeError::Send(_) => lang
            .t("短信没有发出去，请过一会儿再试。", "The message could not be sent: try again later.")
            .to_owned(),
        IdentityCodeError::Db(_) => lang.t("出错了，请再试一次。", "Something went wrong: try again.").to_owned(),
    }
}

/// Sends the signer's code to `phone`.
pub async fn send_code(state: &AppState, phone: &str) -> Result<String, IdentityCodeError> {
    identity::send_code_to(
        &state.db,
        &state.auth.codes,
        &*state.auth.sms,
        phone,
        Utc::now(),
    )
    .await
}

/// Confirms the code sent to `phone` for `signer` of `household`, counted per `who` (an
/// account or a link) and per address like the helpers' identity codes.
pub async fn confirm_code(
    state: &AppState,
    (household, signer): (&Household, MemberId),
    phone: &str,
    code: &str,
    (who, address): (&str, &str),
) -> Result<Result<Confirmed, IdentityCodeError>, ApiError> {
    let now = Utc::now();
    use crate::routes::authorizations::identity_code as helpers;
    let window = chrono::Duration::minutes(helpers::CONFIRM_WINDOW_MINUTES);
    let counted = limits::admit(
        &state.db,
        &[
            Limit::new(
                format!("identity-confirm:{who}"),
                helpers::MAX_CONFIRMS_PER_ACCOUNT,
                window,
            ),
            Limit::new(
                format!("identity-confirm-address:{address}"),
                helpers::MAX_CONFIRMS_PER_ADDRESS,
                window,
            ),
        ],
        now,
    )
    .await?;
    let counted = match counted {
        Ok(c) => c,
        Err(wait) => return Ok(Err(IdentityCodeError::TooSoon(wait))),
    };
    let keys = &state.authorization;
    match identity::confirm_code_at(
        &state.db,
        &state.auth.codes,
        keys,
        (household.id, signer),
        phone,
        code,
        now,
    )
    .await
    {
        Ok(c) => {
            limits::forgive(&state.db, counted).await?;
            Ok(Ok(Confirmed {
                signer: signer.0,
                phone_masked: c.phone_masked,
                at: c.confirmed_at,
            }))
        }
        Err(IdentityCodeError::Db(e)) => Err(e.into()),
        Err(e) => Ok(Err(e)),
    }
}

/// The signature as sent: a PNG data URL and the strokes. `Err` with the words for the field.
pub fn drawn(
    lang: Lang,
    png: Option<&str>,
    strokes: Option<&str>,
) -> Result<(Vec<u8>, Option<String>), String> {
    let empty = || {
        lang.t(
            "请在框里用手指写下名字，再按“签好了”。",
            "Please write the name in the box with your finger, then press \"Signed\".",
        )
        .to_owned()
    };
    let data = png
        .and_then(|p| p.strip_prefix("data:image/png;base64,"))
        .filter(|d| !d.is_empty())
        .ok_or_else(empty)?;
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data.trim())
        .map_err(|_| empty())?;
    if bytes.len() > MAX_PNG || crate::attachments::sniff(&bytes) != Some("image/png") {
        return Err(empty());
    }
    let strokes = strokes.map(str::trim).filter(|s| !s.is_empty());
    if strokes.is_none_or(|s| s.len() > domain::authorization::MAX_STROKES_CHARS) {
        return Err(empty());
    }
    Ok((bytes, strokes.map(str::to_owned)))
}

/// Keeps a signed consent in the draft `app` (its image beside it). A consent signed again
/// replaces the earlier signature.
pub async fn keep(
    state: &AppState,
    app: Uuid,
    consent: &Consent,
    confirmed: &Confirmed,
    (png, strokes): (Vec<u8>, Option<String>),
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let sha = hex::encode(Sha256::digest(&png));
    draft::put_file(state, app, &sha, &png).await?;
    let confirmed = confirmed.clone();
    draft::update(state, app, |d| {
        d.confirmed.retain(|c| c.signer != confirmed.signer);
        d.confirmed.push(confirmed);
        d.signatures.retain(|s| s.member != consent.member.0);
        d.signatures.push(Signed {
            member: consent.member.0,
            signer: consent.signer.key(),
            image: sha,
            strokes,
            at,
        });
    })
    .await?;
    Ok(())
}

/// The signature pad: a canvas the page's script draws on, the hidden fields it fills, and a
/// button to start again. `error` is said at the pad.
pub fn pad(lang: Lang, id: &str, error: Option<&str>) -> String {
    let described = match error {
        Some(_) => format!(" aria-describedby=\"{id}-error\""),
        None => String::new(),
    };
    format!(
        "<div class=\"pad\"><p id=\"{id}-label\">{label}</p>{error}\
         <canvas id=\"{id}\" data-pad width=\"320\" height=\"160\" role=\"img\" aria-labelledby=\"{id}-label\"{described}></canvas>\
         <input type=\"hidden\" name=\"png\" data-png><input type=\"hidden\" name=\"strokes\" data-strokes>\
         <button type=\"button\" class=\"secondary\" data-clear>{clear}</button>\
         <noscript><p class=\"alert\">{noscript}</p></noscript></div>",
        label = lang.t(
            "在下面的框里用手指写名字：",
            "Write the name in the box below with your finger:"
        ),
        error = error.map_or_else(String::new, |e| format!(
            "<p class=\"alert\" id=\"{id}-error\" role=\"alert\">{}</p>",
            escape(e)
        )),
        clear = lang.t("重写", "Start again"),
        noscript = lang.t(
            "签名要用手机浏览器的脚本。请打开它，或到窗口签。",
            "Signing needs the browser's scripts: turn them on, or sign at the window.",
        ),
    )
}

/// The authorization in a few plain sentences: what may be checked, what for, how long.
pub fn summary(lang: Lang, text: &domain::authorization::AuthorizationText) -> String {
    let scopes: Vec<&str> = text
        .scopes
        .iter()
        .map(|s| lang.t(s.name_zh(), s.name_en()))
        .collect();
    format!(
        "<details class=\"explain\"><summary>{title}</summary><p>{what}</p><p>{why}</p></details>",
        title = lang.t(
            "授权书是什么？（点开看）",
            "What is the authorization? (open)"
        ),
        what = escape(&match lang {
            Lang::Zh => format!(
                "您家每个人同意政府去查家里的钱和财产：{}。查的结果只用来办救助。",
                scopes.join("、")
            ),
            Lang::En => format!(
                "Everyone in your household agrees that the government checks your money and property: {}. The results are used only for assistance.",
                scopes.join(", ")
            ),
        }),
        why = escape(&match lang {
            Lang::Zh => format!(
                "签一次，{} 个月里办别的救助也能用，不用再签。想收回，随时可以在“我的申请”里撤回。",
                text.validity_months
            ),
            Lang::En => format!(
                "Signed once, it serves every application for {} months. You can withdraw it any time on \"My applications\".",
                text.validity_months
            ),
        }),
    )
}
