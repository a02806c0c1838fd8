//! SHA-256 in Rust (the `sha2` crate): `crypto.subtle` exists only on secure origins, and a
//! township may serve the app over plain HTTP on its LAN. Pure, so tested natively.

use sha2::{Digest, Sha256};

/// A SHA-256 fed piece by piece, so a file is hashed without one copy of it all in memory.
#[derive(Default)]
pub struct Sha256Hex(Sha256);

impl Sha256Hex {
    /// Feeds the next bytes.
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// The hash as 64 lowercase hex digits: the form `domain::fieldwork::AttachmentRef`
    /// and the server's upload API take.
    pub fn finish(self) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut out = String::with_capacity(64);
        for b in self.0.finalize() {
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0xf)] as char);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::fieldwork::AttachmentRef;

    #[test]
    fn known_vectors_in_pieces_or_whole() {
        let empty = Sha256Hex::default().finish();
        assert_eq!(
            empty,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        let mut pieces = Sha256Hex::default();
        pieces.update(b"a");
        pieces.update(b"bc");
        let abc = pieces.finish();
        assert_eq!(
            abc,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(AttachmentRef::parse(&abc).is_ok());
    }
}
