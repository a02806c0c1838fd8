//! Random secrets and their stored hashes: the database never holds a usable token or code.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// 256 random bits, URL-safe text.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The stored form of a token or code.
pub fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// A uniformly random number below `bound` (rejection sampling, no modulo bias).
pub fn random_below(bound: u32) -> u32 {
    let zone = u32::MAX - u32::MAX % bound;
    loop {
        let mut b = [0u8; 4];
        getrandom::fill(&mut b).expect("the operating system's random source works");
        let n = u32::from_le_bytes(b);
        if n < zone {
            return n % bound;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_distinct_and_hashes_stable() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(hash(&a), hash(&a));
        assert_ne!(hash(&a), hash(&b));
        assert!((0..1000).all(|_| random_below(1_000_000) < 1_000_000));
    }
}
