//! "请帮办员上门" (申请帮办, issue 20 point 5): one button on `/my/cases` asks the helper of the
//! resident's village to come. It records an online entrustment (网络委托) waiting for the
//! signature, by the push path (`crate::sync::entrustment_request` says what a resident may
//! record), so the helper's task list shows it as a signature to collect (补签委托). One
//! request at a time: while one waits, the page says since when instead of the button.

use std::net::SocketAddr;

use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use domain::catalogue::{AidItemCode, Catalogue};
use domain::fieldwork::{EntrustmentChannel, EntrustmentId, EntrustmentRecord};
use domain::household::{Household, Member};
use domain::ids::UserId;
use domain::jurisdiction::PlaceCode;
use domain::sync::{OpBody, Outcome, RecordKind};
use serde::Deserialize;
use uuid::Uuid;

use super::actions::push_ops;
use super::list_page::{self, Said};
use super::{Resident, mine};
use crate::error::ApiError;
use crate::pages::public::{Lang, escape};
use crate::security::client_address::client_address;
use crate::state::AppState;

/// What the form sends.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct HelpForm {
    /// The operation id the page made.
    pub op: Option<String>,
    /// The aid item the resident wants help with.
    pub item: Option<String>,
}

/// Where the resident stands: their household and themselves in it, the helper who serves
/// it, and a request still waiting.
pub struct Standing {
    household: Household,
    member: Member,
    helper: Option<UserId>,
    asked_at: Option<DateTime<Utc>>,
}

/// The resident's standing, `None` when no household lists their phone.
pub async fn standing(state: &AppState, user: UserId) -> Result<Option<Standing>, ApiError> {
    let Some((household, member)) = mine::own_household(state, user).await? else {
        return Ok(None);
    };
    let pool = state.db.pool();
    let helpers: Vec<(String, String)> =
        sqlx::query_as("SELECT id, place_code FROM users WHERE role = 'helper' AND NOT disabled")
            .fetch_all(pool)
            .await?;
    // The most local helper whose jurisdiction holds the household (the village's before the
    // township's), the first by id among equals.
    let helper = helpers
        .iter()
        .filter_map(|(id, place)| Some((Uuid::parse_str(id).ok()?, PlaceCode::parse(place).ok()?)))
        .filter(|(_, place)| place.contains(&household.place))
        .max_by_key(|(id, place)| (place.as_str().len(), std::cmp::Reverse(*id)))
        .map(|(id, _)| UserId(id));
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT body FROM records WHERE kind = $1 AND body LIKE $2")
            .bind(RecordKind::Entrustment.code())
            .bind(format!("%{}%", household.id.0))
            .fetch_all(pool)
            .await?;
    let asked_at = rows
        .iter()
        .filter_map(|(body,)| serde_json::from_str::<EntrustmentRecord>(body).ok())
        .filter(|e| e.household == household.id && e.needs_signature())
        .map(|e| e.received_at)
        .max();
    Ok(Some(Standing {
        household,
        member,
        helper,
        asked_at,
    }))
}

/// The block on the list page.
pub fn section(lang: Lang, catalogue: &Catalogue, standing: Option<&Standing>) -> String {
    let mut out = format!(
        "<h2 id=\"help\">{}</h2>",
        lang.t("需要人帮忙办？", "Need someone to help you apply?")
    );
    let call = lang.t(
        "请打电话给村里的帮办员，或到乡镇便民服务中心。",
        "Please call your village's helper, or go to the township's service centre.",
    );
    let Some(s) = standing.filter(|s| s.helper.is_some()) else {
        out.push_str(&format!("<p>{call}</p>"));
        return out;
    };
    if let Some(at) = s.asked_at {
        out.push_str(&format!(
            "<p class=\"done\">{}</p>",
            escape(&asked(lang, at))
        ));
        return out;
    }
    let options: String = catalogue
        .items()
        .iter()
        .map(|i| {
            format!(
                "<option value=\"{}\">{}</option>",
                escape(i.code.as_str()),
                escape(lang.t(&i.name_zh, &i.name_en))
            )
        })
        .collect();
    out.push_str(&format!(
        "<p>{explain}</p><form class=\"ask\" method=\"post\" action=\"/my/help\">\
         <input type=\"hidden\" name=\"op\" value=\"{op}\">\
         <label for=\"help-item\">{label}</label><select id=\"help-item\" name=\"item\">{options}</select>\
         <button type=\"submit\">{submit}</button></form>",
        explain = lang.t(
            "按下面的按钮，村里的帮办员会来您家，帮您填表、拍材料。不收钱。",
            "Press the button and your village's helper will come to your home to fill in the forms and photograph the papers with you. It is free.",
        ),
        op = Uuid::now_v7(),
        label = lang.t("想办什么？", "What do you need?"),
        submit = lang.t("请帮办员上门", "Ask the helper to come"),
    ));
    out
}

fn asked(lang: Lang, at: DateTime<Utc>) -> String {
    let day = domain::clocks::china_date(at);
    match lang {
        Lang::Zh => format!(
            "您在 {} 已经请帮办员上门了。帮办员会和您联系，不用再按。",
            day.format("%Y年%m月%d日")
        ),
        Lang::En => format!(
            "You asked the helper to come on {}. They will contact you; no need to ask again.",
            day.format("%Y-%m-%d")
        ),
    }
}

/// `POST /my/help`.
#[utoipa::path(post, path = "/my/help", tag = "pages",
    request_body(content = HelpForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 303, description = "Asked: on to the resident's list"),
        (status = 200, description = "Not signed in: the sign-in"),
        (status = 400, description = "Missing or unknown item: the list with the message"),
        (status = 403, description = "A staff account"),
        (status = 404, description = "No household lists the resident's phone, or no helper serves it"),
        (status = 409, description = "Already asked: the list says since when"),
    ),
    security(("session" = [])))]
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Resident { user, lang }: Resident,
    form: Result<Form<HelpForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let refuse =
        |status, text: String| list_page::show(&state, &user, lang, status, Said::Refused(text));
    let standing = standing(&state, user.user).await?;
    let Some((s, helper)) = standing.and_then(|s| s.helper.map(|h| (s, h))) else {
        let text = lang.t(
            "没有找到您家的登记，或您村里还没有帮办员。请打电话给村里或乡镇。",
            "Your household is not registered, or your village has no helper yet. Please call the village or the township.",
        );
        return refuse(StatusCode::NOT_FOUND, text.to_owned()).await;
    };
    if let Some(at) = s.asked_at {
        return refuse(StatusCode::CONFLICT, asked(lang, at)).await;
    }
    let catalogue = state.reference.catalogue();
    let item = form
        .item
        .map(AidItemCode)
        .filter(|i| catalogue.item(i).is_some());
    let (Some(op), Some(item)) = (
        form.op.as_deref().and_then(|o| Uuid::parse_str(o).ok()),
        item,
    ) else {
        let text = lang.t(
            "请选一项想办的事，再按按钮。",
            "Please choose what you need, then press the button.",
        );
        return refuse(StatusCode::BAD_REQUEST, text.to_owned()).await;
    };
    let record = EntrustmentRecord {
        id: EntrustmentId(Uuid::now_v7()),
        household: s.household.id,
        entrusting_member: s.member.id,
        entrusting_name: s.member.name.clone(),
        helper,
        items: vec![item.clone()],
        main_item: Some(item),
        channel: EntrustmentChannel::Online,
        received_at: Utc::now(),
        signature: None,
        cases: Vec::new(),
        termination: None,
    };
    let body = serde_json::to_value(&record).map_err(|e| ApiError::Internal(e.into()))?;
    let save = OpBody::SaveFieldRecord {
        kind: RecordKind::Entrustment,
        id: record.id.0,
        base_version: None,
        body,
    };
    let from = client_address(&headers, peer, &state.auth.proxies);
    let outcomes = push_ops(&state, (&user, &from), vec![(op, save)]).await?;
    match outcomes.first() {
        Some(Outcome::Applied { .. }) => {
            let to = lang.link(&format!("{}?done=help", super::HOME));
            Ok(Redirect::to(&to).into_response())
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
