//! Signing in on "我的申请" with the phone number and a one-time code, as plain forms (they
//! work with JavaScript turned off): the same handlers as `POST /api/auth/otp/request` and
//! `/api/auth/otp/verify`, so the limits, lockouts and sign-in events are theirs.

use std::net::SocketAddr;

use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use axum_extra::extract::CookieJar;
use domain::identity::mask_phone;
use serde::Deserialize;

use super::{HOME, frame, lang};
use crate::error::ApiError;
use crate::pages::public::{Lang, escape};
use crate::routes::auth::{logout, otp_request, otp_verify};
use crate::state::AppState;

/// What the sign-in forms send.
#[derive(Debug, Default, Deserialize)]
pub struct SignInForm {
    /// The mobile number.
    pub phone: Option<String>,
    /// The six digits (second step).
    pub code: Option<String>,
}

/// The first step: the phone number.
pub fn ask_phone(lang: Lang, status: StatusCode, phone: &str, error: Option<&str>) -> Response {
    let body = format!(
        "<h1>{h1}</h1><p class=\"lead\">{lead}</p>{error}\
         <form class=\"ask\" method=\"post\" action=\"/my/code\">\
         <label for=\"phone\">{label}</label>\
         <p class=\"hint\" id=\"phone-help\">{help}</p>\
         <input id=\"phone\" name=\"phone\" type=\"tel\" inputmode=\"numeric\" autocomplete=\"tel\" \
         maxlength=\"20\" value=\"{phone}\" aria-describedby=\"phone-help\" required>\
         <button type=\"submit\">{submit}</button></form>\
         <p class=\"hint\">{other}<a href=\"/track\">{track}</a></p>",
        h1 = lang.t("我的申请", "My applications"),
        lead = lang.t(
            "用手机号登录，就能看到您家的每一件申请办到哪一步了。",
            "Sign in with your mobile number to see how far each application of your family has come."
        ),
        error = alert(error),
        label = lang.t("手机号", "Mobile number"),
        help = lang.t(
            "填申请时留的手机号。我们会发一条短信验证码给您。",
            "The number you gave when applying. We send you a code by text message."
        ),
        phone = escape(phone),
        submit = lang.t("发验证码", "Send me a code"),
        other = lang.t("没有登录也能查：", "Without signing in: "),
        track = lang.t("用案件编号查询进度", "track with the case number"),
    );
    frame(lang, status, lang.t("登录 我的申请", "Sign in"), &body)
}

/// The second step: the code sent to `phone`.
fn ask_code(lang: Lang, status: StatusCode, phone: &str, error: Option<&str>) -> Response {
    let body = format!(
        "<h1>{h1}</h1><p class=\"lead\">{lead}</p>{error}\
         <form class=\"ask\" method=\"post\" action=\"/my/signin\">\
         <input type=\"hidden\" name=\"phone\" value=\"{phone}\">\
         <label for=\"code\">{label}</label>\
         <p class=\"hint\" id=\"code-help\">{help}</p>\
         <input id=\"code\" name=\"code\" class=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" \
         maxlength=\"10\" aria-describedby=\"code-help\" required>\
         <button type=\"submit\">{submit}</button></form>\
         <p><a href=\"{again}\">{again_text}</a></p>",
        h1 = lang.t("填验证码", "Type the code"),
        lead = match lang {
            Lang::Zh => format!("验证码已发到 {}。", mask_phone(phone)),
            Lang::En => format!("A code was sent to {}.", mask_phone(phone)),
        },
        error = alert(error),
        phone = escape(phone),
        label = lang.t("短信验证码（6 位数字）", "The code (6 digits)"),
        help = lang.t(
            "5 分钟内有效。不要告诉别人。",
            "It works for 5 minutes. Tell nobody."
        ),
        submit = lang.t("登录", "Sign in"),
        again = escape(&lang.link(HOME)),
        again_text = lang.t("没收到？重新发", "Nothing came? Send again"),
    );
    frame(lang, status, lang.t("填验证码", "Type the code"), &body)
}

fn alert(error: Option<&str>) -> String {
    error.map_or_else(String::new, |e| {
        format!("<p class=\"alert\" role=\"alert\">{}</p>", escape(e))
    })
}

/// `POST /my/code`: sends the code, then asks for it.
pub async fn request_code(
    State(state): State<AppState>,
    peer: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    form: Result<Form<SignInForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let lang = lang(None, &headers);
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let phone = form.phone.unwrap_or_default().trim().to_owned();
    let asked = otp_request::post(
        State(state),
        peer,
        headers,
        Json(otp_request::OtpRequest {
            phone: phone.clone(),
        }),
    )
    .await;
    Ok(match asked {
        Ok(_) => {
            let normalized = domain::identity::MobilePhone::parse(&phone)
                .map(|p| p.expose().to_owned())
                .unwrap_or(phone);
            ask_code(lang, StatusCode::OK, &normalized, None)
        }
        Err(ApiError::BadRequest(_)) => ask_phone(
            lang,
            StatusCode::BAD_REQUEST,
            &phone,
            Some(lang.t(
                "手机号不对：请填 11 位手机号，像 13800000001。",
                "That is not a mobile number: 11 digits, like 13800000001.",
            )),
        ),
        Err(ApiError::TooManyRequests { .. }) => too_many(lang, &phone, false),
        Err(e) => return Err(e),
    })
}

/// `POST /my/signin`: signs in with the code and goes to the resident's cases.
pub async fn verify(
    State(state): State<AppState>,
    peer: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    jar: CookieJar,
    form: Result<Form<SignInForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let lang = lang(None, &headers);
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let phone = form.phone.unwrap_or_default().trim().to_owned();
    let code = form.code.unwrap_or_default().trim().to_owned();
    let verified = otp_verify::post(
        State(state),
        peer,
        headers,
        jar,
        Json(otp_verify::OtpVerify {
            phone: phone.clone(),
            code,
        }),
    )
    .await;
    Ok(match verified {
        Ok((jar, _)) => (jar, Redirect::to(&lang.link(HOME))).into_response(),
        Err(ApiError::BadRequest(_)) => ask_phone(
            lang,
            StatusCode::BAD_REQUEST,
            &phone,
            Some(lang.t(
                "手机号不对，请重新填。",
                "That is not a mobile number: type it again.",
            )),
        ),
        Err(ApiError::Unauthorized(_)) => ask_code(
            lang,
            StatusCode::UNAUTHORIZED,
            &phone,
            Some(lang.t(
                "验证码不对或已过期。请再看看短信，或重新发一个。",
                "The code is wrong or too old. Check the message, or ask for a new one.",
            )),
        ),
        Err(ApiError::TooManyRequests { .. }) => too_many(lang, &phone, true),
        Err(e) => return Err(e),
    })
}

fn too_many(lang: Lang, phone: &str, code_step: bool) -> Response {
    let text = lang.t(
        "试的次数太多了。为了保护您的信息，请过一会儿再试。",
        "Too many tries. To protect you, try again in a while.",
    );
    if code_step {
        ask_code(lang, StatusCode::TOO_MANY_REQUESTS, phone, Some(text))
    } else {
        ask_phone(lang, StatusCode::TOO_MANY_REQUESTS, phone, Some(text))
    }
}

/// `POST /my/signout`: ends the session (the same handler as `POST /api/auth/logout`).
pub async fn sign_out(
    State(state): State<AppState>,
    peer: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    jar: CookieJar,
) -> Result<Response, ApiError> {
    let lang = lang(None, &headers);
    let (jar, clear, _) = logout::post(State(state), peer, headers, jar).await?;
    Ok((jar, clear, Redirect::to(&lang.link(HOME))).into_response())
}
