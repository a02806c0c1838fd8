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
    /// The key file that countersigns authorizations (one per test).
    pub authorization_key_file: std::path::PathBuf,
    /// The key one-time codes are stored under.
    pub codes: server::auth::otp::CodeKey,
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

/// Which database a test runs on. Every integration test runs on both (see
/// [`backend_tests!`]); PostgreSQL comes from `ONEDOOR_TEST_POSTGRES_URL`, which
/// `scripts/test.sh` points at a throwaway server (`scripts/pg_throwaway.sh`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// A fresh SQLite file.
    Sqlite,
    /// A fresh database on the test PostgreSQL server.
    Postgres,
}

/// A URL of a fresh, empty database of `backend`, or `None` when PostgreSQL is not
/// configured and not required (a test run by hand says so and passes).
pub async fn fresh_database(backend: Backend, dir: &std::path::Path) -> Option<String> {
    match backend {
        Backend::Sqlite => Some(format!("sqlite://{}/test.db", dir.display())),
        Backend::Postgres => {
            let Ok(base) = std::env::var("ONEDOOR_TEST_POSTGRES_URL") else {
                assert!(
                    std::env::var("ONEDOOR_REQUIRE_POSTGRES").is_err(),
                    "ONEDOOR_TEST_POSTGRES_URL is not set; scripts/test.sh starts a throwaway PostgreSQL"
                );
                eprintln!(
                    "skipped on PostgreSQL: set ONEDOOR_TEST_POSTGRES_URL (scripts/pg_throwaway.sh start)"
                );
                return None;
            };
            let name = format!("t_{}", uuid::Uuid::now_v7().simple());
            let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&base)
                .await
                .expect("test PostgreSQL reachable");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut admin)
                .await
                .expect("create test database");
            let (server, _) = base.rsplit_once('/').expect("URL ends in a database name");
            Some(format!("{server}/{name}"))
        }
    }
}

/// Starts the server on a fresh database of `backend`; `None` when that backend is not
/// available to a test run by hand.
pub async fn spawn_app_on(backend: Backend, demo_data: bool) -> Option<TestApp> {
    spawn_app_with(backend, demo_data, |_| {}).await
}

/// [`spawn_app_on`] with the configuration changed by `configure` first.
pub async fn spawn_app_with(
    backend: Backend,
    demo_data: bool,
    configure: impl FnOnce(&mut Config),
) -> Option<TestApp> {
    let dir = std::env::temp_dir().join(format!("onedoor-test-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = fresh_database(backend, &dir).await?;
    let mut config = Config::for_tests(url);
    config.demo_data = demo_data;
    config.sms_outbox = dir.join("sms-outbox.log");
    config.attachment_dir = dir.join("attachments");
    config.authorization_key_file = dir.join("authorization-key.hex");
    config.otp_key_file = dir.join("otp-hmac.key");
    config.totp_key_file = dir.join("totp-secrets.key");
    configure(&mut config);
    let sms_outbox = config.sms_outbox.clone();
    let authorization_key_file = config.authorization_key_file.clone();
    let app = Application::build(config).await.expect("server builds");
    let address = format!("http://{}", app.local_addr());
    let db = app.state.db.clone();
    let codes = app.state.auth.codes.clone();
    tokio::spawn(app.run_until_stopped());
    Some(TestApp {
        address,
        db,
        sms_outbox,
        authorization_key_file,
        codes,
        _dir: TempDir(dir),
    })
}

/// Runs each named `async fn(Backend)` test on SQLite and on PostgreSQL:
/// `backend_tests!(a, b)` makes `a::sqlite`, `a::postgres`, `b::sqlite`, …
#[macro_export]
macro_rules! backend_tests {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                #[tokio::test]
                async fn sqlite() {
                    super::$name($crate::helpers::Backend::Sqlite).await
                }
                #[tokio::test]
                async fn postgres() {
                    super::$name($crate::helpers::Backend::Postgres).await
                }
            }
        )+
    };
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

    /// A client signed in as the demo staff account `username` (with the demo's second
    /// factor for `admin` and `supervisor`).
    pub async fn sign_in(&self, username: &str) -> reqwest::Client {
        let client = self.client();
        let res = client
            .post(self.url("/api/auth/login"))
            .json(&serde_json::json!({ "username": username, "password": server::demo::DEMO_PASSWORD }))
            .send()
            .await
            .expect("login answers");
        if res.status() == 202 {
            let code = self.demo_totp_code(username).await;
            let res = client
                .post(self.url("/api/auth/totp"))
                .json(&serde_json::json!({ "code": code }))
                .send()
                .await
                .expect("totp answers");
            assert_eq!(res.status(), 200, "second factor of {username}");
            return client;
        }
        assert_eq!(res.status(), 200, "signing in as {username}");
        client
    }

    /// The demo second factor's current code for `username`, made usable again: a code is
    /// taken once per 30-second step, and tests sign the same account in many times a step.
    pub async fn demo_totp_code(&self, username: &str) -> String {
        let mut tx = self.db.begin_write().await.expect("write");
        sqlx::query(
            "UPDATE staff_totp SET last_step = NULL WHERE user_id = \
             (SELECT id FROM users WHERE username = $1)",
        )
        .bind(username)
        .execute(&mut *tx)
        .await
        .expect("reset last step");
        tx.commit().await.expect("commit");
        server::demo::totp::current_code().expect("demo code")
    }

    /// A client signed in as the resident with `phone`, through a one-time code.
    pub async fn sign_in_resident(&self, phone: &str) -> reqwest::Client {
        let client = self.client();
        let code = self.request_code(phone).await;
        let res = client
            .post(self.url("/api/auth/otp/verify"))
            .json(&serde_json::json!({ "phone": phone, "code": code }))
            .send()
            .await
            .expect("verify answers");
        assert_eq!(res.status(), 200, "signing in resident");
        client
    }

    /// Asks for a one-time code for `phone` and waits for it in the development outbox (it
    /// is sent after the answer).
    pub async fn request_code(&self, phone: &str) -> String {
        let sent = || server::auth::sms::dev_codes(&self.sms_outbox, phone);
        let before = sent().len();
        let res = self
            .client()
            .post(self.url("/api/auth/otp/request"))
            .json(&serde_json::json!({ "phone": phone }))
            .send()
            .await
            .expect("code request answers");
        assert_eq!(res.status(), 202, "requesting a code");
        for _ in 0..100 {
            if let Some(code) = sent().get(before) {
                return code.clone();
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("no code reached the outbox");
    }
}
