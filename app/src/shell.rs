//! The HTML document around the app, rendered on the server only.

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags};

use crate::App;
use crate::contexts::display_prefs;

/// The whole page for one request. `<html>` carries the display preferences read from the
/// request's cookies, so the first paint is already in large text when the user chose it.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let html_class = if display_prefs::large_text_from_request() {
        "large-text"
    } else {
        ""
    };
    view! {
        <!DOCTYPE html>
        <html class=html_class>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <meta name="theme-color" content="#b4232a"/>
                <meta name="description" content="一门受理、协同办理：社会救助申请、帮办代办、进度查询"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="icon" href="/icons/icon-192.png" sizes="192x192" type="image/png"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}
