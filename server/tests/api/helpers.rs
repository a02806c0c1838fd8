//! Starting a real server for a test.

use server::config::Config;
use server::startup::Application;

/// A running server and where to reach it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub address: String,
    /// The database, for checks behind the API's back.
    pub db: server::db::Db,
    /// Where the development SMS sender writes one-time codes.
    pub sms_outbox: std::path::PathBuf,
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
    config.sms_outbox = dir.join("sms-outbox.log");
    let sms_outbox = config.sms_outbox.clone();
    let app = Application::build(config).await.expect("server builds");
    let address = format!("http://{}", app.local_addr());
    let db = app.state.db.clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        db,
        sms_outbox,
        _dir: TempDir(dir),
    }
}

impl TestApp {
    /// `address` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// A client that keeps cookies, like a browser.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .expect("client builds")
    }

    /// A client signed in as the demo staff account `username`.
    pub async fn sign_in(&self, username: &str) -> reqwest::Client {
        let client = self.client();
        let res = client
            .post(self.url("/api/auth/login"))
            .json(&serde_json::json!({ "username": username, "password": server::demo::DEMO_PASSWORD }))
            .send()
            .await
            .expect("login answers");
        assert_eq!(res.status(), 200, "signing in as {username}");
        client
    }

    /// A client signed in as the resident with `phone`, through a one-time code.
    pub async fn sign_in_resident(&self, phone: &str) -> reqwest::Client {
        let client = self.client();
        let res = client
            .post(self.url("/api/auth/otp/request"))
            .json(&serde_json::json!({ "phone": phone }))
            .send()
            .await
            .expect("code request answers");
        assert_eq!(res.status(), 202);
        let code =
            server::auth::sms::last_dev_code(&self.sms_outbox, phone).expect("a code was sent");
        let res = client
            .post(self.url("/api/auth/otp/verify"))
            .json(&serde_json::json!({ "phone": phone, "code": code }))
            .send()
            .await
            .expect("verify answers");
        assert_eq!(res.status(), 200, "signing in resident");
        client
    }
}
