//! `onedoor`: runs the server, or one admin command. Every setting comes from a flag or an
//! environment variable (`onedoor --help`, `.env.sample`).

use clap::Parser;
use server::cli::{self, Command};
use server::config::Config;
use server::startup::Application;
use server::telemetry;

/// The command line: the server's settings, then an optional command.
#[derive(Debug, Parser)]
#[command(
    name = "onedoor",
    version,
    about = "onedoor: one-door social assistance server"
)]
struct Cli {
    #[command(flatten)]
    config: Config,
    #[command(subcommand)]
    command: Option<Command>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let Cli { config, command } = Cli::parse();
    telemetry::init(&config.log);
    match command {
        None | Some(Command::Serve) => {
            let app = Application::build(config).await?;
            app.run_until_stopped().await
        }
        Some(command) => {
            let code = cli::run(command, &config).await?;
            std::process::exit(code)
        }
    }
}
