//! Refuses state-changing requests that come from another site. The session cookie is
//! SameSite=Strict already; this is the second lock, for browsers and proxies that get
//! SameSite wrong.

use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// 403 for a POST, PUT, PATCH or DELETE that a browser marks as cross-site or same-site (a
/// sibling subdomain), or whose `Origin` is not this server. Requests without either header
/// (command-line clients, tests) are let through: only browsers carry ambient cookies.
pub async fn refuse_cross_site(req: Request, next: Next) -> Response {
    if is_safe(req.method()) || !looks_cross_site(&req) {
        return next.run(req).await;
    }
    (
        StatusCode::FORBIDDEN,
        axum::Json(json!({ "error": "拒绝来自其他网站的请求" })),
    )
        .into_response()
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn looks_cross_site(req: &Request) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && matches!(site, "cross-site" | "same-site")
    {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return false;
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (origin.to_str().ok().and_then(origin_host), host) {
        (Some(o), Some(h)) => !o.eq_ignore_ascii_case(h),
        // `Origin: null` (sandboxed frames, some redirects) or no Host to compare with.
        _ => true,
    }
}

/// `host[:port]` of an origin such as `https://example.org:8443`.
fn origin_host(origin: &str) -> Option<&str> {
    let (scheme, rest) = origin.split_once("://")?;
    matches!(scheme, "http" | "https").then_some(rest.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_hosts() {
        assert_eq!(
            origin_host("https://a.example:8443"),
            Some("a.example:8443")
        );
        assert_eq!(origin_host("http://127.0.0.1:3000"), Some("127.0.0.1:3000"));
        assert_eq!(origin_host("null"), None);
        assert_eq!(origin_host("file://x"), None);
    }
}
