//! `GET /my/apply?step=1..4`: the online application's page, one step at a time, in the
//! frame of "我的申请". Every step shows what the draft holds, so a reload or a return after
//! weeks starts where the resident left off; a refused form is shown again as typed, with the
//! message at its field.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;
use domain::catalogue::{Catalogue, MaterialCode};
use domain::clocks::china_date;
use domain::fieldwork::{AUTHORIZATION, required_for};
use serde::Deserialize;

use super::draft::{self, Draft};
use super::{Home, SCRIPT, home, review, sign_page};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::public::{Lang, condition_list, escape};
use crate::pages::resident::{Resident, frame};
use crate::state::AppState;

/// `?step=` and `?done=` (`?lang=en` is read by [`Resident`]).
#[derive(Debug, Default, Deserialize)]
pub struct StepQuery {
    /// 1 to 4.
    pub step: Option<u8>,
    /// What was just saved.
    pub done: Option<String>,
}

/// What the page says besides the step itself.
#[derive(Debug, Default)]
pub struct View {
    /// Which step.
    pub step: u8,
    /// A message above the step: done (true) or refused.
    pub said: Option<(bool, String)>,
    /// Messages at fields (field id, words).
    pub errors: Vec<(String, String)>,
    /// Step 1 as typed, when refused: items and reason.
    pub typed: Option<(Vec<String>, String)>,
    /// Other refused fields as typed (field id, value), put back into them: nothing typed is
    /// lost. The resident's own page only; never logged.
    pub as_typed: Vec<(String, String)>,
}

/// Texts at fields: (field id, words) — a message, or a value as typed.
pub type AtFields = [(String, String)];

/// The page.
pub async fn get(
    State(state): State<AppState>,
    query: Result<Query<StepQuery>, QueryRejection>,
    Resident { user, lang }: Resident,
) -> Result<Response, ApiError> {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let said = query.done.as_deref().and_then(|d| {
        let text = match d {
            "saved" => lang.t("已经存好了。", "Saved."),
            "code" => lang.t(
                "验证码已经发到手机上了，请看短信。",
                "The code was sent: see the text message.",
            ),
            "signed" => lang.t("签好了。", "Signed."),
            "capacity" => lang.t(
                "已经存好了。下面写着每个人由谁签。",
                "Saved. Below, who signs for each person.",
            ),
            "capacity-dropped" => lang.t(
                "已经存好了。有的签名和现在的安排对不上（换了签字的人），已经删掉，请按下面重新签。",
                "Saved. Some signatures no longer fit (someone else signs now): they were removed. Please sign again below.",
            ),
            "link" => lang.t(
                "短信已经发出。他在自己手机上签好以后，这里会显示“已签”。",
                "The message was sent. Once they sign on their phone, it shows here as signed.",
            ),
            _ => return None,
        };
        Some((true, text.to_owned()))
    });
    let view = View {
        step: query.step.unwrap_or(0),
        said,
        ..View::default()
    };
    show(&state, &user, lang, StatusCode::OK, view).await
}

/// Renders the page with `view`, answering `status`.
pub async fn show(
    state: &AppState,
    user: &CurrentUser,
    lang: Lang,
    status: StatusCode,
    view: View,
) -> Result<Response, ApiError> {
    let title = lang.t("网上申请救助", "Apply online");
    let Some(home) = home(state, user.user).await? else {
        let body = format!(
            "<h1>{title}</h1><p class=\"alert\" role=\"alert\">{}</p><p><a href=\"{}\">{}</a></p>",
            lang.t(
                "还没有找到您家的登记。请先请帮办员上门，或到乡镇窗口登记您家和您的手机号。",
                "Your household is not registered yet. Ask the helper to come, or register your household and phone at the township's window.",
            ),
            escape(&lang.link("/my/cases#help")),
            lang.t("请帮办员上门", "Ask the helper to come"),
        );
        return Ok(frame(lang, StatusCode::NOT_FOUND, title, &body));
    };
    let app = draft::current(state, user.user, home.household.id.0).await?;
    let d = app.as_ref().map(|a| a.draft.clone()).unwrap_or_default();
    let catalogue = state.reference.catalogue();
    // A later step needs the items: without them, step 1.
    let step = match view.step {
        0 if d.items.is_empty() => 1,
        0 => 4,
        s if d.items.is_empty() => s.min(1),
        s => s.clamp(1, 4),
    };
    let keep = draft::KEEP_UNTOUCHED_DAYS;
    let kept = match lang {
        Lang::Zh => {
            format!("填好的会替您存着，{keep} 天内随时可以接着填；{keep} 天没动过，就会删掉。")
        }
        Lang::En => format!(
            "What you fill in is kept: carry on any time within {keep} days. Left untouched for {keep} days, it is deleted."
        ),
    };
    let mut body = format!(
        "<h1>{title}</h1>{}<p class=\"hint\" data-testid=\"apply-kept\">{kept}</p>",
        steps_nav(lang, step, !d.items.is_empty())
    );
    if let Some((done, text)) = &view.said {
        let (class, role) = if *done {
            ("done", "status")
        } else {
            ("alert", "alert")
        };
        body.push_str(&format!(
            "<p class=\"{class}\" role=\"{role}\">{}</p>",
            escape(text)
        ));
    }
    let errors = &view.errors;
    body.push_str(&match step {
        1 => items_step(lang, &catalogue, &d, view.typed.as_ref(), errors),
        2 => photos_step(lang, &catalogue, &home, &d, errors),
        3 => sign_page::step(state, lang, &home, app.as_ref(), (errors, &view.as_typed)).await?,
        _ => review::review(state, lang, &catalogue, &home, &d, app.as_ref()).await?,
    });
    body.push_str(&format!("<script src=\"{SCRIPT}\" defer></script>"));
    Ok(frame(lang, status, title, &body))
}

fn steps_nav(lang: Lang, step: u8, has_items: bool) -> String {
    let names = [
        lang.t("想办什么", "What you need"),
        lang.t("拍材料", "Photos"),
        lang.t("签授权书", "Sign"),
        lang.t("交申请", "Send"),
    ];
    let mut out = format!(
        "<nav aria-label=\"{}\"><ol class=\"steps\">",
        lang.t("申请的步骤", "Steps")
    );
    for (i, name) in names.iter().enumerate() {
        let n = i as u8 + 1;
        let text = match lang {
            Lang::Zh => format!("第{n}步 {name}"),
            Lang::En => format!("Step {n}: {name}"),
        };
        if n == step {
            out.push_str(&format!(
                "<li aria-current=\"step\"><strong>{text}</strong></li>"
            ));
        } else if n == 1 || has_items {
            let href = lang.link(&format!("/my/apply?step={n}"));
            out.push_str(&format!(
                "<li><a href=\"{}\">{text}</a></li>",
                escape(&href)
            ));
        } else {
            out.push_str(&format!("<li>{text}</li>"));
        }
    }
    out.push_str("</ol></nav>");
    out
}

/// The message at `id` among `errors`, and the attributes its field then takes.
pub(super) fn error_at(errors: &AtFields, id: &str) -> (String, String) {
    match errors.iter().find(|(f, _)| f == id) {
        Some((_, e)) => (
            format!(
                "<p class=\"alert\" id=\"{id}-error\" role=\"alert\">{}</p>",
                escape(e)
            ),
            format!(" aria-describedby=\"{id}-error\" aria-invalid=\"true\""),
        ),
        None => (String::new(), String::new()),
    }
}

fn items_step(
    lang: Lang,
    catalogue: &Catalogue,
    d: &Draft,
    typed: Option<&(Vec<String>, String)>,
    errors: &[(String, String)],
) -> String {
    let (items, reason) = typed.map_or((&d.items, &d.reason), |(i, r)| (i, r));
    let (items_error, _) = error_at(errors, "items");
    let (reason_error, reason_attrs) = error_at(errors, "reason");
    let mut choices = String::new();
    for (n, item) in catalogue.items().iter().enumerate() {
        let code = item.code.as_str();
        let checked = if items.iter().any(|i| i == code) {
            " checked"
        } else {
            ""
        };
        choices.push_str(&format!(
            "<li><label class=\"choice\" for=\"item-{n}\"><input type=\"checkbox\" id=\"item-{n}\" name=\"item\" value=\"{code}\"{checked}> {name}</label>\
             <details class=\"explain\"><summary>{who}</summary>{conditions}<p><a href=\"{more}\">{more_name}</a></p></details></li>",
            code = escape(code),
            name = escape(lang.t(&item.name_zh, &item.name_en)),
            who = lang.t("谁可以申请？（点开看）", "Who can apply? (open)"),
            conditions = condition_list(lang, item),
            more = escape(&lang.link(&format!("/public/items/{code}"))),
            more_name = lang.t("看这一项的办事指南", "This item's guide"),
        ));
    }
    format!(
        "<p>{lead}</p><form class=\"ask\" method=\"post\" action=\"/my/apply/items\" data-keep=\"apply-items\">\
         <fieldset><legend>{legend}</legend>{items_error}<ul class=\"plain\">{choices}</ul></fieldset>\
         <label for=\"reason\">{reason_label}</label>{reason_error}\
         <textarea id=\"reason\" name=\"reason\" maxlength=\"2000\" required{reason_attrs}>{reason}</textarea>\
         <p class=\"hint\">{hint}</p><button type=\"submit\">{next}</button></form>",
        lead = lang.t(
            "先选想申请的救助，再说说家里的难处。最主要的一项选在最前面。",
            "Choose the assistance you need, then tell us what is hard at home.",
        ),
        legend = lang.t(
            "想申请哪几项？（可以选几项）",
            "Which assistance? (one or more)"
        ),
        reason_label = lang.t("家里有什么难处？", "What is hard at home?"),
        reason = escape(reason),
        hint = lang.t(
            "写几句就行，比如：丈夫生病不能干活，孩子上学要钱。",
            "A few sentences are enough, for example: my husband is ill and cannot work.",
        ),
        next = lang.t("存好，下一步", "Save and go on"),
    )
}

/// The photo fields of the draft's items: every material but the authorization (signed in
/// step 3), per member where per member. Answers (field, label).
pub fn photo_fields(
    lang: Lang,
    catalogue: &Catalogue,
    home: &Home,
    items: &[String],
) -> Vec<(String, String, MaterialCode)> {
    let codes: Vec<domain::catalogue::AidItemCode> = items
        .iter()
        .map(|i| domain::catalogue::AidItemCode(i.clone()))
        .collect();
    let today = china_date(Utc::now());
    required_for(catalogue, &codes, &home.household, today)
        .into_iter()
        .filter(|r| r.material.as_str() != AUTHORIZATION)
        .map(|r| {
            let name = catalogue.material(&r.material).map_or_else(
                || r.material.as_str().to_owned(),
                |m| lang.t(&m.name_zh, &m.name_en).to_owned(),
            );
            let whose = r
                .member
                .and_then(|id| home.household.members.iter().find(|m| m.id == id))
                .map(|m| m.name.masked());
            let field = match r.member {
                Some(m) => format!("{}.{}", r.material.as_str(), m.0),
                None => r.material.as_str().to_owned(),
            };
            let label = match whose {
                Some(w) => format!("{name}（{w}）"),
                None => name,
            };
            (field, label, r.material)
        })
        .collect()
}

fn photos_step(
    lang: Lang,
    catalogue: &Catalogue,
    home: &Home,
    d: &Draft,
    errors: &[(String, String)],
) -> String {
    let mut fields = String::new();
    for (n, (field, label, _)) in photo_fields(lang, catalogue, home, &d.items)
        .iter()
        .enumerate()
    {
        let id = format!("photo-{n}");
        let have = d.photos.iter().any(|(f, _)| f == field);
        let (error, attrs) = error_at(errors, &id);
        let status = if have {
            format!(
                "<strong class=\"done\">{}</strong>",
                lang.t("已收到 ✓", "Received ✓")
            )
        } else {
            String::new()
        };
        fields.push_str(&format!(
            "<li><label for=\"{id}\">{label}</label>{status}{error}\
             <input type=\"file\" id=\"{id}\" name=\"{field}\" accept=\"image/*\" capture=\"environment\" data-shrink{attrs}></li>",
            label = escape(label),
            field = escape(field),
        ));
    }
    format!(
        "<p>{lead}</p><form class=\"ask\" method=\"post\" enctype=\"multipart/form-data\" action=\"/my/apply/photos\">\
         <ul class=\"photos\">{fields}</ul><p class=\"hint\">{hint}</p><button type=\"submit\">{save}</button></form>\
         <p><a href=\"{next}\">{next_name}</a></p>",
        lead = lang.t(
            "给手上有的材料各拍一张清楚的照片。没有的先不用拍，窗口会一次告诉您还缺什么。",
            "Take one clear photo of each paper you have. Skip what you do not have: the window will tell you at once what is missing.",
        ),
        hint = lang.t("只能交照片，每张不超过 10 MB。", "Photos only, at most 10 MB each."),
        save = lang.t("交照片", "Send the photos"),
        next = escape(&lang.link("/my/apply?step=3")),
        next_name = lang.t("拍好了，下一步：签授权书", "Done: next, sign the authorization"),
    )
}
