//! SQLite: one file, WAL journal so readers never wait for the writer.

use std::time::Duration;

use anyhow::Context;
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor};

/// Opens the pool, creating the database file and its folder when missing.
pub async fn connect(url: &str) -> anyhow::Result<AnyPool> {
    let (path, query) = split_url(url);
    if path != ":memory:"
        && let Some(dir) = std::path::Path::new(path).parent()
        && !dir.as_os_str().is_empty()
    {
        crate::security::secret_file::create_private_dir(dir)?;
    }
    // Created owner-only before SQLite opens it (its WAL files take the file's permissions).
    if path != ":memory:" && !std::path::Path::new(path).exists() {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options
            .open(path)
            .with_context(|| format!("creating the database file {path}"))?;
    }
    let url = match query {
        Some(q) if q.contains("mode=") => url.to_owned(),
        Some(_) => format!("{url}&mode=rwc"),
        None => format!("{url}?mode=rwc"),
    };
    AnyPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(30))
        .after_connect(|conn, _| {
            Box::pin(async move {
                // Per connection: WAL persists in the file, the rest does not.
                conn.execute(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                )
                .await?;
                Ok(())
            })
        })
        .connect(&url)
        .await
        .context("opening the SQLite database")
}

/// `sqlite://data/x.db?mode=rwc` → (`data/x.db`, `Some("mode=rwc")`).
fn split_url(url: &str) -> (&str, Option<&str>) {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    }
}

#[cfg(test)]
mod tests {
    use super::split_url;

    #[test]
    fn splits_path_and_options() {
        assert_eq!(split_url("sqlite://data/x.db"), ("data/x.db", None));
        assert_eq!(
            split_url("sqlite:///tmp/a.db?mode=ro"),
            ("/tmp/a.db", Some("mode=ro"))
        );
        assert_eq!(split_url("sqlite::memory:"), (":memory:", None));
    }
}
