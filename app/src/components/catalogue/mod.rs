//! The service item list (服务事项清单) from the shared `domain` catalogue, so it reads the
//! same on the phone offline as on the server.

mod service_item_list;

pub use service_item_list::ServiceItemList;

use std::sync::OnceLock;

use domain::catalogue::Catalogue;

/// The catalogue shipped with this build (validated and encoded by `build.rs`), decoded once.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        Catalogue::from_trusted_postcard(include_bytes!(concat!(
            env!("OUT_DIR"),
            "/catalogue.postcard"
        )))
        .expect("build.rs encoded the catalogue")
    })
}
