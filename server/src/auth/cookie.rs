//! The session cookie: `__Host-` prefixed (no Domain, Path=/, Secure), HttpOnly, SameSite=Strict.
//! Browsers accept Secure cookies from http://localhost and 127.0.0.1 too, so development
//! without TLS works; anything else runs behind a TLS proxy.

use axum_extra::extract::cookie::{Cookie, SameSite};

/// The cookie's name.
pub const SESSION_COOKIE: &str = "__Host-od_session";

/// The cookie carrying a new session's token.
pub fn session_cookie(token: String) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token))
        .path("/")
        .http_only(true)
        .secure(true)
        .same_site(SameSite::Strict)
        .build()
}

/// The cookie that makes the browser forget the session.
pub fn clear_cookie() -> Cookie<'static> {
    let mut c = session_cookie(String::new());
    c.make_removal();
    c
}
