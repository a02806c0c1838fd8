//! The admin pages in the API description (`/api/openapi.json`, merged there by
//! `routes::openapi`), so that `scripts/api_fuzz.sh` reaches them: each handler's own
//! annotation.

use utoipa::OpenApi;

/// The admin pages' paths (the staff pages': [`crate::pages::admin_staff::StaffApi`]).
#[derive(OpenApi)]
#[openapi(paths(
    super::index::get,
    super::places::get,
    super::places::edit,
    super::places::add_village,
    super::places_import::get,
    super::places_import::post,
    super::places_import::sample,
    super::notices::get,
    super::notices::post,
    super::catalogue::get,
    super::catalogue::set,
    super::catalogue::remove,
    super::texts::get,
    super::texts::show,
    super::texts::post,
))]
pub struct AdminApi;
