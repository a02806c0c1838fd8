//! The API description is served and covers every route. (That no request it allows makes the
//! server answer 5xx is checked by schemathesis against a running server: scripts/api_fuzz.sh.)

use crate::backend_tests;
use crate::helpers::{Backend, spawn_app_on};

async fn the_openapi_document_describes_every_route(backend: Backend) {
    let Some(app) = spawn_app_on(backend, false).await else {
        return;
    };
    let res = app
        .client()
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let doc: serde_json::Value = res.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/healthz", "get"),
        ("/api/auth/login", "post"),
        ("/api/auth/logout", "post"),
        ("/api/auth/me", "get"),
        ("/api/auth/otp/request", "post"),
        ("/api/auth/otp/verify", "post"),
        ("/api/sync/v1/push", "post"),
        ("/api/sync/v1/pull", "get"),
        ("/api/sync/v1/cases/{id}/status", "get"),
        ("/api/catalogue", "get"),
        ("/api/calendar", "get"),
        ("/api/admin/calendar/notices", "post"),
        ("/api/attachments/v1/uploads", "post"),
        ("/api/attachments/v1/uploads/{id}", "get"),
        ("/api/attachments/v1/uploads/{id}", "put"),
        ("/api/attachments/v1/{sha256}", "get"),
        ("/api/openapi.json", "get"),
        ("/county/helper-report", "get"),
        ("/county/helper-report/submit", "post"),
        ("/county/helper-roster", "get"),
        ("/admin", "get"),
        ("/admin/places", "get"),
        ("/admin/places/{code}", "post"),
        ("/admin/places/{code}/villages", "post"),
        ("/admin/places/import", "get"),
        ("/admin/places/import", "post"),
        ("/admin/places/import/sample.csv", "get"),
        ("/admin/notices", "get"),
        ("/admin/notices", "post"),
        ("/admin/catalogue", "get"),
        ("/admin/staff", "get"),
        ("/admin/staff/new", "post"),
        ("/admin/staff/import", "post"),
        ("/admin/staff/{id}", "post"),
        ("/admin/staff/{id}/reset-password", "post"),
    ] {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} is described"
        );
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for name in [
        "PushRequest",
        "OpBody",
        "Outcome",
        "PullResponse",
        "UploadState",
    ] {
        assert!(schemas.contains_key(name), "schema {name}");
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["session"]["in"],
        "cookie"
    );
}

backend_tests!(the_openapi_document_describes_every_route);
