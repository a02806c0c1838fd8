//! Choosing aid items from the service item list, and the main one among them.

use domain::catalogue::AidItemCode;
use leptos::prelude::*;

use crate::components::catalogue::catalogue;
use crate::i18n::{Locale, use_i18n};

/// The item's name in the page's language.
fn item_name(locale: Locale, code: &str) -> String {
    catalogue().item(&AidItemCode(code.to_owned())).map_or_else(
        || code.to_owned(),
        |i| {
            if locale == Locale::en {
                i.name_en.clone()
            } else {
                i.name_zh.clone()
            }
        },
    )
}

/// Every catalogue item as a checkbox.
#[component]
pub fn ItemChecklist(
    /// The chosen codes.
    #[prop(into)]
    selected: Signal<Vec<String>>,
    /// Called with a code and whether it is now chosen.
    #[prop(into)]
    on_toggle: Callback<(String, bool)>,
) -> impl IntoView {
    let i18n = use_i18n();
    catalogue()
        .items()
        .iter()
        .map(|item| {
            let code = item.code.0.clone();
            let checked = {
                let code = code.clone();
                move || selected.with(|s| s.contains(&code))
            };
            let name = {
                let code = code.clone();
                move || item_name(i18n.get_locale(), &code)
            };
            let toggle = {
                let code = code.clone();
                move |ev| on_toggle.run((code.clone(), event_target_checked(&ev)))
            };
            view! {
                <label class="check">
                    <input type="checkbox" name="item" value=code prop:checked=checked on:change=toggle/>
                    {name}
                </label>
            }
        })
        .collect_view()
}

/// The main request among the chosen items, as radio buttons.
#[component]
pub fn PrimaryChoice(
    /// The chosen codes.
    #[prop(into)]
    selected: Signal<Vec<String>>,
    /// The main one.
    #[prop(into)]
    primary: Signal<String>,
    /// Called with the new main one.
    #[prop(into)]
    on_choose: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        selected
            .get()
            .into_iter()
            .map(|code| {
                let checked = {
                    let code = code.clone();
                    move || primary.with(|p| *p == code)
                };
                let choose = {
                    let code = code.clone();
                    move |_| on_choose.run(code.clone())
                };
                let name = item_name(i18n.get_locale(), &code);
                view! {
                    <label class="check">
                        <input type="radio" name="primary" value=code prop:checked=checked on:change=choose/>
                        {name}
                    </label>
                }
            })
            .collect_view()
    }
}

/// `items` with `code` chosen or not, and the main one kept among them.
pub fn toggled(items: &mut Vec<String>, primary: &mut String, code: String, on: bool) {
    items.retain(|c| *c != code);
    if on {
        items.push(code);
    }
    if !items.contains(primary) {
        *primary = items.first().cloned().unwrap_or_default();
    }
}
