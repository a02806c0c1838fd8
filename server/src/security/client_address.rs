//! The client's address, for the lockout and the rate limits. Behind reverse proxies the peer is
//! the nearest proxy, and `X-Forwarded-For` lists the hops, each proxy appending the address it
//! was reached from. Only the configured proxies are believed: the answer is the right-most hop
//! that is not a trusted proxy (whatever a client writes into the header sits left of it and is
//! never reached). IPv6 clients are grouped by their /64 — one customer's network, from which
//! an attacker could otherwise use a fresh address per attempt.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::str::FromStr;

use axum::http::HeaderMap;
use ipnet::IpNet;

/// The reverse proxies (addresses or networks) whose `X-Forwarded-For` is believed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// These networks.
    pub fn new(nets: Vec<IpNet>) -> TrustedProxies {
        TrustedProxies(nets)
    }

    /// Whether no proxy is trusted (the peer is the client).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the request came straight from a trusted proxy, whose `X-Forwarded-*`
    /// headers may then be believed.
    pub fn trusts_peer(&self, peer: SocketAddr) -> bool {
        self.trusts(canonical(peer.ip()))
    }

    /// Whether `ip` is one of the trusted proxies.
    pub fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&ip))
    }
}

/// One trusted proxy as configured: an address (`10.0.0.2`, `::1`) or a network (`10.0.0.0/8`).
pub fn parse_proxy(s: &str) -> Result<IpNet, String> {
    let s = s.trim();
    IpNet::from_str(s)
        .or_else(|_| IpAddr::from_str(s).map(IpNet::from))
        .map_err(|_| format!("`{s}` is neither an IP address nor a network like 10.0.0.0/8"))
}

/// The client's IP: the peer, or the right-most untrusted hop of `X-Forwarded-For` when the
/// peer is a trusted proxy. A hop that is not an address ends the walk at the last good one.
pub fn client_ip(headers: &HeaderMap, peer: IpAddr, proxies: &TrustedProxies) -> IpAddr {
    let mut hop = canonical(peer);
    if !proxies.trusts(hop) {
        return hop;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    for entry in hops.iter().rev() {
        let Some(ip) = parse_hop(entry.trim()) else {
            return hop;
        };
        hop = canonical(ip);
        if !proxies.trusts(hop) {
            return hop;
        }
    }
    hop
}

/// The key attempts from the client are counted under: its IPv4 address, or its IPv6 /64.
pub fn client_address(headers: &HeaderMap, peer: SocketAddr, proxies: &TrustedProxies) -> String {
    group(client_ip(headers, peer.ip(), proxies))
}

/// An IPv4 address as is; an IPv6 address as its /64 network.
pub fn group(ip: IpAddr) -> String {
    match canonical(ip) {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let network = u128::from(v6) & !((1u128 << 64) - 1);
            format!("{}/64", Ipv6Addr::from(network))
        }
    }
}

/// An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) as the IPv4 address it is.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// `192.0.2.1`, `192.0.2.1:5000`, `2001:db8::1` or `[2001:db8::1]:443`.
fn parse_hop(s: &str) -> Option<IpAddr> {
    IpAddr::from_str(s)
        .ok()
        .or_else(|| SocketAddr::from_str(s).ok().map(|a| a.ip()))
}

#[cfg(test)]
mod tests;
