//! The admin pages in the API description (`/api/openapi.json`, merged there by
//! `routes::openapi`), so that `scripts/api_fuzz.sh` reaches them: each handler's own
//! annotation, and the catalogue's here (its page is kept by another change).

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
    catalogue,
))]
pub struct AdminApi;

/// The aid catalogue with its local time limits and their sources, read-only
/// (`super::catalogue::get`).
#[utoipa::path(get, path = "/admin/catalogue", tag = "admin",
    params(("lang" = Option<String>, Query, description = "`en` for English")),
    responses(
        (status = 200, description = "The catalogue (HTML)", content_type = "text/html"),
        (status = 401, description = "Not signed in", body = crate::error::ErrorBody),
        (status = 404, description = "Not the admin", body = crate::error::ErrorBody),
    ),
    security(("session" = [])))]
#[allow(dead_code)]
fn catalogue() {}
