//! Starting a real server for a test.

use server::config::Config;
use server::startup::Application;

/// A running server and where to reach it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub address: String,
    /// The database, for checks behind the API's back.
    pub db: server::db::Db,
    /// Keeps the database folder alive for the test's duration.
    _dir: TempDir,
}

/// A folder removed when dropped.
pub struct TempDir(pub std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Starts the server on a fresh SQLite database, with or without the demo data.
pub async fn spawn_app(demo_data: bool) -> TestApp {
    let dir = std::env::temp_dir().join(format!("onedoor-test-{}", uuid::Uuid::now_v7()));
    let url = format!("sqlite://{}/test.db", dir.display());
    let mut config = Config::for_tests(url);
    config.demo_data = demo_data;
    let app = Application::build(config).await.expect("server builds");
    let address = format!("http://{}", app.local_addr());
    let db = app.state.db.clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        db,
        _dir: TempDir(dir),
    }
}
