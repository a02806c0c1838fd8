//! Production safety (issue 22, point 4): production mode refuses the development SMS sender,
//! demo data and a key file others may read; keys and data files are made owner-only.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use server::config::{Config, SmsSenderKind};
use server::startup::Application;

use crate::helpers::{Backend, TempDir, fresh_database};

/// A production configuration that starts: a gateway command, no demo data, keys in `dir`.
async fn production(backend: Backend, dir: &Path) -> Option<Config> {
    let url = match backend {
        // In a folder that does not exist yet, to see it made owner-only.
        Backend::Sqlite => format!("sqlite://{}/data/onedoor.db", dir.display()),
        Backend::Postgres => fresh_database(backend, dir).await?,
    };
    let mut config = Config::for_tests(url);
    config.production = true;
    config.sms_sender = SmsSenderKind::Command;
    config.sms_command = Some("/bin/true".into());
    config.audit_key_file = dir.join("keys/audit.key");
    config.authorization_key_file = dir.join("keys/authorization.hex");
    config.otp_key_file = dir.join("keys/otp.key");
    config.attachment_dir = dir.join("attachments");
    Some(config)
}

fn temp() -> TempDir {
    let dir = std::env::temp_dir().join(format!("onedoor-prod-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

async fn refused(config: Config, why: &str) {
    let err = Application::build(config).await.err().expect("refused");
    assert!(format!("{err:#}").contains(why), "{err:#}");
}

async fn production_refuses_the_development_sms_sender_and_demo_data(backend: Backend) {
    let dir = temp();
    let Some(config) = production(backend, &dir.0).await else {
        return;
    };
    let mut dev = config.clone();
    dev.sms_sender = SmsSenderKind::Dev;
    refused(dev, "development SMS sender").await;
    let mut demo = config;
    demo.demo_data = true;
    refused(demo, "demo data").await;
}

async fn production_refuses_a_key_file_others_may_read(backend: Backend) {
    let dir = temp();
    let Some(config) = production(backend, &dir.0).await else {
        return;
    };
    std::fs::create_dir_all(dir.0.join("keys")).unwrap();
    std::fs::write(&config.otp_key_file, "00".repeat(32)).unwrap();
    std::fs::set_permissions(&config.otp_key_file, std::fs::Permissions::from_mode(0o644)).unwrap();
    refused(config.clone(), "otp.key").await;
    std::fs::set_permissions(&config.otp_key_file, std::fs::Permissions::from_mode(0o600)).unwrap();
    Application::build(config)
        .await
        .expect("starts once the key is owner-only");
}

async fn keys_and_data_files_are_created_owner_only(backend: Backend) {
    let dir = temp();
    let Some(config) = production(backend, &dir.0).await else {
        return;
    };
    let app = Application::build(config.clone()).await.expect("starts");
    for key in [&config.authorization_key_file, &config.otp_key_file] {
        assert_eq!(mode(key), 0o600, "{}", key.display());
    }
    assert_eq!(mode(&dir.0.join("keys")), 0o700);
    if backend == Backend::Sqlite {
        assert_eq!(mode(&dir.0.join("data")), 0o700);
        assert_eq!(mode(&dir.0.join("data/onedoor.db")), 0o600);
    }
    // An attachment's partial file and its folders.
    let files = &app.state.attachments;
    files.write_at("u1", 0, b"bytes").await.unwrap();
    assert_eq!(mode(&dir.0.join("attachments/partial/u1")), 0o600);
    assert_eq!(mode(&dir.0.join("attachments/partial")), 0o700);
    assert_eq!(mode(&dir.0.join("attachments")), 0o700);
}

crate::backend_tests!(
    production_refuses_the_development_sms_sender_and_demo_data,
    production_refuses_a_key_file_others_may_read,
    keys_and_data_files_are_created_owner_only,
);
