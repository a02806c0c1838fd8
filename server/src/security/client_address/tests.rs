//! The client address behind proxies: examples and properties.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use axum::http::{HeaderMap, HeaderValue};
use proptest::prelude::*;

use super::*;

fn proxies(list: &[&str]) -> TrustedProxies {
    TrustedProxies::new(list.iter().map(|p| parse_proxy(p).unwrap()).collect())
}

fn xff(values: &[&str]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for v in values {
        headers.append("x-forwarded-for", HeaderValue::from_str(v).unwrap());
    }
    headers
}

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

#[test]
fn without_trusted_proxies_the_peer_is_the_client() {
    let h = xff(&["203.0.113.9"]);
    assert_eq!(
        client_ip(&h, ip("198.51.100.7"), &TrustedProxies::default()),
        ip("198.51.100.7")
    );
    // A peer that is not a configured proxy cannot pick its address either.
    assert_eq!(
        client_ip(&h, ip("198.51.100.7"), &proxies(&["10.0.0.0/8"])),
        ip("198.51.100.7")
    );
}

#[test]
fn the_right_most_untrusted_hop_is_the_client() {
    let p = proxies(&["10.0.0.0/8", "192.0.2.1"]);
    // The client forged a first entry; the proxies appended the real one and each other.
    let h = xff(&["1.1.1.1, 203.0.113.9", "192.0.2.1"]);
    assert_eq!(client_ip(&h, ip("10.1.2.3"), &p), ip("203.0.113.9"));
    let h = xff(&["1.1.1.1, [2001:db8::5]:1234, 10.9.9.9"]);
    assert_eq!(client_ip(&h, ip("10.1.2.3"), &p), ip("2001:db8::5"));
}

#[test]
fn garbage_or_only_proxies_end_at_the_last_good_hop() {
    let p = proxies(&["10.0.0.0/8"]);
    assert_eq!(
        client_ip(&xff(&["nonsense, 10.0.0.9"]), ip("10.0.0.1"), &p),
        ip("10.0.0.9")
    );
    assert_eq!(
        client_ip(&xff(&["10.0.0.5"]), ip("10.0.0.1"), &p),
        ip("10.0.0.5")
    );
    assert_eq!(
        client_ip(&HeaderMap::new(), ip("10.0.0.1"), &p),
        ip("10.0.0.1")
    );
}

#[test]
fn ipv6_is_grouped_by_64_and_mapped_ipv4_is_ipv4() {
    assert_eq!(group(ip("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
    assert_eq!(group(ip("2001:db8:1:2:ffff::9")), "2001:db8:1:2::/64");
    assert_ne!(group(ip("2001:db8:1:3::1")), group(ip("2001:db8:1:2::1")));
    assert_eq!(group(ip("::ffff:192.0.2.1")), "192.0.2.1");
    assert_eq!(group(ip("192.0.2.1")), "192.0.2.1");
}

#[test]
fn proxies_parse_as_addresses_or_networks() {
    assert!(proxies(&["10.0.0.2"]).trusts(ip("10.0.0.2")));
    assert!(!proxies(&["10.0.0.2"]).trusts(ip("10.0.0.3")));
    assert!(proxies(&["fd00::/8"]).trusts(ip("fd12::1")));
    assert!(parse_proxy("not-an-ip").is_err());
}

#[test]
fn forwarded_headers_are_believed_only_from_a_trusted_peer() {
    let p = proxies(&["10.0.0.0/8"]);
    assert!(p.trusts_peer("10.1.1.1:4000".parse().unwrap()));
    assert!(p.trusts_peer("[::ffff:10.1.1.1]:4000".parse().unwrap()));
    assert!(!p.trusts_peer("127.0.0.1:4000".parse().unwrap()));
    assert!(!TrustedProxies::default().trusts_peer("10.1.1.1:4000".parse().unwrap()));
}

fn any_ip() -> impl Strategy<Value = IpAddr> {
    prop_oneof![
        any::<u32>().prop_map(|n| IpAddr::V4(Ipv4Addr::from(n))),
        any::<u128>().prop_map(|n| IpAddr::V6(Ipv6Addr::from(n))),
    ]
}

proptest! {
    /// Whatever a client writes into the header, the answer is the address the outermost
    /// trusted proxy was reached from.
    #[test]
    fn a_client_cannot_choose_its_address(
        forged in proptest::collection::vec("[ -~]{0,40}", 0..5),
        real in any_ip().prop_filter("not a proxy", |ip| !proxies(&["10.0.0.0/8"]).trusts(canonical(*ip))),
        inner in proptest::collection::vec(any::<u8>(), 0..3),
    ) {
        let p = proxies(&["10.0.0.0/8"]);
        let mut hops: Vec<String> = forged.iter().map(|f| f.replace(',', " ")).collect();
        hops.push(real.to_string());
        hops.extend(inner.iter().map(|n| format!("10.0.0.{n}")));
        let h = xff(&[&hops.join(", ")]);
        prop_assert_eq!(client_ip(&h, ip("10.0.0.1"), &p), canonical(real));
    }

    /// Untrusted peers are answered as themselves whatever the header says.
    #[test]
    fn an_untrusted_peer_is_itself(peer in any_ip(), header in "[ -~]{0,60}") {
        let p = proxies(&["10.0.0.0/8"]);
        prop_assume!(!p.trusts(canonical(peer)));
        prop_assert_eq!(client_ip(&xff(&[&header]), peer, &p), canonical(peer));
    }

    /// One /64 is one key; different /64s are different keys.
    #[test]
    fn one_key_per_64(a in any::<u128>(), b in any::<u128>()) {
        let (x, y) = (IpAddr::V6(Ipv6Addr::from(a)), IpAddr::V6(Ipv6Addr::from(b)));
        prop_assume!(Ipv6Addr::from(a).to_ipv4_mapped().is_none() && Ipv6Addr::from(b).to_ipv4_mapped().is_none());
        prop_assert_eq!(group(x) == group(y), a >> 64 == b >> 64);
    }
}
