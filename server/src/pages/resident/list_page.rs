//! `GET /my/cases` (我的申请): the signed-in resident's cases, most recently changed first,
//! each with where it stands and a mark when it changed since the resident last looked. The
//! look itself is the "seen" mark (kept per resident and case on the server, table
//! `resident_case_seen`), so a change is marked on the next visit and not after.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::Utc;
use domain::catalogue::Catalogue;
use domain::clocks::china_date;
use serde::Deserialize;

use super::mine::{self, Mine};
use super::{consent, frame, help, lang, resident, sign_in};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::public::{Lang, escape, state_words};
use crate::state::AppState;

/// `?lang=en`, and `?done=help` after asking for a helper, `?done=revoked` after withdrawing
/// consent.
#[derive(Debug, Default, Deserialize)]
pub struct LangQuery {
    /// `en` for English.
    pub lang: Option<String>,
    /// What was just done.
    pub done: Option<String>,
}

pub use super::case_page::Said;

/// The list, or the sign-in form for nobody signed in.
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<LangQuery>, QueryRejection>,
    user: Result<CurrentUser, ApiError>,
) -> Result<Response, ApiError> {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let lang = lang(query.lang.as_deref(), &headers);
    if user.is_err() {
        return Ok(sign_in::ask_phone(lang, StatusCode::OK, "", None));
    }
    let user = match resident(user, lang).await {
        Ok(u) => u,
        Err(page) => return Ok(page),
    };
    let said = match query.done.as_deref() {
        Some("help") => Said::Done(
            lang.t(
                "已经告诉帮办员了。帮办员会和您联系，再上门。",
                "The helper was told. They will contact you and come.",
            )
            .to_owned(),
        ),
        Some("revoked") => Said::Done(
            lang.t(
                "授权已经撤回。乡镇和部门不会再用它查您家的情况。",
                "Your consent was withdrawn. The township and departments will no longer use it.",
            )
            .to_owned(),
        ),
        _ => Said::Nothing,
    };
    show(&state, &user, lang, StatusCode::OK, said).await
}

/// The list of `user` with `said` on top.
pub async fn show(
    state: &AppState,
    user: &CurrentUser,
    lang: Lang,
    status: StatusCode,
    said: Said,
) -> Result<Response, ApiError> {
    let cases = mine::cases_of(state, user.user).await?;
    let catalogue = state.reference.catalogue();
    let standing = help::standing(state, user.user).await?;
    let certify = super::certify::standing(state, user.user).await?;
    let mut help = super::certify::section(lang, certify.as_ref());
    help.push_str(&apply_section(lang));
    help.push_str(&help::section(lang, &catalogue, standing.as_ref()));
    let consents = consent::consents(state, user.user).await?;
    help.push_str(&consent::section(lang, &consents, china_date(Utc::now())));
    let said = match said {
        Said::Nothing => String::new(),
        Said::Done(text) => format!("<p class=\"done\" role=\"status\">{}</p>", escape(&text)),
        Said::Refused(text) => format!("<p class=\"alert\" role=\"alert\">{}</p>", escape(&text)),
    };
    let body = render(lang, &catalogue, &user.display_name, &cases, &said, &help);
    for m in &cases {
        mine::mark_seen(state, user.user, m.found.id, m.version).await?;
    }
    Ok(frame(
        lang,
        status,
        lang.t("我的申请", "My applications"),
        &body,
    ))
}

fn render(
    lang: Lang,
    catalogue: &Catalogue,
    name: &str,
    cases: &[Mine],
    said: &str,
    help: &str,
) -> String {
    let mut out = format!(
        "<h1>{}</h1><p class=\"lead\">{}</p>",
        lang.t("我的申请", "My applications"),
        escape(&match lang {
            Lang::Zh => format!(
                "{}，您好。这里是您和家里人的每一件申请，最近有变化的在最上面。",
                domain::identity::mask_name(name)
            ),
            Lang::En => format!(
                "Hello {}. Here is every application of yours and your family's, the latest change first.",
                domain::identity::mask_name(name)
            ),
        })
    );
    out.push_str(said);
    if cases.is_empty() {
        out.push_str(&format!(
            "<p class=\"box\">{}</p>",
            lang.t(
                "还没有查到您的申请。如果是帮办员或窗口替您办的，请让他们登记您的手机号。",
                "No application found yet. If a helper or the window applied for you, ask them to record your mobile number."
            )
        ));
    } else {
        let changed = cases.iter().filter(|m| m.changed()).count();
        if changed > 0 {
            out.push_str(&format!(
                "<p class=\"box\" role=\"status\">{}</p>",
                escape(&match lang {
                    Lang::Zh => format!("上次看过以后，有 {changed} 件申请有了新变化。"),
                    Lang::En => format!("{changed} changed since you last looked."),
                })
            ));
        }
        out.push_str("<ul class=\"cards\">");
        for m in cases {
            out.push_str(&card(lang, catalogue, m));
        }
        out.push_str("</ul>");
    }
    out.push_str(help);
    out.push_str(&format!(
        "<form class=\"ask\" method=\"post\" action=\"/my/signout\">\
         <button type=\"submit\" class=\"secondary\">{}</button></form>",
        lang.t("退出登录", "Sign out")
    ));
    out
}

fn card(lang: Lang, catalogue: &Catalogue, m: &Mine) -> String {
    let case = &m.found.record.case;
    let (state, _) = state_words(lang, case.state());
    let mark = if m.changed() {
        format!(
            " <span class=\"new\">{}</span>",
            lang.t("有新变化", "Changed")
        )
    } else {
        String::new()
    };
    let whose = if m.own {
        lang.t("您申请的", "Yours")
    } else {
        lang.t("家里人申请的", "A family member's")
    };
    let day = china_date(m.updated_at.min(Utc::now()));
    let when = match lang {
        Lang::Zh => day.format("%Y年%m月%d日").to_string(),
        Lang::En => day.format("%Y-%m-%d").to_string(),
    };
    let items: Vec<String> = case
        .requested_items()
        .iter()
        .map(|i| {
            catalogue.item(i).map_or_else(
                || i.as_str().to_owned(),
                |i| lang.t(&i.name_zh, &i.name_en).to_owned(),
            )
        })
        .collect();
    format!(
        "<li><a href=\"{href}\"><strong>{state}{mark}</strong>{items}<br>{whose} · {number}<br>{last}{when}</a></li>",
        items = escape(&items.join(lang.t("、", ", "))),
        href = escape(&lang.link(&format!("/my/cases/{}", m.found.id))),
        state = escape(state),
        whose = escape(whose),
        number = escape(&domain::ids::CaseId(m.found.id).number()),
        last = lang.t("最近变化：", "Last change: "),
        when = escape(&when),
    )
}

/// The way to apply online (网上申请, `/my/apply`).
fn apply_section(lang: Lang) -> String {
    format!(
        "<h2 id=\"apply\">{}</h2><p>{}</p><p><a class=\"button\" href=\"{}\">{}</a></p>",
        lang.t("自己在网上申请", "Apply yourself online"),
        lang.t(
            "在手机上填几步、拍材料、全家签字，就能交给乡镇窗口，不用跑。",
            "A few steps on your phone — papers photographed, everyone signs — and it reaches the township's window without a trip.",
        ),
        escape(&lang.link("/my/apply")),
        lang.t("网上申请救助", "Apply online"),
    )
}
