//! `GET /authorizations/{id}/print`: the authorization as a Chinese government form on A4
//! (社会救助家庭经济状况核对授权书) — title, number, the household's address, the text, the
//! scope table, purpose and period, the members with their signatures or marks (full names and
//! ID numbers: the printed form is what the policy asks for), the server's countersignature
//! and a QR code that opens the public verification page. For signed-in staff who may see the
//! household (the sync pull's rule), and a resident who owns it; every print is audited.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::HeaderMap;
use axum::response::Html;
use domain::authorization::{
    AuthorizationRecord, AuthorizationText, IdentityCheck, Mark, QrToken, Signatory,
};
use domain::clocks::china_date;

use super::html::{beijing_time, date_zh, escape, page};
use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::routes::authorizations::lookup::{self, Kept};
use crate::routes::authorizations::qr::{qr_svg, verify_url};
use crate::routes::authorizations::{path_id, visible};
use crate::state::AppState;

/// The form.
pub async fn get(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Html<String>, ApiError> {
    let kept = visible(&state, &user, path_id(&id)?).await?;
    let record = kept.record.as_ref().ok_or(ApiError::NotFound)?;
    let text = lookup::text(&state.db, &record.text_version).await?;
    let address = lookup::household_address(&state.db, record.household.0).await?;
    let qr = QrToken::of(record)
        .map(|t| verify_url(&headers, state.auth.proxies.trusts_peer(peer), &t))
        .and_then(|url| Some((qr_svg(&url)?, url)));
    let entry = AuditEntry::by(&user.actor, "authorization.print").on(
        "authorization",
        kept.id,
        Some(kept.scope.place.as_str()),
    );
    audit::append_standalone(&state.db, &entry).await?;
    let form = Form {
        kept: &kept,
        record,
        text: text.as_ref().filter(|t| t.sha256() == record.text_sha256),
        address: address.as_deref(),
        qr: qr.as_ref().map(|(svg, url)| (svg.as_str(), url.as_str())),
    };
    Ok(Html(page(
        &format!("核对授权书 {}", kept.number),
        "print-page",
        &form.html(),
    )))
}

struct Form<'a> {
    kept: &'a Kept,
    record: &'a AuthorizationRecord,
    /// The text it was signed under, when the server has it and it matches the signed hash.
    text: Option<&'a AuthorizationText>,
    address: Option<&'a str>,
    qr: Option<(&'a str, &'a str)>,
}

impl Form<'_> {
    fn html(&self) -> String {
        let r = self.record;
        let title = self.text.map_or("社会救助家庭经济状况核对授权书", |t| {
            t.title_zh.as_str()
        });
        let mut out = String::from("<article class=\"form\">");
        out.push_str(
            "<p class=\"screen-only hint\">请用浏览器的“打印”功能打印本页（A4）。 \
                      / Print this page with the browser's Print command (A4).</p>",
        );
        if r.revocation.is_some() || self.kept.revoked_at.is_some() {
            out.push_str("<p class=\"stamp-revoked\">已撤回 / REVOKED</p>");
        }
        out.push_str(&format!(
            "<h1>{}</h1><table class=\"head\"><tr><th>授权书编号</th><td class=\"mono\">{}</td>\
             <th>文本版本</th><td>{}</td></tr><tr><th>家庭住址</th><td colspan=\"3\">{}</td></tr></table>",
            escape(title),
            escape(&self.kept.number),
            escape(&r.text_version),
            escape(self.address.unwrap_or("—")),
        ));
        out.push_str(&self.text_html());
        out.push_str(&self.scope_html());
        out.push_str(&self.members_html());
        out.push_str(&self.countersignature_html());
        out.push_str("</article>");
        out
    }

    fn text_html(&self) -> String {
        let Some(text) = self.text else {
            return format!(
                "<p class=\"warning\">本服务器没有与签署时一致的授权书文本（版本 {}）。</p>",
                escape(&self.record.text_version)
            );
        };
        let mut out = String::from("<section class=\"text\">");
        for p in &text.body_zh {
            out.push_str(&format!("<p>{}</p>", escape(p)));
        }
        out.push_str(&format!(
            "<p><b>授权用途：</b>{}</p><p><b>授权有效期：</b>自 {} 起至 {} 止。</p></section>",
            escape(&text.purpose_zh),
            date_zh(self.record.valid_from),
            date_zh(self.record.valid_until),
        ));
        out
    }

    fn scope_html(&self) -> String {
        let mut out = String::from(
            "<table class=\"grid scopes\"><caption>核对事项及查询机构</caption>\
             <tr><th>序号</th><th>核对事项</th><th>查询机构</th></tr>",
        );
        for (i, s) in self.record.scopes.iter().enumerate() {
            out.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                i + 1,
                escape(s.name_zh()),
                escape(s.agency_zh())
            ));
        }
        out.push_str("</table>");
        out
    }

    fn members_html(&self) -> String {
        let mut out = String::from(
            "<table class=\"grid members\"><caption>授权人签署</caption><tr><th>姓名</th>\
             <th>公民身份号码</th><th>签署人</th><th>签名或指印</th><th>身份核验</th></tr>",
        );
        for m in &self.record.members {
            let s = self.record.signatures.iter().find(|s| s.member == m.member);
            let (signer, mark, identity) = match s {
                Some(s) => (
                    signer_html(&s.by),
                    mark_html(&s.mark),
                    format!(
                        "{}<br><span class=\"small\">{}</span>",
                        escape(s.identity.method().name_zh()),
                        escape(&beijing_time(s.signed_at))
                    ) + &one_time_phone(&s.identity),
                ),
                None => ("—".to_owned(), "未签署".to_owned(), "—".to_owned()),
            };
            out.push_str(&format!(
                "<tr><td>{}</td><td class=\"mono\">{}</td><td>{signer}</td><td class=\"mark\">{mark}</td><td>{identity}</td></tr>",
                escape(&m.name),
                escape(&m.id_number),
            ));
        }
        out.push_str("</table>");
        out
    }

    fn countersignature_html(&self) -> String {
        let Some(c) = self.record.countersignature.as_ref() else {
            return "<p class=\"warning\">尚未经服务器签章。</p>".to_owned();
        };
        let qr = self.qr.map_or(String::new(), |(svg, url)| {
            format!(
                "<figure class=\"qr-box\">{svg}<figcaption>扫码核验 / scan to verify<br>\
                     <span class=\"url\">{}</span></figcaption></figure>",
                escape(url)
            )
        });
        format!(
            "<section class=\"seal\"><div class=\"seal-facts\"><h2>服务器电子签章</h2><table class=\"head\">\
             <tr><th>签章时间</th><td>{}</td></tr><tr><th>签章密钥</th><td class=\"mono\">{}</td></tr>\
             <tr><th>文书摘要（SHA-256）</th><td class=\"mono hash\">{}</td></tr>\
             <tr><th>签名值（Ed25519）</th><td class=\"mono hash\">{}</td></tr>\
             <tr><th>打印日期</th><td>{}</td></tr></table>\
             <p class=\"small\">任何人可在 /verify 输入编号或扫描二维码核验真伪及是否撤回；公钥见 \
             /api/authorizations/v1/keys。</p></div>{qr}</section>",
            escape(&beijing_time(c.at)),
            escape(&c.key_id),
            escape(&c.document_sha256),
            escape(&c.signature),
            date_zh(china_date(chrono::Utc::now())),
        )
    }
}

fn signer_html(by: &Signatory) -> String {
    match by {
        Signatory::Member => "本人".to_owned(),
        Signatory::Guardian {
            name,
            id_number,
            relation,
            ..
        } => format!(
            "监护人：{}（{}）<br><span class=\"mono small\">{}</span>",
            escape(name),
            escape(relation),
            escape(id_number)
        ),
    }
}

fn mark_html(mark: &Mark) -> String {
    let img = |alt: &str| {
        format!(
            "<img src=\"/api/attachments/v1/{}\" alt=\"{}\">",
            escape(mark.image().as_str()),
            escape(alt)
        )
    };
    match mark {
        Mark::Handwritten { .. } => img("签名"),
        Mark::WitnessedMark { witness, .. } => {
            format!("{}<br>画押，见证人：{}", img("画押"), escape(witness))
        }
        Mark::Fingerprint { witness, .. } => {
            format!("{}<br>指印，见证人：{}", img("指印"), escape(witness))
        }
    }
}

fn one_time_phone(identity: &IdentityCheck) -> String {
    match identity {
        IdentityCheck::OneTimeCode { phone_masked, .. } => {
            format!("<br><span class=\"small\">{}</span>", escape(phone_masked))
        }
        IdentityCheck::InPerson { .. } => String::new(),
    }
}
