//! `onedoor`: runs the server. Every setting comes from a flag or an environment variable
//! (`onedoor --help`, `.env.sample`).

use clap::Parser;
use server::config::Config;
use server::startup::Application;
use server::telemetry;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::parse();
    telemetry::init(&config.log);
    let app = Application::build(config).await?;
    app.run_until_stopped().await
}
