//! Chinese / English switch. leptos_i18n keeps the choice in a cookie, so the server renders
//! the next page in it too.

use leptos::prelude::*;

use crate::i18n::{Locale, t, use_i18n};

/// Two buttons, the current language pressed.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let choose = move |locale: Locale| move |_| i18n.set_locale(locale);
    let pressed = move |locale: Locale| move || (i18n.get_locale() == locale).to_string();
    view! {
        <fieldset class="setting">
            <legend>{t!(i18n, settings.language)}</legend>
            <div class="segmented">
                <button type="button" lang="zh-CN" aria-pressed=pressed(Locale::zh_CN) on:click=choose(Locale::zh_CN)>
                    "中文"
                </button>
                <button type="button" lang="en" aria-pressed=pressed(Locale::en) on:click=choose(Locale::en)>
                    "English"
                </button>
            </div>
        </fieldset>
    }
}
