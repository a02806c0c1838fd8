//! The admin command line: `onedoor <command>`. Without a command the server runs.
//!
//! Each area adds one variant here and its own file (`cli/<area>.rs`); every command works on
//! the database of the same configuration the server uses.

mod audit;
mod authorization;
mod import;
mod user;

use clap::Subcommand;

use crate::config::Config;
use crate::db::Db;

/// What `onedoor` was asked to do.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Run the server (the default).
    Serve,
    /// Connect to the database, run pending migrations, and say which backend it is.
    Migrate,
    /// Accounts: create, reset a password, disable, enable.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Import the jurisdiction tree or the staff roster from CSV.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// The audit chain: verify it, export its head signed.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Verification authorizations: rotate the countersigning key.
    #[command(subcommand)]
    Authorization(authorization::AuthorizationCommand),
    /// Print the demo `admin` and `supervisor` accounts' current second-factor code (demo only:
    /// their secret is published in the README).
    DemoTotp,
}

/// Runs a command that is not `serve`. Answers the process exit code.
pub async fn run(command: Command, config: &Config) -> anyhow::Result<i32> {
    if let Command::DemoTotp = command {
        println!("{}", crate::demo::totp::current_code()?);
        return Ok(0);
    }
    let db = Db::connect_and_migrate(&config.database_url).await?;
    match command {
        Command::Serve => unreachable!("serve is handled by main"),
        Command::Migrate => {
            println!("{} database is migrated", db.backend());
            Ok(0)
        }
        Command::User(c) => user::run(&db, c).await,
        Command::Import(c) => import::run(&db, c).await,
        Command::Audit(c) => audit::run(&db, config, c).await,
        Command::Authorization(c) => authorization::run(&db, config, c).await,
        Command::DemoTotp => unreachable!("answered above without a database"),
    }
}
