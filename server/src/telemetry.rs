//! Logging through `tracing`. Personal data never goes into a log line unmasked: use the
//! `domain::identity` masks when a field could hold a name, ID number or phone. As a second
//! line of defence every line passes [`scrub`] on its way out, which masks anything shaped
//! like a resident ID number or a mainland mobile number (names have no shape to catch).

use std::io::Write;
use std::sync::LazyLock;

use domain::identity::{mask_id_number, mask_phone};
use regex::Regex;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

/// Installs the global subscriber; a second call (tests) is ignored.
pub fn init(filter: &str) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(ScrubbedStdout)
        .try_init();
}

static ID_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{17}[\dXx]\b").expect("valid pattern"));
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b1[3-9]\d{9}\b").expect("valid pattern"));

/// `text` with every ID-number-shaped and phone-shaped run masked.
pub fn scrub(text: &str) -> String {
    let text = ID_NUMBER.replace_all(text, |c: &regex::Captures| mask_id_number(&c[0]));
    PHONE
        .replace_all(&text, |c: &regex::Captures| mask_phone(&c[0]))
        .into_owned()
}

/// Standard output through [`scrub`]. The formatter writes each event in one call, so a
/// number is never split between two writes.
struct ScrubbedStdout;

struct ScrubbedWriter;

impl Write for ScrubbedWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = scrub(&String::from_utf8_lossy(buf));
        std::io::stdout().lock().write_all(text.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stdout().flush()
    }
}

impl<'a> MakeWriter<'a> for ScrubbedStdout {
    type Writer = ScrubbedWriter;

    fn make_writer(&'a self) -> Self::Writer {
        ScrubbedWriter
    }
}

#[cfg(test)]
mod tests {
    use super::scrub;

    #[test]
    fn id_numbers_and_phones_are_masked_wherever_they_appear() {
        let line = "push rejected id=11010519491231002X phone=13812345678 op=5";
        let out = scrub(line);
        assert!(!out.contains("11010519491231002X"));
        assert!(!out.contains("13812345678"));
        assert!(out.contains("110105********002X"), "{out}");
        assert!(out.contains("138****5678"), "{out}");
    }

    #[test]
    fn other_numbers_are_left_alone() {
        for line in [
            "seq=1234567 took 12ms",
            "uuid 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
            "cursor 123456789012345678901",
        ] {
            assert_eq!(scrub(line), line);
        }
    }
}
