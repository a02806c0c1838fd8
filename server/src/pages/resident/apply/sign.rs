//! Step 3, the verification authorization: every consent of the household with who signs it,
//! signed here by the adults beside the applicant (`POST /my/apply/code` sends the signer a
//! code, `POST /my/apply/sign` takes the code and the drawn signature) or through a link to an
//! absent adult's own phone (`POST /my/apply/link`, [`super::link`]).

use std::net::SocketAddr;

use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::authorization::{Consent, unsigned};
use domain::clocks::china_date;
use domain::ids::MemberId;
use serde::Deserialize;
use uuid::Uuid;

use super::draft::{self, Application, Draft};
use super::page::{View, show};
use super::{Home, home, link, signing};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::public::{Lang, escape};
use crate::pages::resident::{lang, resident};
use crate::security::client_address::client_address;
use crate::state::AppState;

/// What the signing forms send.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct SignForm {
    /// The member whose consent (sign, link) or who signs (code).
    pub member: Option<String>,
    /// The one-time code the signer received.
    pub code: Option<String>,
    /// The signature, a PNG data URL.
    pub png: Option<String>,
    /// The strokes as drawn.
    pub strokes: Option<String>,
}

/// Step 3's content.
pub async fn step(
    state: &AppState,
    lang: Lang,
    home: &Home,
    app: Option<&Application>,
    errors: &[(String, String)],
) -> Result<String, ApiError> {
    let today = china_date(Utc::now());
    let next = format!(
        "<p><a href=\"{}\">{}</a></p>",
        escape(&lang.link("/my/apply?step=4")),
        lang.t("下一步：交申请", "Next: send")
    );
    if let Some(records) = signing::reusable(state, &home.household, today).await? {
        let until = records.iter().map(|r| r.valid_until).min().unwrap_or(today);
        return Ok(format!(
            "<p class=\"done\">{}</p>{next}",
            escape(&match lang {
                Lang::Zh => format!(
                    "您家已经签过授权书，到 {} 都有效。这次不用再签。",
                    until.format("%Y年%m月%d日")
                ),
                Lang::En => format!(
                    "Your household's authorization holds until {until}. No need to sign again."
                ),
            })
        ));
    }
    let Some(plan) = signing::plan(&home.household, today) else {
        return Ok(format!(
            "<p class=\"alert\">{}</p>",
            lang.t(
                "家里没有成年人能签授权书，请到乡镇窗口或找帮办员办。",
                "No adult in the household can sign: please go to the township's window or ask the helper.",
            )
        ));
    };
    let text = crate::authorization::store::text_in_force(&state.db).await?;
    let d = app.map(|a| a.draft.clone()).unwrap_or_default();
    let sent = match app {
        Some(a) => link::waiting(state, a.id).await?,
        None => Vec::new(),
    };
    let mut out = format!(
        "<p>{}</p>{}<ul class=\"plain signers\">",
        lang.t(
            "家里每个人都要同意（签名）。大人自己签；孩子由大人代签。签之前，签名的人手机上会收到一个验证码。",
            "Everyone in the household must agree (sign). Adults sign themselves; an adult signs for each child. Before signing, the signer gets a code on their phone.",
        ),
        signing::summary(lang, &text),
    );
    for (n, c) in plan.iter().enumerate() {
        out.push_str(&consent_item(lang, home, &d, &sent, (n, *c), errors));
    }
    out.push_str("</ul>");
    if unsigned(&plan, &signed(&d)).is_empty() {
        out.push_str(&next);
    }
    Ok(out)
}

/// The consents signed in the draft.
pub fn signed(d: &Draft) -> Vec<MemberId> {
    d.signatures.iter().map(|s| MemberId(s.member)).collect()
}

fn consent_item(
    lang: Lang,
    home: &Home,
    d: &Draft,
    sent: &[Uuid],
    (n, c): (usize, Consent),
    errors: &[(String, String)],
) -> String {
    let name = signing::masked(&home.household, c.member);
    let signer = signing::masked(&home.household, c.signer);
    let who = if c.by_guardian() {
        match lang {
            Lang::Zh => format!("{name}（孩子，由 {signer} 代签）"),
            Lang::En => format!("{name} (a child: {signer} signs)"),
        }
    } else if c.member == home.me.id {
        match lang {
            Lang::Zh => format!("{name}（您本人）"),
            Lang::En => format!("{name} (you)"),
        }
    } else {
        name.clone()
    };
    let head = format!("<h2 class=\"signer\">{}</h2>", escape(&who));
    if d.signatures.iter().any(|s| s.member == c.member.0) {
        return format!(
            "<li>{head}<p class=\"done\">{}</p></li>",
            lang.t("已签 ✓", "Signed ✓")
        );
    }
    let Some(phone) = home.phone_of(c.signer) else {
        return format!(
            "<li>{head}<p class=\"hint\">{}</p></li>",
            lang.t(
                "这位家人没有登记手机号，不能在网上签。请到乡镇窗口或找帮办员签。",
                "No phone is registered for this person: they cannot sign online. Please sign at the window or with the helper.",
            )
        );
    };
    let masked = domain::identity::mask_phone(&phone);
    let confirmed = d.confirmed.iter().any(|x| x.signer == c.signer.0);
    let field = |k: &str| format!("{k}-{n}");
    let at = |id: &str| {
        errors
            .iter()
            .find(|(f, _)| *f == id)
            .map(|(_, e)| e.as_str())
    };
    let mut out = format!("<li>{head}");
    if sent.contains(&c.signer.0) && c.signer != home.me.id {
        out.push_str(&format!(
            "<p class=\"hint\">{}</p>",
            lang.t(
                "已经发短信请他在自己手机上签，还没签好。他在身边的话，也可以在这里签。",
                "A link was sent to their phone; not signed yet. If they are here, they can sign below.",
            )
        ));
    }
    if !confirmed {
        out.push_str(&format!(
            "<form class=\"ask\" method=\"post\" action=\"/my/apply/code\">\
             <input type=\"hidden\" name=\"member\" value=\"{signer}\">\
             <button type=\"submit\" class=\"secondary\">{send}</button></form>",
            signer = c.signer.0,
            send = escape(&match lang {
                Lang::Zh => format!("发验证码到 {masked}"),
                Lang::En => format!("Send a code to {masked}"),
            }),
        ));
    }
    let code_id = field("code");
    let code_field = if confirmed {
        String::new()
    } else {
        let (error, attrs) = match at(&code_id) {
            Some(e) => (
                format!(
                    "<p class=\"alert\" id=\"{code_id}-error\" role=\"alert\">{}</p>",
                    escape(e)
                ),
                format!(" aria-describedby=\"{code_id}-error\" aria-invalid=\"true\""),
            ),
            None => (String::new(), String::new()),
        };
        format!(
            "<label for=\"{code_id}\">{label}</label>{error}\
             <input id=\"{code_id}\" name=\"code\" class=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" maxlength=\"6\"{attrs}>",
            label = lang.t("手机收到的验证码（6 位数）", "The code received (6 digits)"),
        )
    };
    let pad_id = field("pad");
    out.push_str(&format!(
        "<form class=\"ask\" method=\"post\" action=\"/my/apply/sign\" data-sign>\
         <input type=\"hidden\" name=\"member\" value=\"{member}\">{code_field}{pad}\
         <button type=\"submit\">{submit}</button></form>",
        member = c.member.0,
        pad = signing::pad(lang, &pad_id, at(&pad_id)),
        submit = lang.t("签好了", "Signed"),
    ));
    if !c.by_guardian() && c.signer != home.me.id {
        out.push_str(&format!(
            "<form class=\"ask\" method=\"post\" action=\"/my/apply/link\">\
             <input type=\"hidden\" name=\"member\" value=\"{member}\">\
             <button type=\"submit\" class=\"secondary\">{send}</button></form>",
            member = c.member.0,
            send = lang.t(
                "他不在身边：发短信，让他在自己手机上签",
                "Not here: send a text message to sign on their own phone",
            ),
        ));
    }
    out.push_str("</li>");
    out
}

/// The signed-in resident's draft and home for a signing form, or the page to answer.
async fn context(
    state: &AppState,
    user: &CurrentUser,
    lang: Lang,
) -> Result<Result<(Home, Application), Response>, ApiError> {
    let Some(home) = home(state, user.user).await? else {
        return Ok(Err(show(
            state,
            user,
            lang,
            StatusCode::NOT_FOUND,
            View::default(),
        )
        .await?));
    };
    match draft::current(state, user.user, home.household.id.0).await? {
        Some(app) => Ok(Ok((home, app))),
        None => {
            let view = View {
                step: 1,
                ..View::default()
            };
            Ok(Err(
                show(state, user, lang, StatusCode::BAD_REQUEST, view).await?
            ))
        }
    }
}

fn member(form: &SignForm) -> Option<MemberId> {
    form.member
        .as_deref()
        .and_then(|m| Uuid::parse_str(m.trim()).ok())
        .map(MemberId)
}

fn refused(step: u8, errors: Vec<(String, String)>, lang: Lang) -> View {
    View {
        step,
        said: Some((
            false,
            lang.t("没有办成，请看标红的地方。", "Not done: see the marks.")
                .to_owned(),
        )),
        errors,
        typed: None,
    }
}

/// `POST /my/apply/code`: a code to the phone of the signer `member`.
#[utoipa::path(post, path = "/my/apply/code", tag = "pages",
    request_body(content = SignForm, content_type = "application/x-www-form-urlencoded"),
    responses((status = 303, description = "Sent"), (status = 200, description = "Not signed in: the sign-in"),
        (status = 400, description = "Not a signer, or no phone: the step with the message"),
        (status = 403, description = "A staff account"), (status = 404, description = "No household")),
    security(("session" = [])))]
pub async fn code(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: Result<CurrentUser, ApiError>,
    form: Result<Form<SignForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let lang = lang(None, &headers);
    let user = match resident(user, lang).await {
        Ok(u) => u,
        Err(page) => return Ok(page),
    };
    let (home, _) = match context(&state, &user, lang).await? {
        Ok(c) => c,
        Err(page) => return Ok(page),
    };
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let today = china_date(Utc::now());
    let plan = signing::plan(&home.household, today).unwrap_or_default();
    let signer = member(&form).filter(|m| plan.iter().any(|c| c.signer == *m));
    let at = signer
        .and_then(|s| plan.iter().position(|c| c.signer == s))
        .unwrap_or(0);
    let result = match signer.and_then(|s| home.phone_of(s)) {
        Some(phone) => signing::send_code(&state, &phone).await,
        None => Err(crate::authorization::identity::IdentityCodeError::NoPhone),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&lang.link("/my/apply?step=3&done=code")).into_response()),
        Err(e) => {
            let errors = vec![(format!("code-{at}"), signing::code_refusal(lang, &e))];
            show(
                &state,
                &user,
                lang,
                StatusCode::BAD_REQUEST,
                refused(3, errors, lang),
            )
            .await
        }
    }
}

/// `POST /my/apply/sign`: one consent signed beside the applicant.
#[utoipa::path(post, path = "/my/apply/sign", tag = "pages",
    request_body(content = SignForm, content_type = "application/x-www-form-urlencoded"),
    responses((status = 303, description = "Signed"), (status = 200, description = "Not signed in: the sign-in"),
        (status = 400, description = "No signature, a wrong code, or not a consent of the household: the step with the message at the field"),
        (status = 403, description = "A staff account"), (status = 404, description = "No household")),
    security(("session" = [])))]
pub async fn sign(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    user: Result<CurrentUser, ApiError>,
    form: Result<Form<SignForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let lang = lang(None, &headers);
    let user = match resident(user, lang).await {
        Ok(u) => u,
        Err(page) => return Ok(page),
    };
    let (home, app) = match context(&state, &user, lang).await? {
        Ok(c) => c,
        Err(page) => return Ok(page),
    };
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let today = china_date(Utc::now());
    let plan = signing::plan(&home.household, today).unwrap_or_default();
    let Some((n, consent)) = member(&form)
        .and_then(|m| plan.iter().enumerate().find(|(_, c)| c.member == m))
        .map(|(n, c)| (n, *c))
    else {
        let text = lang.t("请在下面签。", "Please sign below.").to_owned();
        return show(
            &state,
            &user,
            lang,
            StatusCode::BAD_REQUEST,
            refused(3, vec![("pad-0".to_owned(), text)], lang),
        )
        .await;
    };
    let drawn = match signing::drawn(lang, form.png.as_deref(), form.strokes.as_deref()) {
        Ok(d) => d,
        Err(text) => {
            let view = refused(3, vec![(format!("pad-{n}"), text)], lang);
            return show(&state, &user, lang, StatusCode::BAD_REQUEST, view).await;
        }
    };
    let confirmed = match app
        .draft
        .confirmed
        .iter()
        .find(|c| c.signer == consent.signer.0)
    {
        Some(c) => c.clone(),
        None => {
            let phone = home.phone_of(consent.signer).unwrap_or_default();
            let code = form.code.as_deref().unwrap_or_default();
            let from = client_address(&headers, peer, &state.auth.proxies);
            let who = user.user.to_string();
            let confirmed = signing::confirm_code(
                &state,
                (&home.household, consent.signer),
                &phone,
                code,
                (&who, &from),
            )
            .await?;
            match confirmed {
                Ok(c) => c,
                Err(e) => {
                    let view = refused(
                        3,
                        vec![(format!("code-{n}"), signing::code_refusal(lang, &e))],
                        lang,
                    );
                    return show(&state, &user, lang, StatusCode::BAD_REQUEST, view).await;
                }
            }
        }
    };
    signing::keep(&state, app.id, consent, &confirmed, drawn, Utc::now()).await?;
    Ok(Redirect::to(&lang.link("/my/apply?step=3&done=signed")).into_response())
}

/// `POST /my/apply/link`: a text message to an absent adult with a link to sign.
#[utoipa::path(post, path = "/my/apply/link", tag = "pages",
    request_body(content = SignForm, content_type = "application/x-www-form-urlencoded"),
    responses((status = 303, description = "Sent"), (status = 200, description = "Not signed in: the sign-in"),
        (status = 400, description = "Not an adult of the household other than the applicant, or no phone"),
        (status = 403, description = "A staff account"), (status = 404, description = "No household")),
    security(("session" = [])))]
pub async fn link(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: Result<CurrentUser, ApiError>,
    form: Result<Form<SignForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let lang = lang(None, &headers);
    let user = match resident(user, lang).await {
        Ok(u) => u,
        Err(page) => return Ok(page),
    };
    let (home, app) = match context(&state, &user, lang).await? {
        Ok(c) => c,
        Err(page) => return Ok(page),
    };
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let today = china_date(Utc::now());
    let plan = signing::plan(&home.household, today).unwrap_or_default();
    let found = member(&form).and_then(|m| {
        plan.iter()
            .position(|c| c.member == m && !c.by_guardian() && m != home.me.id)
            .map(|n| (n, m))
    });
    let phone = found.and_then(|(_, m)| home.phone_of(m));
    let (Some((_, member)), Some(phone)) = (found, phone) else {
        let n = found.map_or(0, |(n, _)| n);
        let e = crate::authorization::identity::IdentityCodeError::NoPhone;
        let view = refused(
            3,
            vec![(format!("code-{n}"), signing::code_refusal(lang, &e))],
            lang,
        );
        return show(&state, &user, lang, StatusCode::BAD_REQUEST, view).await;
    };
    link::send(&state, &user, &headers, (&home, app.id), member, &phone).await?;
    Ok(Redirect::to(&lang.link("/my/apply?step=3&done=link")).into_response())
}
