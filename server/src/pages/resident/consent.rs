//! "您签的核对授权" (issue 20 point 9): on `/my/cases`, the verification authorizations of the
//! resident's household that hold their own consent (or that of a member they signed for as
//! guardian), each with its number, its period and whether it still holds; and a form to
//! withdraw that consent (撤回授权), `POST /my/authorizations/{id}/revoke`, made into the
//! same `RevokeAuthorization` operation the window records and applied by the push path
//! (`crate::sync::authorization_revoke` decides who may).

use std::net::SocketAddr;

use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use domain::authorization::{AuthorizationRecord, Signatory, number};
use domain::identity::mask_name;
use domain::ids::{AuthorizationId, MemberId, UserId};
use domain::sync::{OpBody, Outcome, RecordKind, RejectCode};
use serde::Deserialize;
use uuid::Uuid;

use super::actions::push_ops;
use super::list_page::{self, Said};
use super::{Resident, mine};
use crate::error::ApiError;
use crate::pages::html::date_zh;
use crate::pages::public::{Lang, escape};
use crate::security::client_address::client_address;
use crate::state::AppState;

/// The longest reason kept.
const MAX_REASON_CHARS: usize = 200;

/// One authorization and whose consent in it the resident may withdraw (id, masked name).
pub struct Consent {
    record: AuthorizationRecord,
    theirs: Vec<(MemberId, String)>,
}

/// The countersigned authorizations of the resident's household holding their consent (or a
/// member's they signed for), newest first.
pub async fn consents(state: &AppState, user: UserId) -> Result<Vec<Consent>, ApiError> {
    let Some((household, me)) = mine::own_household(state, user).await? else {
        return Ok(Vec::new());
    };
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT body FROM records WHERE kind = $1 AND body LIKE $2")
            .bind(RecordKind::Authorization.code())
            .bind(format!("%{}%", household.id.0))
            .fetch_all(state.db.pool())
            .await?;
    let mut out: Vec<Consent> = rows
        .iter()
        .filter_map(|(body,)| serde_json::from_str::<AuthorizationRecord>(body).ok())
        .filter(|r| r.household == household.id && r.countersignature.is_some())
        .filter_map(|record| {
            let theirs: Vec<(MemberId, String)> = record
                .members
                .iter()
                .filter(|m| {
                    m.member == me.id
                        || record.signatures.iter().any(|s| {
                            s.member == m.member
                                && matches!(&s.by, Signatory::Guardian { member: Some(g), .. } if *g == me.id)
                        })
                })
                .map(|m| (m.member, mask_name(&m.name)))
                .collect();
            (!theirs.is_empty()).then_some(Consent { record, theirs })
        })
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.record.signed_at));
    Ok(out)
}

/// The block on the list page (nothing when there is no authorization to show).
pub fn section(lang: Lang, consents: &[Consent], today: NaiveDate) -> String {
    if consents.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "<h2 id=\"consent\">{}</h2><p>{}</p><ul class=\"cards\">",
        lang.t("您签的核对授权", "Your consent to checks"),
        lang.t(
            "签了授权，乡镇和部门才能查您家的存款、房子、车子这些情况，用来审核救助。一次授权，几项救助都能用。您可以随时撤回。撤回以后，还没办完的申请可能办不下去。",
            "With this consent the township and departments may check your family's savings, housing, vehicles and the like to decide on aid. One consent serves every application. You may withdraw it at any time; an application not yet decided may then not go on.",
        ),
    );
    for c in consents {
        let r = &c.record;
        let (state, live) = match &r.revocation {
            Some(rev) => (
                match lang {
                    Lang::Zh => {
                        format!("已撤回（{}）", date_zh(domain::clocks::china_date(rev.at)))
                    }
                    Lang::En => format!("Withdrawn ({})", domain::clocks::china_date(rev.at)),
                },
                false,
            ),
            None if r.valid_until < today => (lang.t("已过期", "Expired").to_owned(), false),
            None => (
                match lang {
                    Lang::Zh => format!("有效，到 {}", date_zh(r.valid_until)),
                    Lang::En => format!("In force until {}", r.valid_until),
                },
                true,
            ),
        };
        out.push_str(&format!(
            "<li class=\"card\" data-authorization=\"{id}\"><p><strong>{label} {number}</strong></p><p>{state}</p>",
            id = r.id.0,
            label = lang.t("授权书编号", "Authorization no."),
            number = escape(&number(r.id)),
            state = escape(&state),
        ));
        if live {
            out.push_str(&form(lang, c));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

fn form(lang: Lang, c: &Consent) -> String {
    let id = c.record.id.0;
    let who = if c.theirs.len() == 1 {
        format!(
            "<input type=\"hidden\" name=\"member\" value=\"{}\">",
            c.theirs[0].0.0
        )
    } else {
        let options: String = c
            .theirs
            .iter()
            .map(|(m, name)| format!("<option value=\"{}\">{}</option>", m.0, escape(name)))
            .collect();
        format!(
            "<label for=\"who-{id}\">{}</label><select id=\"who-{id}\" name=\"member\">{options}</select>",
            lang.t("撤回谁的授权？", "Whose consent?")
        )
    };
    format!(
        "<form class=\"ask\" method=\"post\" action=\"/my/authorizations/{id}/revoke\">\
         <input type=\"hidden\" name=\"op\" value=\"{op}\">{who}\
         <label for=\"why-{id}\">{why}</label><input id=\"why-{id}\" name=\"reason\" maxlength=\"{max}\">\
         <p><input type=\"checkbox\" id=\"sure-{id}\" name=\"sure\" value=\"yes\" required> \
         <label for=\"sure-{id}\">{sure}</label></p>\
         <button type=\"submit\" class=\"secondary\">{submit}</button></form>",
        op = Uuid::now_v7(),
        why = lang.t("为什么撤回？（可以不写）", "Why? (optional)"),
        max = MAX_REASON_CHARS,
        sure = lang.t(
            "我知道撤回以后，还没办完的申请可能办不下去",
            "I understand an application not yet decided may then not go on",
        ),
        submit = lang.t("撤回授权", "Withdraw consent"),
    )
}

/// What the form sends.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct RevokeForm {
    /// The operation id the page made.
    pub op: Option<String>,
    /// Whose consent.
    pub member: Option<String>,
    /// Why, optional.
    pub reason: Option<String>,
    /// `yes`: the resident confirmed.
    pub sure: Option<String>,
}

/// `POST /my/authorizations/{id}/revoke`.
#[utoipa::path(post, path = "/my/authorizations/{id}/revoke", tag = "pages",
    params(("id" = String, Path, description = "The authorization's id")),
    request_body(content = RevokeForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 303, description = "Withdrawn: on to the resident's list"),
        (status = 200, description = "Not signed in: the sign-in"),
        (status = 400, description = "Not confirmed, or a bad form: the list with the message"),
        (status = 403, description = "A staff account"),
        (status = 404, description = "Not the resident's consent, or no such authorization"),
    ),
    security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Resident { user, lang }: Resident,
    form: Result<Form<RevokeForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let refuse =
        |status, text: String| list_page::show(&state, &user, lang, status, Said::Refused(text));
    let parse = |s: Option<&str>| s.and_then(|s| Uuid::parse_str(s.trim()).ok());
    let (Some(id), Some(member), Some(op)) = (
        parse(Some(&id)),
        parse(form.member.as_deref()),
        parse(form.op.as_deref()),
    ) else {
        let text = lang.t("没有找到这份授权。", "That consent was not found.");
        return refuse(StatusCode::NOT_FOUND, text.to_owned()).await;
    };
    if form.sure.as_deref() != Some("yes") {
        let text = lang.t(
            "要撤回，请先勾选“我知道撤回以后……”，再按按钮。",
            "To withdraw, tick \"I understand…\" first, then press the button.",
        );
        return refuse(StatusCode::BAD_REQUEST, text.to_owned()).await;
    }
    let reason = form
        .reason
        .map(|r| r.trim().chars().take(MAX_REASON_CHARS).collect::<String>())
        .filter(|r| !r.is_empty());
    let revoke = OpBody::RevokeAuthorization {
        id: AuthorizationId(id),
        member: MemberId(member),
        reason,
    };
    let from = client_address(&headers, peer, &state.auth.proxies);
    let outcomes = push_ops(&state, (&user, &from), vec![(op, revoke)]).await?;
    match outcomes.first() {
        Some(Outcome::Applied { .. }) => {
            let to = lang.link(&format!("{}?done=revoked#consent", super::HOME));
            Ok(Redirect::to(&to).into_response())
        }
        Some(Outcome::Rejected {
            code: RejectCode::NotFound,
            ..
        }) => {
            let text = lang.t("没有找到这份授权。", "That consent was not found.");
            refuse(StatusCode::NOT_FOUND, text.to_owned()).await
        }
        Some(Outcome::Rejected { message_zh, .. } | Outcome::Conflict { message_zh, .. }) => {
            let text = match lang {
                Lang::Zh => format!("没有办成：{message_zh}"),
                Lang::En => format!("Not done: {message_zh}"),
            };
            refuse(StatusCode::BAD_REQUEST, text).await
        }
        None => Err(ApiError::Internal(anyhow::anyhow!("no outcome"))),
    }
}
