//! The session cookie: `__Host-` prefixed (no Domain, Path=/, Secure), HttpOnly, SameSite=Strict.
//! Browsers accept Secure cookies from http://localhost and 127.0.0.1 too, so development
//! without TLS works; anything else runs behind a TLS proxy.

use axum_extra::extract::cookie::{Cookie, SameSite};

/// The cookie's name.
pub const SESSION_COOKIE: &str = "__Host-od_session";

/// The cookie carrying a new session's token. It lives as long as the session may (the
/// absolute timeout), so a phone that was switched off stays signed in; without Max-Age the
/// browser would drop it when it closes and the grid worker would need a network to sign in.
pub fn session_cookie(token: String, lifetime: chrono::Duration) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token))
        .max_age(time::Duration::seconds(lifetime.num_seconds()))
        .path("/")
        .http_only(true)
        .secure(true)
        .same_site(SameSite::Strict)
        .build()
}

/// The cookie that makes the browser forget the session.
pub fn clear_cookie() -> Cookie<'static> {
    let mut c = session_cookie(String::new(), chrono::Duration::zero());
    c.make_removal();
    c
}
