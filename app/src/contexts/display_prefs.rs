//! Display preferences (large text and high contrast for elderly users), kept in a cookie so
//! the server renders the first paint the same way and the choice survives reloads.

use leptos::prelude::*;

/// The cookie that remembers the large-text choice.
pub const LARGE_TEXT_COOKIE: &str = "od_large_text";

/// The user's display preferences.
#[derive(Clone, Copy)]
pub struct DisplayPrefs {
    /// Large text with high contrast.
    pub large_text: RwSignal<bool>,
}

/// Provides [`DisplayPrefs`] and, in the browser, keeps `<html class>` and the cookie in step
/// with them.
pub fn provide_display_prefs_context() -> DisplayPrefs {
    let prefs = DisplayPrefs {
        large_text: RwSignal::new(initial_large_text()),
    };
    provide_context(prefs);
    #[cfg(feature = "hydrate")]
    {
        // The page may come from the offline cache, rendered under an older choice: after
        // hydration, the cookie decides.
        Effect::new(move |_| {
            let saved = browser::read_cookie();
            if saved != prefs.large_text.get_untracked() {
                prefs.large_text.set(saved);
            }
        });
        Effect::new(move |_| {
            let on = prefs.large_text.get();
            browser::write_cookie(on);
            browser::apply_class(on);
        });
    }
    prefs
}

/// The display preferences provided by [`provide_display_prefs_context`].
pub fn use_display_prefs() -> DisplayPrefs {
    expect_context()
}

/// Whether the current request asked for large text (server only; `false` elsewhere).
pub fn large_text_from_request() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get_all(http::header::COOKIE)
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .flat_map(|v| v.split(';'))
                    .find_map(|pair| {
                        let (name, value) = pair.trim().split_once('=')?;
                        (name == LARGE_TEXT_COOKIE).then(|| value == "1")
                    })
            })
            .unwrap_or(false)
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

fn initial_large_text() -> bool {
    #[cfg(feature = "hydrate")]
    {
        // Start from what the server rendered, so hydration matches the HTML.
        browser::html_has_class()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        large_text_from_request()
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::LARGE_TEXT_COOKIE;
    use wasm_bindgen::JsCast;

    const CLASS: &str = "large-text";

    fn html() -> Option<web_sys::Element> {
        web_sys::window()?.document()?.document_element()
    }

    pub fn html_has_class() -> bool {
        html().is_some_and(|h| h.class_list().contains(CLASS))
    }

    pub fn apply_class(on: bool) {
        if let Some(h) = html() {
            let _ = h.class_list().toggle_with_force(CLASS, on);
        }
    }

    fn document() -> Option<web_sys::HtmlDocument> {
        web_sys::window()?.document()?.dyn_into().ok()
    }

    pub fn read_cookie() -> bool {
        document().and_then(|d| d.cookie().ok()).is_some_and(|c| {
            c.split(';')
                .any(|p| p.trim() == format!("{LARGE_TEXT_COOKIE}=1"))
        })
    }

    pub fn write_cookie(on: bool) {
        if let Some(d) = document() {
            let value = if on { "1" } else { "0" };
            let _ = d.set_cookie(&format!(
                "{LARGE_TEXT_COOKIE}={value}; Path=/; Max-Age=31536000; SameSite=Lax"
            ));
        }
    }
}
