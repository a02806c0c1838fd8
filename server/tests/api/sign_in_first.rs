//! A signed-out browser opening a staff page is sent to the sign-in page, which brings it back;
//! a program still gets the API's 401.

use reqwest::header::{ACCEPT, LOCATION};
use reqwest::redirect::Policy;

use crate::backend_tests;
use crate::helpers::{Backend, spawn_app_on};

async fn staff_pages_send_a_signed_out_browser_to_sign_in(backend: Backend) {
    let Some(app) = spawn_app_on(backend, false).await else {
        return;
    };
    let browser = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap();
    for (path, next) in [
        ("/admin", "%2Fadmin"),
        ("/admin/staff?lang=en", "%2Fadmin%2Fstaff%3Flang%3Den"),
        ("/county/dashboard", "%2Fcounty%2Fdashboard"),
    ] {
        let res = browser
            .get(app.url(path))
            .header(ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{path}");
        assert_eq!(
            res.headers()[LOCATION].to_str().unwrap(),
            format!("/signin?next={next}")
        );
        let program = browser.get(app.url(path)).send().await.unwrap();
        assert_eq!(program.status(), 401, "{path}");
    }
}

backend_tests!(staff_pages_send_a_signed_out_browser_to_sign_in);
