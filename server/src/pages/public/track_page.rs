//! `/track` (进度查询): track a case without an account, like a parcel. `GET /track?case=…`
//! shows the form (the printed notices' QR code opens it with the number filled in; the ID
//! tail never travels in a URL); `POST /track` with the case number and the last six
//! characters of the applicant's ID number shows the timeline. A plain HTML form: it works
//! with JavaScript turned off. Every answer is `no-store`.

use std::net::SocketAddr;

use axum::Form;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use chrono::Utc;
use serde::Deserialize;

use super::layout::{Lang, escape, lang_of, page, respond};
use super::lookup::{self, Outcome};
use super::timeline;
use crate::error::ApiError;
use crate::pages::notice::Issuer;
use crate::routes::auth::client_address;
use crate::state::AppState;

/// What the form sends (and the GET's query: the number only).
#[derive(Debug, Default, Deserialize)]
pub struct TrackForm {
    /// The case number as printed (`K7QZ-3M9A-T2XD-8WRF`; case, spaces and dashes free).
    pub case: Option<String>,
    /// The last six characters of the applicant's ID number.
    pub tail: Option<String>,
    /// `en` for English.
    pub lang: Option<String>,
}

/// The form, with the number from the notice's QR code filled in.
pub async fn get(headers: HeaderMap, query: Result<Query<TrackForm>, QueryRejection>) -> Response {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let lang = lang_of(query.lang.as_deref(), &headers);
    let typed = query.case.unwrap_or_default();
    let shown = domain::ids::normalize_printed_number(&typed).unwrap_or(typed);
    render(lang, StatusCode::OK, &shown, "", None, "")
}

/// The look-up.
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    form: Result<Form<TrackForm>, FormRejection>,
) -> Result<Response, ApiError> {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let lang = lang_of(form.lang.as_deref(), &headers);
    let typed_case = form.case.unwrap_or_default();
    let typed_tail = form.tail.unwrap_or_default();
    let number = domain::ids::normalize_printed_number(&typed_case);
    let tail = normalize_tail(&typed_tail);
    let (Some(number), Some(tail)) = (number.clone(), tail.clone()) else {
        let errors = Errors {
            case: number.is_none(),
            tail: tail.is_none(),
        };
        let shown = number.unwrap_or(typed_case);
        return Ok(render(
            lang,
            StatusCode::BAD_REQUEST,
            &shown,
            &typed_tail,
            Some(errors),
            "",
        ));
    };
    let address = client_address(&headers, peer, &state.auth.proxies);
    let outcome = lookup::look_up(&state, &address, &number, &tail, Utc::now()).await?;
    let (status, result, wait) = match outcome {
        Outcome::Found(found) => {
            let catalogue = state.reference.catalogue();
            let calendar = state.reference.calendar();
            let township = Issuer::of(&state, &found.scope.place).await?.township;
            let html = timeline::render(&found, &catalogue, &calendar, township, lang);
            (StatusCode::OK, html, None)
        }
        Outcome::NotFound => (
            StatusCode::NOT_FOUND,
            alert(lang.t(
                "没有查到。请看看案件编号和身份证号后 6 位对不对。",
                "Nothing found. Check the case number and the last 6 characters of the ID number.",
            )),
            None,
        ),
        Outcome::Locked(wait) => (
            StatusCode::TOO_MANY_REQUESTS,
            alert(&match lang {
                Lang::Zh => format!(
                    "输错的次数太多了。为了保护申请人，请 {} 分钟后再查。",
                    minutes(wait)
                ),
                Lang::En => format!(
                    "Too many wrong tries. To protect applicants, try again in {} minutes.",
                    minutes(wait)
                ),
            }),
            Some(wait),
        ),
        Outcome::Paced(wait) => (
            StatusCode::TOO_MANY_REQUESTS,
            alert(&match lang {
                Lang::Zh => format!("这个编号最近被查得太多了，请 {wait} 秒后再查。"),
                Lang::En => {
                    format!("This number was looked up too often: try again in {wait} seconds.")
                }
            }),
            Some(wait),
        ),
    };
    let mut res = render(lang, status, &number, &typed_tail, None, &result);
    if let Some(wait) = wait
        && let Ok(v) = HeaderValue::from_str(&wait.to_string())
    {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    Ok(res)
}

fn minutes(seconds: i64) -> i64 {
    (seconds + 59) / 60
}

fn alert(text: &str) -> String {
    format!("<p class=\"alert\" role=\"alert\">{}</p>", escape(text))
}

/// The last six characters of an ID number as typed: five digits and a digit or X (either
/// case), spaces ignored.
fn normalize_tail(typed: &str) -> Option<String> {
    let tail: String = typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let ok = tail.len() == 6
        && tail.chars().take(5).all(|c| c.is_ascii_digit())
        && tail
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_digit() || c == 'X');
    ok.then_some(tail)
}

/// Which fields are wrong.
struct Errors {
    case: bool,
    tail: bool,
}

fn render(
    lang: Lang,
    status: StatusCode,
    case: &str,
    tail: &str,
    errors: Option<Errors>,
    result: &str,
) -> Response {
    let errors = errors.unwrap_or(Errors {
        case: false,
        tail: false,
    });
    let field_error = |wrong: bool, id: &str, zh: &str, en: &str| -> (String, String) {
        if wrong {
            (
                format!(" aria-invalid=\"true\" aria-describedby=\"{id}-error\""),
                format!(
                    "<p class=\"field-error\" id=\"{id}-error\">{}</p>",
                    lang.t(zh, en)
                ),
            )
        } else {
            (format!(" aria-describedby=\"{id}-help\""), String::new())
        }
    };
    let (case_attr, case_error) = field_error(
        errors.case,
        "case",
        "案件编号是 16 个字母和数字，像 K7QZ-3M9A-T2XD-8WRF。请照通知书上的抄。",
        "A case number has 16 letters and digits, like K7QZ-3M9A-T2XD-8WRF. Copy it from the notice.",
    );
    let (tail_attr, tail_error) = field_error(
        errors.tail,
        "tail",
        "请填身份证号的最后 6 位，最后一位可能是 X。",
        "Type the last 6 characters of the ID number; the last may be X.",
    );
    let lang_field = match lang {
        Lang::En => "<input type=\"hidden\" name=\"lang\" value=\"en\">",
        Lang::Zh => "",
    };
    let body = format!(
        "<h1>{h1}</h1><p class=\"lead\">{lead}</p>{result}\
         <form class=\"ask\" method=\"post\" action=\"/track\">{lang_field}\
         <label for=\"case\">{case_label}</label>\
         <p class=\"hint\" id=\"case-help\">{case_help}</p>{case_error}\
         <input id=\"case\" name=\"case\" class=\"code\" value=\"{case}\" autocomplete=\"off\" \
         autocapitalize=\"characters\" spellcheck=\"false\" maxlength=\"40\"{case_attr}>\
         <label for=\"tail\">{tail_label}</label>\
         <p class=\"hint\" id=\"tail-help\">{tail_help}</p>{tail_error}\
         <input id=\"tail\" name=\"tail\" class=\"code\" value=\"{tail}\" autocomplete=\"off\" \
         autocapitalize=\"characters\" spellcheck=\"false\" maxlength=\"10\"{tail_attr}>\
         <button type=\"submit\">{submit}</button></form>\
         <p class=\"hint\">{privacy}</p>",
        h1 = lang.t("查询办理进度", "Track an application"),
        lead = lang.t(
            "不用登录。填上案件编号和申请人身份证号的后 6 位，就能看到办到哪一步了。",
            "No sign-in needed. Type the case number and the last 6 characters of the applicant's ID number to see how far it has come."
        ),
        case_label = lang.t("案件编号", "Case number"),
        case_help = lang.t(
            "在窗口给您的通知书上。扫通知书上的二维码会自动填好。",
            "It is on the notice from the window. Scanning the notice's QR code fills it in."
        ),
        case = escape(case),
        tail_label = lang.t("申请人身份证号后 6 位", "Last 6 characters of the applicant's ID number"),
        tail_help = lang.t("比如 12302X。", "For example 12302X."),
        tail = escape(tail),
        submit = lang.t("查询", "Look up"),
        privacy = lang.t(
            "为保护个人信息，名字只显示一部分。输错 5 次要等 15 分钟才能再查。",
            "To protect personal data, names are partly hidden. After 5 wrong tries, wait 15 minutes."
        ),
    );
    let title = lang.t("查询办理进度", "Track an application");
    respond(status, page(lang, title, "/track", &body), true)
}

#[cfg(test)]
mod tests {
    use super::normalize_tail;

    #[test]
    fn tails_are_five_digits_and_a_digit_or_x() {
        assert_eq!(normalize_tail(" 12302x ").as_deref(), Some("12302X"));
        assert_eq!(normalize_tail("123024").as_deref(), Some("123024"));
        assert_eq!(normalize_tail("1230X4"), None);
        assert_eq!(normalize_tail("12345"), None);
    }
}
