//! The public pages' frame: the language (Chinese first; English from `?lang=en` or the app's
//! language cookie), the top bar with the language switch and the "读给我听" button, and the
//! footer's links. Every value is escaped by the caller with [`escape`].

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum_extra::extract::CookieJar;

pub use crate::pages::html::escape;

/// The cookie in which the app (leptos_i18n) keeps the chosen language.
const LANGUAGE_COOKIE: &str = "i18n_pref_locale";

/// The page's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// 中文 (the default).
    Zh,
    /// English.
    En,
}

impl Lang {
    /// `?lang=` when given (`en`, anything else Chinese), else the app's cookie, else Chinese.
    pub fn choose(query: Option<&str>, cookies: &CookieJar) -> Lang {
        let chosen = query
            .map(str::to_owned)
            .or_else(|| cookies.get(LANGUAGE_COOKIE).map(|c| c.value().to_owned()));
        match chosen.as_deref() {
            Some(l) if l.eq_ignore_ascii_case("en") || l.starts_with("en-") => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// The text in this language.
    pub fn t<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// What links append to keep the language: `lang=en`, or nothing for Chinese.
    pub fn query(self) -> &'static str {
        match self {
            Lang::Zh => "",
            Lang::En => "lang=en",
        }
    }

    /// `path` with the language kept (`path` may already carry a query).
    pub fn link(self, path: &str) -> String {
        match self {
            Lang::Zh => path.to_owned(),
            Lang::En if path.contains('?') => format!("{path}&lang=en"),
            Lang::En => format!("{path}?lang=en"),
        }
    }
}

/// A whole public page. Its referrer policy is `same-origin` (the server's header says
/// `no-referrer`): under `no-referrer` a browser sends `Origin: null` with a form's POST, which
/// the cross-site check rightly refuses; `same-origin` still sends nothing to other sites. `here` is the path (with its query, without `lang`) the language
/// switch links back to.
pub fn page(lang: Lang, title: &str, here: &str, body: &str) -> String {
    let privacy = lang.t(
        "本页不用登录。个人信息都做了遮盖。",
        "No sign-in needed. Personal data is shown masked.",
    );
    page_with_note(lang, title, here, body, privacy)
}

/// [`page`] with another footer note than "no sign-in needed" (the signed-in resident's pages).
pub fn page_with_note(lang: Lang, title: &str, here: &str, body: &str, privacy: &str) -> String {
    let (other, other_name) = match lang {
        Lang::Zh => (Lang::En, "<span lang=\"en\">English</span>"),
        Lang::En => (Lang::Zh, "<span lang=\"zh-CN\">中文</span>"),
    };
    format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"referrer\" content=\"same-origin\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"{css}\">\
         <link rel=\"manifest\" href=\"{manifest}\">\
         <script src=\"{js}\" defer></script></head><body>\
         <header class=\"top\"><a class=\"brand\" href=\"{home}\">{brand}</a>\
         <nav class=\"tools\" aria-label=\"{tools}\"><a href=\"{switch}\">{other_name}</a>\
         <button type=\"button\" id=\"speak\" class=\"speak\" hidden>{speak}</button>\
         <button type=\"button\" id=\"install\" class=\"speak\" hidden>{install}</button></nav></header>\
         <main id=\"main\">{body}</main>\
         <footer class=\"foot\"><nav aria-label=\"{more}\"><ul class=\"plain\">\
         <li><a href=\"{items}\">{items_name}</a></li><li><a href=\"{track}\">{track_name}</a></li>\
         </ul></nav><p>{privacy}</p></footer></body></html>",
        code = lang.code(),
        title = escape(title),
        css = super::STYLESHEET,
        js = super::SCRIPT,
        home = escape(&lang.link("/public/items")),
        brand = lang.t("社会救助 一门受理", "Social assistance"),
        tools = lang.t("语言和朗读", "Language and reading aloud"),
        switch = escape(&other.link(here)),
        speak = lang.t("读给我听", "Read aloud"),
        install = lang.t("放到手机桌面", "Add to home screen"),
        manifest = super::MANIFEST,
        more = lang.t("更多", "More"),
        items = escape(&lang.link("/public/items")),
        items_name = lang.t("救助事项和办事指南", "Aid items and how to apply"),
        track = escape(&lang.link("/track")),
        track_name = lang.t("查询办理进度", "Track an application"),
        privacy = escape(privacy),
    )
}

/// The page as an answer with `status`, never stored by a cache when `private` (a tracked
/// case's timeline).
pub fn respond(status: StatusCode, html: String, private: bool) -> Response {
    let mut res = (status, Html(html)).into_response();
    let cache = if private { "no-store" } else { "no-cache" };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    res
}

/// The language of a request: `?lang=` or the cookie.
pub fn lang_of(query: Option<&str>, headers: &HeaderMap) -> Lang {
    Lang::choose(query, &CookieJar::from_headers(headers))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_from_the_query_or_the_cookie() {
        let mut headers = HeaderMap::new();
        assert_eq!(lang_of(None, &headers), Lang::Zh);
        assert_eq!(lang_of(Some("en"), &headers), Lang::En);
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("i18n_pref_locale=en"),
        );
        assert_eq!(lang_of(None, &headers), Lang::En);
        assert_eq!(lang_of(Some("zh"), &headers), Lang::Zh);
        assert_eq!(Lang::En.link("/track?case=A"), "/track?case=A&lang=en");
    }
}
