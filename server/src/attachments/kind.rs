//! What a file is, by its first bytes (the `infer` crate's signatures), never by its name.

/// Images that phones and scanners make, and PDF.
pub const ALLOWED_TYPES: &[&str] = &["image/jpeg", "image/png", "image/webp", "application/pdf"];

/// The media type of `head` (the file's first bytes) when it is an allowed kind.
pub fn sniff(head: &[u8]) -> Option<&'static str> {
    let found = infer::get(head)?.mime_type();
    ALLOWED_TYPES.iter().copied().find(|t| *t == found)
}

#[cfg(test)]
mod tests {
    use super::sniff;

    #[test]
    fn allowed_kinds_are_known_by_content() {
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Some("image/jpeg")
        );
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some("image/png"));
        assert_eq!(sniff(b"%PDF-1.7\n"), Some("application/pdf"));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some("image/webp"));
    }

    #[test]
    fn anything_else_is_refused() {
        for head in [
            &b"<html><script>alert(1)</script>"[..],
            b"GIF89a\x01\0\x01\0",
            b"PK\x03\x04 a zip",
            b"MZ\x90\0 an exe",
            b"plain text that says it is a jpg",
            b"",
        ] {
            assert_eq!(sniff(head), None, "{head:?}");
        }
    }
}
