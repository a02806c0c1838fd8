//! The server's configuration: one struct, every field a flag and an environment variable.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;

/// Settings of one server process. See `.env.sample` for a documented example.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "ONEDOOR_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// Database URL: `sqlite://PATH` (embedded, the default) or `postgres://…`.
    #[arg(
        long,
        env = "ONEDOOR_DATABASE_URL",
        default_value = "sqlite://data/onedoor.db"
    )]
    pub database_url: String,

    /// Load the demo county, villages, households and accounts into an empty database.
    #[arg(long, env = "ONEDOOR_DEMO_DATA", default_value_t = false)]
    pub demo_data: bool,

    /// Folder with the built site (cargo-leptos output: pkg/, icons, sw.js).
    #[arg(long, env = "ONEDOOR_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Log filter in `tracing` syntax, e.g. `info,server=debug`.
    #[arg(long, env = "ONEDOOR_LOG", default_value = "info")]
    pub log: String,
}

impl Config {
    /// A configuration for tests: port 0, the given database, no site files.
    pub fn for_tests(database_url: impl Into<String>) -> Self {
        Config {
            listen: "127.0.0.1:0".parse().expect("valid address"),
            database_url: database_url.into(),
            demo_data: false,
            site_root: PathBuf::from("target/site"),
            log: "warn".into(),
        }
    }
}
