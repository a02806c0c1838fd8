//! An absent signer signs on their own phone (issue 20 point 4) — an adult their own consent, or
//! a guardian of the household for the member they sign for (the page says plainly whom for
//! and as what): the applicant's page sends them a text message with a link
//! (`/my/apply/sign/{token}`), and there, without an account, they confirm a one-time code
//! sent to the phone registered for them and sign. The link keeps its consent's signer
//! (migration 0039) and opens only while the plan still has that signer sign it. The token is 256
//! random bits, kept only as its SHA-256 (table `resident_sign_links`, migration 0038), good
//! for [`super::link_send::LINK_DAYS`] days and taken once; a wrong, expired or used one gets the same answer.
//! The signature goes into the applicant's draft, which is sent later through the push path.

use std::net::SocketAddr;

use axum::Form;
use axum::extract::rejection::{FormRejection, PathRejection};
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::authorization::{Consent, Signer};
use domain::household::Household;
use domain::ids::MemberId;
use uuid::Uuid;

use super::draft::{self, Application};
use super::sign::SignForm;
use super::{SCRIPT, signing};
use crate::audit::{self, AuditEntry};
use crate::auth::token::hash;
use crate::db::time;
use crate::error::ApiError;
use crate::pages::public::{Lang, escape, lang_of, page_with_note, respond};
use crate::security::client_address::client_address;
use crate::state::AppState;

/// An open link: the draft, the household, the consent it signs, the phone for the code.
struct Open {
    token_sha: String,
    app: Application,
    household: Household,
    consent: Consent,
    phone: String,
}

async fn open(state: &AppState, token: &str) -> Result<Option<Open>, ApiError> {
    let token_sha = hash(token);
    let row: Option<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT application_id, member_id, signer_id FROM resident_sign_links \
         WHERE token_sha256 = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(&token_sha)
    .bind(time::now())
    .fetch_optional(state.db.pool())
    .await?;
    let Some((app, member, signer)) = row else {
        return Ok(None);
    };
    // A link from before signers were kept is the member's own.
    let signer = signer.unwrap_or_else(|| member.clone());
    let (Ok(app), Ok(member), Ok(signer)) = (
        Uuid::parse_str(&app),
        Uuid::parse_str(&member),
        Uuid::parse_str(&signer),
    ) else {
        return Ok(None);
    };
    let Some(app) = draft::by_id(state, app).await?.filter(|a| !a.submitted) else {
        return Ok(None);
    };
    let body: Option<(String,)> =
        sqlx::query_as("SELECT body FROM records WHERE kind = 'household' AND id = $1")
            .bind(app.household.to_string())
            .fetch_optional(state.db.pool())
            .await?;
    let Some(household) = body.and_then(|(b,)| serde_json::from_str::<Household>(&b).ok()) else {
        return Ok(None);
    };
    // Only while the plan still has this signer sign this consent: not once the member is
    // marked as unable to sign (their own link), nor once the guardian is changed or the
    // member unticked (the guardian's link).
    let today = domain::clocks::china_date(Utc::now());
    let planned = signing::plan(&household, today, &app.draft)
        .ok()
        .and_then(|plan| {
            plan.into_iter()
                .find(|c| c.member.0 == member && c.signer.key() == signer)
        });
    let Some(consent) = planned else {
        return Ok(None);
    };
    let phone = match &consent.signer {
        Signer::Member(s) => household
            .members
            .iter()
            .find(|m| m.id == *s)
            .and_then(|m| m.phone.as_ref())
            .map(|p| p.expose().to_owned()),
        Signer::Outsider(o) => Some(o.phone.expose().to_owned()),
    };
    let Some(phone) = phone else {
        return Ok(None);
    };
    Ok(Some(Open {
        token_sha,
        app,
        household,
        consent,
        phone,
    }))
}

fn token_of(path: Result<Path<String>, PathRejection>) -> String {
    path.map(|Path(t)| t).unwrap_or_default()
}

fn gone(lang: Lang) -> Response {
    let title = lang.t("签授权书", "Sign the authorization");
    let body = format!(
        "<h1>{title}</h1><p class=\"alert\" role=\"alert\">{}</p>",
        lang.t(
            "这个链接不能用了：可能已经签过、过了 7 天，或者链接不完整。请让家人重新发一次。",
            "This link cannot be used: already signed, older than 7 days, or incomplete. Ask your family member to send it again.",
        )
    );
    respond(
        StatusCode::NOT_FOUND,
        page_with_note(lang, title, "/my/cases", &body, note(lang)),
        true,
    )
}

fn note(lang: Lang) -> &'static str {
    lang.t(
        "这一页只给收到短信的人用。名字只显示一部分。",
        "This page is only for whoever received the message. Names are partly hidden.",
    )
}

/// What the page asks of whoever opened it: their own consent, or as guardian for the member.
fn asked(lang: Lang, applicant: &str, o: &Open) -> String {
    let member = signing::masked(&o.household, o.consent.member);
    if o.consent.by_guardian() {
        let signer = signing::signer_masked(&o.household, &o.consent.signer);
        match lang {
            Lang::Zh => format!(
                "{applicant} 在网上申请社会救助。请您（{signer}）作为监护人，替 {member} 签字。签的是 {member} 的授权书，验证码发到您自己的手机上。"
            ),
            Lang::En => format!(
                "{applicant} applies for assistance online. You ({signer}) are asked to sign for {member} as their guardian: it is {member}'s consent, and the code goes to your own phone."
            ),
        }
    } else {
        match lang {
            Lang::Zh => format!("{applicant} 在网上申请社会救助，请 {member} 签字同意。"),
            Lang::En => {
                format!("{applicant} applies for assistance online and asks {member} to sign.")
            }
        }
    }
}

/// The page, with `said` and a message at the code or the pad.
async fn page(
    state: &AppState,
    lang: Lang,
    token: &str,
    o: &Open,
    status: StatusCode,
    said: Option<(bool, String)>,
    errors: &[(&str, String)],
) -> Result<Response, ApiError> {
    let title = lang.t("签授权书", "Sign the authorization");
    let text = crate::authorization::store::text_in_force(&state.db).await?;
    let applicant = o
        .household
        .members
        .iter()
        .find(|m| m.relation == domain::household::Relation::Applicant)
        .map(|m| m.name.masked())
        .unwrap_or_default();
    let at = |id: &str| {
        errors
            .iter()
            .find(|(f, _)| *f == id)
            .map(|(_, e)| e.as_str())
    };
    let mut body = format!(
        "<h1>{title}</h1><p>{}</p>{}",
        escape(&asked(lang, &applicant, o)),
        signing::summary(lang, &text),
    );
    if let Some((done, said)) = said {
        let (class, role) = if done {
            ("done", "status")
        } else {
            ("alert", "alert")
        };
        body.push_str(&format!(
            "<p class=\"{class}\" role=\"{role}\">{}</p>",
            escape(&said)
        ));
    }
    let action = format!("/my/apply/sign/{token}");
    let masked = domain::identity::mask_phone(&o.phone);
    let (code_error, code_attrs) = match at("code") {
        Some(e) => (
            format!(
                "<p class=\"alert\" id=\"code-error\" role=\"alert\">{}</p>",
                escape(e)
            ),
            " aria-describedby=\"code-error\" aria-invalid=\"true\"".to_owned(),
        ),
        None => (String::new(), String::new()),
    };
    body.push_str(&format!(
        "<form class=\"ask\" method=\"post\" action=\"{code_action}\"><button type=\"submit\" class=\"secondary\">{send}</button></form>\
         <form class=\"ask\" method=\"post\" action=\"{action}\" data-sign>\
         <label for=\"code\">{label}</label>{code_error}\
         <input id=\"code\" name=\"code\" class=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" maxlength=\"6\"{code_attrs}>\
         {pad}<button type=\"submit\">{submit}</button></form><script src=\"{SCRIPT}\" defer></script>",
        code_action = escape(&format!("{action}/code")),
        action = escape(&action),
        send = escape(&match lang {
            Lang::Zh => format!("发验证码到 {masked}"),
            Lang::En => format!("Send a code to {masked}"),
        }),
        label = lang.t("手机收到的验证码（6 位数）", "The code received (6 digits)"),
        pad = signing::pad(lang, "pad", at("pad")),
        submit = lang.t("签好了", "Signed"),
    ));
    Ok(respond(
        status,
        page_with_note(lang, title, &action, &body, note(lang)),
        true,
    ))
}

/// `GET /my/apply/sign/{token}`.
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let lang = lang_of(None, &headers);
    let token = token_of(path);
    let Some(o) = open(&state, &token).await? else {
        return Ok(gone(lang));
    };
    page(&state, lang, &token, &o, StatusCode::OK, None, &[]).await
}

/// `POST /my/apply/sign/{token}/code`: the code to the signer's phone.
pub async fn code(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let lang = lang_of(None, &headers);
    let token = token_of(path);
    let Some(o) = open(&state, &token).await? else {
        return Ok(gone(lang));
    };
    match signing::send_code(&state, &o.phone).await {
        Ok(_) => {
            let said = lang.t(
                "验证码已经发到您手机上了，请看短信。",
                "The code was sent: see the text message.",
            );
            page(
                &state,
                lang,
                &token,
                &o,
                StatusCode::OK,
                Some((true, said.to_owned())),
                &[],
            )
            .await
        }
        Err(e) => {
            let errors = [("code", signing::code_refusal(lang, &e))];
            page(
                &state,
                lang,
                &token,
                &o,
                StatusCode::BAD_REQUEST,
                None,
                &errors,
            )
            .await
        }
    }
}

/// `POST /my/apply/sign/{token}`: the code and the signature; the link is then used up.
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    form: Result<Form<SignForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let lang = lang_of(None, &headers);
    let token = token_of(path);
    let Some(o) = open(&state, &token).await? else {
        return Ok(gone(lang));
    };
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let drawn = match signing::drawn(lang, form.png.as_deref(), form.strokes.as_deref()) {
        Ok(d) => d,
        Err(text) => {
            return page(
                &state,
                lang,
                &token,
                &o,
                StatusCode::BAD_REQUEST,
                None,
                &[("pad", text)],
            )
            .await;
        }
    };
    let from = client_address(&headers, peer, &state.auth.proxies);
    let who = format!("link:{}", o.token_sha);
    let code = form.code.as_deref().unwrap_or_default();
    let confirmed = signing::confirm_code(
        &state,
        (&o.household, MemberId(o.consent.signer.key())),
        &o.phone,
        code,
        (&who, &from),
    )
    .await?;
    let confirmed = match confirmed {
        Ok(c) => c,
        Err(e) => {
            let errors = [("code", signing::code_refusal(lang, &e))];
            return page(
                &state,
                lang,
                &token,
                &o,
                StatusCode::BAD_REQUEST,
                None,
                &errors,
            )
            .await;
        }
    };
    // Taken once: only the request that marks it keeps the signature.
    let taken = sqlx::query(
        "UPDATE resident_sign_links SET used_at = $1 WHERE token_sha256 = $2 AND used_at IS NULL",
    )
    .bind(time::now())
    .bind(&o.token_sha)
    .execute(state.db.pool())
    .await?;
    if taken.rows_affected() != 1 {
        return Ok(gone(lang));
    }
    signing::keep(&state, o.app.id, &o.consent, &confirmed, drawn, Utc::now()).await?;
    let entry = AuditEntry::by_user(&o.app.user.to_string(), "application.signed_by_link")
        .on(
            "household",
            o.household.id.0,
            Some(o.household.place.as_str()),
        )
        .with_detail(serde_json::json!({
            "application": o.app.id.to_string(),
            "member": o.consent.member.to_string(),
            "signer": o.consent.signer.key().to_string(),
            "phone": confirmed.phone_masked,
        }));
    audit::append_standalone(&state.db, &entry).await?;
    Ok(Redirect::to(&lang.link("/my/apply/signed")).into_response())
}

/// `GET /my/apply/signed`: thanks.
pub async fn signed(headers: HeaderMap) -> Response {
    let lang = lang_of(None, &headers);
    let title = lang.t("签好了", "Signed");
    let body = format!(
        "<h1>{title}</h1><p class=\"done\" role=\"status\">{}</p>",
        lang.t(
            "谢谢您！您的签名已经交给申请的家人。可以关掉这一页了。",
            "Thank you! Your signature went to your family member's application. You may close this page.",
        )
    );
    respond(
        StatusCode::OK,
        page_with_note(lang, title, "/my/cases", &body, note(lang)),
        true,
    )
}
