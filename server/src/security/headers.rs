//! Security headers. Pages get a CSP whose only inline script is Leptos' hydration script,
//! allowed by a nonce made fresh for each response; everything else answered as JSON gets a
//! policy that allows nothing at all.

use std::sync::Arc;

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The nonce of one response, put in the request's extensions for the page renderer.
#[derive(Debug, Clone)]
pub struct CspNonce(pub Arc<str>);

impl CspNonce {
    fn fresh() -> CspNonce {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).expect("the operating system's random source works");
        CspNonce(URL_SAFE_NO_PAD.encode(bytes).into())
    }
}

/// The policy of an HTML page rendered with `nonce`. WASM needs `'wasm-unsafe-eval'` (and
/// nothing weaker); pictures of documents are shown from `blob:` before upload.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; \
         worker-src 'self'; manifest-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// For answers that are data, not documents.
const DATA_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

/// The camera (document photos) and geolocation (visits) for the app's own origin only,
/// and nothing else a page could ask the phone for.
const PERMISSIONS: &str = "camera=(self), geolocation=(self), microphone=(), payment=(), \
     usb=(), serial=(), bluetooth=(), midi=(), display-capture=()";

/// Makes the nonce, lets the page be rendered with it, and sets the headers.
pub async fn security_headers(mut req: Request, next: Next) -> Response {
    let nonce = CspNonce::fresh();
    req.extensions_mut().insert(nonce.clone());
    let mut res = next.run(req).await;
    let content_type = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let headers = res.headers_mut();
    // Scripts (the service worker among them) keep no policy of their own: a worker's policy
    // would govern its fetches.
    let policy = if content_type.starts_with("text/html") {
        Some(page_policy(&nonce.0))
    } else if content_type.starts_with("application/json") || content_type.is_empty() {
        Some(DATA_POLICY.to_owned())
    } else {
        None
    };
    if let Some(policy) = policy.and_then(|p| HeaderValue::from_str(&p).ok()) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    let fixed: [(HeaderName, &str); 6] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        // A year, without includeSubDomains: the county's other sites under the same domain
        // are not ours to force onto HTTPS. Browsers ignore it over plain HTTP (development).
        (header::STRICT_TRANSPORT_SECURITY, "max-age=31536000"),
        (HeaderName::from_static("permissions-policy"), PERMISSIONS),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    res
}

/// Leptos context for a page: its script tags carry the nonce that the response's policy
/// names (Leptos would otherwise make up one of its own that no header allows).
pub fn provide_request_nonce() {
    use leptos::prelude::{provide_context, use_context};
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(value)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(value));
    }
}
