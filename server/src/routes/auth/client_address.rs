//! The client's address, for the lockout: the peer, or the proxy's `X-Forwarded-For` when the
//! installation says a proxy sets it (otherwise a client could pick its own address).

use std::net::SocketAddr;

use axum::http::HeaderMap;

/// The address attempts are counted against.
pub fn client_address(headers: &HeaderMap, peer: SocketAddr, trust_proxy: bool) -> String {
    if trust_proxy
        && let Some(forwarded) = headers.get("x-forwarded-for").and_then(|v| v.to_str().ok())
        && let Some(first) = forwarded
            .split(',')
            .next()
            .map(str::trim)
            .filter(|s| !s.is_empty())
    {
        return first.to_owned();
    }
    peer.ip().to_string()
}
