//! Step 3's choice for an adult of the household who cannot sign themselves (无民事行为能力或
//! 限制民事行为能力: dementia, an intellectual or mental disability): the resident ticks it and
//! picks who signs for them among the capable adults (`POST /my/apply/capacity`), kept in the
//! draft. The consent plan, the code step, the link and the sending then follow it; unticking
//! gives the member back their own signature. A signature already given that the new plan
//! no longer asks for (the member's own, or another guardian's) is dropped, and the page
//! says so; a signing link the new plan no longer has (the member's own, or the former
//! guardian's) is closed for good.

use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use domain::authorization::guardians_for;
use domain::clocks::china_date;
use domain::ids::MemberId;
use serde::Deserialize;
use uuid::Uuid;

use super::draft::{self, Draft, LimitedChoice};
use super::page::{View, show};
use super::{Home, home, link_send, signing};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::public::{Lang, escape};
use crate::pages::resident::{lang, resident};
use crate::state::AppState;

/// What the choice sends.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct CapacityForm {
    /// The adult member the choice is about.
    pub member: Option<String>,
    /// Present (`on`) when ticked: a guardian signs for them.
    pub limited: Option<String>,
    /// Who signs for them: a capable adult of the household.
    pub guardian: Option<String>,
}

/// `POST /my/apply/capacity`.
#[utoipa::path(post, path = "/my/apply/capacity", tag = "pages",
    request_body(content = CapacityForm, content_type = "application/x-www-form-urlencoded"),
    responses((status = 303, description = "Kept: step 3 again (saying so when a signature was dropped)"),
        (status = 200, description = "Not signed in: the sign-in"),
        (status = 400, description = "Not an adult of the household, or nobody capable could sign for them: step 3 with the message at the choice"),
        (status = 403, description = "A staff account"), (status = 404, description = "No household")),
    security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: Result<CurrentUser, ApiError>,
    form: Result<Form<CapacityForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let lang = lang(None, &headers);
    let user = match resident(user, lang).await {
        Ok(u) => u,
        Err(page) => return Ok(page),
    };
    let Some(home) = home(&state, user.user).await? else {
        return show(&state, &user, lang, StatusCode::NOT_FOUND, View::default()).await;
    };
    let Some(app) = draft::current(&state, user.user, home.household.id.0).await? else {
        let view = View {
            step: 1,
            ..View::default()
        };
        return show(&state, &user, lang, StatusCode::BAD_REQUEST, view).await;
    };
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let today = china_date(Utc::now());
    let refuse = |n: usize, text: String| {
        let view = View {
            step: 3,
            said: Some((
                false,
                lang.t("没有办成，请看标红的地方。", "Not done: see the marks.")
                    .to_owned(),
            )),
            errors: vec![(format!("capacity-{n}"), text)],
            typed: None,
        };
        show(&state, &user, lang, StatusCode::BAD_REQUEST, view)
    };
    let member = form
        .member
        .as_deref()
        .and_then(|m| Uuid::parse_str(m.trim()).ok());
    let Some(n) = member.and_then(|id| {
        home.household
            .members
            .iter()
            .position(|m| m.id.0 == id && m.id_number.is_adult(today))
    }) else {
        let text = lang.t(
            "请选一位成年的家人。",
            "Please choose an adult of the household.",
        );
        return refuse(0, text.to_owned()).await;
    };
    let member = home.household.members[n].id.0;
    let ticked = form
        .limited
        .as_deref()
        .is_some_and(|v| !v.trim().is_empty());
    // A guardian that is no id at all is nobody of the household: refused as such.
    let guardian = form
        .guardian
        .as_deref()
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .map(|g| Uuid::parse_str(g).unwrap_or(Uuid::nil()));
    let mut limited = app.draft.limited.clone();
    limited.retain(|l| l.member != member);
    if ticked {
        limited.push(LimitedChoice { member, guardian });
    }
    let trial = Draft {
        limited: limited.clone(),
        ..app.draft.clone()
    };
    let plan = match signing::plan(&home.household, today, &trial) {
        Ok(plan) => plan,
        Err(e) => return refuse(n, signing::plan_refusal(lang, &home.household, e)).await,
    };
    let mut dropped = 0;
    draft::update(&state, app.id, |d| {
        d.limited = limited;
        let before = d.signatures.len();
        d.signatures.retain(|s| {
            plan.iter()
                .any(|c| c.member.0 == s.member && c.signer.0 == s.signer)
        });
        dropped = before - d.signatures.len();
    })
    .await?;
    link_send::close_unplanned(&state, app.id, &plan).await?;
    let done = if dropped > 0 {
        "capacity-dropped"
    } else {
        "capacity"
    };
    Ok(Redirect::to(&lang.link(&format!("/my/apply?step=3&done={done}"))).into_response())
}

/// The choice for the `n`th member, `member`, an adult: ticked when the draft says a guardian
/// signs for them, with who. `error` is said at it.
pub fn choice(
    lang: Lang,
    home: &Home,
    (d, today): (&Draft, NaiveDate),
    (n, member): (usize, MemberId),
    error: Option<&str>,
) -> String {
    let mine = d.limited.iter().find(|l| l.member == member.0);
    let candidates = guardians_for(&home.household, today, &d.limited(), member);
    if mine.is_none() && candidates.is_empty() && error.is_none() {
        return String::new();
    }
    let id = format!("capacity-{n}");
    let (error, attrs) = match error {
        Some(e) => (
            format!(
                "<p class=\"alert\" id=\"{id}-error\" role=\"alert\">{}</p>",
                escape(e)
            ),
            format!(" aria-describedby=\"{id}-error\" aria-invalid=\"true\""),
        ),
        None => (String::new(), String::new()),
    };
    let chosen = mine
        .and_then(|l| l.guardian)
        .map(MemberId)
        .filter(|g| candidates.contains(g))
        .or_else(|| {
            candidates
                .iter()
                .copied()
                .find(|g| *g == home.me.id)
                .or_else(|| candidates.first().copied())
        });
    let select = if candidates.is_empty() {
        format!(
            "<p class=\"hint\">{}</p>",
            lang.t(
                "家里没有别的能自己签字的成年人可以代签。",
                "Nobody else in the household who can sign could sign for them.",
            )
        )
    } else {
        let options: String = candidates
            .iter()
            .map(|g| {
                let selected = if Some(*g) == chosen { " selected" } else { "" };
                format!(
                    "<option value=\"{}\"{selected}>{}</option>",
                    g.0,
                    escape(&signing::masked(&home.household, *g))
                )
            })
            .collect();
        format!(
            "<label for=\"guardian-{n}\">{label}</label><select id=\"guardian-{n}\" name=\"guardian\">{options}</select>",
            label = lang.t("打了勾的话，由谁代签？", "If ticked, who signs for them?"),
        )
    };
    format!(
        "<form class=\"ask capacity\" method=\"post\" action=\"/my/apply/capacity\">\
         <input type=\"hidden\" name=\"member\" value=\"{member}\">{error}\
         <label class=\"choice\" for=\"{id}\"><input type=\"checkbox\" id=\"{id}\" name=\"limited\" value=\"on\"{checked}{attrs}> {text}</label>\
         {select}<button type=\"submit\" class=\"secondary\">{save}</button></form>",
        member = member.0,
        checked = if mine.is_some() { " checked" } else { "" },
        text = lang.t(
            "这位家人自己不能签字（例如患有痴呆、智力或精神残疾），由监护人代签",
            "This person cannot sign for themselves (for example dementia, an intellectual or mental disability): a guardian signs",
        ),
        save = lang.t("保存这一项", "Save this choice"),
    )
}
