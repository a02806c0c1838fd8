//! The staff second factor: RFC 6238 time-based codes (30-second steps, six digits, SHA-1,
//! one step of clock drift either way: what every authenticator app speaks), computed by the
//! `totp-rs` crate. The secret is kept sealed (ChaCha20-Poly1305) under a server key that is
//! created owner-only like the one-time codes' key; the account's id is the associated data,
//! so a sealed secret copied onto another account does not open.

use std::sync::Arc;

use anyhow::Context;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use totp_rs::{Algorithm, TOTP};

/// Seconds per step.
pub const STEP: u64 = 30;
/// What authenticator apps show as the account's issuer.
pub const ISSUER: &str = "onedoor";

/// The key TOTP secrets are sealed under.
#[derive(Clone)]
pub struct TotpKey(Arc<[u8; 32]>);

impl std::fmt::Debug for TotpKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpKey(…)")
    }
}

impl TotpKey {
    /// The key from its 32 bytes.
    pub fn new(bytes: [u8; 32]) -> TotpKey {
        TotpKey(Arc::new(bytes))
    }

    fn cipher(&self) -> ChaCha20Poly1305 {
        ChaCha20Poly1305::new((&*self.0).into())
    }

    /// `secret` sealed for `user`: hex of a fresh nonce and the ciphertext.
    pub fn seal(&self, user: &str, secret: &[u8]) -> anyhow::Result<String> {
        let mut nonce = [0u8; 12];
        getrandom::fill(&mut nonce).map_err(|e| anyhow::anyhow!("random source: {e}"))?;
        let sealed = self
            .cipher()
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: secret,
                    aad: user.as_bytes(),
                },
            )
            .map_err(|_| anyhow::anyhow!("sealing a TOTP secret"))?;
        Ok(hex::encode([nonce.as_slice(), &sealed].concat()))
    }

    /// The secret [`TotpKey::seal`] sealed for `user` (an error under another key or account).
    pub fn open(&self, user: &str, sealed: &str) -> anyhow::Result<Vec<u8>> {
        let bytes = hex::decode(sealed).context("a sealed TOTP secret is not hex")?;
        anyhow::ensure!(bytes.len() > 12, "a sealed TOTP secret is too short");
        let (nonce, ciphertext) = bytes.split_at(12);
        self.cipher()
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: user.as_bytes(),
                },
            )
            .map_err(|_| anyhow::anyhow!("a TOTP secret does not open under this key"))
    }
}

/// A new random secret (160 bits, as RFC 4226 recommends).
pub fn new_secret() -> Vec<u8> {
    let mut secret = vec![0u8; 20];
    getrandom::fill(&mut secret).expect("the operating system's random source works");
    secret
}

/// The secret of a base32 text (as authenticator apps show it).
pub fn decode_base32(text: &str) -> anyhow::Result<Vec<u8>> {
    totp_rs::Secret::Encoded(text.to_owned())
        .to_bytes()
        .map_err(|e| anyhow::anyhow!("not base32: {e:?}"))
}

fn totp(secret: &[u8], account: &str) -> anyhow::Result<TOTP> {
    // The otpauth label may not hold a colon (it separates issuer and account).
    let account = account.replace(':', "_");
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        STEP,
        secret.to_vec(),
        Some(ISSUER.to_owned()),
        account,
    )
    .map_err(|e| anyhow::anyhow!("TOTP parameters: {e:?}"))
}

/// What an authenticator app needs: the base32 secret and the `otpauth://` URI.
pub fn enrolment(secret: &[u8], account: &str) -> anyhow::Result<(String, String)> {
    let t = totp(secret, account)?;
    Ok((t.get_secret_base32(), t.get_url()))
}

/// The code at Unix time `secs` (tests, the demo).
pub fn code_at(secret: &[u8], secs: u64) -> anyhow::Result<String> {
    Ok(totp(secret, "x")?.generate(secs))
}

/// The time step whose code `code` is, within one step of `now_secs` (`None`: no match).
/// The step is what makes a replay detectable: a code is taken once, for a newer step only.
pub fn matching_step(secret: &[u8], code: &str, now_secs: u64) -> anyhow::Result<Option<u64>> {
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let t = totp(secret, "x")?;
    let now = now_secs / STEP;
    let mut found = None;
    // Every candidate is compared (no early exit), in constant time per comparison.
    for step in now.saturating_sub(1)..=now + 1 {
        let expected = t.generate(step * STEP);
        if constant_eq(expected.as_bytes(), code.as_bytes()) && found.is_none() {
            found = Some(step);
        }
    }
    Ok(found)
}

/// A comparison whose time does not depend on where equal-length bytes differ (the lengths
/// are public: six digits).
fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The enrolment URI as an SVG QR code (drawn here, so no image service sees the secret).
pub fn qr_svg(uri: &str) -> anyhow::Result<String> {
    let code = qrcode::QrCode::new(uri.as_bytes()).context("drawing the QR code")?;
    Ok(code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_vector_and_drift() {
        // RFC 6238 appendix B, SHA-1: T = 59 s gives 94287082 (eight digits; six: 287082).
        let secret = b"12345678901234567890";
        assert_eq!(code_at(secret, 59).unwrap(), "287082");
        assert_eq!(matching_step(secret, "287082", 59).unwrap(), Some(1));
        assert_eq!(matching_step(secret, "287082", 89).unwrap(), Some(1));
        assert_eq!(matching_step(secret, "287082", 200).unwrap(), None);
        assert_eq!(matching_step(secret, "28708", 59).unwrap(), None);
    }

    #[test]
    fn sealed_secrets_open_only_for_their_account() {
        let key = TotpKey::new([7; 32]);
        let sealed = key.seal("a", b"secret bytes here!!!").unwrap();
        assert_eq!(key.open("a", &sealed).unwrap(), b"secret bytes here!!!");
        assert!(key.open("b", &sealed).is_err());
        assert!(TotpKey::new([8; 32]).open("a", &sealed).is_err());
    }
}
