//! What the window's printed notices share: the form of a Chinese government notice (title,
//! document number, addressee, body, the issuing township with the date and room for its seal,
//! the clerk who handled it, the applicant's receipt), the case number with its tracking QR
//! code, the township's and county's names, money in yuan, the way to object, and the plain
//! page that says a notice does not apply to a case.
//!
//! The notices are the internal record handed to the applicant: the applicant's name is in
//! full. Lists (the routing ledger) mask it.

use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, Datelike, Utc};
use domain::catalogue::{AidItemCode, Catalogue};
use domain::clocks::china_date;
use domain::jurisdiction::PlaceCode;
use domain::workflow::{AidAmount, AmountPeriod, Event};
use uuid::Uuid;

use super::case_print::PrintedCase;
use super::html::{date_zh, escape, page};
use crate::error::ApiError;
use crate::routes::authorizations::qr::{origin, qr_svg};
use crate::state::AppState;

/// The case number printed on notices and typed on the tracking page ([`CaseId::number`]).
pub fn case_number(id: Uuid) -> String {
    domain::ids::CaseId(id).number()
}

/// Who issues the notices of a household's case: its township (or street) and county.
pub struct Issuer {
    /// 沙坪镇, 桂溪街道.
    pub township: String,
    /// 垫江县.
    pub county: String,
}

impl Issuer {
    /// The issuing office of `place`'s township, as named in the places table.
    pub async fn of(state: &AppState, place: &PlaceCode) -> Result<Issuer, ApiError> {
        let county = place_name(state, &place.county()).await?;
        let township = match place.township() {
            Some(t) => place_name(state, &t).await?,
            None => county.clone(),
        };
        Ok(Issuer { township, county })
    }

    /// The seal's owner: a street's office (街道办事处) or a town's government (人民政府).
    pub fn authority(&self) -> String {
        if self.township.ends_with("街道") {
            format!("{}办事处", self.township)
        } else {
            format!("{}人民政府", self.township)
        }
    }

    /// The window that receives applications and materials (乌海 一门受理 二(一)).
    pub fn window(&self) -> String {
        format!("{}社会救助受理窗口", self.township)
    }

    /// A 文号 for notice `kind` (补, 不受, 结) of case `id` issued at `at`:
    /// `沙坪镇社救补〔2026〕K7QZ-3M9A-T2XD-8WRF号`.
    pub fn document_number(&self, kind: &str, at: DateTime<Utc>, id: Uuid) -> String {
        format!(
            "{}社救{kind}〔{}〕{}号",
            self.township,
            china_date(at).year(),
            case_number(id)
        )
    }
}

/// A place's Chinese name, or its code when the table does not know it.
pub async fn place_name(state: &AppState, code: &PlaceCode) -> Result<String, ApiError> {
    let row: Option<(String,)> = sqlx::query_as("SELECT name_zh FROM places WHERE code = $1")
        .bind(code.as_str())
        .fetch_optional(state.db.pool())
        .await?;
    Ok(row.map_or_else(|| code.as_str().to_owned(), |(n,)| n))
}

/// Fen as yuan with two decimals, as a printed notice gives amounts: `1500.00`.
pub fn yuan(fen: i64) -> String {
    domain::household::Fen(fen).to_string()
}

/// An approved amount in words: `每月 580.00 元（按月发放）`, `一次性 1500.00 元`.
pub fn amount_zh(amount: &AidAmount) -> String {
    match amount.period {
        AmountPeriod::Monthly => format!("每月 {} 元（按月发放）", yuan(amount.fen)),
        AmountPeriod::OneOff => format!("一次性 {} 元", yuan(amount.fen)),
    }
}

/// An item's Chinese name from the catalogue (its code if the catalogue no longer has it).
pub fn item_name(catalogue: &Catalogue, item: &AidItemCode) -> String {
    catalogue
        .item(item)
        .map_or_else(|| item.as_str().to_owned(), |i| i.name_zh.clone())
}

/// Items' names joined with 、.
pub fn item_names(catalogue: &Catalogue, items: &[AidItemCode]) -> String {
    items
        .iter()
        .map(|i| item_name(catalogue, i))
        .collect::<Vec<_>>()
        .join("、")
}

/// A department's Chinese name from the catalogue.
pub fn department_name(catalogue: &Catalogue, d: &domain::department::DepartmentCode) -> String {
    catalogue
        .department(d)
        .map_or_else(|| d.as_str().to_owned(), |d| d.name_zh.clone())
}

/// How to object to a decision, as notices of administrative decisions say it: administrative
/// reconsideration within 60 days (《中华人民共和国行政复议法》第二十条; the county government
/// hears a township's or a county department's decision, 第二十四条) or a suit within six
/// months (《中华人民共和国行政诉讼法》第四十六条). The policy documents only ask that the
/// applicant be told the rules (乌海 一门受理 附件3 第二条); the periods are the laws'.
pub fn objection_zh(county: &str) -> String {
    format!(
        "如对本决定不服，可以自收到本告知书之日起六十日内向{county}人民政府申请行政复议，\
         也可以自收到本告知书之日起六个月内依法向人民法院提起行政诉讼。"
    )
}

/// The QR code of the tracking page for case `number` (`{origin}/track?case=<number>`), as a
/// figure; `None` if it does not fit a code.
pub fn track_qr(
    state: &AppState,
    peer: ConnectInfo<SocketAddr>,
    headers: &HeaderMap,
    number: &str,
) -> Option<String> {
    let trust = state.auth.proxies.trusts_peer(peer.0);
    let url = format!("{}/track?case={number}", origin(headers, trust));
    let svg = qr_svg(&url)?.replacen(
        "核验二维码 / verification QR code",
        "进度查询二维码 / case tracking QR code",
        1,
    );
    Some(format!(
        "<figure class=\"qr-box\" data-field=\"qr\">{svg}<figcaption class=\"small\">扫码查询办理进度<br>\
         案件编号 <span class=\"mono\">{}</span></figcaption></figure>",
        escape(number)
    ))
}

/// 404 with a plain page saying why there is nothing to print (`message`, Chinese), rather than
/// a blank form.
pub fn not_applicable(title: &str, message: &str) -> Response {
    let body = format!(
        "<article class=\"form notice missing\"><h1>{}</h1><p class=\"message\">{}</p>\
         <p class=\"small\">Not applicable to this case's history.</p></article>",
        escape(title),
        escape(message)
    );
    (
        StatusCode::NOT_FOUND,
        Html(page(&format!("{title}（无）"), "print-page", &body)),
    )
        .into_response()
}

/// One notice to print.
pub struct Notice<'a> {
    /// `supplement`, `not-accepted`, `result` (the article's `data-notice`).
    pub kind: &'a str,
    /// The title.
    pub title: &'a str,
    /// The line under it, e.g. （一次性告知）.
    pub subtitle: Option<&'a str>,
    /// The 文号.
    pub number: String,
    /// The applicant's full name.
    pub addressee: &'a str,
    /// The body, HTML escaped by the caller.
    pub body: String,
    /// The township and county.
    pub issuer: &'a Issuer,
    /// The event that issued it: its date, and its actor as 经办人.
    pub issued: &'a Event,
    /// The QR code figure, if any.
    pub qr: Option<String>,
}

impl Notice<'_> {
    /// The whole page.
    pub fn page(&self, case: &PrintedCase) -> Response {
        Html(page(self.title, "print-page", &self.html(case))).into_response()
    }

    fn html(&self, case: &PrintedCase) -> String {
        let mut out = format!(
            "<article class=\"form notice\" data-notice=\"{}\">",
            escape(self.kind)
        );
        out.push_str(
            "<p class=\"screen-only hint\">请用浏览器的“打印”功能打印本页（A4）。 \
             / Print this page with the browser's Print command (A4).</p>",
        );
        out.push_str(&format!("<h1>{}</h1>", escape(self.title)));
        if let Some(sub) = self.subtitle {
            out.push_str(&format!("<p class=\"subtitle\">{}</p>", escape(sub)));
        }
        out.push_str(&format!(
            "<p class=\"doc-number\" data-field=\"number\">{}</p>",
            escape(&self.number)
        ));
        out.push_str(&format!(
            "<p class=\"addressee\" data-field=\"addressee\">{}：</p>",
            escape(if self.addressee.is_empty() {
                "申请人"
            } else {
                self.addressee
            })
        ));
        out.push_str(&format!(
            "<section class=\"text\" data-field=\"body\">{}</section>",
            self.body
        ));
        out.push_str(&format!(
            "<section class=\"issuer\" data-field=\"issuer\">{}<div class=\"seal-area\">\
             <p class=\"seal-ring\">（盖章）</p><p>{}</p><p>（{}）</p><p>{}</p></div></section>",
            self.qr.as_deref().unwrap_or(""),
            escape(&self.issuer.authority()),
            escape(&self.issuer.window()),
            escape(&date_zh(china_date(self.issued.at))),
        ));
        out.push_str(&format!(
            "<p class=\"handler\" data-field=\"handler\">经办人：<span class=\"fill\">{}</span>　\
             联系电话：<span class=\"fill\"></span></p>",
            escape(case.name(self.issued.by.user))
        ));
        out.push_str(
            "<p class=\"receipt\" data-field=\"receipt\">申请人（签收）：<span class=\"fill\">\
             </span>　　年　月　日</p><p class=\"small\">本告知书一式两份，一份送达申请人，\
             一份由受理窗口存档。</p></article>",
        );
        out
    }
}

/// The applicant's full name, or blank.
pub fn applicant_name(case: &PrintedCase) -> &str {
    case.applicant().map_or("", |m| m.name.expose())
}

/// The first event matching `pick`.
pub fn first_event(case: &PrintedCase, pick: fn(&Event) -> bool) -> Option<&Event> {
    case.record.events.iter().find(|e| pick(e))
}

/// "您于 2026年12月01日 提出的最低生活保障申请" (the submission's date when there was one).
pub fn application_zh(case: &PrintedCase, catalogue: &Catalogue) -> String {
    let items = item_names(catalogue, case.record.case.requested_items());
    let items = if items.is_empty() {
        "社会救助".to_owned()
    } else {
        items
    };
    match first_event(case, |e| {
        matches!(e.body, domain::workflow::EventBody::Submitted)
    }) {
        Some(e) => format!("您于{}提出的{items}申请", date_zh(china_date(e.at))),
        None => format!("您提出的{items}申请"),
    }
}

/// `text` ending in a full stop (the clerk's reason is often typed without one).
pub fn sentence(text: &str) -> String {
    if text.ends_with(['。', '！', '？', '；', '.', '!', '?']) || text.ends_with('）') {
        text.to_owned()
    } else {
        format!("{text}。")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_from_fen() {
        assert_eq!(yuan(150_000), "1500.00");
        assert_eq!(yuan(5), "0.05");
        assert_eq!(yuan(0), "0.00");
    }

    #[test]
    fn case_numbers_are_four_groups_of_four() {
        let n = case_number(Uuid::now_v7());
        assert_eq!(n.len(), 19);
        assert_eq!(n.matches('-').count(), 3);
        assert!(n.chars().all(|c| c == '-' || c.is_ascii_alphanumeric()));
    }
}
