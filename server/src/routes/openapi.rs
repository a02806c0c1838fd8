//! `GET /api/openapi.json`: the HTTP API described by OpenAPI 3.1, generated from the
//! handlers' annotations and the wire types (utoipa), so it cannot drift from the code.

use axum::Json;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{account, attachments, auth, authorizations, health, places, reference, sync};

/// The API.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "onedoor",
        description = "一门受理、协同办理：社会救助申请、帮办代办的服务器接口。Sign in first \
                       (`/api/auth/login` or the one-time code); the session travels in the \
                       `__Host-od_session` cookie. State-changing requests from other sites are \
                       refused."
    ),
    paths(
        health::get,
        auth::login::post,
        auth::logout::post,
        auth::me::get,
        auth::otp_request::post,
        auth::otp_verify::post,
        auth::totp_step::post,
        account::password::post,
        account::totp::enrol,
        account::totp::confirm,
        account::totp::disable,
        sync::push::post,
        sync::pull::get,
        sync::case_status::get,
        sync::case_messages::get,
        reference::catalogue_get::get,
        reference::calendar_get::get,
        reference::notice_post::post,
        reference::notices_get::get,
        places::get,
        attachments::begin,
        attachments::status,
        attachments::put_chunk,
        attachments::fetch,
        authorizations::keys::get,
        authorizations::text::get,
        authorizations::settings::get,
        authorizations::text::post,
        authorizations::verify::get,
        authorizations::qr::get,
        authorizations::evidence::get,
        authorizations::identity_code::send,
        authorizations::identity_code::confirm,
        crate::pages::dashboard::get,
        get,
        crate::pages::county::helper_report::get,
        crate::pages::county::roster::get,
        crate::pages::county::certification::get,
        crate::pages::county::submit::post,
        crate::pages::checks::get_checks,
        crate::pages::checks::follow_up::post,
        crate::pages::registry::get_registry,
        crate::pages::registry::reviews::get,
        crate::pages::registry::reviews::post,
        crate::pages::registry::import::get,
        crate::pages::registry::import::post,
        crate::pages::registry::import::sample,
        crate::pages::resident::supplement::post,
        crate::pages::resident::help::post,
        crate::pages::resident::certify::post,
        crate::pages::resident::consent::post,
        crate::pages::resident::apply::steps::items,
        crate::pages::resident::apply::steps::photos,
        crate::pages::resident::apply::submit::post,
        crate::pages::resident::apply::sign::code,
        crate::pages::resident::apply::sign::sign,
        crate::pages::resident::apply::sign::link,
        crate::pages::resident::apply::capacity::post,
    ),
    modifiers(&SessionCookie, &AdminPages),
    tags(
        (name = "auth", description = "Sign-in and sessions"),
        (name = "account", description = "One's own password and second factor"),
        (name = "sync", description = "The phones' exactly-once push and resumable pull"),
        (name = "attachments", description = "Photos, signatures and PDFs by SHA-256, resumable"),
        (name = "authorizations", description = "The verification authorization (核对授权): published keys, text, public verification, QR code, protected evidence"),
        (name = "reference", description = "Service items, the working-day calendar and places"),
        (name = "reports", description = "The county's helper report and roster (A4 pages, XLSX, CSV)"),
        (name = "health", description = "For load balancers"),
        (name = "pages", description = "Server-rendered desk pages (HTML)"),
        (name = "admin", description = "The administrator's pages (HTML): jurisdiction, staff, imports, notices, catalogue"),
    )
)]
pub struct ApiDoc;

struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::auth::SESSION_COOKIE,
            ))),
        );
    }
}

/// The admin pages, described next to their handlers in modules of their own.
struct AdminPages;

impl Modify for AdminPages {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        openapi.merge(crate::pages::admin::api_doc::AdminApi::openapi());
        openapi.merge(crate::pages::admin_staff::StaffApi::openapi());
    }
}

/// The document.
#[utoipa::path(get, path = "/api/openapi.json", tag = "health",
    responses((status = 200, description = "This document", body = Object)))]
pub async fn get() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
