//! The bundle is served from the files precompressed at build time (brotli 11, gzip -9), with
//! the headers that let caches keep each encoding apart, and never compressed again on the fly.

use server::config::Config;
use server::startup::Application;

use crate::helpers::{Backend, TempDir, fresh_database};

const RAW: &[u8] = b"\0asm raw bytes of the bundle, long enough to be worth compressing on the fly";
const BR: &[u8] = b"the brotli twin written by the build";
const GZ: &[u8] = b"the gzip twin written by the build";

#[tokio::test]
async fn pkg_files_are_answered_from_their_precompressed_twins() {
    let dir = std::env::temp_dir().join(format!("onedoor-test-{}", uuid::Uuid::now_v7()));
    let pkg = dir.join("site/pkg");
    std::fs::create_dir_all(&pkg).expect("temp dir");
    let _keep = TempDir(dir.clone());
    std::fs::write(pkg.join("onedoor.abc.wasm"), RAW).unwrap();
    std::fs::write(pkg.join("onedoor.abc.wasm.br"), BR).unwrap();
    std::fs::write(pkg.join("onedoor.abc.wasm.gz"), GZ).unwrap();
    let url = fresh_database(Backend::Sqlite, &dir).await.expect("sqlite");
    let mut config = Config::for_tests(url);
    config.site_root = dir.join("site");
    config.attachment_dir = dir.join("attachments");
    config.authorization_key_file = dir.join("authorization-key.hex");
    let app = Application::build(config).await.expect("server builds");
    let address = format!("http://{}/pkg/onedoor.abc.wasm", app.local_addr());
    tokio::spawn(app.run_until_stopped());

    let client = reqwest::Client::new();
    for (accept, encoding, body) in [
        ("br", Some("br"), BR),
        ("gzip, deflate, br", Some("br"), BR),
        ("gzip", Some("gzip"), GZ),
        ("identity", None, RAW),
    ] {
        let res = client
            .get(&address)
            .header("accept-encoding", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{accept}");
        let headers = res.headers().clone();
        let header = |name: &str| headers.get(name).map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(header("content-encoding").as_deref(), encoding, "{accept}");
        assert_eq!(header("content-type").as_deref(), Some("application/wasm"));
        assert_eq!(
            header("cache-control").as_deref(),
            Some("public, max-age=31536000, immutable")
        );
        let vary: Vec<_> = headers.get_all("vary").iter().collect();
        assert_eq!(vary.len(), 1, "{accept}: one Vary, {vary:?}");
        assert!(
            vary[0]
                .to_str()
                .unwrap()
                .eq_ignore_ascii_case("accept-encoding")
        );
        assert_eq!(res.bytes().await.unwrap().as_ref(), body, "{accept}");
    }
    let missing = client
        .get(address.replace("abc", "none"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}
