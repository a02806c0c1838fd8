//! The page of `/my/certify` (待遇资格认证): where the household stands this year, and while it
//! is due, the form — unchanged or what changed, a live photo of the person receiving the aid
//! (the front camera opens), and a tick to agree to record the location. Every message stands
//! at its field and what was typed comes back after a refusal.

use chrono::NaiveDate;
use domain::certification::{CertificationRecord, CertifiedBy, Period, Status};
use domain::clocks::china_date;
use uuid::Uuid;

use crate::pages::public::{Lang, escape};

/// What the resident typed, to show again after a refusal.
#[derive(Debug, Default, Clone)]
pub struct Typed {
    /// `Some(true)`: something changed; `Some(false)`: nothing did.
    pub changed: Option<bool>,
    /// What changed.
    pub description: String,
    /// The location tick.
    pub consent: bool,
    /// The operation id, kept so that a resend is recognised.
    pub op: Option<Uuid>,
}

/// What the page knows of the household.
pub struct View<'a> {
    /// The period.
    pub period: Period,
    /// Its status.
    pub status: Status,
    /// The recipient's masked name.
    pub recipient: String,
    /// Whether the resident certifies for someone else (guardian or family).
    pub for_other: bool,
    /// This period's certification, if made.
    pub done: Option<&'a CertificationRecord>,
}

fn date(lang: Lang, day: NaiveDate) -> String {
    match lang {
        Lang::Zh => day.format("%Y年%m月%d日").to_string(),
        Lang::En => day.format("%Y-%m-%d").to_string(),
    }
}

/// The block on 我的申请 asking a household that is due to certify; empty otherwise.
pub fn due_section(lang: Lang, period: &Period, status: Status) -> String {
    if !matches!(status, Status::Due | Status::Overdue) {
        return String::new();
    }
    format!(
        "<h2 id=\"certify\">{}</h2><p>{}</p>\
         <form class=\"ask\" method=\"get\" action=\"/my/certify\"><button type=\"submit\">{}</button></form>",
        lang.t("每年一次的认证", "Yearly certification"),
        escape(&match lang {
            Lang::Zh => format!(
                "您家{}年还没有做待遇资格认证。请在{}以前做完，不用出门。",
                period.year,
                period.closes.format("%m月%d日")
            ),
            Lang::En => format!(
                "Your household has not certified for {} yet. Please do it by {}, from home.",
                period.year, period.closes
            ),
        }),
        lang.t("去认证", "Certify now"),
    )
}

/// The page's body.
pub fn render(
    lang: Lang,
    view: &View<'_>,
    typed: &Typed,
    errors: &[(&str, String)],
    said: &str,
) -> String {
    let mut out = format!(
        "<h1>{}</h1><p class=\"lead\">{}</p>{said}",
        lang.t("待遇资格认证", "Certify your aid"),
        lang.t(
            "领低保、特困等每月救助的家庭，每年要告诉我们一次：家里的人、收入和财产有没有变化。",
            "Families receiving monthly aid tell us once a year whether their household, income or property changed.",
        ),
    );
    match view.status {
        Status::NotRequired => out.push_str(&format!(
            "<p class=\"box\">{}</p>",
            lang.t(
                "您家现在不用认证。",
                "Your household does not need to certify now."
            )
        )),
        Status::Certified => {
            let when = view.done.map(|c| date(lang, china_date(c.certified_at)));
            let who = view.done.map(|c| match c.by {
                CertifiedBy::Recipient => lang.t("本人", "the recipient"),
                CertifiedBy::Guardian { .. } => lang.t("家里人", "a family member"),
                CertifiedBy::Helper { .. } => lang.t("帮办员", "the helper"),
            });
            out.push_str(&format!(
                "<p class=\"done\" role=\"status\">{}</p>",
                escape(&match lang {
                    Lang::Zh => format!(
                        "您家{}年已经认证过了（{}，{}做的）。明年再来。",
                        view.period.year,
                        when.unwrap_or_default(),
                        who.unwrap_or_default()
                    ),
                    Lang::En => format!(
                        "Your household certified for {} ({}, by {}). Come back next year.",
                        view.period.year,
                        when.unwrap_or_default(),
                        who.unwrap_or_default()
                    ),
                })
            ));
        }
        Status::Due | Status::Overdue => out.push_str(&form(lang, view, typed, errors)),
    }
    out.push_str(&format!(
        "<p><a href=\"{}\">{}</a></p>",
        escape(&lang.link(super::HOME)),
        lang.t("回到我的申请", "Back to my applications")
    ));
    out
}

fn at_field(errors: &[(&str, String)], field: &str) -> (String, String) {
    match errors.iter().find(|(f, _)| *f == field) {
        Some((_, text)) => (
            format!(
                "<p class=\"alert\" id=\"{field}-error\" role=\"alert\">{}</p>",
                escape(text)
            ),
            format!(" aria-describedby=\"{field}-error\" aria-invalid=\"true\""),
        ),
        None => (String::new(), String::new()),
    }
}

fn form(lang: Lang, view: &View<'_>, typed: &Typed, errors: &[(&str, String)]) -> String {
    let by_when = match lang {
        Lang::Zh => format!("请在 {} 以前做完。", date(lang, view.period.closes)),
        Lang::En => format!("Please do it by {}.", date(lang, view.period.closes)),
    };
    let who = match (lang, view.for_other) {
        (Lang::Zh, false) => format!("领救助的人：{}（就是您）。", view.recipient),
        (Lang::Zh, true) => format!(
            "领救助的人：{}。您是家里人，可以替他（她）认证。",
            view.recipient
        ),
        (Lang::En, false) => format!("Receiving the aid: {} (you).", view.recipient),
        (Lang::En, true) => format!(
            "Receiving the aid: {}. As family, you can certify for them.",
            view.recipient
        ),
    };
    let (answer_error, answer_aria) = at_field(errors, "answer");
    let (text_error, text_aria) = at_field(errors, "description");
    let (photo_error, photo_aria) = at_field(errors, "photo");
    let (consent_error, _) = at_field(errors, "consent");
    let checked = |on: bool| if on { " checked" } else { "" };
    format!(
        "<p class=\"box\">{by_when} {who}</p>\
         <form class=\"ask\" method=\"post\" enctype=\"multipart/form-data\" action=\"/my/certify\">\
         <input type=\"hidden\" name=\"op\" value=\"{op}\">\
         <fieldset{answer_aria}><legend>{q}</legend>{answer_error}\
         <label class=\"choice\"><input type=\"radio\" name=\"answer\" value=\"same\" required{same}> {same_l}</label>\
         <label class=\"choice\"><input type=\"radio\" name=\"answer\" value=\"changed\"{changed}> {changed_l}</label></fieldset>\
         <label for=\"certify-description\">{d_l}</label>{text_error}\
         <textarea id=\"certify-description\" name=\"description\" rows=\"3\" maxlength=\"500\"{text_aria}>{text}</textarea>\
         <label for=\"certify-photo\">{p_l}</label>{photo_error}\
         <input type=\"file\" id=\"certify-photo\" name=\"photo\" accept=\"image/*\" capture=\"user\" required{photo_aria}>\
         <p class=\"hint\">{p_hint}</p>\
         {consent_error}<label class=\"choice\"><input type=\"checkbox\" id=\"certify-consent\" name=\"consent\" value=\"yes\"{consent}> {c_l}</label>\
         <input type=\"hidden\" id=\"certify-lat\" name=\"lat\" value=\"\"><input type=\"hidden\" id=\"certify-lon\" name=\"lon\" value=\"\">\
         <p class=\"hint\">{c_hint}</p>\
         <button type=\"submit\">{submit}</button></form>",
        op = typed.op.unwrap_or_else(Uuid::now_v7),
        q = lang.t("家里的人、收入、财产有变化吗？", "Did your household, income or property change?"),
        same = checked(typed.changed == Some(false)),
        changed = checked(typed.changed == Some(true)),
        same_l = lang.t("没有变化", "No change"),
        changed_l = lang.t("有变化", "Something changed"),
        d_l = lang.t("有变化的话，哪里变了？（比如：有人外出打工、买了车）", "If something changed, what? (for example: someone went to work elsewhere, bought a car)"),
        text = escape(&typed.description),
        p_l = lang.t("给领救助的人拍一张照片（现在拍）", "Take a photo of the person receiving the aid (now)"),
        p_hint = lang.t("照片只给乡镇和民政局核对用，不会给别人看。", "The photo is only for the township and civil affairs to check; nobody else sees it."),
        consent = checked(typed.consent),
        c_l = lang.t("同意记录我的位置", "I agree to record my location"),
        c_hint = lang.t("不勾也可以认证。勾了，手机会问您能不能用位置。", "You can certify without it. If you tick it, the phone asks whether it may use your location."),
        submit = lang.t("提交认证", "Certify"),
    )
}
