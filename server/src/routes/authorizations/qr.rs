//! The printed form's QR code: `{origin}/verify?code=<token>` as inline SVG (crate `qrcode`, no
//! image service), and `GET /api/authorizations/v1/{id}/qr.svg` for the phone to show it.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, header};
use axum::response::IntoResponse;
use domain::authorization::QrToken;
use qrcode::{EcLevel, QrCode};

use super::{path_id, visible};
use crate::audit::{self, AuditEntry};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::pages::html::escape;
use crate::state::AppState;

/// The verification URL of a token: the page `/verify` of the server that was asked, so the
/// printed code opens this installation's page.
pub fn verify_url(headers: &HeaderMap, trust_proxy: bool, token: &QrToken) -> String {
    format!(
        "{}/verify?code={}",
        origin(headers, trust_proxy),
        token.encode()
    )
}

/// `scheme://host` of the request: the `Host` header when it is a plain host name (else none,
/// and the URL stays relative), `https` unless the host is this machine or a trusted proxy
/// (the request's peer, see [`crate::security::client_address::TrustedProxies::trusts_peer`])
/// says otherwise.
pub fn origin(headers: &HeaderMap, trust_proxy: bool) -> String {
    let Some(host) = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        })
    else {
        return String::new();
    };
    let forwarded = trust_proxy
        .then(|| headers.get("x-forwarded-proto")?.to_str().ok())
        .flatten()
        .filter(|p| *p == "http" || *p == "https");
    let local =
        host.starts_with("localhost") || host.starts_with("127.") || host.starts_with("[::1]");
    let scheme = forwarded.unwrap_or(if local { "http" } else { "https" });
    format!("{scheme}://{host}")
}

/// The QR code of `text` (error correction M) as an SVG element, its text in a `<desc>`;
/// `None` if it does not fit a QR code.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .quiet_zone(true)
        .min_dimensions(232, 232)
        .build();
    // Inline in HTML: no XML declaration; the encoded text readable for tests and tools.
    let svg = svg.split_once("?>").map_or(svg.as_str(), |(_, rest)| rest);
    let (open, rest) = svg.split_once('>')?;
    Some(format!(
        "{open} class=\"qr\" role=\"img\" aria-label=\"核验二维码 / verification QR code\"><desc>{}</desc>{rest}",
        escape(text)
    ))
}

/// The QR code of an authorization the caller may see.
#[utoipa::path(get, path = "/api/authorizations/v1/{id}/qr.svg", tag = "authorizations",
    params(("id" = String, Path)),
    responses((status = 200, content_type = "image/svg+xml", body = String),
              (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)),
    security(("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let kept = visible(&state, &user, path_id(&id)?).await?;
    let token = kept
        .record
        .as_ref()
        .and_then(QrToken::of)
        .ok_or(ApiError::NotFound)?;
    let svg = qr_svg(&verify_url(
        &headers,
        state.auth.proxies.trusts_peer(peer),
        &token,
    ))
    .ok_or_else(|| anyhow::anyhow!("the verification URL does not fit a QR code"))?;
    let entry = AuditEntry::by(&user.actor, "authorization.qr").on(
        "authorization",
        kept.id,
        Some(kept.scope.place.as_str()),
    );
    audit::append_standalone(&state.db, &entry).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        svg,
    ))
}
