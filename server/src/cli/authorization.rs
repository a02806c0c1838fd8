//! `onedoor authorization …`: the countersigning key.

use clap::Subcommand;

use crate::authorization::rotate::rotate_key;
use crate::config::Config;
use crate::db::Db;

/// Authorization commands.
#[derive(Debug, Clone, Subcommand)]
pub enum AuthorizationCommand {
    /// Retire the countersigning key (it stays published, so old authorizations keep
    /// verifying), move its file aside as `<file>.retired-<time>`, and make a new one. Stop
    /// the server first and start it again after.
    RotateKey,
}

/// Runs an authorization command.
pub async fn run(db: &Db, config: &Config, command: AuthorizationCommand) -> anyhow::Result<i32> {
    match command {
        AuthorizationCommand::RotateKey => {
            let done = rotate_key(db, &config.authorization_key_file, chrono::Utc::now()).await?;
            if let Some((id, file)) = &done.retired {
                println!("retired key {id} (file kept at {})", file.display());
            }
            println!(
                "new authorization key {} in {}; restart the server to use it",
                done.key_id,
                config.authorization_key_file.display()
            );
            Ok(0)
        }
    }
}
