//! `GET /my/cases/{id}`: one of the resident's cases, with the tracking page's timeline, and
//! for the applicant the rating after the result and the review request (申请复核) within
//! the result notice's period. Each form carries a fresh operation id (sending it twice is one
//! operation) and the case version the resident saw.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::fieldwork::Rating;
use domain::role::Role;
use domain::workflow::{CommandKind, Satisfaction};
use serde::Deserialize;
use uuid::Uuid;

use super::mine::{self, Mine};
use super::{Resident, frame, supplement_form};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::notice::Issuer;
use crate::pages::public::{Lang, escape, timeline};
use crate::state::AppState;

/// `?done=rated|review|supplement|apply` after a form (`?lang=en` is read by [`Resident`]).
#[derive(Debug, Default, Deserialize)]
pub struct CaseQuery {
    /// What was just done.
    pub done: Option<String>,
}

/// What to say above the timeline.
pub enum Said {
    /// Nothing.
    Nothing,
    /// Done (green).
    Done(String),
    /// Refused (red), with the rule's words.
    Refused(String),
}

/// The page.
pub async fn get(
    State(state): State<AppState>,
    path: Result<Path<Uuid>, PathRejection>,
    query: Result<Query<CaseQuery>, QueryRejection>,
    Resident { user, lang }: Resident,
) -> Result<Response, ApiError> {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let said = match query.done.as_deref() {
        Some("rated") => Said::Done(lang.t("谢谢您的评价！", "Thank you for rating!").to_owned()),
        Some("review") => Said::Done(
            lang.t(
                "复核申请已交到窗口。窗口会尽快答复您。",
                "Your request for a review reached the window. They will answer you soon.",
            )
            .to_owned(),
        ),
        Some("apply") => Said::Done(
            lang.t(
                "申请已经交到乡镇窗口。窗口看过以后会发短信告诉您。",
                "Your application reached the township's window. They will tell you by text message.",
            )
            .to_owned(),
        ),
        Some("supplement") => Said::Done(
            lang.t(
                "照片都收到了，已经交给窗口。窗口看过以后会告诉您。",
                "All photos arrived and went to the window. They will tell you what comes next.",
            )
            .to_owned(),
        ),
        _ => Said::Nothing,
    };
    let Ok(Path(id)) = path else {
        return Ok(not_found(lang));
    };
    show(&state, &user, id, lang, StatusCode::OK, said).await
}

/// The case page of `id` for `user` with `said` on top; the 404 page when it is not theirs.
pub async fn show(
    state: &AppState,
    user: &CurrentUser,
    id: Uuid,
    lang: Lang,
    status: StatusCode,
    said: Said,
) -> Result<Response, ApiError> {
    show_with(state, user, id, lang, status, said, &[]).await
}

/// [`show`], with the supplement form's `errors` (field, message) at their fields.
pub async fn show_with(
    state: &AppState,
    user: &CurrentUser,
    id: Uuid,
    lang: Lang,
    status: StatusCode,
    said: Said,
    errors: &[(String, String)],
) -> Result<Response, ApiError> {
    let Some(m) = mine::case_of(state, user.user, id).await? else {
        return Ok(not_found(lang));
    };
    let catalogue = state.reference.catalogue();
    let calendar = state.reference.calendar();
    let township = Issuer::of(state, &m.found.scope.place).await?.township;
    let number = domain::ids::CaseId(id).number();
    let mut body = format!(
        "<p><a href=\"{back}\">{back_text}</a></p><h1>{h1}</h1><p class=\"hint\">{label}{number}</p>",
        back = escape(&lang.link(super::HOME)),
        back_text = lang.t("← 我的申请", "← My applications"),
        h1 = lang.t("申请办到哪了", "How far it has come"),
        label = lang.t("案件编号：", "Case number: "),
        number = escape(&number),
    );
    match said {
        Said::Nothing => {}
        Said::Done(text) => body.push_str(&format!(
            "<p class=\"done\" role=\"status\">{}</p>",
            escape(&text)
        )),
        Said::Refused(text) => body.push_str(&format!(
            "<p class=\"alert\" role=\"alert\">{}</p>",
            escape(&text)
        )),
    }
    if let Some(notice) = supplement_form::open(state, &m).await? {
        body.push_str(&supplement_form::render(
            lang,
            &catalogue,
            &m.found.household,
            id,
            &notice,
            errors,
        ));
    }
    body.push_str(&timeline(&m.found, &catalogue, &calendar, township, lang));
    body.push_str(&after_result(lang, &m));
    mine::mark_seen(state, user.user, id, m.version).await?;
    Ok(frame(
        lang,
        status,
        lang.t("申请办到哪了", "How far it has come"),
        &body,
    ))
}

/// The rating and the review request, for the applicant once the result was told.
fn after_result(lang: Lang, m: &Mine) -> String {
    let case = &m.found.record.case;
    let Some(until) = case.review_until() else {
        return String::new();
    };
    let mut out = format!(
        "<h2 id=\"after\">{}</h2>",
        lang.t("结果出来以后", "After the result")
    );
    if !m.own {
        out.push_str(&format!(
            "<p>{}</p>",
            lang.t(
                "评价和申请复核，要由申请人本人登录来做。",
                "The applicant signs in to rate or to ask for a review."
            )
        ));
        return out;
    }
    let version = m.version;
    let allowed = case.allowed_commands(Role::Resident);
    if let Some(s) = case.evaluation() {
        out.push_str(&format!(
            "<p class=\"done\">{}{}</p>",
            lang.t("您的评价：", "Your rating: "),
            escape(satisfaction(lang, s))
        ));
    } else if allowed.contains(&CommandKind::Evaluate) {
        let choices: String = Rating::ALL
            .iter()
            .enumerate()
            .map(|(i, r)| {
                format!(
                    "<label class=\"choice\"><input type=\"radio\" name=\"rating\" value=\"{code}\"{checked} required>{name}</label>",
                    code = rating_code(*r),
                    checked = if i == 0 { " checked" } else { "" },
                    name = escape(lang.t(r.name_zh(), rating_en(*r))),
                )
            })
            .collect();
        out.push_str(&format!(
            "<form class=\"ask\" method=\"post\" action=\"{action}\">{hidden}\
             <fieldset><legend>{legend}</legend>{choices}</fieldset>\
             <label for=\"comment\">{comment}</label>\
             <textarea id=\"comment\" name=\"comment\" maxlength=\"500\"></textarea>\
             <button type=\"submit\">{submit}</button></form>",
            action = escape(&format!("/my/cases/{}/rate", m.found.id)),
            hidden = hidden(version),
            legend = lang.t(
                "您对这次办事满意吗？",
                "Were you satisfied with the service?"
            ),
            comment = lang.t("想说的话（可以不写）", "Anything to add (optional)"),
            submit = lang.t("提交评价", "Send my rating"),
        ));
    }
    let day = match lang {
        Lang::Zh => until.format("%Y年%m月%d日").to_string(),
        Lang::En => until.format("%Y-%m-%d").to_string(),
    };
    if let (Some(at), Some(answered)) = (case.review_requested_at(), case.review_answered_at()) {
        let (asked, answered) = (
            domain::clocks::china_date(at),
            domain::clocks::china_date(answered),
        );
        out.push_str(&format!(
            "<p class=\"done\" data-testid=\"review-answered\">{}</p>",
            escape(&match lang {
                Lang::Zh => format!(
                    "您在 {} 申请了复核，窗口在 {} 答复了您，答复写在下面的进度里。\
                     仍不同意的，可以在收到结果告知书之日起 60 天内申请行政复议。",
                    asked.format("%Y年%m月%d日"),
                    answered.format("%Y年%m月%d日")
                ),
                Lang::En => format!(
                    "You asked for a review on {}; the window answered on {}: the answer is in \
                     the steps below. If you still disagree, you may apply for administrative \
                     reconsideration within 60 days of receiving the result notice.",
                    asked.format("%Y-%m-%d"),
                    answered.format("%Y-%m-%d")
                ),
            })
        ));
    } else if let Some(at) = case.review_requested_at() {
        let asked = domain::clocks::china_date(at);
        out.push_str(&format!(
            "<p class=\"done\">{}</p>",
            escape(&match lang {
                Lang::Zh => format!(
                    "您在 {} 申请了复核。窗口会答复您。",
                    asked.format("%Y年%m月%d日")
                ),
                Lang::En => format!(
                    "You asked for a review on {}. The window will answer you.",
                    asked.format("%Y-%m-%d")
                ),
            })
        ));
    } else if allowed.contains(&CommandKind::RequestReview)
        && domain::clocks::china_date(chrono::Utc::now()) <= until
    {
        out.push_str(&format!(
            "<form class=\"ask\" method=\"post\" action=\"{action}\">{hidden}\
             <h3>{h}</h3><p>{explain}</p>\
             <label for=\"reason\">{label}</label>\
             <p class=\"hint\" id=\"reason-help\">{help}</p>\
             <textarea id=\"reason\" name=\"reason\" maxlength=\"500\" required aria-describedby=\"reason-help\"></textarea>\
             <button type=\"submit\">{submit}</button></form>",
            action = escape(&format!("/my/cases/{}/review", m.found.id)),
            hidden = hidden(version),
            h = lang.t("对结果不满意？", "Do you disagree with the result?"),
            explain = escape(&match lang {
                Lang::Zh => format!("可以申请复核，请窗口再看一次。最晚 {day} 以前。"),
                Lang::En => format!("You can ask the window to look at it again, until {day}."),
            }),
            label = lang.t("为什么不同意？", "Why do you disagree?"),
            help = lang.t(
                "用您自己的话写，比如“家里的收入算多了”。",
                "In your own words, for example \"our income was counted too high\"."
            ),
            submit = lang.t("申请复核", "Ask for a review"),
        ));
    } else {
        out.push_str(&format!(
            "<p>{}</p>",
            escape(&match lang {
                Lang::Zh => format!("申请复核的期限到 {day} 为止，已经过了。"),
                Lang::En => format!("A review could be asked for until {day}."),
            })
        ));
    }
    out
}

/// The operation id and the version the form was made from.
fn hidden(version: i64) -> String {
    format!(
        "<input type=\"hidden\" name=\"op\" value=\"{}\"><input type=\"hidden\" name=\"version\" value=\"{version}\">",
        Uuid::now_v7()
    )
}

/// The rating's form value.
pub fn rating_code(r: Rating) -> &'static str {
    match r {
        Rating::Satisfied => "satisfied",
        Rating::BasicallySatisfied => "basically_satisfied",
        Rating::Dissatisfied => "dissatisfied",
    }
}

fn rating_en(r: Rating) -> &'static str {
    match r {
        Rating::Satisfied => "Satisfied",
        Rating::BasicallySatisfied => "Basically satisfied",
        Rating::Dissatisfied => "Dissatisfied",
    }
}

/// A rating in words (the workflow keeps five steps; the forms use three of them).
fn satisfaction(lang: Lang, s: Satisfaction) -> &'static str {
    use Satisfaction as S;
    match s {
        S::VerySatisfied => lang.t("非常满意", "Very satisfied"),
        S::Satisfied => lang.t("满意", "Satisfied"),
        S::Acceptable => lang.t("基本满意", "Basically satisfied"),
        S::Dissatisfied => lang.t("不满意", "Dissatisfied"),
        S::VeryDissatisfied => lang.t("非常不满意", "Very dissatisfied"),
    }
}

/// Not one of the resident's cases (or no such case): the same answer for both.
pub fn not_found(lang: Lang) -> Response {
    frame(
        lang,
        StatusCode::NOT_FOUND,
        lang.t("没有找到", "Not found"),
        &format!(
            "<h1>{}</h1><p>{}</p><p><a href=\"{}\">{}</a></p>",
            lang.t("没有找到这件申请", "Application not found"),
            lang.t(
                "这件申请不在您的名下，或者编号不对。",
                "It is not one of your applications, or the link is wrong."
            ),
            escape(&lang.link(super::HOME)),
            lang.t("回到我的申请", "Back to my applications"),
        ),
    )
}
