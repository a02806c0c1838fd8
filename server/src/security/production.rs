//! Production mode (`ONEDOOR_PRODUCTION`): the server refuses to start with settings that are
//! fine on a developer's machine and dangerous with real residents' data.

use anyhow::bail;

use super::secret_file::open_to_others;
use crate::config::{Config, SmsSenderKind};

/// What production mode refuses in `config`, all of it; empty outside production mode.
pub fn problems(config: &Config) -> anyhow::Result<Vec<String>> {
    let mut found = Vec::new();
    if !config.production {
        return Ok(found);
    }
    if config.sms_sender == SmsSenderKind::Dev {
        found.push(
            "the development SMS sender writes residents' codes to a file: set \
             ONEDOOR_SMS_SENDER=command and ONEDOOR_SMS_COMMAND"
                .to_owned(),
        );
    }
    if config.demo_data {
        found
            .push("demo data (accounts with a published password): unset ONEDOOR_DEMO_DATA".into());
    }
    for key in [
        &config.audit_key_file,
        &config.authorization_key_file,
        &config.otp_key_file,
        &config.totp_key_file,
    ] {
        if key.exists() && open_to_others(key)? {
            found.push(format!(
                "{} may be read by others than the server's user: chmod 600 it",
                key.display()
            ));
        }
    }
    Ok(found)
}

/// Fails, naming every problem, when production mode refuses `config`.
pub fn check(config: &Config) -> anyhow::Result<()> {
    let found = problems(config)?;
    if !found.is_empty() {
        bail!(
            "refusing to start in production mode:\n- {}",
            found.join("\n- ")
        );
    }
    Ok(())
}
