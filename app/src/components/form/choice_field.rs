//! One labelled `<select>` over fixed choices (domain codes with their labels).

use leptos::prelude::*;

/// `choices` are `(code, label)`; the value is a code.
#[component]
pub fn ChoiceField(
    /// The chosen code.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the chosen code.
    #[prop(into)]
    on_change: Callback<String>,
    /// `(code, label)` in order.
    #[prop(into)]
    choices: Signal<Vec<(String, String)>>,
    /// The field's error, if any.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// The select's `name`.
    #[prop(optional)]
    name: &'static str,
    /// Shown but not to be changed.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// The label.
    children: Children,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{children()}</span>
            <select
                name=name
                disabled=disabled
                prop:value=value
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                {move || {
                    let chosen = value.get();
                    choices
                        .get()
                        .into_iter()
                        .map(|(code, label)| {
                            let selected = code == chosen;
                            view! { <option value=code selected=selected>{label}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {move || error.get().map(|e| view! { <span class="field-error">{e}</span> })}
        </label>
    }
}
