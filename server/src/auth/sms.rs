//! Sending one-time codes. The development sender writes them to the log (phone masked) and,
//! in full, to an outbox file that stands in for the phone; a real provider is a command the
//! installation configures (its SMS gateway's client), which gets the message as JSON on stdin.

use std::path::PathBuf;

use anyhow::{Context, bail};
use async_trait::async_trait;
use domain::identity::mask::mask_phone;
use tokio::io::AsyncWriteExt;

/// Something that delivers a text message.
#[async_trait]
pub trait SmsSender: Send + Sync {
    /// Sends `text` to `phone`.
    async fn send(&self, phone: &str, text: &str) -> anyhow::Result<()>;
}

/// Development only: nothing is sent.
pub struct DevSender {
    /// The outbox file; it holds full numbers, as a phone's inbox would, so it lives in the
    /// data folder and never in a log.
    pub outbox: PathBuf,
}

#[async_trait]
impl SmsSender for DevSender {
    async fn send(&self, phone: &str, text: &str) -> anyhow::Result<()> {
        // The code is what a developer signing in needs; the number stays masked in the log.
        tracing::warn!(phone = %mask_phone(phone), message = %text, outbox = %self.outbox.display(),
            "DEVELOPMENT SMS — NOT SENT; the message is also in the outbox file");
        if let Some(dir) = self.outbox.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::security::secret_file::create_private_dir(dir)?;
        }
        let mut options = tokio::fs::OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        options.mode(0o600);
        let mut f = options
            .open(&self.outbox)
            .await
            .with_context(|| format!("opening {}", self.outbox.display()))?;
        let line = format!(
            "DEVELOPMENT SMS — NOT SENT\t{}\t{phone}\t{text}\n",
            crate::db::time::now()
        );
        f.write_all(line.as_bytes()).await?;
        // tokio writes in the background; flush so the line is there when we answer.
        f.flush().await?;
        Ok(())
    }
}

/// A configured program (the SMS gateway's client): `{"phone": …, "text": …}` on stdin,
/// exit status 0 when sent.
pub struct CommandSender {
    /// The program to run.
    pub program: PathBuf,
}

#[async_trait]
impl SmsSender for CommandSender {
    async fn send(&self, phone: &str, text: &str) -> anyhow::Result<()> {
        let mut child = tokio::process::Command::new(&self.program)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .with_context(|| format!("starting {}", self.program.display()))?;
        let message = serde_json::json!({ "phone": phone, "text": text }).to_string();
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(message.as_bytes()).await?;
        }
        let status = child.wait().await?;
        if !status.success() {
            bail!(
                "the SMS command failed for {} ({status})",
                mask_phone(phone)
            );
        }
        Ok(())
    }
}

/// Reads the newest code sent to `phone` from a development outbox (tests, demos).
pub fn last_dev_code(outbox: &std::path::Path, phone: &str) -> Option<String> {
    dev_codes(outbox, phone).pop()
}

/// Every code sent to `phone` in a development outbox, oldest first (tests, demos).
pub fn dev_codes(outbox: &std::path::Path, phone: &str) -> Vec<String> {
    let text = std::fs::read_to_string(outbox).unwrap_or_default();
    text.lines()
        .filter(|l| l.split('\t').nth(2) == Some(phone))
        .filter_map(|line| {
            line.split('\t')
                .nth(3)?
                .split(|c: char| !c.is_ascii_digit())
                .find(|w| w.len() == 6)
                .map(str::to_owned)
        })
        .collect()
}
