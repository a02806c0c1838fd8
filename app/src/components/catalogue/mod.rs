//! The service item list (服务事项清单) from the shared `domain` catalogue, so it reads the
//! same on the phone offline as on the server.

mod service_item_list;

pub use service_item_list::ServiceItemList;

use std::sync::{OnceLock, RwLock};

use domain::catalogue::{Catalogue, CatalogueData};

/// The catalogue the server last sent (its counties' own time limits included), once one was
/// installed; leaked so that [`catalogue`] keeps answering `&'static` (a new one arrives only
/// when an admin changed something, so the leak is a few kilobytes now and then).
static FETCHED: RwLock<Option<&'static Catalogue>> = RwLock::new(None);

/// The catalogue in use: the server's, as last fetched or kept on the phone
/// ([`install`]), else the one shipped with this build (validated and encoded by `build.rs`).
pub fn catalogue() -> &'static Catalogue {
    if let Some(fetched) = FETCHED.read().ok().and_then(|f| *f) {
        return fetched;
    }
    shipped()
}

fn shipped() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        Catalogue::from_trusted_postcard(include_bytes!(concat!(
            env!("OUT_DIR"),
            "/catalogue.postcard"
        )))
        .expect("build.rs encoded the catalogue")
    })
}

/// Uses `data` (the server's catalogue, validated there) from now on; answers whether it
/// differs from the one in use. New clocks, pickers and lists read it at their next render.
pub fn install(data: CatalogueData) -> bool {
    if catalogue().data() == &data {
        return false;
    }
    let leaked: &'static Catalogue = Box::leak(Box::new(Catalogue::from_trusted_data(data)));
    if let Ok(mut f) = FETCHED.write() {
        *f = Some(leaked);
    }
    true
}
