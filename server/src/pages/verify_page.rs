//! `GET /verify`, `/verify?code=…`, `/verify?number=…`: the public verification page (no
//! sign-in). Chinese first, English below, large text for a phone: a form to type the number,
//! and the verdict — green for genuine and valid, red for revoked, expired, altered or not
//! genuine — with the members masked.

use std::net::SocketAddr;

use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use domain::authorization::Standing;

use super::html::{beijing_time, date_zh, escape, page};
use crate::error::ApiError;
use crate::routes::authorizations::verdict::{MaskedMember, Verdict};
use crate::routes::authorizations::verify::{VerifyQuery, checked_look_up};
use crate::state::AppState;

/// The page.
pub async fn get(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    query: Result<Query<VerifyQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let typed = query.number.clone().unwrap_or_default();
    let Some(what) = query.lookup() else {
        return Ok(render(&typed, None, StatusCode::OK));
    };
    let (status, result) = match checked_look_up(&state, &headers, peer, &what).await {
        Ok(Some(v)) => (StatusCode::OK, Looked::Found(v)),
        Ok(None) => (StatusCode::NOT_FOUND, Looked::NotFound),
        Err(ApiError::TooManyRequests { .. }) => (StatusCode::TOO_MANY_REQUESTS, Looked::TooMany),
        Err(e) => return Err(e),
    };
    Ok(render(&typed, Some(result), status))
}

/// What a look-up came to.
enum Looked {
    Found(Verdict),
    NotFound,
    TooMany,
}

fn render(typed: &str, result: Option<Looked>, status: StatusCode) -> Response {
    let mut body = String::from(
        "<main class=\"verify\"><h1>核对授权书核验<span class=\"en\">Verify a verification authorization</span></h1>",
    );
    if let Some(result) = &result {
        body.push_str(&verdict_html(result));
    }
    body.push_str(&format!(
        "<form method=\"get\" action=\"/verify\" class=\"lookup\">\
         <label for=\"number\">输入授权书编号<span class=\"en\">Type the authorization number</span></label>\
         <input id=\"number\" name=\"number\" value=\"{}\" placeholder=\"XXXX-XXXX-XXXX-XXXX\" \
         autocomplete=\"off\" autocapitalize=\"characters\" maxlength=\"40\" inputmode=\"text\">\
         <button type=\"submit\">核验<span class=\"en\">Verify</span></button></form>\
         <p class=\"note\">扫描授权书上的二维码也可打开本页。本页只显示经过遮盖的个人信息。\
         <span class=\"en\">Scanning the QR code on the form opens this page too. Personal data is shown masked.</span></p>\
         <p class=\"note\"><a href=\"/api/authorizations/v1/keys\">服务器签章公钥 / the server's public keys</a></p></main>",
        escape(typed)
    ));
    (
        status,
        Html(page(
            "核对授权书核验 / Verify an authorization",
            "verify-page",
            &body,
        )),
    )
        .into_response()
}

fn verdict_html(result: &Looked) -> String {
    let v = match result {
        Looked::NotFound => {
            return banner(
                "unknown",
                "未找到该授权书",
                "No authorization with this number or code",
                "请核对编号后重试。 / Check the number and try again.",
            );
        }
        Looked::TooMany => {
            return banner(
                "unknown",
                "查询过于频繁",
                "Too many look-ups",
                "请一分钟后再试。 / Try again in a minute.",
            );
        }
        Looked::Found(v) => v,
    };
    let (class, zh, en) = match v.result() {
        "valid" => ("ok", "真实有效", "Genuine and valid"),
        "revoked" => ("bad", "已撤回", "Revoked"),
        "expired" => ("bad", "已过期", "Expired"),
        "not_yet_valid" => ("warn", "尚未生效", "Not yet in force"),
        "altered" => ("bad", "内容已被改动", "Altered after the server signed it"),
        "not_genuine" => ("bad", "无法验证", "Not genuine"),
        _ => ("warn", "真实，状态未知", "Genuine, standing unknown"),
    };
    let explain = if !v.genuine {
        "服务器签章校验不通过，此授权书不能作为核对依据。 / The server's signature does not verify: do not rely on this authorization."
    } else if v.unaltered == Some(false) {
        "服务器签章真实，但保存的授权书与签章时不一致。 / The signature is genuine, but the kept document differs from the one signed."
    } else {
        "服务器签章真实，授权书内容未被改动。 / The server's signature is genuine and the document unaltered."
    };
    let mut out = banner(class, zh, en, explain);
    if v.genuine {
        out.push_str(&details(v));
    }
    out
}

fn banner(class: &str, zh: &str, en: &str, explain: &str) -> String {
    format!(
        "<section class=\"verdict verdict-{class}\" role=\"status\"><p class=\"verdict-word\">{}</p>\
         <p class=\"verdict-en\">{}</p><p class=\"verdict-explain\">{}</p></section>",
        escape(zh),
        escape(en),
        escape(explain)
    )
}

fn details(v: &Verdict) -> String {
    let mut rows = String::new();
    let mut row = |zh: &str, en: &str, value: String| {
        rows.push_str(&format!(
            "<tr><th>{zh}<span class=\"en\">{en}</span></th><td>{}</td></tr>",
            escape(&value)
        ));
    };
    if let Some(n) = &v.number {
        row("授权书编号", "Number", n.clone());
    }
    if let Some(s) = v.standing {
        row(
            "状态",
            "Standing",
            format!("{} / {}", s.name_zh(), s.name_en()),
        );
    }
    match (v.valid_from, v.valid_until) {
        (Some(from), Some(until)) => row(
            "有效期",
            "Valid",
            format!("{} 至 {}", date_zh(from), date_zh(until)),
        ),
        (None, Some(until)) => row("有效期至", "Valid until", date_zh(until)),
        _ => {}
    }
    if let Some(at) = v.countersigned_at {
        row("服务器签章时间", "Countersigned", beijing_time(at));
    }
    if let Some(at) = v
        .revoked_at
        .filter(|_| v.standing == Some(Standing::Revoked))
    {
        row("撤回时间", "Revoked", beijing_time(at));
    }
    if let Some(k) = &v.key_id {
        row("签章密钥", "Key", k.clone());
    }
    let mut out = format!("<table class=\"facts\">{rows}</table>");
    if !v.members.is_empty() {
        out.push_str(
            "<h2>授权人<span class=\"en\">Members covered</span></h2><ul class=\"members\">",
        );
        for m in &v.members {
            out.push_str(&member_html(m));
        }
        out.push_str("</ul>");
    }
    out
}

fn member_html(m: &MaskedMember) -> String {
    let by = match (&m.guardian_name, &m.guardian_relation) {
        (Some(name), Some(relation)) if m.signed_by == "guardian" => {
            format!("由监护人 {name}（{relation}）代签 / signed by the guardian")
        }
        _ => "本人签署 / signed in person".to_owned(),
    };
    let mark = match m.mark.as_str() {
        "handwritten" => "手写签名 / handwritten signature",
        "witnessed_mark" => "见证人在场画押 / mark before a witness",
        "fingerprint" => "见证人在场按指印 / fingerprint before a witness",
        _ => "",
    };
    let identity = match m.identity.as_str() {
        "one_time_code" => "本人手机验证码 / one-time code to own phone",
        "in_person" => "工作人员当面核验身份证 / ID checked in person",
        _ => "",
    };
    format!(
        "<li><p class=\"member-name\">{} <span class=\"id\">{}</span></p><p>{}；{}；{}</p></li>",
        escape(&m.name),
        escape(&m.id_number),
        escape(&by),
        escape(mark),
        escape(identity)
    )
}
