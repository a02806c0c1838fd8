//! Step 3's forms, the verification authorization: each consent (listed by
//! [`super::sign_page`]) signed here by the adults beside the applicant (`POST /my/apply/code` sends the signer a
//! code, `POST /my/apply/sign` takes the code and the drawn signature) or through a link to an
//! absent signer's own phone (`POST /my/apply/link`, [`super::link`]): an adult's for their
//! own consent, a guardian's for the member they sign for.

use std::net::SocketAddr;

use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::clocks::china_date;
use domain::ids::MemberId;
use serde::Deserialize;
use uuid::Uuid;

use super::draft::{self, Application};
use super::page::{View, show};
use super::{Home, home, link_send, signing};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::public::Lang;
use crate::pages::resident::Resident;
use crate::security::client_address::client_address;
use crate::state::AppState;

/// What the signing forms send.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct SignForm {
    /// The member whose consent (sign, link), or who signs (code: a member's id, or an outside
    /// guardian's key).
    pub member: Option<String>,
    /// The one-time code the signer received.
    pub code: Option<String>,
    /// The signature, a PNG data URL.
    pub png: Option<String>,
    /// The strokes as drawn.
    pub strokes: Option<String>,
}

/// What every signing form starts from: the signed-in resident, their home and draft, the
/// form, and the household's consents.
struct Begun {
    lang: Lang,
    user: CurrentUser,
    home: Home,
    app: Application,
    form: SignForm,
    plan: Vec<domain::authorization::Consent>,
}

impl Begun {
    /// Step 3 again, with `text` at `field`.
    async fn refuse(
        &self,
        state: &AppState,
        field: String,
        text: String,
    ) -> Result<Response, ApiError> {
        let view = refused(3, vec![(field, text)], self.lang);
        show(state, &self.user, self.lang, StatusCode::BAD_REQUEST, view).await
    }
}

/// The [`Begun`] of a signing form, or the page to answer instead (the sign-in, no household,
/// no draft yet).
async fn begin(
    state: &AppState,
    Resident { user, lang }: Resident,
    form: Result<Form<SignForm>, FormRejection>,
) -> Result<Result<Begun, Response>, ApiError> {
    let Some(home) = home(state, user.user).await? else {
        return Ok(Err(show(
            state,
            &user,
            lang,
            StatusCode::NOT_FOUND,
            View::default(),
        )
        .await?));
    };
    let Some(app) = draft::current(state, user.user, home.household.id.0).await? else {
        let view = View {
            step: 1,
            ..View::default()
        };
        return Ok(Err(
            show(state, &user, lang, StatusCode::BAD_REQUEST, view).await?
        ));
    };
    let plan =
        signing::plan(&home.household, china_date(Utc::now()), &app.draft).unwrap_or_default();
    Ok(Ok(Begun {
        lang,
        user,
        home,
        app,
        form: form.map(|Form(f)| f).unwrap_or_default(),
        plan,
    }))
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
        as_typed: Vec::new(),
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
    resident: Resident,
    form: Result<Form<SignForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let b = match begin(&state, resident, form).await? {
        Ok(b) => b,
        Err(page) => return Ok(page),
    };
    let Begun {
        lang,
        home,
        form,
        plan,
        ..
    } = &b;
    let lang = *lang;
    // The signer by their key: a member's id, or an outside guardian's.
    let key = member(form).map(|m| m.0);
    let at = key.and_then(|k| plan.iter().position(|c| c.signer.key() == k));
    let signer = at.map(|n| &plan[n].signer);
    let at = at.unwrap_or(0);
    let result = match signer.and_then(|s| home.phone_of_signer(s)) {
        Some(phone) => signing::send_code(&state, &phone).await,
        None => Err(crate::authorization::identity::IdentityCodeError::NoPhone),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&lang.link("/my/apply?step=3&done=code")).into_response()),
        Err(e) => {
            b.refuse(
                &state,
                format!("code-{at}"),
                signing::code_refusal(lang, &e),
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
    resident: Resident,
    form: Result<Form<SignForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let b = match begin(&state, resident, form).await? {
        Ok(b) => b,
        Err(page) => return Ok(page),
    };
    let Begun {
        lang,
        home,
        app,
        form,
        plan,
        ..
    } = &b;
    let lang = *lang;
    let Some((n, consent)) = member(form)
        .and_then(|m| plan.iter().enumerate().find(|(_, c)| c.member == m))
        .map(|(n, c)| (n, c.clone()))
    else {
        let text = lang.t("请在下面签。", "Please sign below.").to_owned();
        return b.refuse(&state, "pad-0".to_owned(), text).await;
    };
    let drawn = match signing::drawn(lang, form.png.as_deref(), form.strokes.as_deref()) {
        Ok(d) => d,
        Err(text) => return b.refuse(&state, format!("pad-{n}"), text).await,
    };
    let confirmed = match app
        .draft
        .confirmed
        .iter()
        .find(|c| c.signer == consent.signer.key())
    {
        Some(c) => c.clone(),
        None => {
            let phone = home.phone_of_signer(&consent.signer).unwrap_or_default();
            let code = form.code.as_deref().unwrap_or_default();
            let from = client_address(&headers, peer, &state.auth.proxies);
            let who = b.user.user.to_string();
            let confirmed = signing::confirm_code(
                &state,
                (&home.household, MemberId(consent.signer.key())),
                &phone,
                code,
                (&who, &from),
            )
            .await?;
            match confirmed {
                Ok(c) => c,
                Err(e) => {
                    let text = signing::code_refusal(lang, &e);
                    return b.refuse(&state, format!("code-{n}"), text).await;
                }
            }
        }
    };
    signing::keep(&state, app.id, &consent, &confirmed, drawn, Utc::now()).await?;
    Ok(Redirect::to(&lang.link("/my/apply?step=3&done=signed")).into_response())
}

/// `POST /my/apply/link`: a text message with a link to sign to an absent signer: an adult
/// for their own consent, or the guardian (other than the applicant) for the member's.
#[utoipa::path(post, path = "/my/apply/link", tag = "pages",
    request_body(content = SignForm, content_type = "application/x-www-form-urlencoded"),
    responses((status = 303, description = "Sent"), (status = 200, description = "Not signed in: the sign-in"),
        (status = 400, description = "Not a consent whose signer is someone other than the applicant, or the signer has no phone"),
        (status = 403, description = "A staff account"), (status = 404, description = "No household")),
    security(("session" = [])))]
pub async fn link(
    State(state): State<AppState>,
    headers: HeaderMap,
    resident: Resident,
    form: Result<Form<SignForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let b = match begin(&state, resident, form).await? {
        Ok(b) => b,
        Err(page) => return Ok(page),
    };
    let Begun {
        lang,
        home,
        app,
        form,
        plan,
        ..
    } = &b;
    let lang = *lang;
    // The signer of the member's consent, when it is someone other than the applicant: the
    // member themself, or their guardian (in the household or from outside it).
    let found = member(form).and_then(|m| {
        plan.iter()
            .position(|c| c.member == m && c.signer != home.me.id)
            .map(|n| (n, &plan[n]))
    });
    let phone = found.and_then(|(_, c)| home.phone_of_signer(&c.signer));
    let (Some((_, consent)), Some(phone)) = (found, phone) else {
        let n = found.map_or(0, |(n, _)| n);
        let e = crate::authorization::identity::IdentityCodeError::NoPhone;
        return b
            .refuse(&state, format!("code-{n}"), signing::code_refusal(lang, &e))
            .await;
    };
    link_send::send(&state, &b.user, &headers, (home, app.id), consent, &phone).await?;
    Ok(Redirect::to(&lang.link("/my/apply?step=3&done=link")).into_response())
}
