//! A signed-out person who opens a staff page in a browser (a bookmark of `/admin`, a link to
//! the dashboard in a message) gets the app's sign-in page, which brings them back once signed
//! in, instead of the API's JSON 401. Programs (anything not asking for HTML) still get the 401.

use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

/// The staff pages' paths. A resident's pages have their own way in.
const STAFF_PAGES: [&str; 4] = ["/admin", "/county", "/townships", "/cases"];

/// Whether `path` is a staff page the sign-in page may send the browser back to.
pub fn is_staff_page(path: &str) -> bool {
    STAFF_PAGES.iter().any(|p| {
        path.strip_prefix(p)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?']))
    })
}

/// The middleware: a browser's GET of a staff page answered 401 becomes a 303 to
/// `/signin?next=<the page>`.
pub async fn layer(req: Request, next: Next) -> Response {
    let wants_html = req.method() == Method::GET
        && req
            .headers()
            .get(header::ACCEPT)
            .and_then(|a| a.to_str().ok())
            .is_some_and(|a| a.contains("text/html"));
    let back = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let res = next.run(req).await;
    if wants_html && res.status() == StatusCode::UNAUTHORIZED && is_staff_page(&back) {
        let next: String = form_urlencoded::byte_serialize(back.as_bytes()).collect();
        return Redirect::to(&format!("/signin?next={next}")).into_response();
    }
    res
}

#[cfg(test)]
mod tests {
    use super::is_staff_page;

    #[test]
    fn staff_pages_only() {
        for p in [
            "/admin",
            "/admin?lang=en",
            "/admin/staff",
            "/county/dashboard",
            "/cases/x/registration",
        ] {
            assert!(is_staff_page(p), "{p}");
        }
        for p in [
            "/adminx",
            "/countyx",
            "//evil.example/admin",
            "/resident/cases",
            "/me",
        ] {
            assert!(!is_staff_page(p), "{p}");
        }
    }
}
